"""Private models of the canvas app. Other code goes through ``api.py``.

Learners appear only by their per-course anonymous id, as in edx-submissions. A row belongs to
one learner in one canvas block (course id, usage id, learner id).

Each write sets only its own columns in one statement, so writers never overwrite each other:
an autosave sets the draft's content and version (compare-and-swap on the version), a submission
sets ``submitted_at``, a trainer sets a status on the review row or one section's comment row.
"""
from django.db import models

MAX_ID_LENGTH = 255
MAX_SECTION_KEY_LENGTH = 40
MAX_STATUS_LENGTH = 20


class LearnerDraft(models.Model):
    """A learner's working canvas: content, its version (raised by each save) and activity times."""

    course_id = models.CharField(max_length=MAX_ID_LENGTH)
    usage_id = models.CharField(max_length=MAX_ID_LENGTH)
    learner_id = models.CharField(max_length=MAX_ID_LENGTH)
    version = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    saved_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "sirius_canvas"
        constraints = [
            models.UniqueConstraint(fields=["course_id", "usage_id", "learner_id"],
                                    name="sirius_canvas_one_draft_per_learner"),
        ]


class TrainerReview(models.Model):
    """The course team's status for one learner's canvas (comments are rows of their own)."""

    course_id = models.CharField(max_length=MAX_ID_LENGTH)
    usage_id = models.CharField(max_length=MAX_ID_LENGTH)
    learner_id = models.CharField(max_length=MAX_ID_LENGTH)
    status = models.CharField(max_length=MAX_STATUS_LENGTH, blank=True, default="")
    status_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "sirius_canvas"
        constraints = [
            models.UniqueConstraint(fields=["course_id", "usage_id", "learner_id"],
                                    name="sirius_canvas_one_review_per_learner"),
        ]


class SectionComment(models.Model):
    """A trainer's comment on one section: one row per section, so two trainers commenting on
    different sections write different rows. Keyed by the review row because the three ids plus
    the section key would exceed MySQL's 3072-byte index limit in utf8mb4."""

    review = models.ForeignKey(TrainerReview, on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(max_length=MAX_SECTION_KEY_LENGTH)
    text = models.TextField()
    written_at = models.DateTimeField()

    class Meta:
        app_label = "sirius_canvas"
        constraints = [
            models.UniqueConstraint(fields=["review", "section_key"], name="sirius_canvas_one_comment_per_section"),
        ]
