"""The trainer's side of the canvas block: cohort list, read-only canvas with hints,
comments per section, review status, and cohort export (CSV, JSON).

Every handler here starts with ``require_staff``: only the course team sees other
learners' canvases or changes their review. Learners' drafts stay private; trainers see
submitted versions (edx-submissions) and the activity the canvas app records. Reviews are
written through the canvas app (``app/api.py``): a status or one section's comment per write,
so two trainers at once never lose each other's work.
"""
import json

from webob import Response
from xblock.core import XBlock

from xblocks.common import compat
from xblocks.common.events import publish
from xblocks.common.handlers import HandlerError, json_handler, json_response, read_str, require_staff
from xblocks.common.i18n import N_, translation_for
from xblocks.common.rendering import block_fragment, display_title

from . import export
from .api import ITEM_TYPE, latest_submitted_canvas, snapshot_of
from .coherence import coherence_hints
from .messages import CanvasError
from .review import STATUS_LABELS, STATUSES, check_status, clean_comment, current_status
from .views import STAFF_JS_STRINGS, translate_hints

MAX_LEARNER_ID = 255


class CanvasStaffMixin:
    """Trainer views and handlers, mixed into ``CanvasBlock``."""

    @staticmethod
    def canvas_app():
        """The canvas app's API, imported on first use so that loading the block never loads models."""
        from xblocks.canvas.app import api  # pylint: disable=import-outside-toplevel

        return api

    def staff_view(self, language):
        translation = translation_for(language, __name__)
        init_args = {
            "statuses": [{"key": key, "label": translation.gettext(STATUS_LABELS[key])} for key in STATUSES],
        }
        context = {"title": display_title(self, translation)}
        return block_fragment(self, "templates/staff.html", context, language=language,
                              css="public/canvas_staff.css", js="public/canvas_staff.js",
                              init_fn="SiriusCanvasStaff", init_args=init_args, js_strings=STAFF_JS_STRINGS)

    # ----- handlers ----------------------------------------------------------------------------

    @json_handler(max_bytes=1024, keys=())
    def cohort(self, payload, translation):  # pylint: disable=unused-argument
        require_staff(self)
        return {"learners": self.cohort_rows(translation)}

    @json_handler(max_bytes=1024, keys=("learner",))
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
        api = self.canvas_app()
        review = api.get_review(*self.learner_keys(learner))
        activity = api.get_draft(*self.learner_keys(learner))
        if snapshot is not None:  # the submission is the authority on "submitted"
            activity["submitted_at"] = max(activity["submitted_at"], snapshot["submitted_at"])
        return {"learner": learner, "name": compat.username_for_anonymous_id(self, learner),
                "snapshot": snapshot, "hints": hints,
                "status": current_status(activity, review),
                "comments": {key: value["text"] for key, value in review["comments"].items()}}

    @json_handler(max_bytes=1024, keys=("learner", "status"))
    def set_review_status(self, payload, translation):
        self.require_staff_outside_studio()
        learner = self.known_learner(payload)
        status = read_str(payload, "status", 40)
        api = self.canvas_app()
        try:
            api.set_review_status(*self.learner_keys(learner), check_status(status))
        except (CanvasError, api.CanvasAppError) as error:
            raise HandlerError.from_error(error) from None
        publish(self, "status_set", {"status": status})
        return {"status": status, "status_label": translation.gettext(STATUS_LABELS[status])}

    @json_handler(max_bytes=8192, keys=("learner", "section", "text"))
    def comment_section(self, payload, translation):  # pylint: disable=unused-argument
        self.require_staff_outside_studio()
        learner = self.known_learner(payload)
        section = read_str(payload, "section", 40)
        text = payload.get("text")
        keys = [section_definition.key
                for section_definition in self.section_definitions(compat.learner_language())]
        api = self.canvas_app()
        try:
            stored = api.set_section_comment(*self.learner_keys(learner), section,
                                             clean_comment(section, text, keys))
        except (CanvasError, api.CanvasAppError) as error:
            raise HandlerError.from_error(error) from None
        publish(self, "commented", {"section": section, "removed": not stored["text"]})
        return stored

    @XBlock.handler
    def export_cohort(self, request, suffix=""):  # pylint: disable=unused-argument
        """GET ?format=csv|json: the cohort's latest submitted canvases as a download."""
        translation = translation_for(compat.learner_language(), __name__)
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

    def require_staff_outside_studio(self):
        """A review is written from the course, never from Studio's preview (which stores nothing)."""
        require_staff(self)
        if compat.in_studio(self):
            raise HandlerError(403, N_("This is a preview: learners' work is not saved in Studio."))

    def latest_submissions(self):
        """``{anonymous_id: submission}``, the latest per learner of this block."""
        from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel

        return {submission["student_id"]: submission for submission in submissions_api.get_all_submissions(
            compat.course_id(self), compat.usage_id(self), ITEM_TYPE, read_replica=False)}

    def known_learner(self, payload):
        """The learner id the trainer asks about, refused unless it is in this block's cohort."""
        learner = read_str(payload, "learner", MAX_LEARNER_ID, min_length=1)
        if not self.canvas_app().has_canvas(*self.learner_keys(learner)) \
                and learner not in self.latest_submissions():
            raise HandlerError(404, N_("This learner has no canvas here."), field="learner")
        return learner

    def cohort_records(self, translation):
        submissions = self.latest_submissions()
        # One query for every learner's activity and review status (see app/api.py get_cohort).
        cohort = {row["learner_id"]: row for row in self.canvas_app().get_cohort(compat.course_id(self),
                                                                               compat.usage_id(self))}
        records = []
        for learner in sorted(set(cohort) | set(submissions)):
            snapshot = snapshot_of(submissions[learner]) if learner in submissions else None
            submitted_at = snapshot["submitted_at"] if snapshot else ""
            row = cohort.get(learner) or {"last_activity": "", "submitted_at": "", "review": None}
            # The submission (edx-submissions) is the authority on "submitted".
            activity = {"last_activity": row["last_activity"],
                        "submitted_at": max(row["submitted_at"], submitted_at)}
            status = current_status(activity, row["review"])
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
