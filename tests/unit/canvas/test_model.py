"""Canvas validation and moving notes."""
import pytest

from xblocks.canvas.messages import CanvasError
from xblocks.canvas.model import CanvasLimits, move_item, validate_canvas, without_blank_items

KEYS = ("customer_segments", "channels")


def note(item_id, text="x", **extra):
    return {"id": item_id, "text": text, **extra}


def test_valid_canvas_is_normalised_with_every_section_present():
    clean = validate_canvas({"sections": {"channels": [note("a", "  WhatsApp\r\n ", colour="blue", tag="Parents")]}}, KEYS)
    assert clean == {"sections": {"customer_segments": [],
                                  "channels": [{"id": "a", "text": "WhatsApp", "colour": "blue", "tag": "Parents"}]}}


def test_control_characters_are_removed_but_newlines_kept():
    clean = validate_canvas({"sections": {"channels": [note("a", "one\x00\x07\ntwo")]}}, KEYS)
    assert clean["sections"]["channels"][0]["text"] == "one\ntwo"


def test_blank_notes_are_kept_in_drafts_but_not_in_snapshots():
    clean = validate_canvas({"sections": {"channels": [note("a", ""), note("b", "Bike")]}}, KEYS)
    assert len(clean["sections"]["channels"]) == 2
    assert without_blank_items(clean)["sections"]["channels"] == [clean["sections"]["channels"][1]]


LIMITS = CanvasLimits(max_items_per_section=2, max_item_chars=10, max_tag_chars=5, max_payload_bytes=400)


@pytest.mark.parametrize("raw, field", [
    (None, "canvas"),
    ({"sections": []}, "canvas"),
    ({"sections": {"partners": []}}, "section"),
    ({"sections": {"channels": "abc"}}, "section"),
    ({"sections": {"channels": [note("a"), note("b"), note("c")]}}, "section"),
    ({"sections": {"channels": [note("a", "x" * 11)]}}, "text"),
    ({"sections": {"channels": [note("a", 5)]}}, "text"),
    ({"sections": {"channels": [note("a", tag="toolong")]}}, "tag"),
    ({"sections": {"channels": [note("a", colour="red")]}}, "colour"),
    ({"sections": {"channels": [note("a b")]}}, "item"),
    ({"sections": {"channels": ["text"]}}, "item"),
    ({"sections": {"channels": [note("a")], "customer_segments": [note("a")]}}, "item"),
    ({"sections": {"channels": [note("a", "x" * 10)]}, "padding": "y" * 400}, "canvas"),
])
def test_bad_canvases_are_refused_with_the_field_concerned(raw, field):
    with pytest.raises(CanvasError) as error:
        validate_canvas(raw, KEYS, LIMITS)
    assert error.value.field == field
    assert error.value.render(lambda s: s)  # every message formats with its parameters


def test_exact_limits_are_accepted():
    validate_canvas({"sections": {"channels": [note("a", "x" * 10, tag="abcde"), note("b")]}}, KEYS, LIMITS)


def test_move_reorders_inside_a_section_and_between_sections():
    canvas = {"sections": {"customer_segments": [note("a"), note("b"), note("c")], "channels": [note("d")]}}
    reordered = move_item(canvas, "c", "customer_segments", 0)
    assert [i["id"] for i in reordered["sections"]["customer_segments"]] == ["c", "a", "b"]
    moved = move_item(canvas, "a", "channels", 0)
    assert [i["id"] for i in moved["sections"]["channels"]] == ["a", "d"]
    assert [i["id"] for i in moved["sections"]["customer_segments"]] == ["b", "c"]
    assert [i["id"] for i in canvas["sections"]["customer_segments"]] == ["a", "b", "c"]  # untouched


def test_move_refuses_unknown_note_unknown_section_and_full_section():
    canvas = {"sections": {"customer_segments": [note("a")], "channels": [note("b"), note("c")]}}
    for args in (("zz", "channels"), ("a", "partners"), ("a", "channels")):
        with pytest.raises(CanvasError):
            move_item(canvas, *args, limits=LIMITS)
