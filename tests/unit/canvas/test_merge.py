"""Three-way merge of a stale write, item by item."""
from xblocks.canvas.merge import PREFER_THEIRS, differing_notes, merge_canvases


def canvas(**sections):
    return {"sections": {key: [{"id": i, "text": t, "colour": "", "tag": ""} for i, t in items]
                         for key, items in sections.items()}}


def ids(result, key):
    return [(item["id"], item["text"]) for item in result.canvas["sections"][key]]


def test_edits_on_different_notes_are_both_kept():
    base = canvas(cs=[("a", "A"), ("b", "B")], ch=[])
    ours = canvas(cs=[("a", "A mine"), ("b", "B")], ch=[("n", "new mine")])
    theirs = canvas(cs=[("a", "A"), ("b", "B theirs")], ch=[("m", "new theirs")])
    result = merge_canvases(base, ours, theirs)
    assert result.conflicts == []
    assert ids(result, "cs") == [("a", "A mine"), ("b", "B theirs")]
    assert sorted(ids(result, "ch")) == [("m", "new theirs"), ("n", "new mine")]


def test_deletion_on_one_side_wins_over_an_unchanged_note():
    base = canvas(cs=[("a", "A"), ("b", "B")])
    result = merge_canvases(base, canvas(cs=[("b", "B")]), canvas(cs=[("a", "A"), ("b", "B2")]))
    assert ids(result, "cs") == [("b", "B2")]


def test_same_note_changed_differently_is_a_conflict_settled_by_preference():
    base = canvas(cs=[("a", "A")])
    ours, theirs = canvas(cs=[("a", "mine")]), canvas(cs=[("a", "theirs")])
    kept_mine = merge_canvases(base, ours, theirs)
    assert ids(kept_mine, "cs") == [("a", "mine")]
    assert kept_mine.conflicts[0]["id"] == "a"
    assert kept_mine.conflicts[0]["theirs"]["item"]["text"] == "theirs"
    assert ids(merge_canvases(base, ours, theirs, prefer=PREFER_THEIRS), "cs") == [("a", "theirs")]


def test_edit_against_deletion_is_a_conflict():
    base = canvas(cs=[("a", "A")])
    result = merge_canvases(base, canvas(cs=[("a", "A edited")]), canvas(cs=[]))
    assert result.conflicts == [{"id": "a", "ours": {"section": "cs", "item": {"id": "a", "text": "A edited", "colour": "", "tag": ""}}, "theirs": None}]
    assert ids(result, "cs") == [("a", "A edited")]
    assert ids(merge_canvases(base, canvas(cs=[("a", "A edited")]), canvas(cs=[]), prefer=PREFER_THEIRS), "cs") == []


def test_a_move_by_the_client_is_kept_and_its_order_used():
    base = canvas(cs=[("a", "A"), ("b", "B")], ch=[("c", "C")])
    ours = canvas(cs=[("b", "B")], ch=[("a", "A"), ("c", "C")])
    theirs = canvas(cs=[("a", "A"), ("b", "B")], ch=[("c", "C"), ("d", "D")])
    result = merge_canvases(base, ours, theirs)
    assert result.conflicts == []
    assert ids(result, "cs") == [("b", "B")]
    assert ids(result, "ch") == [("a", "A"), ("c", "C"), ("d", "D")]


def test_without_a_base_new_notes_of_both_sides_are_kept():
    result = merge_canvases(None, canvas(cs=[("a", "A")]), canvas(cs=[("b", "B")]))
    assert ids(result, "cs") == [("b", "B"), ("a", "A")]
    assert result.conflicts == []


def test_notes_added_on_both_sides_keep_the_server_order_then_the_new_ones():
    base = canvas(cs=[("a", "A")])
    ours = canvas(cs=[("a", "A"), ("mine", "M")])
    theirs = canvas(cs=[("theirs", "T"), ("a", "A")])
    assert ids(merge_canvases(base, ours, theirs), "cs") == [("theirs", "T"), ("a", "A"), ("mine", "M")]
    assert ids(merge_canvases(None, canvas(cs=[("mine", "M")]), canvas(cs=[("t", "T")])), "cs") == [
        ("t", "T"), ("mine", "M")]


def test_differing_notes_counts_added_removed_moved_and_edited_notes_once():
    first = canvas(cs=[("a", "A"), ("b", "B"), ("c", "C")], ch=[("d", "D")])
    second = canvas(cs=[("a", "A"), ("b", "B edited"), ("d", "D")], ch=[("e", "E")])
    assert differing_notes(first, second) == 4  # b edited, c removed, d moved, e added
    assert differing_notes(first, first) == 0
