"""The trainer's side of the peer-review block: submissions with review counts and leases, who is
waiting and why, flagged reviews (keep or hide), grade override, CSV export.

Every handler starts with ``require_staff``. Trainers see real usernames; the anonymous ids never
leave the server except as the opaque key of a row.
"""
from webob import Response
from xblock.core import XBlock

from xblocks.common import compat
from xblocks.common.events import publish
from xblocks.common.handlers import HandlerError, json_handler, read_choice, read_str, require_staff
from xblocks.common.i18n import N_, translation_for
from xblocks.common.rendering import block_fragment, display_title

from . import views

MAX_ID = 255


class PeerReviewStaffMixin:
    """Trainer views and handlers, mixed into ``PeerReviewBlock``."""

    def staff_view(self, language):
        context = {"title": display_title(self, translation_for(language, __name__)), "graded": not self.formative,
                   "max_points": self.rubric_definition().max_points}
        return block_fragment(self, "templates/staff.html", context, language=language,
                              css="public/peer_review_staff.css", js="public/peer_review_staff.js",
                              init_fn="SiriusPeerReviewStaff", init_args={"overview": self.staff_overview_data()},
                              js_strings=views.STAFF_JS_STRINGS)

    def staff_overview_data(self):
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        names = {}

        def username_for(anonymous_id):
            if anonymous_id not in names:
                names[anonymous_id] = compat.username_for_anonymous_id(self, anonymous_id) or anonymous_id[:8]
            return names[anonymous_id]

        rows = api.list_submissions(compat.course_id(self), compat.usage_id(self), self.rubric_definition(),
                                    self.review_policy())
        for row in rows:
            if row["score_due"]:
                # Learners who never come back still get the score time made due (flexible grading).
                api.refresh_grade(compat.course_id(self), compat.usage_id(self), row["author_id"],
                                  self.rubric_definition(), self.review_policy())
        flags = api.list_flags(compat.course_id(self), compat.usage_id(self))
        return {"rows": views.staff_rows(rows, username_for), "flags": views.staff_flags(flags, username_for),
                "max_points": self.rubric_definition().max_points, "graded": not self.formative}

    @json_handler(max_bytes=1024, keys=())
    def staff_overview(self, payload, translation):  # pylint: disable=unused-argument
        require_staff(self)
        return {"overview": self.staff_overview_data()}

    @json_handler(max_bytes=2048, keys=("review_id", "decision"))
    def resolve_flag(self, payload, translation):  # pylint: disable=unused-argument
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        require_staff(self)
        review_id = read_str(payload, "review_id", 64, min_length=1)
        decision = read_choice(payload, "decision", ("kept", "hidden"), label=N_("Decision"))
        try:
            api.resolve_flag(compat.course_id(self), compat.usage_id(self), review_id, decision,
                             compat.anonymous_user_id(self), self.rubric_definition(), self.review_policy())
        except api.errors.PeerReviewError as error:
            raise HandlerError.from_error(error) from None
        publish(self, "flag_resolved", {"decision": decision})
        return {"overview": self.staff_overview_data()}

    @json_handler(max_bytes=2048, keys=("author_id", "points", "reason"))
    def override_grade(self, payload, translation):  # pylint: disable=unused-argument
        """The trainer's grade in rubric points (it always wins); ``points`` null removes it."""
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        require_staff(self)
        author_id = read_str(payload, "author_id", MAX_ID, min_length=1)
        if "points" not in payload:  # null removes the override; a forgotten key must not
            raise HandlerError(400, N_("“%(field_name)s” is missing."), field="points", field_name=N_("Points"))
        points = payload["points"]
        reason = read_str(payload, "reason", 500, default="", label=N_("Reason"))
        try:
            api.override_grade(compat.course_id(self), compat.usage_id(self), author_id, points, reason,
                               compat.anonymous_user_id(self), self.rubric_definition(), self.review_policy())
        except api.errors.PeerReviewError as error:
            raise HandlerError.from_error(error) from None
        publish(self, "grade_overridden", {"removed": points is None})
        return {"overview": self.staff_overview_data()}

    @XBlock.handler
    def export_csv(self, request, suffix=""):  # pylint: disable=unused-argument
        """``?kind=grades`` (default) or ``?kind=reviews``: CSV with real usernames, staff only."""
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        translation = translation_for(compat.learner_language(), __name__)
        if not compat.is_course_staff(self):
            return Response(translation.gettext("Only the course team can do this."), status=403,
                            content_type="text/plain", charset="utf-8")
        kind = request.GET.get("kind", "grades")
        if kind not in ("grades", "reviews"):
            return Response(translation.gettext(N_("This export does not exist.")), status=400,
                            content_type="text/plain", charset="utf-8")

        def username_for(anonymous_id):
            return compat.username_for_anonymous_id(self, anonymous_id) or anonymous_id

        course, usage = compat.course_id(self), compat.usage_id(self)
        if kind == "grades":
            body = views.grades_csv(api.list_submissions(course, usage, self.rubric_definition(),
                                                         self.review_policy()), username_for)
        else:
            body = views.reviews_csv(api.list_assessments(course, usage), self.rubric_definition(), username_for)
        response = Response(body, content_type="text/csv", charset="utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="peer-review-{kind}.csv"'
        return response
