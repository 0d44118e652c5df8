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

    # edx-django-utils reads this class attribute; no URLs, settings or signals of our own.
    plugin_app = {}
