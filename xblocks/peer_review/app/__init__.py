"""peer_review/app"""
