"""Django app of the peer-review block: allocation, assessments, grades.

Registered as an Open edX plugin for the LMS and Studio (the block runs in both, and Studio would
fail to import the models of an app missing from INSTALLED_APPS).
"""
from django.apps import AppConfig


class PeerReviewAppConfig(AppConfig):
    name = "xblocks.peer_review.app"
    label = "sirius_peer_review"
    verbose_name = "Sirius peer review"
    default_auto_field = "django.db.models.BigAutoField"

    # edx-django-utils reads this class attribute; no URLs or settings of our own. A retired
    # learner's texts here are erased by the one receiver the canvas app connects
    # (xblocks.common.retirement.erase_retired_learner calls api.erase_learner_data).
    plugin_app = {}
