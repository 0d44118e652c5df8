"""Trainer (course staff) part of the peer-review API: overview, waiting list, flags, override,
export, and erasing a retired learner. Reached through ``api.py``, which re-exports it; the block
calls these only after checking that the user is course staff.
"""
from django.db import transaction

from xblocks.common.transactions import retried_when_locked
from xblocks.peer_review.app import errors
from xblocks.peer_review.app.api import (
    _now, _parse_uuid, _policy, _rubric, _score_due, _write_score, grade_for, MAX_OVERRIDE_REASON_CHARS,
)
from xblocks.peer_review.app.errors import N_
from xblocks.peer_review.app.models import (
    FLAG_HIDDEN, FLAG_KEPT, FLAG_OPEN, ROLE_MENTOR, ROLE_PEER, ROLE_SELF, PeerSubmission, ReviewAssignment,
)

ERASED = "erased"


def list_submissions(course_id, item_id, rubric, policy, now=None):
    """Every submission of the block with its review counts, leases, grade and why it waits.

    Two queries whatever the cohort size; identities are anonymous ids (the block maps them to
    usernames for the trainer).
    """
    rubric, policy, now = _rubric(rubric), _policy(policy), _now(now)
    submissions = list(PeerSubmission.objects.filter(course_id=course_id, item_id=item_id)
                       .order_by("submitted_at", "id"))
    by_submission = {}
    given = {}
    for row in (ReviewAssignment.objects.filter(submission__course_id=course_id, submission__item_id=item_id)
                .order_by("leased_at", "id")):
        by_submission.setdefault(row.submission_id, []).append(row)
        if row.completed_at and row.role == ROLE_PEER:
            given[row.reviewer_id] = given.get(row.reviewer_id, 0) + 1
    return [_overview_row(submission, by_submission.get(submission.pk, []), given, rubric, policy, now)
            for submission in submissions]


def _overview_row(submission, assignments, given, rubric, policy, now):
    waited_hours = (now - submission.submitted_at).total_seconds() / 3600
    peer_done = [row for row in assignments if row.role == ROLE_PEER and row.completed_at]
    leases = [{"reviewer_id": row.reviewer_id, "role": row.role, "lease_expires_at": row.lease_expires_at,
               "expired": row.lease_expires_at <= now}
              for row in assignments if not row.completed_at and row.role != ROLE_SELF]
    grade = grade_for(submission, rubric, policy, now, assignments)
    reviews_given = given.get(submission.author_id, 0)
    return {
        "submission_uuid": submission.submission_uuid, "author_id": submission.author_id,
        "submitted_at": submission.submitted_at, "waited_hours": round(waited_hours, 1),
        "peer_reviews_received": len(peer_done),
        "mentor_reviews_received": sum(1 for row in assignments if row.role == ROLE_MENTOR and row.completed_at),
        "self_assessed": any(row.role == ROLE_SELF and row.completed_at for row in assignments),
        "leases": leases, "reviews_given": reviews_given,
        "reviews_needed": policy.reviews_needed(waited_hours),
        "offered_to_mentors": waited_hours >= policy.flexible_after_hours and grade is None,
        "open_flags": sum(1 for row in assignments if row.flag_state == FLAG_OPEN),
        "grade": grade, "score_due": policy.graded and _score_due(submission, grade),
        "override_points": submission.override_points,
        "override_reason": submission.override_reason,
        "waiting_for": _waiting_reasons(grade, peer_done, leases, reviews_given, policy, waited_hours),
    }


def _waiting_reasons(grade, peer_done, leases, reviews_given, policy, waited_hours):
    """Why this learner is not done, as codes the block words for the trainer."""
    reasons = []
    if grade is None:
        live = sum(1 for lease in leases if not lease["expired"] and lease["role"] == ROLE_PEER)
        reasons.append({"code": "needs_reviews", "missing": policy.reviews_needed(waited_hours) - len(peer_done),
                        "in_progress": live,
                        "relaxes_in_hours": max(0, round(policy.flexible_after_hours - waited_hours, 1))})
    if reviews_given < policy.reviews_to_give:
        reasons.append({"code": "must_give_reviews", "missing": policy.reviews_to_give - reviews_given})
    return reasons


def list_assessments(course_id, item_id):
    """All finished assessments of the block, for the trainer's CSV export (one query)."""
    rows = (ReviewAssignment.objects.select_related("submission")
            .filter(submission__course_id=course_id, submission__item_id=item_id, completed_at__isnull=False)
            .order_by("submission__submitted_at", "completed_at", "id"))
    return [{"review_id": str(row.uuid), "author_id": row.submission.author_id, "reviewer_id": row.reviewer_id,
             "role": row.role, "completed_at": row.completed_at, "scores": dict(row.scores),
             "comments": dict(row.comments), "overall_comment": row.overall_comment,
             "points_earned": row.points_earned, "helpfulness": row.helpfulness,
             "flag_state": row.flag_state, "flag_reason": row.flag_reason} for row in rows]


def list_flags(course_id, item_id):
    """Flagged reviews (open first), with the review's text and the author's reason."""
    rows = (ReviewAssignment.objects.select_related("submission")
            .filter(submission__course_id=course_id, submission__item_id=item_id)
            .exclude(flag_state="").order_by("flagged_at", "id"))
    flags = [{"review_id": str(row.uuid), "author_id": row.submission.author_id, "reviewer_id": row.reviewer_id,
              "role": row.role, "flag_state": row.flag_state, "flag_reason": row.flag_reason,
              "flagged_at": row.flagged_at, "comments": dict(row.comments),
              "overall_comment": row.overall_comment, "scores": dict(row.scores)} for row in rows]
    return sorted(flags, key=lambda flag: flag["flag_state"] != FLAG_OPEN)


@retried_when_locked
def resolve_flag(course_id, item_id, review_id, decision, staff_id, rubric, policy, now=None):
    """Keep or hide a flagged review. A hidden review no longer counts in the grade and its
    author sees it as hidden by the trainer."""
    if decision not in (FLAG_KEPT, FLAG_HIDDEN):
        raise errors.InvalidInput(N_("Choose keep or hide."), field="decision")
    rubric, policy, now = _rubric(rubric), _policy(policy), _now(now)
    review_uuid = _parse_uuid(review_id)
    found = ReviewAssignment.objects.filter(uuid=review_uuid, submission__course_id=course_id,
                                            submission__item_id=item_id).values_list("submission_id", flat=True)
    if not found:
        raise errors.NotFound()
    with transaction.atomic():
        # The submission first, as every writer of its reviews does (see api.submit_assessment).
        PeerSubmission.objects.filter(pk=found[0]).update(updated_at=now)
        row = ReviewAssignment.objects.select_for_update().select_related("submission").get(uuid=review_uuid)
        if not row.flag_state:
            raise errors.InvalidInput(N_("This review was not flagged."), field="review_id")
        ReviewAssignment.objects.filter(pk=row.pk).update(flag_state=decision, flag_resolved_by=staff_id,
                                                          flag_resolved_at=now)
        _write_score(row.submission, rubric, policy, now)
    return {"review_id": str(row.uuid), "flag_state": decision}


@retried_when_locked
def override_grade(course_id, item_id, author_id, points, reason, staff_id, rubric, policy, now=None):
    """The trainer's grade, in rubric points: it wins over the reviews and is written at once.
    ``points`` None removes the override (the reviews' grade applies again)."""
    rubric, policy, now = _rubric(rubric), _policy(policy), _now(now)
    if points is not None and (isinstance(points, bool) or not isinstance(points, int)
                               or not 0 <= points <= rubric.max_points):
        raise errors.InvalidInput(N_("The grade must be a whole number from 0 to %(max)s."),
                                  field="points", max=rubric.max_points)
    if not isinstance(reason, str) or len(reason) > MAX_OVERRIDE_REASON_CHARS:
        raise errors.InvalidInput(N_("The reason is too long (at most %(limit)s characters)."),
                                  field="reason", limit=MAX_OVERRIDE_REASON_CHARS)
    with transaction.atomic():
        locked = PeerSubmission.objects.filter(course_id=course_id, item_id=item_id,
                                               author_id=author_id).update(updated_at=now)
        if not locked:
            raise errors.NotFound()
        submission = PeerSubmission.objects.select_for_update().get(
            course_id=course_id, item_id=item_id, author_id=author_id)
        submission.override_points = points
        submission.override_reason = reason.strip() if points is not None else ""
        submission.override_by = staff_id if points is not None else ""
        submission.overridden_at = now if points is not None else None
        submission.save(update_fields=["override_points", "override_reason", "override_by", "overridden_at"])
        annotation = {"annotation_creator": staff_id, "annotation_type": "staff_override",
                      "annotation_reason": reason.strip()} if points is not None else None
        grade = _write_score(submission, rubric, policy, now, annotation)
        if grade is None and policy.graded and submission.scored_points is not None:
            # No override and not enough reviews yet: take back the score the override wrote.
            from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel
            submissions_api.reset_score(author_id, course_id, item_id)
            PeerSubmission.objects.filter(pk=submission.pk).update(
                scored_points=None, scored_possible=None, scored_at=None)
    return {"author_id": author_id, "grade": grade}


@retried_when_locked
def erase_learner_data(anonymous_ids):
    """Retirement: blank what these learners wrote and unlink them from reviews they gave.

    Scores stay (the gradebook keeps them); texts and identities go. Idempotent.
    """
    anonymous_ids = [value for value in anonymous_ids if value]
    if not anonymous_ids:
        return {"reviews_erased": 0, "submissions_erased": 0}
    from submissions.models import Submission  # pylint: disable=import-outside-toplevel
    with transaction.atomic():
        given = ReviewAssignment.objects.filter(reviewer_id__in=anonymous_ids)
        reviews_erased = given.update(comments={}, overall_comment="", flag_reason="")
        for row in given.only("id", "uuid"):
            ReviewAssignment.objects.filter(pk=row.pk).update(reviewer_id=f"{ERASED}-{row.uuid.hex}")
        ReviewAssignment.objects.filter(submission__author_id__in=anonymous_ids).update(flag_reason="")
        uuids = list(PeerSubmission.objects.filter(author_id__in=anonymous_ids)
                     .values_list("submission_uuid", flat=True))
        submissions_erased = Submission.objects.filter(uuid__in=uuids).update(answer={"erased": True})
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel
    cache.delete_many([Submission.get_cache_key(value) for value in uuids])
    return {"reviews_erased": reviews_erased, "submissions_erased": submissions_erased}

