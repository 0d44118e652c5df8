"""The trainer's side of the canvas block: cohort list, read-only canvas with hints,
comments per section, review status, and cohort export (CSV, JSON).

Every handler here starts with ``require_staff``: only the course team sees other
learners' canvases or changes their review. Learners' drafts stay private; trainers see
submitted versions (edx-submissions) and the activity the block records.
"""
import json
from datetime import datetime, timezone

from webob import Response
from xblock.core import XBlock

from xblocks.common import compat
from xblocks.common.events import publish
from xblocks.common.handlers import HandlerError, json_handler, json_response, read_str, require_staff
from xblocks.common.i18n import N_, translation_for
from xblocks.common.rendering import block_fragment

from . import export
from .api import ITEM_TYPE, latest_submitted_canvas, snapshot_of
from .coherence import coherence_hints
from .messages import CanvasError
from .review import STATUS_LABELS, STATUSES, current_status, set_comment, set_status
from .views import STAFF_JS_STRINGS, display_title, translate_hints

MAX_LEARNER_ID = 255


class CanvasStaffMixin:
    """Trainer views and handlers, mixed into ``CanvasBlock``."""

    def staff_view(self, language):
        translation = translation_for(language)
        init_args = {
            "statuses": [{"key": key, "label": translation.gettext(STATUS_LABELS[key])} for key in STATUSES],
        }
        context = {"title": display_title(self, translation)}
        return block_fragment(self, "templates/staff.html", context, language=language,
                              css="public/canvas_staff.css", js="public/canvas_staff.js",
                              init_fn="SiriusCanvasStaff", init_args=init_args, js_strings=STAFF_JS_STRINGS)

    # ----- handlers ----------------------------------------------------------------------------

    @json_handler(max_bytes=1024)
    def cohort(self, payload, translation):  # pylint: disable=unused-argument
        require_staff(self)
        return {"learners": self.cohort_rows(translation)}

    @json_handler(max_bytes=1024)
    def learner_canvas(self, payload, translation):
        """One learner's latest submitted canvas, read-only, with its hints and the review."""
        require_staff(self)
        learner = self.known_learner(payload)
        snapshot = latest_submitted_canvas(compat.course_id(self), learner, compat.usage_id(self))
        hints = []
        if snapshot is not None:
            titles = {section["key"]: section.get("title", section["key"]) for section in snapshot["sections"]}
            canvas = {"sections": {section["key"]: section.get("items", []) for section in snapshot["sections"]}}
            layers = {section["key"]: section.get("layer", "economic") for section in snapshot["sections"]}
            hints = translate_hints(coherence_hints(canvas, list(titles)), titles, translation, layers)
        review = self.reviews.get(learner) or {}
        return {"learner": learner, "name": compat.username_for_anonymous_id(self, learner),
                "snapshot": snapshot, "hints": hints,
                "status": current_status(self.activity.get(learner), review),
                "comments": {key: value.get("text", "") for key, value in (review.get("comments") or {}).items()}}

    @json_handler(max_bytes=1024)
    def set_review_status(self, payload, translation):
        require_staff(self)
        learner = self.known_learner(payload)
        status = read_str(payload, "status", 40)
        try:
            review = set_status(self.reviews.get(learner), status, datetime.now(timezone.utc))
        except CanvasError as error:
            raise HandlerError(400, error.message, field=error.field, **error.params) from None
        self.update_review(learner, review)
        publish(self, "status_set", {"status": status})
        return {"status": status, "status_label": translation.gettext(STATUS_LABELS[status])}

    @json_handler(max_bytes=8192)
    def comment_section(self, payload, translation):  # pylint: disable=unused-argument
        require_staff(self)
        learner = self.known_learner(payload)
        section = read_str(payload, "section", 40)
        text = payload.get("text")
        keys = [section_definition.key
                for section_definition in self.section_definitions(compat.learner_language())]
        try:
            review = set_comment(self.reviews.get(learner), section, text, keys, datetime.now(timezone.utc))
        except CanvasError as error:
            raise HandlerError(400, error.message, field=error.field, **error.params) from None
        self.update_review(learner, review)
        publish(self, "commented", {"section": section, "removed": section not in review["comments"]})
        return {"section": section, "text": review["comments"].get(section, {}).get("text", "")}

    @XBlock.handler
    def export_cohort(self, request, suffix=""):  # pylint: disable=unused-argument
        """GET ?format=csv|json: the cohort's latest submitted canvases as a download."""
        translation = translation_for(compat.learner_language())
        if not compat.is_course_staff(self):
            return json_response({"error": translation.gettext(N_("Only the course team can do this."))}, 403)
        export_format = request.GET.get("format", "csv")
        if export_format not in ("csv", "json"):
            return json_response({"error": translation.gettext(N_("Unknown export format."))}, 400)
        records = self.cohort_records(translation)
        if export_format == "csv":
            body, content_type = export.cohort_csv(records), "text/csv"
        else:
            body, content_type = json.dumps(records, ensure_ascii=False, indent=1), "application/json"
        response = Response(body=body.encode("utf-8"), content_type=content_type, charset="utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="canvas-cohort.{export_format}"'
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    # ----- helpers -----------------------------------------------------------------------------

    def latest_submissions(self):
        """``{anonymous_id: submission}``, the latest per learner of this block."""
        from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel

        return {submission["student_id"]: submission for submission in submissions_api.get_all_submissions(
            compat.course_id(self), compat.usage_id(self), ITEM_TYPE, read_replica=False)}

    def known_learner(self, payload):
        """The learner id the trainer asks about, refused unless it is in this block's cohort."""
        learner = read_str(payload, "learner", MAX_LEARNER_ID, min_length=1)
        if learner not in self.activity and learner not in self.latest_submissions():
            raise HandlerError(404, N_("This learner has no canvas here."), field="learner")
        return learner

    def update_review(self, learner, review):
        reviews = dict(self.reviews)
        reviews[learner] = review
        self.reviews = reviews

    def cohort_records(self, translation):
        submissions = self.latest_submissions()
        records = []
        for learner in sorted(set(self.activity) | set(submissions)):
            snapshot = snapshot_of(submissions[learner]) if learner in submissions else None
            submitted_at = snapshot["submitted_at"] if snapshot else ""
            # The submission is the authority on "submitted", even if an activity write was lost.
            activity = dict(self.activity.get(learner) or {})
            activity["submitted_at"] = max(activity.get("submitted_at", ""), submitted_at)
            status = current_status(activity, self.reviews.get(learner))
            records.append({
                "learner": compat.username_for_anonymous_id(self, learner) or learner,
                "anonymous_id": learner,
                "status": status,
                "status_label": translation.gettext(STATUS_LABELS.get(status, STATUS_LABELS["draft"])),
                "last_activity": max(activity.get("last_activity", ""), submitted_at),
                "submitted_at": submitted_at,
                "snapshot": snapshot,
            })
        return records

    def cohort_rows(self, translation):
        return [{key: value for key, value in record.items() if key != "snapshot"}
                for record in self.cohort_records(translation)]
