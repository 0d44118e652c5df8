"""Erasing a retired learner's texts in every Sirius block (GDPR; many learners are refugees).

Open edX sends USER_RETIRE_LMS_CRITICAL when the operator's retirement pipeline runs; nothing in
edx-submissions or the platform erases what a third-party block stored, so we do it here, once for
all our blocks. Scores stay (the gradebook keeps them); texts and identities go. Idempotent.
"""
import logging

from . import compat

log = logging.getLogger(__name__)
ERASED_ANSWER = {"erased": True}
# The edx-submissions item types whose answers hold what a learner wrote or entered.
ITEM_TYPES = ("sirius_canvas", "sirius_footprint", "sirius_peer_review")


def erase_submission_answers(anonymous_ids, item_types=ITEM_TYPES):
    """Replace the stored answers of these learners in our blocks' submissions; returns how many."""
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel
    from submissions.models import Submission  # pylint: disable=import-outside-toplevel

    rows = Submission.objects.filter(student_item__student_id__in=anonymous_ids,
                                     student_item__item_type__in=item_types)
    uuids = list(rows.values_list("uuid", flat=True))
    erased = Submission.objects.filter(uuid__in=uuids).update(answer=ERASED_ANSWER)
    cache.delete_many([Submission.get_cache_key(uuid) for uuid in uuids])
    return erased


def erase_learner(anonymous_ids):
    """Everything our blocks hold of these learners: canvas drafts and reviews, peer-review texts,
    and the answers of every submission they made."""
    from xblocks.canvas.app import api as canvas_api  # pylint: disable=import-outside-toplevel
    from xblocks.peer_review.app import api as peer_review_api  # pylint: disable=import-outside-toplevel

    anonymous_ids = [value for value in anonymous_ids if value]
    if not anonymous_ids:
        return {}
    report = {"canvas": canvas_api.erase_learner_data(anonymous_ids),
              "peer_review": peer_review_api.erase_learner_data(anonymous_ids)}
    report["submissions_erased"] = erase_submission_answers(anonymous_ids)
    return report


def erase_retired_learner(sender, user=None, **kwargs):  # pylint: disable=unused-argument
    """Receiver of USER_RETIRE_LMS_CRITICAL (connected by the canvas app's plugin_app).

    The platform sends it with `.send`, not `.send_robust`: a raise here would fail the retirement
    step, so errors are logged and swallowed."""
    try:
        erase_learner(compat.anonymous_ids_of_user(user))
    except Exception:  # pylint: disable=broad-except
        log.exception("sirius-xblocks: could not erase the data of a retired learner")
