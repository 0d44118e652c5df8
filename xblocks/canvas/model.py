"""The learner's canvas: notes (items) inside sections, validated against limits.

A canvas is plain data so it can live in a user-state field, in edx-submissions and in
an export file::

    {"sections": {"customer_segments": [{"id": "n1", "text": "...", "colour": "blue", "tag": "..."}]}}

``validate_canvas`` is the only way a canvas from outside (browser, JSON import) gets in;
it returns a normalised copy or raises ``CanvasError`` with a translatable message.
"""
import json
import re
from dataclasses import dataclass

from .messages import CanvasError, N_

# The colours a note may have; each also has a visible name in the UI (colour is never alone).
COLOURS = ("yellow", "green", "blue", "pink", "orange", "purple")
ITEM_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
# C0 controls other than tab and newline, and DEL: never meaningful in a note.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class CanvasLimits:
    """Sizes a canvas may not exceed. Well under edx-submissions' 100 KB per answer."""

    max_items_per_section: int = 20
    max_item_chars: int = 280
    max_tag_chars: int = 40
    max_payload_bytes: int = 60_000


DEFAULT_LIMITS = CanvasLimits()


def empty_canvas(section_keys):
    return {"sections": {key: [] for key in section_keys}}


def _clean_text(value, limit, message, field, item_id):
    if not isinstance(value, str):
        raise CanvasError(N_("A note must be text."), field=field, item=item_id)
    value = CONTROL_CHARACTERS.sub("", value.replace("\r\n", "\n")).strip()
    if len(value) > limit:
        raise CanvasError(message, field=field, item=item_id, limit=limit)
    return value


def validate_item(raw, limits=DEFAULT_LIMITS):
    """One note, cleaned. Blank text is allowed: it is a note being written."""
    if not isinstance(raw, dict):
        raise CanvasError(N_("A note must be an object."), field="item")
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not ITEM_ID_PATTERN.match(item_id):
        raise CanvasError(N_("A note has no valid identifier."), field="item")
    text = _clean_text(raw.get("text", ""), limits.max_item_chars,
                       N_("A note can have at most %(limit)s characters."), "text", item_id)
    tag = _clean_text(raw.get("tag", "") or "", limits.max_tag_chars,
                      N_("A tag can have at most %(limit)s characters."), "tag", item_id)
    colour = raw.get("colour", "") or ""
    if colour and colour not in COLOURS:
        raise CanvasError(N_("Unknown colour for a note."), field="colour", item=item_id)
    return {"id": item_id, "text": text, "colour": colour, "tag": tag}


def validate_canvas(raw, section_keys, limits=DEFAULT_LIMITS):
    """Check a whole canvas against the block's sections and limits; return a clean copy.

    Every section of ``section_keys`` is present in the result (possibly empty);
    a section the block does not have is refused, as are duplicate note ids.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("sections"), dict):
        raise CanvasError(N_("The canvas must be an object with sections."), field="canvas")
    size = len(json.dumps(raw, ensure_ascii=False).encode("utf-8"))
    if size > limits.max_payload_bytes:
        raise CanvasError(N_("The canvas is too large to save. Please shorten or remove some notes."),
                          field="canvas")
    known = set(section_keys)
    clean = empty_canvas(section_keys)
    seen_ids = set()
    for key, items in raw["sections"].items():
        if key not in known:
            raise CanvasError(N_("This canvas has no section “%(section)s”."),
                              field="section", section=str(key)[:40])
        if not isinstance(items, list):
            raise CanvasError(N_("A section must be a list of notes."), field="section", section=key)
        if len(items) > limits.max_items_per_section:
            raise CanvasError(N_("A section can hold at most %(limit)s notes."),
                              field="section", section=key, limit=limits.max_items_per_section)
        for raw_item in items:
            item = validate_item(raw_item, limits)
            if item["id"] in seen_ids:
                raise CanvasError(N_("Two notes have the same identifier."), field="item")
            seen_ids.add(item["id"])
            clean["sections"][key].append(item)
    return clean


def filled_items(canvas, section_key):
    """The notes of a section that have text (blank notes are drafts being typed)."""
    return [item for item in canvas.get("sections", {}).get(section_key, []) if item.get("text")]


def without_blank_items(canvas):
    """A copy keeping only notes with text: what a submitted snapshot holds."""
    return {"sections": {key: [dict(item) for item in items if item.get("text")]
                         for key, items in canvas.get("sections", {}).items()}}


def count_items(canvas):
    return sum(len(filled_items(canvas, key)) for key in canvas.get("sections", {}))


def find_item(canvas, item_id):
    """``(section_key, index)`` of a note, or ``(None, None)``."""
    for key, items in canvas.get("sections", {}).items():
        for index, item in enumerate(items):
            if item.get("id") == item_id:
                return key, index
    return None, None


def move_item(canvas, item_id, to_section, to_index=None, limits=DEFAULT_LIMITS):
    """A copy of ``canvas`` with the note moved (reorder inside a section, or to another one).

    ``to_index`` is the position in the target section after the move; None means last.
    """
    from_section, from_index = find_item(canvas, item_id)
    if from_section is None:
        raise CanvasError(N_("This note does not exist any more."), field="item")
    if to_section not in canvas["sections"]:
        raise CanvasError(N_("This canvas has no section “%(section)s”."),
                          field="section", section=str(to_section)[:40])
    if to_section != from_section and len(canvas["sections"][to_section]) >= limits.max_items_per_section:
        raise CanvasError(N_("A section can hold at most %(limit)s notes."),
                          field="section", section=to_section, limit=limits.max_items_per_section)
    moved = {"sections": {key: list(items) for key, items in canvas["sections"].items()}}
    item = moved["sections"][from_section].pop(from_index)
    target = moved["sections"][to_section]
    if to_index is None or to_index >= len(target):
        target.append(item)
    else:
        target.insert(max(0, to_index), item)
    return moved
