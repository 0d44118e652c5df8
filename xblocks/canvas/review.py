"""The trainer's review of a learner's canvas: status and comments per section.

The cohort roster is plain data, ``{anonymous_id: entry}``; an entry is::

    {"status": "draft", "last_activity": "<iso>", "submitted_at": "<iso>" or "",
     "status_at": "<iso>", "comments": {"<section key>": {"text": "...", "at": "<iso>"}}}

Functions here return new entries and never mutate what they are given.
"""
from datetime import datetime, timedelta

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
# A learner's autosaves update the shared roster at most this often (fewer shared writes).
ROSTER_REFRESH = timedelta(minutes=10)


def _copy(entry):
    entry = dict(entry or {})
    entry["comments"] = dict(entry.get("comments") or {})
    entry.setdefault("status", STATUS_DRAFT)
    entry.setdefault("last_activity", "")
    entry.setdefault("submitted_at", "")
    entry.setdefault("status_at", "")
    return entry


def roster_needs_refresh(entry, now):
    """Should this autosave touch the roster (missing entry or old last-activity)?"""
    if not entry or not entry.get("last_activity"):
        return True
    try:
        last = datetime.fromisoformat(entry["last_activity"])
    except ValueError:
        return True
    return now - last >= ROSTER_REFRESH


def record_activity(entry, now, submitted=False):
    """The entry after the learner saved (or submitted) at ``now``."""
    entry = _copy(entry)
    entry["last_activity"] = now.isoformat()
    if submitted:
        # A new submission answers the trainer's "needs changes": it is to be reviewed again.
        entry["status"] = STATUS_SUBMITTED
        entry["submitted_at"] = now.isoformat()
        entry["status_at"] = now.isoformat()
    return entry


def set_status(entry, status, now):
    if status not in STATUSES:
        raise CanvasError(N_("Unknown status."), field="status")
    entry = _copy(entry)
    entry["status"] = status
    entry["status_at"] = now.isoformat()
    return entry


def set_comment(entry, section_key, text, section_keys, now):
    """The entry with the trainer's comment on one section (blank text removes it)."""
    if section_key not in section_keys:
        raise CanvasError(N_("This canvas has no section “%(section)s”."),
                          field="section", section=str(section_key)[:40])
    if not isinstance(text, str):
        raise CanvasError(N_("A comment must be text."), field="text")
    text = CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n")).strip()
    if len(text) > MAX_COMMENT_CHARS:
        raise CanvasError(N_("A comment can have at most %(limit)s characters."),
                          field="text", limit=MAX_COMMENT_CHARS)
    entry = _copy(entry)
    if text:
        entry["comments"][section_key] = {"text": text, "at": now.isoformat()}
    else:
        entry["comments"].pop(section_key, None)
    return entry


def learner_feedback(entry, section_keys):
    """What the learner sees of the review: status and comments on sections that still exist."""
    entry = _copy(entry)
    return {
        "status": entry["status"],
        "comments": {key: value["text"] for key, value in entry["comments"].items() if key in section_keys},
    }
