"""Typed errors of the peer-review API.

Each carries an English source ``message`` (marked for extraction) with ``%(name)s`` placeholders
filled from ``params``, and the ``field`` at fault, so the block can answer with a translated,
precise error. An error means the call changed nothing.
"""
from xblocks.common.errors import DomainError
from xblocks.common.i18n import N_


class PeerReviewError(DomainError):
    """Any refusal of this app's API."""


class InvalidInput(PeerReviewError):
    """The caller sent something the rubric or the rules do not allow."""


class NotFound(PeerReviewError):
    status = 404
    default_message = N_("This review or submission does not exist.")


class NotAllowed(PeerReviewError):
    status = 403
    default_message = N_("You are not allowed to do this.")


class StaleLease(PeerReviewError):
    status = 409
    default_message = N_("This review was given to someone else after your time ran out. "
                         "Your draft is kept; ask for another piece of work to review.")


class NotSubmitted(PeerReviewError):
    status = 409
    default_message = N_("Submit your own work for review first.")
