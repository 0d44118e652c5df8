"""Template contexts and the JavaScript strings of the canvas views (no XBlock logic here)."""

from xblocks.common.i18n import N_, translation_for
from xblocks.common.rendering import display_title
from xblocks.common.sanitizer import sanitize_author_html

from . import definitions
from .model import COLOURS
from .review import STATUS_LABELS

COLOUR_NAMES = {
    "yellow": N_("Yellow"), "green": N_("Green"), "blue": N_("Blue"),
    "pink": N_("Pink"), "orange": N_("Orange"), "purple": N_("Purple"),
}

LEARNER_JS_STRINGS = (
    N_("Saved"), N_("Saving…"), N_("Offline — kept on this device"), N_("Not saved"),
    N_("Add a note"), N_("Note %(number)s in %(section)s"), N_("Tag (optional)"), N_("Colour"),
    N_("No colour"), N_("Move up"), N_("Move down"), N_("Move to another section"), N_("Move"),
    N_("Delete note"), N_("Options"), N_("Note deleted."), N_("Note moved to %(section)s."),
    N_("Notes: %(count)s"), N_("Section %(number)s of %(total)s"),
    N_("A section can hold at most %(limit)s notes."),
    N_("Submitted. You can keep improving your canvas."),
    N_("Version %(number)s — %(date)s — notes: %(count)s"), N_("View"), N_("Restore as draft"),
    N_("Restoring replaces your current draft. Continue?"), N_("Version restored."),
    N_("This file could not be read."), N_("Importing replaces your current draft. Continue?"),
    N_("Canvas imported."), N_("Your canvas was also changed elsewhere. Notes that differ: %(count)s. Which version do you keep for them?"),
    N_("Merged with changes from another window."), N_("No hints: your sections fit together so far."),
    N_("Sections: %(sections)s"), N_("No submitted version yet."), N_("Close"),
    N_("The connection failed. Please try again."), N_("Submitted version of %(date)s"),
)


def colour_labels(translation):
    return [{"key": key, "label": translation.gettext(COLOUR_NAMES[key])} for key in COLOURS]


def _layers(sections, language, comments=None):
    """Sections grouped by layer (economic first), with sanitised author guidance."""
    layers = []
    for layer in definitions.LAYERS:
        members = [section for section in sections if section.layer == layer]
        if not members:
            continue
        layers.append({
            "key": layer,
            "title": definitions.layer_title(layer, language),
            "sections": [{
                "key": section.key, "title": section.title, "area": section.area,
                "question_html": sanitize_author_html(section.question),
                "example_html": sanitize_author_html(section.example),
                "comment": (comments or {}).get(section.key, ""),
                "number": sections.index(section) + 1,
            } for section in members],
        })
    return layers


def learner_context(block, sections, feedback, language):
    translation = translation_for(language, __name__)
    status = (feedback or {}).get("status", "")
    if status == "draft":
        status = ""  # nothing reviewed yet: no badge
    return {
        "title": display_title(block, translation),
        "template": block.template,
        "template_title": definitions.template_title(block.template, language),
        "layers": _layers(sections, language, (feedback or {}).get("comments")),
        "section_count": len(sections),
        "status": status,
        "status_label": translation.gettext(STATUS_LABELS[status]) if status else "",
        "has_comments": bool((feedback or {}).get("comments")),
    }


def author_context(block, sections, language):
    return {
        "title": display_title(block, translation_for(language, __name__)),
        "template": block.template,
        "template_title": definitions.template_title(block.template, language),
        "layers": _layers(sections, language),
        "section_count": len(sections),
    }


def translate_hints(hints, titles, translation, layers=None):
    """Coherence hints as sentences in the learner's language, with the titles of their sections.

    A hint about a whole responsible layer names the layer rather than its every section.
    """
    layers = layers or {}
    translated = []
    for hint in hints:
        text = translation.gettext(hint["message"])
        hint_layers = [layers.get(key, "economic") for key in hint["sections"]]
        if len(hint["sections"]) > 2 and "economic" not in hint_layers:
            names = [definitions.layer_title(layer, getattr(translation, "language", "en"))
                     for layer in dict.fromkeys(hint_layers)]
        else:
            names = [titles.get(key, key) for key in hint["sections"]]
        translated.append({"text": text % hint["params"] if hint["params"] else text,
                           "sections": hint["sections"], "titles": names})
    return translated


STAFF_JS_STRINGS = (
    N_("Loading…"), N_("No learner has started this canvas yet."), N_("Open"), N_("Learner"),
    N_("Status"), N_("Last activity"), N_("Submitted on %(date)s"), N_("Not submitted yet: the draft stays private."),
    N_("Comment on this section"), N_("Save comment"), N_("Comment saved."), N_("Status saved."),
    N_("Save status"), N_("Hints"), N_("No hints: your sections fit together so far."),
    N_("Sections: %(sections)s"), N_("The connection failed. Please try again."), N_("Empty section"),
    N_("Canvas of %(name)s"), N_("Close"),
)

