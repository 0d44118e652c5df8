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

    # edx-django-utils reads this class attribute; no URLs or settings of our own are needed.
    plugin_app = {
        "signals_config": {
            "lms.djangoapp": {
                "relative_path": "signals",
                "receivers": [{
                    "receiver_func_name": "erase_retired_learner",
                    "signal_path": "openedx.core.djangoapps.user_api.accounts.signals.USER_RETIRE_LMS_CRITICAL",
                    "dispatch_uid": "sirius_peer_review.erase_retired_learner",
                }],
            },
        },
    }
