"""Trainer review entries, snapshots, text rendering and cohort CSV."""
import csv
import io
from datetime import datetime, timedelta, timezone

import pytest

from xblocks.canvas import definitions, export, review
from xblocks.canvas.messages import CanvasError

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)
KEYS = ("customer_segments", "channels")


def test_status_follows_submissions_and_the_trainer():
    activity = review.record_activity(None, NOW)
    assert review.current_status(activity, None) == "draft"
    activity = review.record_activity(activity, NOW + timedelta(minutes=1), submitted=True)
    assert review.current_status(activity, None) == "submitted"
    trainer = review.set_status(None, "needs_changes", NOW + timedelta(minutes=2))
    assert review.current_status(activity, trainer) == "needs_changes"
    # A later draft save keeps the trainer's status; a new submission asks for a new review.
    later = review.record_activity(activity, NOW + timedelta(minutes=3))
    assert review.current_status(later, trainer) == "needs_changes"
    again = review.record_activity(later, NOW + timedelta(minutes=4), submitted=True)
    assert review.current_status(again, trainer) == "submitted"
    assert review.learner_feedback(again, trainer, KEYS)["status"] == "submitted"


def test_unknown_status_is_refused():
    with pytest.raises(CanvasError):
        review.set_status({}, "finished", NOW)


def test_activity_refresh_is_throttled():
    activity = review.record_activity(None, NOW)
    assert review.activity_needs_refresh(None, NOW)
    assert not review.activity_needs_refresh(activity, NOW + timedelta(minutes=5))
    assert review.activity_needs_refresh(activity, NOW + timedelta(minutes=10))


def test_comments_are_set_replaced_removed_and_checked():
    entry = review.set_comment(None, "channels", "  Which app?  ", KEYS, NOW)
    assert review.learner_feedback(None, entry, KEYS)["comments"] == {"channels": "Which app?"}
    entry = review.set_comment(entry, "channels", "", KEYS, NOW)
    assert review.learner_feedback(None, entry, KEYS)["comments"] == {}
    for section, text in (("partners", "x"), ("channels", 3), ("channels", "x" * 1001)):
        with pytest.raises(CanvasError):
            review.set_comment(entry, section, text, KEYS, NOW)


def test_comments_on_removed_sections_are_not_shown():
    entry = review.set_comment(None, "channels", "ok", KEYS, NOW)
    assert review.learner_feedback(None, entry, ("customer_segments",))["comments"] == {}


def make_snapshot():
    sections = definitions.default_sections("bmc", False, "fr")
    canvas = {"sections": {s.key: [] for s in sections}}
    canvas["sections"]["channels"] = [{"id": "a", "text": "=HYPERLINK(\"x\")", "colour": "", "tag": "Parents"},
                                      {"id": "b", "text": "", "colour": "", "tag": ""}]
    return export.snapshot(canvas, sections, "bmc", False)


def test_snapshot_carries_titles_and_drops_blank_notes_and_restores():
    snap = make_snapshot()
    channels = [s for s in snap["sections"] if s["key"] == "channels"][0]
    assert channels["title"] == "Canaux" and [i["id"] for i in channels["items"]] == ["a"]
    restored = export.canvas_from_snapshot(snap, ("channels", "other"))
    assert restored == {"sections": {"channels": channels["items"], "other": []}}


def test_text_rendering_lists_sections_notes_and_tags():
    text = export.render_canvas_text(make_snapshot())
    assert "## Canaux\n* =HYPERLINK(\"x\") [Parents]\n" in text
    assert "## Segments de clients\n-\n" in text


def test_cohort_csv_neutralises_formulas_and_lists_learners_without_submission():
    rows = list(csv.reader(io.StringIO(export.cohort_csv([
        {"learner": "amina", "status": "submitted", "last_activity": "t", "submitted_at": "t",
         "snapshot": make_snapshot()},
        {"learner": "-bob", "status": "draft", "last_activity": "t", "submitted_at": "", "snapshot": None},
    ]))))
    assert rows[0] == list(export.COHORT_CSV_COLUMNS)
    assert rows[1][:2] == ["amina", "submitted"] and rows[1][6] == "'=HYPERLINK(\"x\")"
    assert rows[2][0] == "'-bob" and rows[2][4:] == [""] * 5
