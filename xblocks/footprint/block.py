"""Digital-footprint calculator: a learner's digital life and the digital side of their business.

The maths lives in `engine/` (tested alone); this block validates, stores, renders and publishes.
Work in progress is user state; a saved result is an edx-submissions snapshot (item type
`sirius_footprint`) that the learner's history and the trainer's anonymous cohort view read.
"""
import datetime
import json

from webob import Response
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, List, Scope, String, UserScope
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from xblocks.common import compat
from xblocks.common.events import BrowserEventsMixin, publish
from xblocks.common.handlers import HandlerError, json_handler, read_list, read_str, require_staff
from xblocks.common.i18n import N_, translation_for
from xblocks.common.rendering import block_fragment, display_title, load_resource
from xblocks.common.sanitizer import sanitize_author_html
from xblocks.common.snapshots import create_snapshot
from xblocks.common.studio import TranslatedStudioFieldsMixin

from . import cohort, texts
from .engine.answers import COUNTRIES, SECTIONS, AnswerError, default_answers, validate_answers
from .engine.factors import sources
from .engine.results import compute_results
from .engine.scenarios import SCENARIO_KEYS
from .form import form_context

ITEM_TYPE = "sirius_footprint"
SNAPSHOT_VERSION = 1
HISTORY_LIMIT = 24
MAX_PAYLOAD_BYTES = 24 * 1024
ANALYSES_PER_MINUTE = 3
SCENARIO_FILES = ("personal_only.xml", "business_and_website.xml", "two_on_one_page.xml")


@XBlock.wants("user", "settings", "i18n")
class FootprintBlock(BrowserEventsMixin, TranslatedStudioFieldsMixin, StudioEditableXBlockMixin, XBlock):
    """Digital footprint calculator (personal + business), not graded."""

    has_score = False
    has_custom_completion = True
    # Sample requests for `make bench` (scripts/bench.py): a learner's default answers.
    bench_handler_payloads = {"keep_answers": {"answers": default_answers()},
                              "compute": {"answers": default_answers(), "scenarios": []},
                              "save_result": {"answers": default_answers(), "scenarios": []},
                              "history": {}, "cohort_statistics": {}}
    completion_mode = "completable"
    icon_class = "other"
    browser_event_verbs = ("step_viewed", "scenario_toggled", "sources_opened", "report_printed")
    editable_fields = ("display_name", "intro_html", "sections", "default_country", "website_analyser_enabled")

    display_name = String(display_name=N_("Display name"), help=N_("The title learners see."),
                          default=N_("Digital footprint calculator"), scope=Scope.settings)
    intro_html = String(display_name=N_("Introduction"), help=N_("Text shown above the calculator (HTML)."),
                        default="", scope=Scope.content, multiline_editor="html")
    sections = List(display_name=N_("Sections shown"),
                    help=N_("Which parts of the calculator appear (devices, video, calls, emails, web, cloud, "
                            "mobile, social, ai, business)."),
                    default=list(SECTIONS), scope=Scope.settings)
    default_country = String(display_name=N_("Default country"), help=N_("BE, FR, EU or WORLD."),
                             default="BE", values=list(COUNTRIES), scope=Scope.settings)
    website_analyser_enabled = Boolean(
        display_name=N_("Website analyser"),
        help=N_("Let learners measure their own web page (the server downloads it)."),
        default=False, scope=Scope.settings)

    answers = Dict(help=N_("The learner's answers, kept while they work"), default=None, scope=Scope.user_state)
    active_scenarios = List(help=N_("Reductions the learner turned on"), default=[], scope=Scope.user_state)
    has_saved = Boolean(help=N_("Whether the learner saved a result once"), default=False, scope=Scope.user_state)

    # ----- views -----
    @XBlock.supports("multi_device")
    def student_view(self, context=None):  # pylint: disable=unused-argument
        language = compat.learner_language()
        staff = self._is_staff()
        answers = self._current_answers()
        body_context = form_context(self, answers, language)
        title = display_title(self, translation_for(language, __name__))
        body_context.update(intro_html=sanitize_author_html(self.intro_html or ""), is_staff=staff,
                            sources=sources(), display_name=title)
        fragment = block_fragment(
            self, "templates/footprint.html", body_context, language=language,
            css="public/footprint.css", js="public/footprint.js", init_fn="SiriusFootprint",
            init_args={"answers": answers, "active_scenarios": self.active_scenarios,
                       "categories": self._translated(texts.CATEGORY_LABELS, language),
                       "scenarios": self._translated(texts.SCENARIO_TITLES, language),
                       "has_saved": self.has_saved},
            js_strings=texts.JS_STRINGS)
        if staff:
            fragment.add_css_url(self.runtime.local_resource_url(self, "public/footprint_staff.css"))
            fragment.add_javascript_url(self.runtime.local_resource_url(self, "public/footprint_staff.js"))
        return fragment

    # ----- handlers -----
    @json_handler(max_bytes=MAX_PAYLOAD_BYTES, keys=("answers",))
    def keep_answers(self, payload, translation):  # pylint: disable=unused-argument
        """Autosave of the work in progress."""
        self.answers = self._validated(payload)
        return {"kept": True}

    @json_handler(max_bytes=MAX_PAYLOAD_BYTES, keys=("answers", "scenarios"))
    def compute(self, payload, translation):
        answers = self._validated(payload)
        scenarios = self._read_scenarios(payload)
        self.answers, self.active_scenarios = answers, scenarios
        results = compute_results(answers, self._sections(), scenarios)
        publish(self, "computed", {"total_kg": round(results["total_kg"], 1), "country": answers["country"]})
        return self._results_view(results, translation)

    @json_handler(max_bytes=MAX_PAYLOAD_BYTES, keys=("answers", "scenarios"))
    def save_result(self, payload, translation):
        if compat.in_studio(self):
            raise HandlerError(400, N_("Results cannot be saved in the Studio preview."))
        try:
            item = compat.student_item(self)
        except compat.IdentityUnavailable:
            raise HandlerError(403, N_("Please sign in to save your result.")) from None
        answers = self._validated(payload)
        scenarios = self._read_scenarios(payload)
        results = compute_results(answers, self._sections(), scenarios)
        snapshot = {
            "version": SNAPSHOT_VERSION, "country": answers["country"], "answers": answers,
            "active_scenarios": results["active_scenarios"], "total_kg": results["total_kg"],
            "low_kg": results["low_kg"], "high_kg": results["high_kg"],
            "total_with_scenarios_kg": results["total_with_scenarios_kg"],
            "categories": {c["key"]: c["kg"] for c in results["categories"]},
        }
        create_snapshot(item, snapshot)
        self.answers, self.active_scenarios = answers, scenarios
        if not self.has_saved:
            self.has_saved = True
            compat.emit_completion(self)
        publish(self, "result_saved", {"total_kg": round(results["total_kg"], 1),
                                       "reductions": len(results["active_scenarios"])})
        view = self._results_view(results, translation)
        view["history"] = self._history(item)
        return view

    @json_handler(max_bytes=1024, keys=())
    def history(self, payload, translation):  # pylint: disable=unused-argument
        if not self.has_saved:
            # Nothing to read; and asking edx-submissions would create its student item (a write).
            return {"history": []}
        try:
            item = compat.student_item(self)
        except compat.IdentityUnavailable:
            return {"history": []}
        return {"history": self._history(item)}

    @json_handler(max_bytes=1024, keys=())
    def cohort_statistics(self, payload, translation):  # pylint: disable=unused-argument
        require_staff(self)
        stats = cohort.cohort_statistics(self._cohort_snapshots())
        stats["category_labels"] = self._translated(texts.CATEGORY_LABELS, translation.language)
        stats["scenario_labels"] = self._translated(texts.SCENARIO_TITLES, translation.language)
        return stats

    @XBlock.handler
    def cohort_csv(self, request, suffix=""):  # pylint: disable=unused-argument
        translation = translation_for(compat.learner_language(), __name__)
        if not self._is_staff():
            return Response(json.dumps({"error": translation.gettext("Only the course team can do this.")}),
                            status=403, content_type="application/json", charset="utf-8")
        response = Response(cohort.cohort_csv(self._cohort_snapshots()), content_type="text/csv", charset="utf-8")
        response.headers["Content-Disposition"] = 'attachment; filename="footprint-cohort.csv"'
        return response

    @json_handler(max_bytes=2048, keys=("url",))
    def analyse_website(self, payload, translation):  # pylint: disable=unused-argument
        if not self.website_analyser_enabled:
            raise HandlerError(403, N_("The website analyser is turned off for this course."))
        url = read_str(payload, "url", 2000, min_length=1, label=N_("Address of your website"))
        self._count_analysis()
        from .website_analyser import WebsiteRefused, analyse  # pylint: disable=import-outside-toplevel
        try:
            measure = analyse(url)
        except WebsiteRefused as refusal:
            raise HandlerError(400, refusal.message, field="url") from None
        publish(self, "website_analysed", {"requests": measure["requests"]})
        return measure

    # ----- OLX -----
    def add_xml_to_node(self, node):
        """XBlock's default export writes every field that is set, learner state included; ours
        exports only what authors set (content and settings)."""
        super().add_xml_to_node(node)
        for name, field in self.fields.items():
            scope = field.scope
            if getattr(scope, "user", UserScope.NONE) != UserScope.NONE or scope == Scope.user_state_summary:
                node.attrib.pop(name, None)

    # ----- Studio -----
    def validate_field_data(self, validation, data):
        from xblock.validation import ValidationMessage  # pylint: disable=import-outside-toplevel
        gettext = translation_for(compat.learner_language(), __name__).gettext
        if not isinstance(data.sections, list) or not data.sections or set(data.sections) - set(SECTIONS):
            validation.add(ValidationMessage(ValidationMessage.ERROR, gettext(
                N_("Sections shown: a list of one or more of %(sections)s.")) % {"sections": ", ".join(SECTIONS)}))
        if data.default_country not in COUNTRIES:
            validation.add(ValidationMessage(ValidationMessage.ERROR, gettext(
                N_("Default country: BE, FR, EU or WORLD."))))

    @staticmethod
    def workbench_scenarios():
        return [(name[:-4].replace("_", " "), load_resource(__package__, f"scenarios/{name}"))
                for name in SCENARIO_FILES]

    # ----- helpers -----
    def _count_analysis(self):
        """At most ANALYSES_PER_MINUTE measurements per learner: each one can hold a server worker
        for up to half a minute. The shared cache counts atomically, across workers."""
        from django.core.cache import cache  # pylint: disable=import-outside-toplevel
        try:
            who = compat.anonymous_user_id(self)
        except compat.IdentityUnavailable:
            who = "anonymous"
        key = f"sirius-footprint-analyses:{who}"
        cache.add(key, 0, timeout=60)
        try:
            count = cache.incr(key)
        except ValueError:  # the entry expired between add and incr
            count = 1
            cache.set(key, count, timeout=60)
        if count > ANALYSES_PER_MINUTE:
            raise HandlerError(429, N_("You measured several pages just now. Please wait a minute and try again."),
                               field="url")

    def _is_staff(self):
        return compat.is_course_staff(self) and not compat.in_studio(self)

    def _sections(self):
        chosen = [s for s in (self.sections or []) if s in SECTIONS]
        return tuple(chosen) or SECTIONS

    def _current_answers(self):
        if self.answers:
            try:
                return validate_answers(self.answers)
            except AnswerError:
                pass  # answers from an older version of the form: start again from defaults
        country = self.default_country if self.default_country in COUNTRIES else "BE"
        return default_answers(country)

    @staticmethod
    def _validated(payload):
        try:
            return validate_answers(payload.get("answers"))
        except AnswerError as error:
            raise HandlerError.from_error(error) from None

    @staticmethod
    def _read_scenarios(payload):
        scenarios = read_list(payload, "scenarios", len(SCENARIO_KEYS), default=[], label=N_("Reductions"))
        if any(key not in SCENARIO_KEYS for key in scenarios):
            raise HandlerError(400, N_("“%(field_name)s” has a value that is not allowed."), field="scenarios",
                               field_name=N_("Reductions"))
        return list(dict.fromkeys(scenarios))

    @staticmethod
    def _translated(labels, language):
        translation = translation_for(language, __name__)
        return {key: translation.gettext(text) for key, text in labels.items()}

    @staticmethod
    def _results_view(results, translation):
        view = dict(results)
        biggest = results["biggest"]
        view["biggest_sentence"] = translation.gettext(texts.BIGGEST_SENTENCES[biggest]) if biggest else ""
        return view

    def _history(self, item):
        from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel
        entries = []
        for submission in submissions_api.get_submissions(item, limit=HISTORY_LIMIT):
            snapshot = submission["answer"]
            if not isinstance(snapshot, dict):
                continue
            saved_at = submission["created_at"]
            if isinstance(saved_at, datetime.datetime):
                saved_at = saved_at.isoformat()
            entries.append({"saved_at": saved_at, "total_kg": snapshot.get("total_kg"),
                            "low_kg": snapshot.get("low_kg"), "high_kg": snapshot.get("high_kg")})
        return entries

    def _cohort_snapshots(self):
        from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel
        latest = {}
        for submission in submissions_api.get_all_submissions(compat.course_id(self), compat.usage_id(self),
                                                              ITEM_TYPE, read_replica=False):
            latest.setdefault(submission["student_id"], submission["answer"])  # newest comes first
        return list(latest.values())
