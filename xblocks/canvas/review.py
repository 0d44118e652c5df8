"""The trainer's review of a learner's canvas, and the learner activity a trainer follows.

Two separate records per learner, so that a learner's autosave never rewrites what a trainer
wrote (both are stored by ``xblocks.canvas.app``, each write touching only its own columns):

* activity (written by the learner's own requests): ``{"last_activity": "<iso>", "submitted_at": "<iso>"}``
* review (written by trainers): ``{"status": "needs_changes", "status_at": "<iso>",
  "comments": {"<section key>": {"text": "...", "at": "<iso>"}}}``

The status a learner and the cohort list show is derived from both: a submission newer than the
trainer's status puts the canvas back to "submitted". Functions here never mutate their input.
"""
from datetime import datetime

from .messages import CanvasError, N_
from .model import CONTROL_CHARACTERS

STATUS_DRAFT = "draft"
STATUS_SUBMITTED = "submitted"
STATUS_NEEDS_CHANGES = "needs_changes"
STATUS_APPROVED = "approved"
STATUSES = (STATUS_DRAFT, STATUS_SUBMITTED, STATUS_NEEDS_CHANGES, STATUS_APPROVED)
STATUS_LABELS = {
    STATUS_DRAFT: N_("Draft"),
    STATUS_SUBMITTED: N_("Submitted"),
    STATUS_NEEDS_CHANGES: N_("Needs changes"),
    STATUS_APPROVED: N_("Approved"),
}
MAX_COMMENT_CHARS = 1000


def _review(review):
    review = dict(review or {})
    review["comments"] = dict(review.get("comments") or {})
    review.setdefault("status", "")
    review.setdefault("status_at", "")
    return review


def check_status(status):
    if status not in STATUSES:
        raise CanvasError(N_("Unknown status."), field="status")
    return status


def clean_comment(section_key, text, section_keys):
    """The comment text as stored (blank means: remove the comment), or ``CanvasError``."""
    if section_key not in section_keys:
        raise CanvasError(N_("This canvas has no section “%(section)s”."),
                          field="section", section=str(section_key)[:40])
    if not isinstance(text, str):
        raise CanvasError(N_("A comment must be text."), field="text")
    text = CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n")).strip()
    if len(text) > MAX_COMMENT_CHARS:
        raise CanvasError(N_("A comment can have at most %(limit)s characters."),
                          field="text", limit=MAX_COMMENT_CHARS)
    return text


def current_status(activity, review):
    """Draft, submitted, or the trainer's status unless the learner submitted again since."""
    submitted_at = _moment((activity or {}).get("submitted_at"))
    review = _review(review)
    status_at = _moment(review["status_at"])
    if review["status"] and status_at is not None and (submitted_at is None or status_at >= submitted_at):
        return review["status"]
    return STATUS_SUBMITTED if submitted_at is not None else STATUS_DRAFT


def _moment(text):
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def learner_feedback(activity, review, section_keys):
    """What the learner sees of the review: status and comments on sections that still exist."""
    review = _review(review)
    return {
        "status": current_status(activity, review),
        "comments": {key: value["text"] for key, value in review["comments"].items() if key in section_keys},
    }
