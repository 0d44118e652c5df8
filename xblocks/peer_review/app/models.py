"""Private models of the peer-review app. Other code goes through ``api.py``.

Learners appear only by their per-course anonymous id, as in edx-submissions.
"""
import uuid

from django.db import models

ROLE_PEER = "peer"
ROLE_MENTOR = "mentor"
ROLE_SELF = "self"
ROLES = [(ROLE_PEER, "peer"), (ROLE_MENTOR, "mentor"), (ROLE_SELF, "self")]

FLAG_NONE = ""
FLAG_OPEN = "open"
FLAG_KEPT = "kept"
FLAG_HIDDEN = "hidden"
FLAG_STATES = [(FLAG_NONE, "none"), (FLAG_OPEN, "open"), (FLAG_KEPT, "kept"), (FLAG_HIDDEN, "hidden")]


class PeerSubmission(models.Model):
    """A learner's artefact submitted for review in one block: one per learner and block.

    The artefact itself lives in edx-submissions (``submission_uuid``); this row carries what
    allocation and grading need, indexed for them.
    """

    submission_uuid = models.CharField(max_length=36, unique=True)
    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    author_id = models.CharField(max_length=255)
    submitted_at = models.DateTimeField()
    # The trainer's override, in rubric points; it always wins over peer scores.
    override_points = models.PositiveIntegerField(null=True, blank=True)
    override_reason = models.CharField(max_length=500, blank=True, default="")
    override_by = models.CharField(max_length=255, blank=True, default="")
    overridden_at = models.DateTimeField(null=True, blank=True)
    # Last score written with edx-submissions set_score (scaled points), to avoid rewriting it.
    scored_points = models.PositiveIntegerField(null=True, blank=True)
    scored_possible = models.PositiveIntegerField(null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    # Touched at the start of staff writes, so that SQLite takes its write lock first.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "sirius_peer_review"
        constraints = [
            models.UniqueConstraint(fields=["course_id", "item_id", "author_id"],
                                    name="sirius_pr_one_submission_per_learner"),
        ]
        indexes = [models.Index(fields=["course_id", "item_id", "submitted_at"],
                                name="sirius_pr_sub_item_time")]


class Reviewer(models.Model):
    """One person who reviews in one block. Its row serialises that person's own requests
    (a double click, a retried request) so they never hold two leases at once."""

    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    reviewer_id = models.CharField(max_length=255)
    touched_at = models.DateTimeField()

    class Meta:
        app_label = "sirius_peer_review"
        constraints = [
            models.UniqueConstraint(fields=["course_id", "item_id", "reviewer_id"],
                                    name="sirius_pr_one_reviewer_per_item"),
        ]


class ReviewAssignment(models.Model):
    """A review of one submission by one person: a lease while in progress, then an assessment.

    Unique per (submission, reviewer): nobody reviews the same work twice, and a retried
    request finds the row it already made instead of creating a second assessment.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(PeerSubmission, on_delete=models.CASCADE, related_name="assignments")
    reviewer_id = models.CharField(max_length=255)
    role = models.CharField(max_length=8, choices=ROLES, default=ROLE_PEER)
    leased_at = models.DateTimeField()
    lease_expires_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)
    overall_comment = models.TextField(blank=True, default="")
    points_earned = models.PositiveIntegerField(null=True, blank=True)
    # The author's answer to the review: helpfulness 1–5 and an optional flag to the trainer.
    helpfulness = models.PositiveSmallIntegerField(null=True, blank=True)
    flag_state = models.CharField(max_length=8, choices=FLAG_STATES, default=FLAG_NONE, blank=True)
    flag_reason = models.TextField(blank=True, default="")
    flagged_at = models.DateTimeField(null=True, blank=True)
    flag_resolved_by = models.CharField(max_length=255, blank=True, default="")
    flag_resolved_at = models.DateTimeField(null=True, blank=True)
    # A mentor may ask to contact the author (when the block allows it); only the author's
    # acceptance lets the mentor see who they are.
    contact_requested = models.BooleanField(default=False)
    contact_accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "sirius_peer_review"
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer_id"],
                                    name="sirius_pr_one_review_per_reviewer"),
        ]
        indexes = [
            models.Index(fields=["reviewer_id", "completed_at"], name="sirius_pr_asg_reviewer"),
            models.Index(fields=["submission", "role", "lease_expires_at"], name="sirius_pr_asg_load"),
        ]
