"""The author's side of the peer-review API: results received, helpfulness, flags, contact
requests. Reached through ``api.py``, which re-exports it (import from there)."""
from django.db import transaction

from xblocks.common.transactions import retried_when_locked
from xblocks.peer_review.app import errors
from xblocks.peer_review.app.api import (
    MAX_FLAG_REASON_CHARS, _assessment_dict, _now, _parse_uuid, _policy, _rubric, _score_due, grade_for,
)
from xblocks.peer_review.app.errors import N_
from xblocks.peer_review.app.models import (
    FLAG_HIDDEN, FLAG_NONE, FLAG_OPEN, ROLE_MENTOR, ROLE_PEER, ROLE_SELF, PeerSubmission, ReviewAssignment,
)


def get_results(course_id, item_id, author_id, rubric, policy, now=None):
    """What the author may see: the reviews received (pseudonymous), the grade when it exists,
    and where things stand. Never a reviewer's id; reviews hidden by the trainer stay hidden."""
    rubric, policy, now = _rubric(rubric), _policy(policy), _now(now)
    submission = PeerSubmission.objects.filter(course_id=course_id, item_id=item_id, author_id=author_id).first()
    if submission is None:
        return {"submitted": False}
    assignments = list(submission.assignments.all())
    received = sorted((row for row in assignments if row.completed_at and row.role != ROLE_SELF),
                      key=lambda row: (row.completed_at, row.id))
    reviews, peer_number = [], 0
    for row in received:
        if row.role == ROLE_PEER:
            peer_number += 1
        reviews.append(_received_review(row, peer_number))
    self_rows = [row for row in assignments if row.role == ROLE_SELF and row.completed_at]
    waited_hours = (now - submission.submitted_at).total_seconds() / 3600
    grade = grade_for(submission, rubric, policy, now, assignments) if policy.graded else None
    return {
        "submitted": True, "submission_uuid": submission.submission_uuid,
        "submitted_at": submission.submitted_at, "reviews": reviews,
        "self_assessment": _assessment_dict(self_rows[0]) if self_rows else None,
        "peer_reviews_received": sum(1 for row in received if row.role == ROLE_PEER),
        "peer_reviews_in_progress": sum(1 for row in assignments if row.role == ROLE_PEER
                                        and not row.completed_at and row.lease_expires_at > now),
        "reviews_needed": policy.reviews_needed(waited_hours),
        "grade": grade,
        # True when time alone made a grade due (flexible grading) and no score was written yet:
        # the caller then calls refresh_grade.
        "score_due": _score_due(submission, grade),
    }


def _received_review(row, peer_number):
    review = {"review_id": str(row.uuid), "role": row.role,
              "number": peer_number if row.role == ROLE_PEER else None,
              "completed_at": row.completed_at, "helpfulness": row.helpfulness,
              "flag_state": row.flag_state, "hidden": row.flag_state == FLAG_HIDDEN,
              "contact_requested": row.contact_requested, "contact_accepted": row.contact_accepted_at is not None}
    if not review["hidden"]:
        review.update(scores=dict(row.scores), comments=dict(row.comments),
                      overall_comment=row.overall_comment, points_earned=row.points_earned)
    return review


def _received_by(review_id, author_id, lock=False):
    """A review of the author's own work, or NotFound (never someone else's)."""
    queryset = ReviewAssignment.objects.select_related("submission").exclude(role=ROLE_SELF)
    if lock:
        queryset = queryset.select_for_update()
    row = queryset.filter(uuid=_parse_uuid(review_id), completed_at__isnull=False).first()
    if row is None or row.submission.author_id != author_id:
        raise errors.NotFound()
    return row


@retried_when_locked
def rate_review(review_id, author_id, helpfulness):
    """The author rates a received review's helpfulness, 1 (not helpful) to 5 (very helpful)."""
    if isinstance(helpfulness, bool) or not isinstance(helpfulness, int) or not 1 <= helpfulness <= 5:
        raise errors.InvalidInput(N_("Choose a rating from 1 to 5."), field="helpfulness")
    with transaction.atomic():
        row = _received_by(review_id, author_id, lock=True)
        ReviewAssignment.objects.filter(pk=row.pk).update(helpfulness=helpfulness)
    return {"review_id": str(row.uuid), "helpfulness": helpfulness}


@retried_when_locked
def flag_review(review_id, author_id, reason, now=None):
    """The author flags a received review to the trainer. Flagging again changes nothing."""
    if not isinstance(reason, str) or not reason.strip():
        raise errors.InvalidInput(N_("Say briefly what is wrong with this review."), field="reason")
    if len(reason) > MAX_FLAG_REASON_CHARS:
        raise errors.InvalidInput(N_("The reason is too long (at most %(limit)s characters)."),
                                  field="reason", limit=MAX_FLAG_REASON_CHARS)
    with transaction.atomic():
        row = _received_by(review_id, author_id, lock=True)
        if row.flag_state == FLAG_NONE:
            ReviewAssignment.objects.filter(pk=row.pk).update(
                flag_state=FLAG_OPEN, flag_reason=reason.strip(), flagged_at=_now(now))
            row.flag_state = FLAG_OPEN
    return {"review_id": str(row.uuid), "flag_state": row.flag_state}


@retried_when_locked
def accept_contact(review_id, author_id, now=None):
    """The author accepts a mentor's contact request: the mentor may now see who they are."""
    with transaction.atomic():
        row = _received_by(review_id, author_id, lock=True)
        if not row.contact_requested:
            raise errors.InvalidInput(N_("This mentor did not ask to contact you."), field="review_id")
        if row.contact_accepted_at is None:
            ReviewAssignment.objects.filter(pk=row.pk).update(contact_accepted_at=_now(now))
    return {"review_id": str(row.uuid), "contact_accepted": True}


def accepted_contacts(course_id, item_id, mentor_id):
    """Authors who accepted this mentor's contact requests (anonymous ids, oldest first)."""
    return list(ReviewAssignment.objects.filter(
        reviewer_id=mentor_id, role=ROLE_MENTOR, contact_accepted_at__isnull=False,
        submission__course_id=course_id, submission__item_id=item_id)
        .order_by("contact_accepted_at").values_list("submission__author_id", flat=True))
