"""Public API of the peer-review app: plain functions that take and return dicts.

The block calls only this module (lazily, inside its methods). Learners appear by their
per-course anonymous id. Rubric and policy come from the block's settings as dicts (see
``xblocks.peer_review.rubric``). Errors are the typed ``errors.PeerReviewError`` subclasses;
a call that raises has changed nothing.

Races (two reviewers at once, a double click, a retried request) are settled by the database:
each write transaction starts with a write on the row that stands for the actor (so SQLite takes
its write lock before reading, and MySQL locks that row), candidates are locked with
``select_for_update`` and recounted, and unique constraints refuse duplicates.
"""
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from xblocks.common.transactions import retried_when_locked
from xblocks.peer_review import rubric as rubric_rules
from xblocks.peer_review.app import errors
from xblocks.peer_review.app.errors import N_
from xblocks.peer_review.app.models import (
    FLAG_HIDDEN, ROLE_MENTOR, ROLE_PEER, ROLE_SELF,
    PeerSubmission, ReviewAssignment, Reviewer,
)

ITEM_TYPE = "sirius_peer_review"
# edx-submissions refuses an answer whose JSON (non-ASCII escaped, so 6 characters per Arabic
# letter) is longer than this (its Submission.MAXSIZE): refuse it first, with a clear message.
MAX_ARTEFACT_BYTES = 100 * 1024
MAX_FLAG_REASON_CHARS = 1000
MAX_OVERRIDE_REASON_CHARS = 500
CANDIDATES_PER_ATTEMPT = 5


def _now(now):
    return now or timezone.now()


def _policy(policy):
    try:
        return policy if isinstance(policy, rubric_rules.ReviewPolicy) else rubric_rules.ReviewPolicy.from_dict(policy)
    except rubric_rules.RubricError as error:
        raise errors.InvalidInput(error.message, field=error.field, **error.params) from error


def _rubric(rubric):
    try:
        return rubric if isinstance(rubric, rubric_rules.Rubric) else rubric_rules.Rubric.from_dict(rubric)
    except rubric_rules.RubricError as error:
        raise errors.InvalidInput(error.message, field=error.field, **error.params) from error


def _clean_assessment(rubric, assessment):
    try:
        return rubric_rules.clean_assessment(rubric, assessment)
    except rubric_rules.RubricError as error:
        raise errors.InvalidInput(error.message, field=error.field, **error.params) from error


# ---------------------------------------------------------------- submitting for review

@retried_when_locked
def submit_for_review(student_item, artefact, now=None):
    """Snapshot ``artefact`` (a JSON-able dict) as this learner's submission for review.

    ``student_item`` is the edx-submissions dict (``item_type`` is forced to ours). Submitting
    twice returns the first submission (``created`` False): a learner's work is locked once sent.
    """
    from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel
    import json  # pylint: disable=import-outside-toplevel

    if not isinstance(artefact, dict):
        raise errors.InvalidInput(N_("There is nothing to submit."))
    if len(json.dumps(artefact)) > MAX_ARTEFACT_BYTES:
        raise errors.InvalidInput(N_("This work is too large to submit."))
    item = dict(student_item, item_type=ITEM_TYPE)
    existing = get_own_submission(item["course_id"], item["item_id"], item["student_id"])
    if existing:
        return dict(existing, created=False)
    try:
        with transaction.atomic():
            _touch_reviewer(item["course_id"], item["item_id"], item["student_id"], _now(now))
            submission = submissions_api.create_submission(item, artefact, submitted_at=_now(now))
            row = PeerSubmission.objects.create(
                submission_uuid=submission["uuid"], course_id=item["course_id"],
                item_id=item["item_id"], author_id=item["student_id"], submitted_at=_now(now))
    except IntegrityError:
        # The same learner's other request won: everything above was rolled back.
        existing = get_own_submission(item["course_id"], item["item_id"], item["student_id"])
        return dict(existing, created=False)
    return dict(_submission_dict(row), created=True)


def get_own_submission(course_id, item_id, author_id):
    row = PeerSubmission.objects.filter(course_id=course_id, item_id=item_id, author_id=author_id).first()
    return _submission_dict(row) if row else None


def get_artefact(submission_uuid):
    from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel
    return submissions_api.get_submission(submission_uuid)["answer"]


def _submission_dict(row):
    return {"submission_uuid": row.submission_uuid, "submitted_at": row.submitted_at}


def _touch_reviewer(course_id, item_id, reviewer_id, now):
    """Write the actor's row first: this serialises one person's concurrent requests."""
    updated = Reviewer.objects.filter(course_id=course_id, item_id=item_id,
                                      reviewer_id=reviewer_id).update(touched_at=now)
    if not updated:
        try:
            with transaction.atomic():
                Reviewer.objects.create(course_id=course_id, item_id=item_id,
                                        reviewer_id=reviewer_id, touched_at=now)
        except IntegrityError:
            Reviewer.objects.filter(course_id=course_id, item_id=item_id,
                                    reviewer_id=reviewer_id).update(touched_at=now)


# ---------------------------------------------------------------- allocation

def _live(now, prefix=""):
    """Reviews that count towards a submission's load: finished, or leased and not expired."""
    return Q(**{f"{prefix}completed_at__isnull": False}) | Q(**{f"{prefix}lease_expires_at__gt": now})


@retried_when_locked
def allocate_review(course_id, item_id, reviewer_id, policy, role=ROLE_PEER, now=None):
    """Give the reviewer a piece of work to review, as a lease; None when nothing is waiting.

    Peers get the submission with the fewest finished plus in-progress peer reviews, oldest
    first, never their own, never one they reviewed, never one that already has the reviews it
    needs. Mentors get submissions without a mentor review, those waiting past the policy's delay
    first. A reviewer who holds a live lease gets that same lease back.
    """
    if role not in (ROLE_PEER, ROLE_MENTOR):
        raise errors.InvalidInput()
    policy = _policy(policy)
    now = _now(now)
    with transaction.atomic():
        _touch_reviewer(course_id, item_id, reviewer_id, now)
        held = (ReviewAssignment.objects.select_related("submission")
                .filter(reviewer_id=reviewer_id, role=role, completed_at__isnull=True,
                        lease_expires_at__gt=now, submission__course_id=course_id,
                        submission__item_id=item_id).first())
        if held:
            return _lease_dict(held)
        for candidate_id in _candidates(course_id, item_id, reviewer_id, policy, role, now):
            # Lock the candidate, then recount: a concurrent reviewer may have just taken it.
            submission = PeerSubmission.objects.select_for_update().get(pk=candidate_id)
            if _load(submission, role, now) >= _capacity(policy, role):
                continue
            assignment, _ = ReviewAssignment.objects.update_or_create(
                submission=submission, reviewer_id=reviewer_id,
                defaults={"role": role, "leased_at": now,
                          "lease_expires_at": now + timedelta(minutes=policy.lease_minutes)})
            return _lease_dict(assignment)
    return None


def _capacity(policy, role):
    return policy.reviews_required if role == ROLE_PEER else 1


def _load(submission, role, now):
    rows = (ReviewAssignment.objects.select_for_update()
            .filter(_live(now), submission=submission, role=role).values_list("id", flat=True))
    return len(list(rows))


def _candidates(course_id, item_id, reviewer_id, policy, role, now):
    mine = ReviewAssignment.objects.filter(reviewer_id=reviewer_id, completed_at__isnull=False,
                                           submission__course_id=course_id,
                                           submission__item_id=item_id).values("submission_id")
    queryset = (PeerSubmission.objects.filter(course_id=course_id, item_id=item_id)
                .exclude(author_id=reviewer_id).exclude(id__in=mine)
                .annotate(load=Count("assignments", filter=_live(now, "assignments__") & Q(assignments__role=role)))
                .filter(load__lt=_capacity(policy, role)))
    if role == ROLE_PEER:
        queryset = queryset.order_by("load", "submitted_at", "id")
    else:
        cutoff = now - timedelta(hours=policy.flexible_after_hours)
        peer_done = Count("assignments", filter=Q(assignments__role=ROLE_PEER,
                                                   assignments__completed_at__isnull=False))
        waited = Case(When(submitted_at__lte=cutoff, then=Value(0)), default=Value(1), output_field=IntegerField())
        queryset = (queryset.annotate(peer_done=peer_done, not_waiting=waited)
                    .order_by("not_waiting", "peer_done", "submitted_at", "id"))
    return list(queryset.values_list("id", flat=True)[:CANDIDATES_PER_ATTEMPT])


def _lease_dict(assignment):
    return {"review_id": str(assignment.uuid), "role": assignment.role,
            "leased_at": assignment.leased_at, "lease_expires_at": assignment.lease_expires_at,
            "completed_at": assignment.completed_at,
            "submission_uuid": assignment.submission.submission_uuid}


def _own_assignment(review_id, reviewer_id, lock=False):
    queryset = ReviewAssignment.objects.select_related("submission")
    if lock:
        queryset = queryset.select_for_update()
    try:
        assignment = queryset.get(uuid=_parse_uuid(review_id))
    except ReviewAssignment.DoesNotExist as error:
        raise errors.NotFound() from error
    if assignment.reviewer_id != reviewer_id:
        # Do not reveal that someone else's review exists.
        raise errors.NotFound()
    return assignment


def _parse_uuid(value):
    import uuid  # pylint: disable=import-outside-toplevel
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError) as error:
        raise errors.NotFound() from error


def get_review(review_id, reviewer_id, now=None):
    """The lease (with the artefact to review) when it is this reviewer's and still theirs."""
    assignment = _own_assignment(review_id, reviewer_id)
    if assignment.completed_at is None and assignment.lease_expires_at <= _now(now):
        raise errors.StaleLease()
    return dict(_lease_dict(assignment), artefact=get_artefact(assignment.submission.submission_uuid),
                assessment=_assessment_dict(assignment) if assignment.completed_at else None)


def get_reviewer_progress(course_id, item_id, reviewer_id, now=None):
    """Reviews this person finished in this block, by role, and the lease they hold, if any."""
    now = _now(now)
    rows = list(ReviewAssignment.objects.select_related("submission")
                .filter(reviewer_id=reviewer_id, submission__course_id=course_id,
                        submission__item_id=item_id).exclude(role=ROLE_SELF))
    done = [row for row in rows if row.completed_at]
    held = [row for row in rows if not row.completed_at and row.lease_expires_at > now]
    return {"peer_reviews_given": sum(1 for row in done if row.role == ROLE_PEER),
            "mentor_reviews_given": sum(1 for row in done if row.role == ROLE_MENTOR),
            "current_lease": _lease_dict(held[0]) if held else None}


# ---------------------------------------------------------------- assessing

@retried_when_locked
def submit_assessment(review_id, reviewer_id, assessment, rubric, policy, now=None, contact_request=False):
    """Record the reviewer's assessment for their lease; write the author's score when due.

    Sending the same review twice returns the first (``created`` False). A lease that ran out
    is still accepted while the work needs reviews; otherwise StaleLease. ``contact_request``
    (mentors only, when the block allows it) asks the author for permission to contact them.
    """
    rubric = _rubric(rubric)
    policy = _policy(policy)
    now = _now(now)
    clean = _clean_assessment(rubric, assessment)
    # Which submission a review belongs to never changes: read it before the transaction.
    submission_id = _own_assignment(review_id, reviewer_id).submission_id
    with transaction.atomic():
        # Lock the reviewed submission first, by a plain write on its primary key (so SQLite
        # takes its write lock too): every writer of a submission's reviews takes this lock
        # before the review rows, so no lock cycle.
        PeerSubmission.objects.filter(pk=submission_id).update(updated_at=now)
        assignment = _own_assignment(review_id, reviewer_id, lock=True)
        if assignment.completed_at:
            return dict(_assessment_dict(assignment), created=False)
        if assignment.lease_expires_at <= now and assignment.role != ROLE_SELF:
            if _load(assignment.submission, assignment.role, now) >= _capacity(policy, assignment.role):
                raise errors.StaleLease()
        assignment.contact_requested = bool(contact_request) and assignment.role == ROLE_MENTOR
        _complete(assignment, rubric, clean, now)
        _write_score(assignment.submission, rubric, policy, now)
    return dict(_assessment_dict(assignment), created=True)


def _complete(assignment, rubric, clean, now):
    assignment.scores = clean["scores"]
    assignment.comments = clean["comments"]
    assignment.overall_comment = clean["overall_comment"]
    assignment.points_earned = sum(rubric_rules.assessment_points(rubric, clean["scores"]).values())
    assignment.completed_at = now
    assignment.save()


@retried_when_locked
def self_assess(course_id, item_id, author_id, assessment, rubric, policy, now=None):
    """The author's self-assessment with the same rubric (formative unless the policy counts it)."""
    rubric = _rubric(rubric)
    policy = _policy(policy)
    now = _now(now)
    clean = _clean_assessment(rubric, assessment)
    with transaction.atomic():
        _touch_reviewer(course_id, item_id, author_id, now)
        submission = PeerSubmission.objects.filter(course_id=course_id, item_id=item_id,
                                                   author_id=author_id).first()
        if submission is None:
            raise errors.NotSubmitted()
        assignment, created = ReviewAssignment.objects.get_or_create(
            submission=submission, reviewer_id=author_id,
            defaults={"role": ROLE_SELF, "leased_at": now, "lease_expires_at": now})
        if not created and assignment.completed_at:
            return dict(_assessment_dict(assignment), created=False)
        _complete(assignment, rubric, clean, now)
        if policy.count_self_assessment:
            _write_score(submission, rubric, policy, now)
    return dict(_assessment_dict(assignment), created=True)


def _assessment_dict(assignment):
    return {"review_id": str(assignment.uuid), "role": assignment.role,
            "scores": dict(assignment.scores), "comments": dict(assignment.comments),
            "overall_comment": assignment.overall_comment, "points_earned": assignment.points_earned,
            "completed_at": assignment.completed_at}


# ---------------------------------------------------------------- grades

def _counted(policy, assignments):
    counted_roles = {ROLE_PEER}
    if policy.count_mentor_reviews:
        counted_roles.add(ROLE_MENTOR)
    if policy.count_self_assessment:
        counted_roles.add(ROLE_SELF)
    rows = sorted((row for row in assignments if row.completed_at and row.role in counted_roles
                   and row.flag_state != FLAG_HIDDEN), key=lambda row: (row.completed_at, row.id))
    peers = [row for row in rows if row.role == ROLE_PEER][:policy.reviews_required]
    return peers, [row for row in rows if row.role != ROLE_PEER]


def grade_for(submission, rubric, policy, now, assignments=None):
    """The grade as it stands: None until enough peer reviews (fewer after the flexible delay),
    unless the trainer overrode it. Points are rubric points and scaled (``points_earned``)."""
    if assignments is None:
        assignments = list(submission.assignments.all())
    peers, others = _counted(policy, assignments)
    waited_hours = (now - submission.submitted_at).total_seconds() / 3600
    needed = policy.reviews_needed(waited_hours)
    possible = policy.points_possible(rubric)
    if submission.override_points is not None:
        rubric_points = min(submission.override_points, rubric.max_points)
        return {"source": "override", "criteria": None, "rubric_points_earned": rubric_points,
                "points_earned": rubric_rules.scale_points(rubric_points, rubric.max_points, possible),
                "points_possible": possible, "reviews_counted": len(peers), "reviews_needed": needed}
    if len(peers) < needed:
        return None
    computed = rubric_rules.compute_grade(rubric, policy, [{"scores": row.scores} for row in peers + others])
    return {"source": "reviews", "criteria": computed["criteria"],
            "rubric_points_earned": computed["points_earned"],
            "points_earned": rubric_rules.scale_points(computed["points_earned"], rubric.max_points, possible),
            "points_possible": possible, "reviews_counted": len(peers), "reviews_needed": needed}


def _write_score(submission, rubric, policy, now, annotation=None):
    """Write the grade with edx-submissions set_score (what the gradebook listens to), once."""
    from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel
    if not policy.graded:
        return None
    grade = grade_for(submission, rubric, policy, now)
    if grade is None:
        if submission.scored_points is not None:
            # A hidden review can take the grade away: the gradebook must not keep the old one.
            submissions_api.reset_score(submission.author_id, submission.course_id, submission.item_id)
            PeerSubmission.objects.filter(pk=submission.pk).update(scored_points=None, scored_possible=None,
                                                                   scored_at=now)
            submission.scored_points = submission.scored_possible = None
        return None
    if (grade["points_earned"], grade["points_possible"]) == (submission.scored_points, submission.scored_possible):
        return grade
    annotation = annotation or {}
    submissions_api.set_score(submission.submission_uuid, grade["points_earned"], grade["points_possible"],
                              **annotation)
    PeerSubmission.objects.filter(pk=submission.pk).update(
        scored_points=grade["points_earned"], scored_possible=grade["points_possible"], scored_at=now)
    submission.scored_points, submission.scored_possible = grade["points_earned"], grade["points_possible"]
    return grade


@retried_when_locked
def refresh_grade(course_id, item_id, author_id, rubric, policy, now=None):
    """Write the score if time alone made it due (flexible grading); return the grade."""
    rubric, policy, now = _rubric(rubric), _policy(policy), _now(now)
    submission = PeerSubmission.objects.filter(course_id=course_id, item_id=item_id, author_id=author_id).first()
    if submission is None:
        return None
    grade = grade_for(submission, rubric, policy, now)
    if grade is None or not policy.graded or (grade["points_earned"], grade["points_possible"]) == (
            submission.scored_points, submission.scored_possible):
        return grade
    with transaction.atomic():
        PeerSubmission.objects.filter(pk=submission.pk).update(updated_at=now)
        submission = PeerSubmission.objects.select_for_update().get(pk=submission.pk)
        return _write_score(submission, rubric, policy, now)


def _score_due(submission, grade):
    return grade is not None and (grade["points_earned"], grade["points_possible"]) != (
        submission.scored_points, submission.scored_possible)



# The author's and the trainer's functions live in feedback.py and trainer.py (which read the
# helpers above); they are part of this public API. Import them from here, never directly.
from xblocks.peer_review.app.feedback import (  # noqa: E402  pylint: disable=wrong-import-position
    accept_contact, accepted_contacts, flag_review, get_results, rate_review,
)
from xblocks.peer_review.app.trainer import (  # noqa: E402  pylint: disable=wrong-import-position
    erase_learner_data, list_assessments, list_flags, list_submissions, override_grade, resolve_flag,
)

__all__ = [
    "ITEM_TYPE", "submit_for_review", "get_own_submission", "get_artefact", "allocate_review",
    "get_review", "get_reviewer_progress", "submit_assessment", "self_assess", "grade_for",
    "refresh_grade", "get_results", "rate_review", "flag_review", "accept_contact", "accepted_contacts",
    "list_submissions",
    "list_assessments", "list_flags", "resolve_flag", "override_grade", "erase_learner_data",
]
