"""What other blocks may read from the canvas block (the peer-review block, mainly).

Only plain functions taking and returning plain data; edx-submissions is imported lazily,
so importing this module never touches the database.

A *snapshot* (see ``xblocks.canvas.export``) is::

    {"format": 1, "template": "bmc", "responsible_layer": False,
     "sections": [{"key": "customer_segments", "title": "Segments de clients", "layer": "economic",
                   "items": [{"id": "n1", "text": "...", "colour": "blue", "tag": "..."}]}],
     "submitted_at": "2026-11-26T20:00:00+00:00", "submission_uuid": "..."}

Titles are in the language the learner used when submitting. Note texts are learner text:
escape them wherever they are shown (``render_canvas_text`` returns plain text, not HTML).
"""
from .export import render_canvas_text  # noqa: F401  (part of this module's API)

ITEM_TYPE = "sirius_canvas"


def latest_submitted_canvas(course_id, anonymous_id, usage_id):
    """The learner's most recently submitted canvas for one canvas block, or None.

    ``course_id``: the course key as a string; ``anonymous_id``: the learner's per-course
    anonymous id; ``usage_id``: the full usage key of the canvas block, as a string
    (``str(block.scope_ids.usage_id)``). The caller decides who may see it.
    """
    from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel

    student_item = {"student_id": anonymous_id, "course_id": course_id,
                    "item_id": usage_id, "item_type": ITEM_TYPE}
    try:
        submissions = submissions_api.get_submissions(student_item, limit=1)
    except submissions_api.SubmissionError:
        return None
    if not submissions:
        return None
    return snapshot_of(submissions[0])


def snapshot_of(submission):
    """The snapshot stored in one edx-submissions submission dict, with its time and uuid."""
    answer = submission.get("answer")
    if not isinstance(answer, dict) or not isinstance(answer.get("sections"), list):
        return None
    snapshot = dict(answer)
    submitted_at = submission.get("submitted_at") or submission.get("created_at")
    snapshot["submitted_at"] = submitted_at.isoformat() if hasattr(submitted_at, "isoformat") else str(submitted_at or "")
    snapshot["submission_uuid"] = str(submission.get("uuid", ""))
    return snapshot
