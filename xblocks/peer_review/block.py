"""Peer-review XBlock (`sirius_peer_review`).

A learner submits an artefact (by default their latest submitted canvas from a `sirius_canvas`
block, else a response of their own), optionally calibrates on trainer-scored examples, reviews
peers' work one piece at a time with a rubric, optionally assesses their own, and sees the reviews
received (pseudonymous) and the grade. Mentors named by the trainer get their own queue. The Django
app (``app/api.py``, imported lazily) allocates reviews and writes the grade with edx-submissions
``set_score``. The trainer's side is in ``staff.py``.
"""
import logging

from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from xblocks.common import compat
from xblocks.common.events import publish
from xblocks.common.handlers import HandlerError, json_handler, read_bool, read_int, read_str
from xblocks.common.i18n import N_, translation_for
from xblocks.common.rendering import block_fragment, display_title, load_resource
from xblocks.common.studio import TranslatedStudioFieldsMixin
from xblocks.common.views import LearnerOrTrainerViewsMixin

from . import defaults, olx, views
from .artefact import canvas_artefact, response_artefact
from .rubric import ReviewPolicy, Rubric, RubricError, calibration_differences, clean_assessment
from .staff import PeerReviewStaffMixin

log = logging.getLogger(__name__)
SCENARIOS = (
    ("own_response", "Peer review: a written response (three learners and a mentor)"),
    ("canvas_and_review", "Peer review: a canvas, then its review, in one unit"),
    ("calibration_formative", "Peer review: formative, with calibration examples"),
)
MAX_DRAFTS = 5
# The longest response any setting allows: in the JSON edx-submissions stores, an Arabic letter
# takes 6 characters, so 10,000 of them stay within its 100 kB.
MAX_RESPONSE_CHARS = 10_000
RESPONSE_MAX_BYTES = 6 * MAX_RESPONSE_CHARS + 4096  # the request may escape every character too
MAX_EXAMPLES = 2  # calibration is a short warm-up, not a test
ASSESSMENT_MAX_BYTES = 40 * 1024
ASSESSMENT_KEYS = ("scores", "comments", "overall_comment")



def _policy_values(settings):
    """The review settings of a block (or of Studio's proposed field data) as the policy reads them."""
    return {"reviews_required": settings.reviews_required, "reviews_to_give": settings.reviews_to_give,
            "lease_minutes": settings.lease_minutes, "flexible_after_hours": settings.flexible_after_hours,
            "flexible_reviews_required": settings.flexible_reviews_required, "aggregation": settings.aggregation,
            "count_mentor_reviews": settings.count_mentor_reviews,
            "count_self_assessment": settings.count_self_assessment, "graded": not settings.formative,
            "weight": settings.weight}

@XBlock.needs("user")
@XBlock.wants("settings", "i18n")
class PeerReviewBlock(PeerReviewStaffMixin, LearnerOrTrainerViewsMixin, TranslatedStudioFieldsMixin,
                      StudioEditableXBlockMixin, XBlock):
    """Rubric-based review of learners' work by peers and invited mentors."""

    has_score = True
    has_custom_completion = True
    completion_mode = "completable"
    icon_class = "problem"
    editable_fields = ("display_name", "prompt", "source_block", "response_max_chars", "reviews_to_give",
                       "reviews_required", "lease_minutes", "flexible_after_hours", "flexible_reviews_required",
                       "aggregation", "count_mentor_reviews", "count_self_assessment", "self_assessment",
                       "formative", "weight", "rubric", "mentor_rubric", "mentor_usernames", "mentor_contact",
                       "calibration_examples")

    # Sample requests for `make bench` (scripts/bench.py); the others measure their refusal path.
    bench_handler_payloads = {"submit_studio_edits": {"values": {}, "defaults": []},
                              "save_response": {"text": "Mon projet", "link": ""},
                              "submit_work": {"text": "Mon projet", "link": ""}, "next_review": {},
                              "staff_overview": {}}

    display_name = String(display_name=N_("Display name"), help=N_("The title learners see."),
                          default=N_("Peer review"), scope=Scope.settings)
    prompt = String(display_name=N_("Instructions"), help=N_("What learners submit and how to review it."),
                    default="", scope=Scope.content)
    source_block = String(
        display_name=N_("Canvas to review"),
        help=N_("The url_name of a canvas block of this course (for example canvas_entreprise; it stays "
                "right when the course is imported under another id). Empty: the canvas of this unit if "
                "there is one, otherwise learners write a response here."), default="", scope=Scope.settings)
    response_max_chars = Integer(display_name=N_("Response length limit"), help=N_("In characters."),
                                 default=3000, values={"min": 100, "max": MAX_RESPONSE_CHARS},
                                 scope=Scope.settings)
    reviews_to_give = Integer(display_name=N_("Reviews each learner gives"), default=3,
                              values={"min": 0, "max": 20}, scope=Scope.settings)
    reviews_required = Integer(display_name=N_("Reviews each work needs"), default=3,
                               values={"min": 1, "max": 20}, scope=Scope.settings)
    lease_minutes = Integer(display_name=N_("Minutes to finish a review"),
                            help=N_("After this, an unfinished review goes back to the pool."),
                            default=240, values={"min": 5, "max": 20160}, scope=Scope.settings)
    flexible_after_hours = Integer(
        display_name=N_("Hours before help arrives"),
        help=N_("After this, work still lacking reviews is offered to mentors and needs fewer reviews."),
        default=72, values={"min": 0, "max": 8760}, scope=Scope.settings)
    flexible_reviews_required = Integer(display_name=N_("Reviews needed after that delay"),
                                        help=N_("0 keeps the full number."), default=1,
                                        values={"min": 0, "max": 20}, scope=Scope.settings)
    aggregation = String(display_name=N_("Grade per criterion"), default="median",
                         values=[{"display_name": N_("Median"), "value": "median"},
                                 {"display_name": N_("Mean"), "value": "mean"}], scope=Scope.settings)
    count_mentor_reviews = Boolean(display_name=N_("Count mentor reviews in the grade"), default=False,
                                   scope=Scope.settings)
    count_self_assessment = Boolean(display_name=N_("Count the self-assessment in the grade"), default=False,
                                    scope=Scope.settings)
    self_assessment = Boolean(display_name=N_("Offer a self-assessment"), default=True, scope=Scope.settings)
    # Not named `graded`: the platform's inherited `graded` field says whether the subsection counts.
    formative = Boolean(display_name=N_("Formative (no grade)"),
                        help=N_("Yes: no score is written; the block only reports completion."), default=False,
                        scope=Scope.settings)
    weight = Integer(display_name=N_("Points"), help=N_("Points this block is worth. Empty: the rubric's points."),
                     default=None, values={"min": 0, "max": 1000}, scope=Scope.settings)
    rubric = Dict(display_name=N_("Rubric"), help=N_("Criteria, each with levels (name, label, points, "
                                                     "description). Empty: the default canvas rubric."),
                  default={}, scope=Scope.content)
    mentor_rubric = Dict(display_name=N_("Mentor rubric"), help=N_("A short rubric for mentors. Empty: the rubric."),
                         default={}, scope=Scope.content)
    mentor_usernames = List(display_name=N_("Mentors"), help=N_("Usernames of enrolled mentors."), default=[],
                            scope=Scope.settings)
    mentor_contact = Boolean(display_name=N_("Mentors may ask to contact learners"),
                             help=N_("Off by default. The learner decides; only then does the mentor see "
                                     "their username."), default=False, scope=Scope.settings)
    calibration_examples = List(display_name=N_("Calibration examples"),
                                help=N_("Up to two examples: text and the level you chose per criterion."),
                                default=[], scope=Scope.content)

    response_draft = Dict(help=N_("The learner's unsent response."), default={}, scope=Scope.user_state)
    review_drafts = Dict(help=N_("Unsent reviews, by review id."), default={}, scope=Scope.user_state)
    calibration_results = Dict(help=N_("Differences found per calibration example."), default={},
                               scope=Scope.user_state)
    completed = Boolean(help=N_("Whether completion was reported."), default=False, scope=Scope.user_state)

    # ----- scoring ---------------------------------------------------------------------------

    def max_score(self):
        """Called at course publish with no user: a constant from the settings."""
        return self.review_policy().points_possible(self.rubric_definition())

    # ----- views -----------------------------------------------------------------------------

    def learner_view(self, language):
        translation = translation_for(language, __name__)
        rubric = self.rubric_definition(translation)
        preview = compat.in_studio(self)
        state = {} if preview else self.learner_state(translation)
        mentor = bool(state.get("mentor"))
        init_args = {
            "state": state, "preview": preview,
            "rubric": views.rubric_for_display(self.mentor_rubric_definition(translation) if mentor else rubric),
            "own_rubric": views.rubric_for_display(rubric),
            "mentor_rubric": views.rubric_for_display(self.mentor_rubric_definition(translation)),
            "starters": [translation.gettext(text) for text in views.SENTENCE_STARTERS],
            "helpfulness": [{"value": value, "label": translation.gettext(label)}
                            for value, label in views.HELPFULNESS_LABELS.items()],
            "limits": {"comment": 2000, "overall": 4000, "response": self.response_limit(), "flag": 1000},
        }
        context = {"title": display_title(self, translation), "prompt": self.prompt, "mentor": mentor, "preview": preview,
                   "self_assessment": self.self_assessment, "graded": not self.formative}
        return block_fragment(self, "templates/learner.html", context, language=language,
                              css="public/peer_review_learner.css", js="public/peer_review_learner.js",
                              init_fn="SiriusPeerReviewLearner", init_args=init_args,
                              js_strings=views.LEARNER_JS_STRINGS)

    def learner_state(self, translation):
        """Everything the learner's page shows; a constant number of queries."""
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        try:
            learner = compat.anonymous_user_id(self)
        except compat.IdentityUnavailable:
            return {"signed_out": True}
        mentor = self.is_mentor()
        progress = api.get_reviewer_progress(compat.course_id(self), compat.usage_id(self), learner)
        lease = progress["current_lease"]
        current = None
        if lease is not None:
            try:
                lease = api.get_review(lease["review_id"], learner)
                current = views.lease_for_display(lease, self.review_drafts.get(lease["review_id"]))
            except api.errors.StaleLease:
                current = None  # it expired a moment ago: the learner asks for the next one
        state = {"mentor": mentor, "current_review": current,
                 "given": progress["mentor_reviews_given" if mentor else "peer_reviews_given"],
                 "to_give": 0 if mentor else self.reviews_to_give, "completed": self.completed}
        if mentor:
            state["contact_enabled"] = self.mentor_contact
            state["contacts"] = [compat.username_for_anonymous_id(self, author) for author in api.accepted_contacts(
                compat.course_id(self), compat.usage_id(self), learner)] if self.mentor_contact else []
            return state
        results = api.get_results(compat.course_id(self), compat.usage_id(self), learner,
                                  self.rubric_definition(), self.review_policy())
        if results.get("score_due"):
            # Enough reviews now that the flexible delay has passed: write the score.
            api.refresh_grade(compat.course_id(self), compat.usage_id(self), learner,
                              self.rubric_definition(), self.review_policy())
        state.update(
            submitted=results.get("submitted", False), results=views.results_for_display(results),
            source=self.source_kind(), response_draft=self.response_draft,
            canvas_ready=self.source_kind() == "canvas" and not results.get("submitted")
            and self.source_canvas(learner) is not None,
            calibration=self.calibration_state(translation), self_assessment=self.self_assessment,
            graded=not self.formative)
        return state

    def author_view(self, context=None):  # pylint: disable=unused-argument
        """Studio preview: the instructions and the rubric, no learner state, no submission."""
        return self.learner_view(compat.learner_language())

    # ----- learner handlers ------------------------------------------------------------------

    @json_handler(max_bytes=RESPONSE_MAX_BYTES, keys=("text", "link"))
    def save_response(self, payload, translation):  # pylint: disable=unused-argument
        """Autosave of the learner's own response (before it is submitted)."""
        self.require_learner()
        text = read_str(payload, "text", self.response_limit(), default="")
        link = read_str(payload, "link", 500, default="")
        self.response_draft = {"text": text, "link": link}
        return {"saved": True}

    @json_handler(max_bytes=RESPONSE_MAX_BYTES, keys=("text", "link"))
    def submit_work(self, payload, translation):
        """Snapshot the artefact into this block's submission (once; a second send changes nothing)."""
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        learner = self.require_learner()
        if self.is_mentor():
            raise HandlerError(403, N_("Mentors review work; they do not submit here."))
        if self.source_kind() == "canvas":
            snapshot = self.source_canvas(learner)
            if snapshot is None:
                raise HandlerError(409, N_("Submit your canvas first, then come back here."))
            artefact = canvas_artefact(snapshot)
        else:
            try:
                artefact = response_artefact(payload, self.response_limit())
            except RubricError as error:
                raise HandlerError.from_error(error) from None
        try:
            submission = api.submit_for_review(compat.student_item(self, learner), artefact)
        except api.errors.PeerReviewError as error:
            raise HandlerError.from_error(error) from None
        if submission["created"]:
            self.response_draft = {}
            publish(self, "submitted", {"kind": artefact["kind"]})
        state = self.learner_state(translation)
        self.report_completion(state)  # complete already when no review is asked (reviews_to_give 0)
        return {"state": state}

    @json_handler(max_bytes=1024, keys=())
    def next_review(self, payload, translation):  # pylint: disable=unused-argument
        """A piece of work to review (the same one while its lease runs), or none waiting."""
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        learner = self.require_learner()
        mentor = self.is_mentor()
        if not mentor:
            if api.get_own_submission(compat.course_id(self), compat.usage_id(self), learner) is None:
                raise HandlerError(409, N_("Submit your own work for review first."))
            if not self.calibration_state(translation)["done"]:
                raise HandlerError(409, N_("Score the examples first."))
        lease = api.allocate_review(compat.course_id(self), compat.usage_id(self), learner, self.review_policy(),
                                    role="mentor" if mentor else "peer")
        if lease is None:
            return {"review": None}
        publish(self, "review_started", {"role": lease["role"]})
        lease = api.get_review(lease["review_id"], learner)
        return {"review": views.lease_for_display(lease, self.review_drafts.get(lease["review_id"]))}

    @json_handler(max_bytes=ASSESSMENT_MAX_BYTES, keys=("review_id", *ASSESSMENT_KEYS))
    def save_review_draft(self, payload, translation):  # pylint: disable=unused-argument
        """Autosave of an unfinished review: checked like a review, but criteria may stay open."""
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        learner = self.require_learner()
        review_id = read_str(payload, "review_id", 64, min_length=1)
        try:
            api.get_review(review_id, learner)
            draft = clean_assessment(self.reviewing_rubric(), payload, require_all=False)
        except (api.errors.PeerReviewError, RubricError) as error:
            raise HandlerError.from_error(error) from None
        drafts = {key: value for key, value in self.review_drafts.items() if key != review_id}
        drafts = dict(list(drafts.items())[-(MAX_DRAFTS - 1):])
        drafts[review_id] = draft
        self.review_drafts = drafts
        return {"saved": True}

    @json_handler(max_bytes=ASSESSMENT_MAX_BYTES, keys=("review_id", "contact_request", *ASSESSMENT_KEYS))
    def submit_review(self, payload, translation):
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        learner = self.require_learner()
        review_id = read_str(payload, "review_id", 64, min_length=1)
        rubric = self.reviewing_rubric()
        contact = read_bool(payload, "contact_request", default=False) and self.mentor_contact and self.is_mentor()
        try:
            result = api.submit_assessment(review_id, learner, payload, rubric, self.review_policy(),
                                           contact_request=contact)
        except api.errors.PeerReviewError as error:
            raise HandlerError.from_error(error) from None
        if result["created"]:
            publish(self, "review_submitted", {"role": result["role"], "points": result["points_earned"]})
        self.review_drafts = {key: value for key, value in self.review_drafts.items() if key != review_id}
        state = self.learner_state(translation)
        self.report_completion(state)
        return {"state": state}

    @json_handler(max_bytes=ASSESSMENT_MAX_BYTES, keys=ASSESSMENT_KEYS)
    def submit_self_assessment(self, payload, translation):
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        learner = self.require_learner()
        if not self.self_assessment:
            raise HandlerError(403, N_("Self-assessment is not offered here."))
        try:
            api.self_assess(compat.course_id(self), compat.usage_id(self), learner, payload,
                            self.rubric_definition(), self.review_policy())
        except api.errors.PeerReviewError as error:
            raise HandlerError.from_error(error) from None
        publish(self, "self_assessed", {})
        return {"state": self.learner_state(translation)}

    @json_handler(max_bytes=ASSESSMENT_MAX_BYTES, keys=("example", *ASSESSMENT_KEYS))
    def check_example(self, payload, translation):
        """Calibration: compare the learner's levels for an example with the trainer's."""
        self.require_learner()
        examples = self.calibration_examples[:MAX_EXAMPLES]
        index = read_int(payload, "example", 0, max(0, len(examples) - 1))
        if not examples:
            raise HandlerError(404, N_("There is no example to score."))
        rubric = self.rubric_definition(translation)
        try:
            chosen = clean_assessment(rubric, payload)["scores"]
        except RubricError as error:
            raise HandlerError.from_error(error) from None
        expected = examples[index].get("scores", {})
        differences = calibration_differences(rubric, expected, chosen)
        results = dict(self.calibration_results)
        results[str(index)] = differences
        self.calibration_results = results
        publish(self, "example_checked", {"example": index, "differences": len(differences)})
        return {"calibration": self.calibration_state(translation)}

    @json_handler(max_bytes=1024, keys=("review_id", "helpfulness"))
    def rate_review(self, payload, translation):  # pylint: disable=unused-argument
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        learner = self.require_learner()
        review_id = read_str(payload, "review_id", 64, min_length=1)
        helpfulness = read_int(payload, "helpfulness", 1, 5, label=N_("Helpfulness"))
        try:
            api.rate_review(review_id, learner, helpfulness)
        except api.errors.PeerReviewError as error:
            raise HandlerError.from_error(error) from None
        publish(self, "review_rated", {"helpfulness": helpfulness})
        return {"helpfulness": helpfulness}

    @json_handler(max_bytes=4096, keys=("review_id", "reason"))
    def flag_review(self, payload, translation):  # pylint: disable=unused-argument
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        learner = self.require_learner()
        review_id = read_str(payload, "review_id", 64, min_length=1)
        reason = read_str(payload, "reason", 1000, min_length=1, label=N_("Reason"))
        try:
            flagged = api.flag_review(review_id, learner, reason)
        except api.errors.PeerReviewError as error:
            raise HandlerError.from_error(error) from None
        publish(self, "review_flagged", {})
        return {"flag_state": flagged["flag_state"]}

    @json_handler(max_bytes=1024, keys=("review_id",))
    def accept_contact(self, payload, translation):  # pylint: disable=unused-argument
        """The learner lets a mentor who asked see their username."""
        from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

        learner = self.require_learner()
        review_id = read_str(payload, "review_id", 64, min_length=1)
        try:
            api.accept_contact(review_id, learner)
        except api.errors.PeerReviewError as error:
            raise HandlerError.from_error(error) from None
        publish(self, "contact_accepted", {})
        return {"contact_accepted": True}

    # ----- OLX -------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        """Prompt, rubric, mentor rubric, mentors and calibration examples are child elements."""
        from lxml import etree  # pylint: disable=import-outside-toplevel

        node = etree.fromstring(etree.tostring(node))
        children = olx.read_children(node)
        block = super().parse_xml(node, runtime, keys)
        for name, value in children.items():
            setattr(block, name, value)
        return block

    def add_xml_to_node(self, node):
        """Content and settings only, never learner state; structured fields as child elements."""
        node.tag = self.xml_element_name()
        structured = ("prompt", "rubric", "mentor_rubric", "mentor_usernames", "calibration_examples", "parent", "children")
        for name, field in self.fields.items():
            if field.scope not in (Scope.content, Scope.settings) or name in structured:
                continue
            if field.is_set_on(self):
                node.set(name, field.to_string(field.read_from(self)))
        olx.write_children(node, self.prompt, self.rubric or {}, self.mentor_rubric, self.mentor_usernames,
                           self.calibration_examples)

    def validate_field_data(self, validation, data):
        from xblock.validation import ValidationMessage  # pylint: disable=import-outside-toplevel

        translation = translation_for(compat.learner_language(), __name__)
        checks = [lambda: ReviewPolicy.from_dict(_policy_values(data))]
        checks += [lambda value=value: Rubric.from_dict(value) for value in (data.rubric, data.mentor_rubric) if value]
        for check in checks:
            try:
                check()
            except RubricError as error:
                message = translation.gettext(error.message)
                validation.add(ValidationMessage(ValidationMessage.ERROR,
                                                 message % error.params if error.params else message))

    @staticmethod
    def workbench_scenarios():
        return [(title, load_resource(__package__, f"scenarios/{name}.xml")) for name, title in SCENARIOS]

    # ----- helpers ---------------------------------------------------------------------------

    def review_policy(self):
        try:
            return ReviewPolicy.from_dict(_policy_values(self))
        except RubricError:
            log.warning("Invalid review settings in %s; using the defaults", self.scope_ids.usage_id)
            return ReviewPolicy(graded=not self.formative)

    def rubric_definition(self, translation=None):
        """The author's rubric, or ours (translated: it is our text, not the author's)."""
        if self.rubric:
            try:
                return Rubric.from_dict(self.rubric)
            except RubricError:
                log.warning("Invalid rubric in %s; using the default rubric", self.scope_ids.usage_id)
        return Rubric.from_dict(defaults.default_rubric(translation))

    def mentor_rubric_definition(self, translation=None):
        if self.mentor_rubric and not self.count_mentor_reviews:
            try:
                return Rubric.from_dict(self.mentor_rubric)
            except RubricError:
                log.warning("Invalid mentor rubric in %s; mentors use the rubric", self.scope_ids.usage_id)
        return self.rubric_definition(translation)

    def reviewing_rubric(self):
        return self.mentor_rubric_definition() if self.is_mentor() else self.rubric_definition()

    def response_limit(self):
        """The response length limit in characters, kept within what can be stored."""
        return min(max(self.response_max_chars or 0, 100), MAX_RESPONSE_CHARS)

    def is_mentor(self):
        username = compat.current_username(self)
        return bool(username) and username in (self.mentor_usernames or [])

    def calibration_state(self, translation):
        examples = []
        for index, example in enumerate(self.calibration_examples[:MAX_EXAMPLES]):
            examples.append({"index": index, "text": example.get("text", ""),
                             "differences": self.calibration_results.get(str(index))})
        return {"examples": examples,
                "done": all(str(example["index"]) in self.calibration_results for example in examples)}

    def report_completion(self, state):
        """Complete once the learner has submitted and given the required reviews."""
        if self.completed or state.get("mentor") or not state.get("submitted"):
            return
        if state["given"] >= self.reviews_to_give:
            self.completed = True
            state["completed"] = True
            compat.emit_completion(self)

    def source_kind(self):
        return "canvas" if self.source_usage_id() else "response"

    def source_usage_id(self):
        """The canvas to snapshot: the one chosen in Studio (its url_name, or a full usage key), else
        a canvas in this unit."""
        source = self.source_block.strip()
        if ":" in source:
            return source  # a full usage key names one course only: kept for existing courses
        if source:
            in_course = compat.usage_id_in_course(self, "sirius_canvas", source)
            if in_course:
                return in_course
        parent = self.get_parent() if self.parent else None
        for child_id in getattr(parent, "children", []) or []:
            if self.runtime.get_block(child_id).scope_ids.block_type == "sirius_canvas":
                return str(child_id.for_branch(None) if hasattr(child_id, "for_branch") else child_id)
        return ""

    def source_canvas(self, learner):
        from xblocks.canvas.api import latest_submitted_canvas  # pylint: disable=import-outside-toplevel

        return latest_submitted_canvas(compat.course_id(self), learner, self.source_usage_id())
