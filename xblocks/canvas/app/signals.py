"""Receivers connected by the Open edX plugin system (see apps.py `plugin_app`)."""
from xblocks.common.retirement import erase_retired_learner  # noqa: F401  (named in plugin_app)
