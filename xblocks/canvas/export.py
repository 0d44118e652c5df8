"""Canvas snapshots with titles, plain-text rendering and cohort export (CSV, JSON).

A snapshot is what is stored with edx-submissions and what other blocks read::

    {"format": 1, "template": "bmc", "responsible_layer": false,
     "sections": [{"key": "...", "title": "...", "layer": "economic",
                   "items": [{"id": "...", "text": "...", "colour": "", "tag": ""}]}]}

Titles are copied in at submit time so a reader needs nothing but the snapshot.
"""
import csv
import io
import re

from .messages import CanvasError, N_

SNAPSHOT_FORMAT = 1
# Spreadsheet programs run cells starting with these as formulas, also behind leading spaces (or
# invisible marks), and some read the full-width and small forms (typed with Arabic or East Asian
# keyboards) as the same signs. A cell starting with a tab or carriage return is neutralised too.
FORMULA_START = re.compile(r"^(?:[\t\r]|[\s\u200b-\u200f\u2060\ufeff]*"
                           r"[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b])")


def snapshot(canvas, sections, template, responsible_layer):
    """Combine a validated canvas with its section definitions (order and titles)."""
    return {
        "format": SNAPSHOT_FORMAT,
        "template": template,
        "responsible_layer": bool(responsible_layer),
        "sections": [
            {"key": section.key, "title": section.title, "layer": section.layer,
             "items": [dict(item) for item in canvas["sections"].get(section.key, []) if item.get("text")]}
            for section in sections
        ],
    }


def canvas_from_snapshot(snap, section_keys, refuse_lost_notes=False):
    """The editable canvas inside a snapshot, limited to ``section_keys`` (for restore and import).

    An imported file is learner input: what is not a section object is refused here, and notes
    that are not objects or lists that are not lists are left for ``validate_canvas`` to refuse
    (never coerced into notes). With ``refuse_lost_notes`` (import), a section this canvas does not
    have is refused when it holds written notes, rather than dropping them from the new draft.
    """
    canvas = {"sections": {key: [] for key in section_keys}}
    for section in snap.get("sections", []):
        if not isinstance(section, dict) or not isinstance(section.get("key"), str):
            raise CanvasError(N_("The canvas must be an object with sections."), field="canvas")
        if refuse_lost_notes and section["key"] not in canvas["sections"] and _has_written_note(section):
            raise CanvasError(N_("This canvas has no section “%(section)s”."),
                              field="section", section=section["key"][:40])
        if section["key"] in canvas["sections"]:
            items = section.get("items", [])
            canvas["sections"][section["key"]] = (
                [dict(item) if isinstance(item, dict) else item for item in items]
                if isinstance(items, list) else items)
    return canvas


def _has_written_note(section):
    items = section.get("items")
    return isinstance(items, list) and any(
        isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip() for item in items)


def render_canvas_text(snap):
    """A snapshot as plain text: one heading per section, one line per note.

    Empty sections are listed with "-". Tags follow the note in square brackets.
    The result is text, never HTML: whoever shows it must escape it.
    """
    lines = []
    for section in snap.get("sections", []):
        lines.append(f"## {section.get('title') or section.get('key')}")
        items = section.get("items") or []
        if not items:
            lines.append("-")
        for item in items:
            tag = f" [{item['tag']}]" if item.get("tag") else ""
            lines.append(f"* {item.get('text', '')}{tag}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _safe_cell(value):
    value = "" if value is None else str(value)
    return "'" + value if FORMULA_START.match(value) else value


COHORT_CSV_COLUMNS = ("learner", "status", "last_activity", "submitted_at",
                      "section", "section_title", "note", "tag", "colour")


def cohort_csv(records):
    """CSV text, one row per note of each learner's latest submitted canvas.

    ``records``: ``[{"learner", "status", "last_activity", "submitted_at", "snapshot"}]``;
    a learner without a submitted canvas gets one row with empty note columns.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COHORT_CSV_COLUMNS)
    for record in records:
        head = [record.get("learner"), record.get("status"),
                record.get("last_activity"), record.get("submitted_at")]
        rows = []
        for section in (record.get("snapshot") or {}).get("sections", []):
            for item in section.get("items", []):
                rows.append(head + [section.get("key"), section.get("title"),
                                    item.get("text"), item.get("tag"), item.get("colour")])
        for row in rows or [head + [""] * 5]:
            writer.writerow([_safe_cell(cell) for cell in row])
    return out.getvalue()
