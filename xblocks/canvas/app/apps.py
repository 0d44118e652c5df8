"""Django app of the canvas block: the learner's versioned draft, the trainer's review, activity.

Registered as an Open edX plugin for the LMS and Studio (the block runs in both, and Studio would
fail to import the models of an app missing from INSTALLED_APPS).
"""
from django.apps import AppConfig


class CanvasAppConfig(AppConfig):
    name = "xblocks.canvas.app"
    label = "sirius_canvas"
    verbose_name = "Sirius canvas"
    default_auto_field = "django.db.models.BigAutoField"

    # edx-django-utils reads this class attribute. One receiver erases a retired learner's texts in
    # every Sirius block (xblocks.common.retirement); no URLs or settings of our own.
    plugin_app = {
        "signals_config": {
            "lms.djangoapp": {
                "relative_path": "signals",
                "receivers": [{
                    "receiver_func_name": "erase_retired_learner",
                    "signal_path": "openedx.core.djangoapps.user_api.accounts.signals.USER_RETIRE_LMS_CRITICAL",
                    "dispatch_uid": "sirius_xblocks.erase_retired_learner",
                }],
            },
        },
    }
