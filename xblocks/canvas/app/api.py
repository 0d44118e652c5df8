"""Public API of the canvas app: plain functions that take and return dicts.

The block calls only this module (lazily, inside its methods). A learner appears by their
per-course anonymous id; a canvas by its course id and usage id (strings). Errors are the typed
``errors.CanvasAppError`` subclasses, re-exported here; a call that raises has changed nothing.

Races are settled by the database, never by reading in Python and writing later:

* Saving a draft is a compare-and-swap done by one UPDATE (``WHERE version = <expected>``); the
  first save is an INSERT under a unique constraint. Zero rows updated, or a duplicate key,
  means another tab or a retried request saved first: ``StaleDraft``, nothing written.
* A submission sets only ``submitted_at`` on the draft row, so it never undoes a save.
* A trainer's status is one UPDATE of the review row; each section's comment is a row of its
  own, so two trainers commenting on different sections never touch the same row. No row is
  read-then-written, so no lock is held across Python code (``select_for_update`` on a missing
  row would take gap locks on MySQL, where two first writers deadlock each other).

The block's handlers run each request in one transaction (``xblocks.common.handlers``), REPEATABLE
READ on MySQL. So a row that may not exist yet is INSERTed first rather than UPDATEd first (an
UPDATE matching nothing takes a gap lock, and two such transactions inserting next deadlock), and
a row another request just committed is read with a locking read, which sees it.
"""
import json
import re

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from xblocks.canvas.app.errors import (  # noqa: F401  (API)
    AlreadySubmitted, CanvasAppError, InvalidInput, StaleDraft,
)
from xblocks.canvas.app.models import (
    MAX_ID_LENGTH, MAX_SECTION_KEY_LENGTH, LearnerDraft, SectionComment, TrainerReview,
)
from xblocks.canvas.model import DEFAULT_LIMITS
from xblocks.canvas.review import MAX_COMMENT_CHARS, STATUSES
from xblocks.common.i18n import N_
from xblocks.common.transactions import retried_when_locked

SECTION_KEY_PATTERN = re.compile(r"[a-z0-9_]{1,%d}" % MAX_SECTION_KEY_LENGTH)
MAX_VERSION = 2 ** 31 - 1


def _learner_keys(course_id, usage_id, learner_id):
    for field, value in (("course_id", course_id), ("usage_id", usage_id), ("learner_id", learner_id)):
        if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH:
            raise InvalidInput(N_("This learner has no canvas here."), field=field)
    return {"course_id": course_id, "usage_id": usage_id, "learner_id": learner_id}


def _iso(moment):
    return moment.isoformat() if moment else ""


def _draft_dict(row):
    if row is None:
        return {"version": 0, "content": None, "saved_at": "", "submitted_at": "", "last_activity": ""}
    moments = [moment for moment in (row.saved_at, row.submitted_at) if moment]
    return {"version": row.version, "content": row.content, "saved_at": _iso(row.saved_at),
            "submitted_at": _iso(row.submitted_at), "last_activity": _iso(max(moments) if moments else None)}


# ---------------------------------------------------------------- the learner's draft

def get_draft(course_id, usage_id, learner_id):
    """``{"version", "content", "saved_at", "submitted_at", "last_activity"}``.

    A learner who never saved has version 0 and content None; times are ISO strings ("" if none).
    """
    return _draft_dict(LearnerDraft.objects.filter(**_learner_keys(course_id, usage_id, learner_id)).first())


def _draft_as_committed(keys):
    """The draft as another request just committed it. A locking read sees the latest committed row
    even inside a caller's REPEATABLE READ transaction that read earlier (MySQL); SQLite has no
    FOR UPDATE and needs none (it serialises writers)."""
    with transaction.atomic():
        return _draft_dict(LearnerDraft.objects.select_for_update().filter(**keys).first())


@retried_when_locked
def save_draft(course_id, usage_id, learner_id, content, expected_version, now=None):
    """Store ``content`` as the draft if the stored version is still ``expected_version``.

    Returns ``{"version", "saved_at"}``. Raises ``StaleDraft`` (with ``.current``, the stored
    draft) when another request saved since, ``InvalidInput`` for bad arguments. The canvas
    itself is checked by the caller (``xblocks.canvas.model.validate_canvas``); here only its type
    and size, so nothing oversized ever reaches the table.
    """
    keys = _learner_keys(course_id, usage_id, learner_id)
    if not isinstance(content, dict):
        raise InvalidInput(N_("The canvas must be an object with sections."), field="canvas")
    try:
        size = len(json.dumps(content, ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError):
        raise InvalidInput(N_("The canvas must be an object with sections."), field="canvas") from None
    # Twice the learner's limit: the cleaned canvas adds empty sections and fields to what was sent.
    if size > 2 * DEFAULT_LIMITS.max_payload_bytes:
        raise InvalidInput(N_("The canvas is too large to save. Please shorten or remove some notes."),
                           field="canvas")
    if isinstance(expected_version, bool) or not isinstance(expected_version, int) \
            or not 0 <= expected_version < MAX_VERSION:
        raise InvalidInput(N_("The version must be a whole number."), field="version")
    now = now or timezone.now()
    new_version = expected_version + 1
    if expected_version == 0:  # the first save: the row is created at version 1, never before
        try:
            with transaction.atomic():
                LearnerDraft.objects.create(**keys, version=new_version, content=content, saved_at=now)
            updated = 1
        except IntegrityError:
            updated = 0  # another request created the draft a moment ago: this write is stale
    else:
        updated = LearnerDraft.objects.filter(**keys, version=expected_version).update(
            content=content, version=new_version, saved_at=now)
    if not updated:
        raise StaleDraft(_draft_as_committed(keys))
    return {"version": new_version, "saved_at": now.isoformat()}


@retried_when_locked
def record_submission(course_id, usage_id, learner_id, now=None):
    """Note that the learner submitted their draft now (sets only ``submitted_at``).

    Returns ``{"submitted_at"}``; ``InvalidInput`` if the learner has no draft, ``AlreadySubmitted``
    if it was submitted since its last save. One conditional UPDATE: of two submissions of the same
    draft at once (a double click), the database lets exactly one through.
    """
    keys = _learner_keys(course_id, usage_id, learner_id)
    now = now or timezone.now()
    not_submitted_since_saved = Q(submitted_at__isnull=True) | Q(submitted_at__lt=F("saved_at"))
    if LearnerDraft.objects.filter(not_submitted_since_saved, **keys).update(submitted_at=now):
        return {"submitted_at": now.isoformat()}
    if LearnerDraft.objects.filter(**keys).exists():
        raise AlreadySubmitted()
    raise InvalidInput(N_("Write at least one note before you submit."))


def has_canvas(course_id, usage_id, learner_id):
    """Whether the learner has saved a draft in this canvas."""
    return LearnerDraft.objects.filter(**_learner_keys(course_id, usage_id, learner_id)).exists()


# ---------------------------------------------------------------- the trainer's review

def get_review(course_id, usage_id, learner_id):
    """``{"status", "status_at", "comments": {section_key: {"text", "at"}}}`` ("" when none)."""
    keys = _learner_keys(course_id, usage_id, learner_id)
    review = TrainerReview.objects.filter(**keys).prefetch_related("comments").first()
    if review is None:
        return {"status": "", "status_at": "", "comments": {}}
    return {"status": review.status, "status_at": _iso(review.status_at),
            "comments": {comment.section_key: {"text": comment.text, "at": _iso(comment.written_at)}
                         for comment in review.comments.all()}}


def _review_id(keys):
    """The learner's review row, created the first time a trainer writes (the unique constraint
    keeps it one row when two trainers write at once)."""
    review_id = TrainerReview.objects.filter(**keys).values_list("pk", flat=True).first()
    if review_id is not None:
        return review_id
    try:
        with transaction.atomic():
            return TrainerReview.objects.create(**keys).pk
    except IntegrityError:
        with transaction.atomic():  # the other trainer's row: a locking read sees it (see above)
            return TrainerReview.objects.select_for_update().filter(**keys).values_list("pk", flat=True).get()


@retried_when_locked
def set_review_status(course_id, usage_id, learner_id, status, now=None):
    """Set the trainer's status (one of ``review.STATUSES``). Returns ``{"status", "status_at"}``."""
    keys = _learner_keys(course_id, usage_id, learner_id)
    if status not in STATUSES:
        raise InvalidInput(N_("Unknown status."), field="status")
    now = now or timezone.now()
    TrainerReview.objects.filter(pk=_review_id(keys)).update(status=status, status_at=now)
    return {"status": status, "status_at": now.isoformat()}


@retried_when_locked
def set_section_comment(course_id, usage_id, learner_id, section_key, text, now=None):
    """Set (or, with blank ``text``, remove) the trainer's comment on one section.

    ``text`` is already cleaned by ``review.clean_comment``; here only its type and length are
    checked. Returns ``{"section", "text"}``. Comments on other sections are never touched.
    """
    keys = _learner_keys(course_id, usage_id, learner_id)
    if not isinstance(section_key, str) or not SECTION_KEY_PATTERN.fullmatch(section_key):
        raise InvalidInput(N_("This canvas has no section “%(section)s”."), field="section",
                           section=str(section_key)[:MAX_SECTION_KEY_LENGTH])
    if not isinstance(text, str):
        raise InvalidInput(N_("A comment must be text."), field="text")
    if len(text) > MAX_COMMENT_CHARS:
        raise InvalidInput(N_("A comment can have at most %(limit)s characters."), field="text",
                           limit=MAX_COMMENT_CHARS)
    now = now or timezone.now()
    review_id = _review_id(keys)
    comments = SectionComment.objects.filter(review_id=review_id, section_key=section_key)
    if not text:
        comments.delete()
        return {"section": section_key, "text": ""}
    # An existing comment is updated (a lock on its row only); a new one is inserted first (see above).
    if not (comments.exists() and comments.update(text=text, written_at=now)):
        try:
            with transaction.atomic():
                SectionComment.objects.create(review_id=review_id, section_key=section_key,
                                              text=text, written_at=now)
        except IntegrityError:
            # Another trainer wrote this same section's first comment a moment ago; this one is later.
            comments.update(text=text, written_at=now)
    return {"section": section_key, "text": text}


# ---------------------------------------------------------------- the cohort

def get_cohort(course_id, usage_id):
    """Every learner with a draft in this canvas, by learner id, in one query::

        [{"learner_id", "saved_at", "submitted_at", "last_activity",
          "review": {"status", "status_at"}}]
    """
    _learner_keys(course_id, usage_id, "cohort")
    reviews = TrainerReview.objects.filter(course_id=OuterRef("course_id"), usage_id=OuterRef("usage_id"),
                                           learner_id=OuterRef("learner_id"))
    rows = (LearnerDraft.objects.filter(course_id=course_id, usage_id=usage_id)
            .annotate(review_status=Subquery(reviews.values("status")[:1]),
                      review_status_at=Subquery(reviews.values("status_at")[:1]))
            .order_by("learner_id")
            .values("learner_id", "saved_at", "submitted_at", "review_status", "review_status_at"))
    cohort = []
    for row in rows:
        moments = [moment for moment in (row["saved_at"], row["submitted_at"]) if moment]
        cohort.append({
            "learner_id": row["learner_id"], "saved_at": _iso(row["saved_at"]),
            "submitted_at": _iso(row["submitted_at"]), "last_activity": _iso(max(moments) if moments else None),
            "review": {"status": row["review_status"] or "", "status_at": _iso(row["review_status_at"])},
        })
    return cohort


def erase_learner_data(anonymous_ids):
    """Retirement: delete these learners' drafts and the trainer's reviews of them. Idempotent."""
    with transaction.atomic():
        drafts, _ = LearnerDraft.objects.filter(learner_id__in=anonymous_ids).delete()
        reviews, _ = TrainerReview.objects.filter(learner_id__in=anonymous_ids).delete()
    return {"drafts_erased": drafts, "review_rows_erased": reviews}
