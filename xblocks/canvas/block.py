"""Business-model canvas XBlock (`sirius_canvas`).

A learner builds the business model of their idea in a canvas (Business Model Canvas,
Lean Canvas, optionally with a responsible layer), with guidance per section and
coherence hints; drafts autosave (versioned, merged item by item when stale), submitted
versions are edx-submissions snapshots; a trainer follows the cohort, comments and sets
a status (see ``staff.py``). The domain lives in plain modules next to this one.

Drafts, reviews and activity live in the canvas Django app (``app/api.py``, imported lazily), where
the database settles races: an XBlock field is written after the handler returns, so a version
check on a field could never stop two tabs saving at the same instant.
"""
import hashlib
import logging

from lxml import etree
from xblock.core import XBlock
from xblock.fields import Boolean, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from xblocks.common import compat
from xblocks.common.events import publish
from xblocks.common.handlers import HandlerError, json_handler, json_response, read_int, read_str
from xblocks.common.i18n import N_, translation_for
from xblocks.common.rendering import block_fragment, display_title, load_resource
from xblocks.common.snapshots import create_snapshot
from xblocks.common.studio import TranslatedStudioFieldsMixin
from xblocks.common.views import LearnerOrTrainerViewsMixin

from . import definitions, export
from .api import snapshot_of
from .coherence import coherence_hints
from .merge import PREFER_OURS, PREFER_THEIRS, differing_notes, merge_canvases
from .messages import CanvasError
from .model import DEFAULT_LIMITS, count_items, empty_canvas, validate_canvas
from .review import STATUS_LABELS, learner_feedback
from .staff import CanvasStaffMixin
from .views import (LEARNER_JS_STRINGS, author_context, colour_labels, learner_context,
                    translate_hints)

log = logging.getLogger(__name__)
SAVE_MAX_BYTES = 2 * DEFAULT_LIMITS.max_payload_bytes + 8192
STALE_PAGE_MESSAGE = N_("Your canvas changed in another window. Please wait until it is saved here, "
                        "then try again.")
SCENARIOS = (
    ("bmc_default", "Canvas: Business Model Canvas (default)"),
    ("lean_responsible", "Canvas: Lean Canvas with the responsible layer"),
    ("two_canvases", "Canvas: two canvases on one page"),
    ("trainer_view", "Canvas: trainer's own sections (open with ?student=trainer)"),
)


def canvas_in_sections(content, keys):
    """A stored canvas limited to the sections the block has now (every one present)."""
    stored = (content or {}).get("sections", {})
    canvas = empty_canvas(keys)
    for key in keys:
        canvas["sections"][key] = [dict(item) for item in stored.get(key, [])]
    return canvas


@XBlock.needs("user")
@XBlock.wants("settings", "i18n")
class CanvasBlock(CanvasStaffMixin, LearnerOrTrainerViewsMixin, TranslatedStudioFieldsMixin, StudioEditableXBlockMixin,
                  XBlock):
    """A learner's business-model canvas, reviewed by the course team."""

    preview_refusal = N_("This is a preview: learners' work is not saved in Studio.")
    anonymous_refusal = N_("Please sign in to save your canvas.")

    has_score = False
    has_custom_completion = True
    completion_mode = "completable"
    icon_class = "problem"
    editable_fields = ("display_name", "template", "responsible_layer", "sections")

    display_name = String(
        display_name=N_("Display name"), help=N_("The title learners see above the canvas."),
        default=N_("Business model canvas"), scope=Scope.settings)
    template = String(
        display_name=N_("Canvas template"),
        help=N_("bmc: Business Model Canvas (9 sections); lean: Lean Canvas."),
        default=definitions.DEFAULT_TEMPLATE, values=list(definitions.template_keys()), scope=Scope.content)
    responsible_layer = Boolean(
        display_name=N_("Responsible layer"),
        help=N_("Add the environmental and social sections (Triple Layered Business Model Canvas)."),
        default=False, scope=Scope.content)
    sections = List(
        display_name=N_("Own sections"),
        help=N_("Leave empty for the default sections in the learner's language. Otherwise a list of "
                "{\"key\", \"title\", \"question\", \"example\", \"layer\"} in your order."),
        default=[], scope=Scope.content)

    # The draft, its version, the activity and the trainer's review are rows of the canvas app.
    completed = Boolean(help=N_("Whether the learner has submitted once."), default=False, scope=Scope.user_state)

    # ----- views -------------------------------------------------------------------------------

    def learner_view(self, language):
        translation = translation_for(language, __name__)
        sections = self.section_definitions(language)
        keys = [section.key for section in sections]
        try:
            anonymous_id = compat.anonymous_user_id(self)
        except compat.IdentityUnavailable:
            anonymous_id = ""
        draft, feedback = {"version": 0, "content": None, "saved_at": ""}, None
        if anonymous_id:
            draft = self.canvas_app().get_draft(*self.learner_keys(anonymous_id))
            review = self.canvas_app().get_review(*self.learner_keys(anonymous_id))
            feedback = learner_feedback(draft, review, keys)
        canvas = canvas_in_sections(draft["content"], keys)
        context = learner_context(self, sections, feedback, language)
        can_save = bool(anonymous_id) and not compat.in_studio(self)
        init_data = {
            "canvas": canvas,
            "version": draft["version"],
            "saved_at": draft["saved_at"],
            "sections": [{"key": section.key, "title": section.title} for section in sections],
            "hints": self.translated_hints(canvas, sections, translation),
            "limits": {"items": DEFAULT_LIMITS.max_items_per_section, "chars": DEFAULT_LIMITS.max_item_chars,
                       "tag": DEFAULT_LIMITS.max_tag_chars},
            "colours": colour_labels(translation),
            # No key where nothing is saved (Studio, anonymous): the page keeps no copy on the device.
            "storage_key": self.storage_key(anonymous_id) if can_save else "",
            "can_submit": can_save,
            "template": self.template,
            "title": display_title(self, translation),
        }
        return block_fragment(self, "templates/learner.html", context, language=language,
                              css="public/canvas_learner.css", js="public/canvas_learner.js",
                              init_fn="SiriusCanvasLearner", init_args=init_data,
                              js_strings=LEARNER_JS_STRINGS)

    def author_view(self, context=None):  # pylint: disable=unused-argument
        """Studio preview: the sections with their guidance, no learner state and no submission."""
        language = compat.learner_language()
        sections = self.section_definitions(language)
        return block_fragment(self, "templates/author.html", author_context(self, sections, language),
                              language=language, css="public/canvas_learner.css")

    # ----- learner handlers --------------------------------------------------------------------

    @json_handler(max_bytes=SAVE_MAX_BYTES, keys=("version", "canvas", "base"))
    def save_draft(self, payload, translation):
        """Autosave. A write based on an old version is refused with a merge proposal (409)."""
        sections = self.section_definitions(compat.learner_language())
        keys = [section.key for section in sections]
        base_version = read_int(payload, "version", 0, 10 ** 9)
        try:
            canvas = validate_canvas(payload.get("canvas"), keys)
        except CanvasError as error:
            raise HandlerError.from_error(error) from None
        anonymous_id = self.require_learner()
        api = self.canvas_app()
        try:
            saved = api.save_draft(*self.learner_keys(anonymous_id), canvas, base_version)
        except api.StaleDraft as stale:
            return self.stale_write_response(payload.get("base"), canvas, keys, stale.current, translation)
        except api.CanvasAppError as error:
            raise HandlerError.from_error(error) from None
        return {"version": saved["version"], "saved_at": saved["saved_at"],
                "hints": self.translated_hints(canvas, sections, translation)}

    @json_handler(max_bytes=1024, keys=("version",))
    def submit(self, payload, translation):
        """Snapshot the saved draft into edx-submissions; the learner keeps editing a new draft."""
        anonymous_id = self.require_learner()
        version = read_int(payload, "version", 0, 10 ** 9)
        draft = self.canvas_app().get_draft(*self.learner_keys(anonymous_id))
        if version != draft["version"]:
            raise HandlerError(409, STALE_PAGE_MESSAGE)
        sections = self.section_definitions(compat.learner_language())
        canvas = canvas_in_sections(draft["content"], [section.key for section in sections])
        if count_items(canvas) == 0:
            raise HandlerError(400, N_("Write at least one note before you submit."))
        snapshot = export.snapshot(canvas, sections, self.template, self.responsible_layer)
        submission = create_snapshot(compat.student_item(self, anonymous_id), snapshot)
        api = self.canvas_app()
        try:  # in the handler's transaction: refused, the submission above is rolled back too
            api.record_submission(*self.learner_keys(anonymous_id))
        except api.CanvasAppError as error:
            raise HandlerError.from_error(error) from None
        first = not self.completed
        if first:
            self.completed = True
            compat.emit_completion(self)
        publish(self, "submitted", {"notes": count_items(canvas), "attempt": submission["attempt_number"],
                                    "first": first})
        return {"submitted_at": snapshot_of(submission)["submitted_at"], "history": self.history_entries(),
                "status": "submitted", "status_label": translation.gettext(STATUS_LABELS["submitted"])}

    @json_handler(max_bytes=1024, keys=())
    def history(self, payload, translation):  # pylint: disable=unused-argument
        self.require_learner()
        return {"history": self.history_entries()}

    @json_handler(max_bytes=1024, keys=("uuid",))
    def view_submission(self, payload, translation):  # pylint: disable=unused-argument
        """One of the learner's own submitted versions (only their own: looked up in their list)."""
        snapshot = self.own_submission(read_str(payload, "uuid", 64, min_length=1))
        return {"snapshot": snapshot}

    @json_handler(max_bytes=1024, keys=("uuid", "version"))
    def restore(self, payload, translation):
        """Make a submitted version the draft again (a new draft version)."""
        anonymous_id = self.require_learner()
        version = read_int(payload, "version", 0, 10 ** 9)
        snapshot = self.own_submission(read_str(payload, "uuid", 64, min_length=1))
        sections = self.section_definitions(compat.learner_language())
        keys = [section.key for section in sections]
        try:
            canvas = validate_canvas(export.canvas_from_snapshot(snapshot, keys), keys)
        except CanvasError as error:
            raise HandlerError.from_error(error) from None
        saved = self.replace_draft(anonymous_id, canvas, version)
        publish(self, "restored", {"notes": count_items(canvas)})
        return {"canvas": canvas, "version": saved["version"], "saved_at": saved["saved_at"],
                "hints": self.translated_hints(canvas, sections, translation)}

    @json_handler(max_bytes=SAVE_MAX_BYTES, keys=("version", "data"))
    def import_json(self, payload, translation):
        """Replace the draft with a canvas from a JSON export file, validated like any save."""
        anonymous_id = self.require_learner()
        version = read_int(payload, "version", 0, 10 ** 9)
        sections = self.section_definitions(compat.learner_language())
        keys = [section.key for section in sections]
        data = payload.get("data")
        try:
            if isinstance(data, dict) and isinstance(data.get("sections"), list):
                data = export.canvas_from_snapshot(data, keys, refuse_lost_notes=True)
            canvas = validate_canvas(data, keys)
        except CanvasError as error:
            raise HandlerError.from_error(error) from None
        saved = self.replace_draft(anonymous_id, canvas, version)
        publish(self, "imported", {"notes": count_items(canvas)})
        return {"canvas": canvas, "version": saved["version"], "saved_at": saved["saved_at"],
                "hints": self.translated_hints(canvas, sections, translation)}

    # ----- OLX ---------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        """Sections are child elements: ``<section key title layer><question/><example/></section>``."""
        node = etree.fromstring(etree.tostring(node))
        author_sections = []
        for child in list(node):
            if child.tag == "section":
                author_sections.append({
                    "key": child.get("key", ""), "title": child.get("title", ""),
                    "layer": child.get("layer", ""),
                    "question": (child.findtext("question") or "").strip(),
                    "example": (child.findtext("example") or "").strip(),
                })
                node.remove(child)
        block = super().parse_xml(node, runtime, keys)
        if author_sections:
            block.sections = author_sections
        return block

    def add_xml_to_node(self, node):
        """Content and settings only (never learner state); sections as child elements."""
        node.tag = self.xml_element_name()
        node.set("xblock-family", self.entry_point)
        for name, field in self.fields.items():
            if field.scope not in (Scope.content, Scope.settings) or name in ("sections", "parent", "children"):
                continue
            if field.is_set_on(self):
                node.set(name, field.to_string(field.read_from(self)))
        for entry in self.sections:
            element = etree.SubElement(node, "section", key=entry.get("key", ""), title=entry.get("title", ""))
            if entry.get("layer"):
                element.set("layer", entry["layer"])
            etree.SubElement(element, "question").text = entry.get("question", "")
            etree.SubElement(element, "example").text = entry.get("example", "")

    def validate_field_data(self, validation, data):
        from xblock.validation import ValidationMessage  # pylint: disable=import-outside-toplevel

        translation = translation_for(compat.learner_language(), __name__)
        if data.template not in definitions.template_keys():
            validation.add(ValidationMessage(ValidationMessage.ERROR,
                                             translation.gettext(N_("Unknown canvas template."))))
        try:
            definitions.validate_author_sections(data.sections)
        except CanvasError as error:
            validation.add(ValidationMessage(ValidationMessage.ERROR, error.render(translation.gettext)))

    @staticmethod
    def workbench_scenarios():
        return [(title, load_resource(__package__, f"scenarios/{name}.xml")) for name, title in SCENARIOS]

    # ----- helpers -----------------------------------------------------------------------------

    def section_definitions(self, language):
        try:
            return definitions.sections_for(self.template, self.responsible_layer, language, self.sections)
        except CanvasError:
            log.warning("Invalid author sections in %s; showing the default sections", self.scope_ids.usage_id)
            return definitions.default_sections(self.template, self.responsible_layer, language)

    def learner_keys(self, anonymous_id):
        """``(course_id, usage_id, learner_id)``: how the canvas app knows one learner's canvas."""
        return compat.course_id(self), compat.usage_id(self), anonymous_id

    def replace_draft(self, anonymous_id, canvas, version):
        """Restore and import replace the saved draft: only if the page showed its current version."""
        api = self.canvas_app()
        try:
            return api.save_draft(*self.learner_keys(anonymous_id), canvas, version)
        except api.StaleDraft:
            raise HandlerError(409, STALE_PAGE_MESSAGE) from None
        except api.CanvasAppError as error:
            raise HandlerError.from_error(error) from None

    def stale_write_response(self, raw_base, canvas, keys, current, translation):
        """409: the server's canvas and the item-by-item merges keeping mine / keeping theirs.

        ``current`` is the draft as stored now (the app read it after refusing the write).
        """
        try:
            base = validate_canvas(raw_base, keys) if raw_base is not None else None
        except CanvasError:
            base = None
        server = canvas_in_sections(current["content"], keys)
        ours = merge_canvases(base, canvas, server, PREFER_OURS)
        theirs = merge_canvases(base, canvas, server, PREFER_THEIRS)
        merged, merged_theirs, conflicts = ours.canvas, theirs.canvas, len(ours.conflicts)
        if not (self.fits_limits(merged, keys) and self.fits_limits(merged_theirs, keys)):
            # Both sides' notes together exceed a limit: a merge could never be saved, so the
            # learner keeps one version whole (asked, as for a conflict).
            merged, merged_theirs, conflicts = canvas, server, max(1, differing_notes(canvas, server))
        return json_response({
            "error": translation.gettext(N_("Your canvas was changed in another window or device.")),
            "stale": True, "version": current["version"], "server": server,
            "merged": merged, "merged_theirs": merged_theirs, "conflicts": conflicts,
        }, status=409)

    @staticmethod
    def fits_limits(canvas, keys):
        try:
            validate_canvas(canvas, keys)
        except CanvasError:
            return False
        return True

    def translated_hints(self, canvas, sections, translation):
        titles = {section.key: section.title for section in sections}
        layers = {section.key: section.layer for section in sections}
        return translate_hints(coherence_hints(canvas, list(titles)), titles, translation, layers)

    def storage_key(self, anonymous_id):
        """The browser's offline-copy key: per learner and block, without revealing either."""
        digest = hashlib.sha256(f"{anonymous_id}|{compat.usage_id(self)}".encode("utf-8")).hexdigest()
        return "sirius-canvas-" + digest[:24]

    def own_submissions(self):
        from submissions import api as submissions_api  # pylint: disable=import-outside-toplevel

        return submissions_api.get_submissions(compat.student_item(self, self.require_learner()))

    def history_entries(self):
        entries = []
        for submission in self.own_submissions():
            snapshot = snapshot_of(submission)
            if snapshot is None:
                continue
            entries.append({"uuid": snapshot["submission_uuid"], "submitted_at": snapshot["submitted_at"],
                            "attempt": submission.get("attempt_number"),
                            "notes": sum(len(section.get("items", [])) for section in snapshot["sections"])})
        return entries

    def own_submission(self, uuid):
        for submission in self.own_submissions():
            if str(submission.get("uuid")) == uuid:
                return snapshot_of(submission)
        raise HandlerError(404, N_("This submitted version was not found."))


