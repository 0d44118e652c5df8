"""Merging a stale write item by item (three-way: the base the client started from,
the client's canvas, the canvas the server holds now).

The server refuses a write whose version is not the current one; it then offers the
merge computed here. A note changed on one side only takes that side; a note changed
differently on both sides (or edited on one side, deleted on the other) is a conflict,
settled by ``prefer`` and reported so the learner can be asked.
"""
from dataclasses import dataclass, field

PREFER_OURS = "ours"
PREFER_THEIRS = "theirs"


@dataclass
class MergeResult:
    canvas: dict
    conflicts: list = field(default_factory=list)


def _index(canvas):
    """``{item_id: (section_key, item)}``."""
    placed = {}
    for key, items in (canvas or {}).get("sections", {}).items():
        for item in items:
            placed[item["id"]] = (key, item)
    return placed


def _state(placed, item_id):
    """What matters for a note's equality: where it is and what it says."""
    if item_id not in placed:
        return None
    key, item = placed[item_id]
    return (key, item.get("text", ""), item.get("colour", ""), item.get("tag", ""))


def _order(canvas, key):
    return [item["id"] for item in (canvas or {}).get("sections", {}).get(key, [])]


def merge_canvases(base, ours, theirs, prefer=PREFER_OURS):
    """Merge ``ours`` (the client's stale canvas) into ``theirs`` (the server's), from ``base``.

    Returns a ``MergeResult`` whose ``conflicts`` lists ``{"id", "ours", "theirs"}`` with
    each side's ``{"section", "item"}`` (or None when that side deleted the note).
    """
    base_at, ours_at, theirs_at = _index(base), _index(ours), _index(theirs)
    winners, conflicts = {}, []
    all_ids = list(ours_at) + [item_id for item_id in theirs_at if item_id not in ours_at]
    for item_id in all_ids:
        base_state = _state(base_at, item_id)
        our_state, their_state = _state(ours_at, item_id), _state(theirs_at, item_id)
        if our_state == their_state or their_state == base_state:
            chosen = ours_at.get(item_id)
        elif our_state == base_state:
            chosen = theirs_at.get(item_id)
        else:
            conflicts.append({
                "id": item_id,
                "ours": _side(ours_at, item_id),
                "theirs": _side(theirs_at, item_id),
            })
            chosen = (ours_at if prefer == PREFER_OURS else theirs_at).get(item_id)
        if chosen is not None:
            winners[item_id] = chosen

    section_keys = list((theirs or {}).get("sections", {}))
    section_keys += [key for key in (ours or {}).get("sections", {}) if key not in section_keys]
    merged = {"sections": {}}
    for key in section_keys:
        # Keep the client's order when it reordered this section or moved a note into it (the
        # learner chose a place); otherwise the server's, with the client's new notes after.
        moved_in = any(item_id in base_at and base_at[item_id][0] != key for item_id in _order(ours, key))
        client_reordered = moved_in or _reordered(_order(base, key), _order(ours, key))
        primary, secondary = (ours, theirs) if client_reordered else (theirs, ours)
        ordered = []
        for item_id in _order(primary, key) + _order(secondary, key):
            if item_id in winners and winners[item_id][0] == key and item_id not in ordered:
                ordered.append(item_id)
        for item_id, (section_key, _item) in winners.items():
            if section_key == key and item_id not in ordered:
                ordered.append(item_id)
        merged["sections"][key] = [dict(winners[item_id][1]) for item_id in ordered]
    return MergeResult(canvas=merged, conflicts=conflicts)


def differing_notes(first, second):
    """How many notes differ (added, removed, moved or edited) between two canvases."""
    first_at, second_at = _index(first), _index(second)
    return sum(1 for item_id in set(first_at) | set(second_at)
               if _state(first_at, item_id) != _state(second_at, item_id))


def _reordered(before, after):
    """Did the notes present in both lists change their relative order? (Adding or removing is not reordering.)"""
    kept = set(before) & set(after)
    return [item_id for item_id in before if item_id in kept] != [item_id for item_id in after if item_id in kept]


def _side(placed, item_id):
    if item_id not in placed:
        return None
    key, item = placed[item_id]
    return {"section": key, "item": dict(item)}
