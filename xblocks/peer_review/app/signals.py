"""Receivers connected by the Open edX plugin system (see apps.py ``plugin_app``)."""
import logging

log = logging.getLogger(__name__)


def erase_retired_learner(sender, user=None, **kwargs):  # pylint: disable=unused-argument
    """On USER_RETIRE_LMS_CRITICAL: erase the learner's texts in peer review.

    The platform sends this with ``.send`` (not ``send_robust``): a raise here would fail the
    retirement step, so errors are logged and swallowed, and the work is idempotent.
    """
    try:
        # LMS only; never imported when the block loads.
        from common.djangoapps.student.models import AnonymousUserId  # pylint: disable=import-outside-toplevel
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        anonymous_ids = list(AnonymousUserId.objects.filter(user=user)
                             .values_list("anonymous_user_id", flat=True))
        api.erase_learner_data(anonymous_ids)
    except Exception:  # pylint: disable=broad-except
        log.exception("sirius_peer_review: could not erase the data of a retired learner")
