"""Coherence hints: do the sections of a canvas fit together?

Each rule is data (an id, a message marked with ``N_``, the sections it points at, the
sections it needs) plus one small check function. A check returns one parameter dict
per hint (an empty list when all is well). A rule runs only on canvases that have the
sections it needs, so the same list serves the Business Model Canvas, the Lean Canvas
and the responsible layer.

Notes refer to each other with their tag (for example the customer segment a channel
serves) or by naming it in their text; a note without a tag serves everyone.
"""
from dataclasses import dataclass

from .messages import N_
from .model import filled_items

ENVIRONMENTAL_KEYS = ("env_life_cycle", "env_use_end_of_life", "env_impacts", "env_benefits")
SOCIAL_KEYS = ("soc_people_governance", "soc_communities", "soc_impacts", "soc_benefits")
VALUE_KEYS = ("value_propositions", "unique_value_proposition")


@dataclass(frozen=True)
class CoherenceRule:
    rule_id: str
    message: str
    sections: tuple
    check: object
    requires: tuple = ()
    excludes: tuple = ()
    requires_any: tuple = ()

    def applies_to(self, section_keys):
        keys = set(section_keys)
        return (all(key in keys for key in self.requires)
                and not any(key in keys for key in self.excludes)
                and (not self.requires_any or any(key in keys for key in self.requires_any)))


def item_label(item):
    """How a note is named by others: its tag, or else its text."""
    return (item.get("tag") or item.get("text") or "").strip()


def refers_to(item, name):
    """Does ``item`` serve/mention the thing called ``name`` (tag equal, or named in the text)?"""
    name = name.casefold().strip()
    if not name:
        return False
    return (item.get("tag", "").casefold().strip() == name
            or name in item.get("text", "").casefold())


def _serves(items, name):
    """True when one of ``items`` is untagged (serves everyone) or refers to ``name``."""
    return any(not item.get("tag") or refers_to(item, name) for item in items)


def _items(canvas, keys):
    found = []
    for key in keys:
        found += filled_items(canvas, key)
    return found


def _economic_filled(canvas, section_keys, skip):
    economic = [key for key in section_keys
                if key not in ENVIRONMENTAL_KEYS + SOCIAL_KEYS and key != skip]
    return bool(_items(canvas, economic))


def _short(text, limit=60):
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- checks: (canvas, section_keys) -> list of parameter dicts -----------------------------

def segments_without_reach(canvas, section_keys):
    reach_keys = [key for key in ("channels", "customer_relationships") if key in section_keys]
    reach = _items(canvas, reach_keys)
    return [{"segment": _short(item_label(segment))}
            for segment in filled_items(canvas, "customer_segments")
            if not _serves(reach, item_label(segment))]


def value_without_segments(canvas, section_keys):
    values = _items(canvas, [key for key in VALUE_KEYS if key in section_keys])
    if values and not filled_items(canvas, "customer_segments"):
        return [{}]
    return []


def value_not_tied_to_segment(canvas, section_keys):
    segments = filled_items(canvas, "customer_segments")
    names = [item_label(segment) for segment in segments]
    hints = []
    for value in _items(canvas, [key for key in VALUE_KEYS if key in section_keys]):
        tied = any(refers_to(value, name) for name in names)
        # With one segment an untagged proposition is obviously for it.
        if not tied and not (len(segments) == 1 and not value.get("tag")) and segments:
            hints.append({"item": _short(value["text"])})
    return hints


def section_empty_while_others_filled(section_key):
    def check(canvas, section_keys):
        if filled_items(canvas, section_key):
            return []
        return [{}] if _economic_filled(canvas, section_keys, section_key) else []
    check.__name__ = f"{section_key}_empty"
    return check


def costs_without_activity_or_resource(canvas, section_keys):
    costs = filled_items(canvas, "cost_structure")
    causes = _items(canvas, ("key_activities", "key_resources"))
    if costs and not causes:
        return [{}]
    return []


def tagged_cost_without_cause(canvas, section_keys):
    causes = _items(canvas, ("key_activities", "key_resources"))
    if not causes:
        return []  # reported once by costs_without_activity_or_resource
    return [{"item": _short(cost["text"])} for cost in filled_items(canvas, "cost_structure")
            if cost.get("tag") and not any(refers_to(cause, cost["tag"]) or refers_to(cost, item_label(cause))
                                           for cause in causes)]


def problem_without_solution(canvas, section_keys):
    return [{}] if filled_items(canvas, "problem") and not filled_items(canvas, "solution") else []


def responsible_layer_empty(canvas, section_keys):
    layer = [key for key in section_keys if key in ENVIRONMENTAL_KEYS + SOCIAL_KEYS]
    if _items(canvas, layer) or not _economic_filled(canvas, section_keys, None):
        return []
    return [{}]


def one_layer_empty(filled_layer, empty_layer):
    def check(canvas, section_keys):
        filled = _items(canvas, [key for key in section_keys if key in filled_layer])
        empty = _items(canvas, [key for key in section_keys if key in empty_layer])
        return [{}] if filled and not empty else []
    return check


RULES = (
    CoherenceRule(
        "segment_without_channel_or_relationship",
        N_("The customer segment “%(segment)s” has no channel or customer relationship yet."),
        ("customer_segments", "channels", "customer_relationships"), segments_without_reach,
        requires=("customer_segments", "channels", "customer_relationships")),
    CoherenceRule(
        "segment_without_channel",
        N_("The customer segment “%(segment)s” has no channel yet: how will they find you?"),
        ("customer_segments", "channels"), segments_without_reach,
        requires=("customer_segments", "channels"), excludes=("customer_relationships",)),
    CoherenceRule(
        "value_proposition_without_segment",
        N_("You have a value proposition but no customer segment yet: who is it for?"),
        VALUE_KEYS + ("customer_segments",), value_without_segments,
        requires=("customer_segments",), requires_any=VALUE_KEYS),
    CoherenceRule(
        "value_proposition_not_tied_to_segment",
        N_("Say which customer segment the value proposition “%(item)s” is for, for example with a tag."),
        VALUE_KEYS + ("customer_segments",), value_not_tied_to_segment,
        requires=("customer_segments",), requires_any=VALUE_KEYS),
    CoherenceRule(
        "revenue_streams_empty",
        N_("Revenue streams are empty: who will pay you, and for what?"),
        ("revenue_streams",), section_empty_while_others_filled("revenue_streams"),
        requires=("revenue_streams",)),
    CoherenceRule(
        "cost_structure_empty",
        N_("The cost structure is empty: what will you have to pay for?"),
        ("cost_structure",), section_empty_while_others_filled("cost_structure"),
        requires=("cost_structure",)),
    CoherenceRule(
        "costs_without_activity_or_resource",
        N_("You list costs but no key activity or key resource that causes them."),
        ("cost_structure", "key_activities", "key_resources"), costs_without_activity_or_resource,
        requires=("cost_structure", "key_activities", "key_resources")),
    CoherenceRule(
        "cost_without_matching_activity_or_resource",
        N_("The cost “%(item)s” matches no key activity or key resource (compare their tags)."),
        ("cost_structure", "key_activities", "key_resources"), tagged_cost_without_cause,
        requires=("cost_structure", "key_activities", "key_resources")),
    CoherenceRule(
        "problem_without_solution",
        N_("You describe a problem but no solution yet."),
        ("problem", "solution"), problem_without_solution,
        requires=("problem", "solution")),
    CoherenceRule(
        "responsible_layer_empty",
        N_("The responsible layer is empty: what does your business do to the planet and to people?"),
        ENVIRONMENTAL_KEYS + SOCIAL_KEYS, responsible_layer_empty,
        requires_any=ENVIRONMENTAL_KEYS + SOCIAL_KEYS),
    CoherenceRule(
        "social_layer_empty",
        N_("You wrote about the environment, but the social layer is still empty."),
        SOCIAL_KEYS, one_layer_empty(ENVIRONMENTAL_KEYS, SOCIAL_KEYS),
        requires_any=SOCIAL_KEYS),
    CoherenceRule(
        "environmental_layer_empty",
        N_("You wrote about people, but the environmental layer is still empty."),
        ENVIRONMENTAL_KEYS, one_layer_empty(SOCIAL_KEYS, ENVIRONMENTAL_KEYS),
        requires_any=ENVIRONMENTAL_KEYS),
)


def coherence_hints(canvas, section_keys, rules=RULES):
    """Hints for ``canvas``: ``[{"rule", "message", "params", "sections"}]`` in rule order.

    ``message`` is the untranslated msgid; ``sections`` are the keys (present in this
    canvas) the hint points at.
    """
    section_keys = tuple(section_keys)
    hints = []
    for rule in rules:
        if not rule.applies_to(section_keys):
            continue
        pointed = [key for key in rule.sections if key in section_keys]
        for params in rule.check(canvas, section_keys):
            hints.append({"rule": rule.rule_id, "message": rule.message,
                          "params": params, "sections": pointed})
    return hints
