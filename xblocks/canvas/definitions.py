"""Canvas templates and section definitions, read from ``data/*.json``.

A canvas is a list of ``CanvasSection``: the Business Model Canvas (default) or the
Lean Canvas, optionally followed by the responsible layer (environmental and social
sections simplified from the Triple Layered Business Model Canvas). Trainers may
replace the default sections with their own list (``author sections``), edited in Studio.
"""
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .messages import CanvasError, N_

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_TEMPLATE = "bmc"
FALLBACK_LANGUAGE = "en"
LAYERS = ("economic", "environmental", "social")

SECTION_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_AUTHOR_SECTIONS = 30
MAX_TITLE_CHARS = 80
MAX_GUIDANCE_CHARS = 600


@dataclass(frozen=True)
class CanvasSection:
    """One box of the canvas, with the guidance shown to the learner."""

    key: str
    title: str
    question: str
    example: str
    layer: str = "economic"
    area: str = ""

    def as_dict(self):
        return {
            "key": self.key, "title": self.title, "question": self.question,
            "example": self.example, "layer": self.layer, "area": self.area,
        }


@lru_cache(maxsize=None)
def _load(name):
    with open(DATA_DIR / name, encoding="utf-8") as data_file:
        return json.load(data_file)


def section_catalog():
    """Every default section definition, by key (texts per language)."""
    return _load("sections.json")["sections"]


def template_keys():
    """The template names a trainer may choose, default first."""
    templates = _load("templates.json")["templates"]
    return tuple(sorted(templates, key=lambda key: key != DEFAULT_TEMPLATE))


def _localized(texts, language):
    return texts.get(language) or texts.get(FALLBACK_LANGUAGE, "")


def template_title(template, language):
    templates = _load("templates.json")["templates"]
    return _localized(templates.get(template, templates[DEFAULT_TEMPLATE])["title"], language)


def layer_title(layer, language):
    return _localized(_load("sections.json")["layers"][layer], language)


def _layout(template, responsible_layer):
    data = _load("templates.json")
    templates = data["templates"]
    layout = list(templates.get(template, templates[DEFAULT_TEMPLATE])["sections"])
    if responsible_layer:
        layout += data["responsible_layer"]["sections"]
    return layout


def default_sections(template, responsible_layer, language):
    """The shipped sections of ``template`` in ``language`` (English when missing)."""
    catalog = section_catalog()
    sections = []
    for place in _layout(template, responsible_layer):
        definition = catalog[place["key"]]
        sections.append(CanvasSection(
            key=place["key"],
            title=_localized(definition["title"], language),
            question=_localized(definition["question"], language),
            example=_localized(definition["example"], language),
            layer=definition["layer"],
            area=place["area"],
        ))
    return tuple(sections)


def sections_for(template, responsible_layer, language, author_sections=None):
    """The sections a learner sees: the trainer's own list if any, else the defaults.

    Author sections are used as written (not translated); a known key keeps its place
    in the wide-screen grid.
    """
    if not author_sections:
        return default_sections(template, responsible_layer, language)
    areas = {place["key"]: place["area"] for place in _layout(template, True)}
    catalog = section_catalog()
    sections = []
    for entry in validate_author_sections(author_sections):
        default_layer = catalog.get(entry["key"], {}).get("layer", "economic")
        sections.append(CanvasSection(
            key=entry["key"], title=entry["title"], question=entry["question"],
            example=entry["example"], layer=entry.get("layer") or default_layer,
            area=areas.get(entry["key"], ""),
        ))
    return tuple(sections)


def _author_text(entry, name, limit, required, index):
    value = entry.get(name, "")
    if not isinstance(value, str):
        raise CanvasError(N_("Section %(number)s: “%(name)s” must be text."),
                          field="sections", number=index + 1, name=name)
    value = value.strip()
    if required and not value:
        raise CanvasError(N_("Section %(number)s needs a title."), field="sections", number=index + 1)
    if len(value) > limit:
        raise CanvasError(N_("Section %(number)s: “%(name)s” is longer than %(limit)s characters."),
                          field="sections", number=index + 1, name=name, limit=limit)
    return value


def validate_author_sections(entries):
    """Check a trainer's section list; return it cleaned or raise ``CanvasError``."""
    if not isinstance(entries, list):
        raise CanvasError(N_("The sections must be a list."), field="sections")
    if len(entries) > MAX_AUTHOR_SECTIONS:
        raise CanvasError(N_("A canvas can have at most %(limit)s sections."),
                          field="sections", limit=MAX_AUTHOR_SECTIONS)
    cleaned, seen = [], set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise CanvasError(N_("Section %(number)s must be an object."), field="sections", number=index + 1)
        key = entry.get("key")
        if not isinstance(key, str) or not SECTION_KEY_PATTERN.match(key):
            raise CanvasError(
                N_("Section %(number)s: the key must be lower-case letters, digits or “_”."),
                field="sections", number=index + 1)
        if key in seen:
            raise CanvasError(N_("Two sections use the key “%(key)s”."), field="sections", key=key)
        seen.add(key)
        layer = entry.get("layer") or section_catalog().get(key, {}).get("layer", "economic")
        if layer not in LAYERS:
            raise CanvasError(N_("Section %(number)s: unknown layer “%(layer)s”."),
                              field="sections", number=index + 1, layer=str(layer)[:40])
        cleaned.append({
            "key": key,
            "title": _author_text(entry, "title", MAX_TITLE_CHARS, True, index),
            "question": _author_text(entry, "question", MAX_GUIDANCE_CHARS, False, index),
            "example": _author_text(entry, "example", MAX_GUIDANCE_CHARS, False, index),
            "layer": layer,
        })
    return cleaned
