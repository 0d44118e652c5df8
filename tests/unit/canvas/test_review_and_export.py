"""Trainer review entries, snapshots, text rendering and cohort CSV."""
import csv
import io
from datetime import datetime, timedelta, timezone

import pytest

from xblocks.canvas import definitions, export, review
from xblocks.canvas.messages import CanvasError

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)
KEYS = ("customer_segments", "channels")


def activity(saved, submitted=None):
    return {"last_activity": saved.isoformat(), "submitted_at": submitted.isoformat() if submitted else ""}


def trainer_status(status, at):
    return {"status": review.check_status(status), "status_at": at.isoformat(), "comments": {}}


def test_status_follows_submissions_and_the_trainer():
    assert review.current_status(activity(NOW), None) == "draft"
    submitted = activity(NOW + timedelta(minutes=1), NOW + timedelta(minutes=1))
    assert review.current_status(submitted, None) == "submitted"
    trainer = trainer_status("needs_changes", NOW + timedelta(minutes=2))
    assert review.current_status(submitted, trainer) == "needs_changes"
    # A later draft save keeps the trainer's status; a new submission asks for a new review.
    later = activity(NOW + timedelta(minutes=3), NOW + timedelta(minutes=1))
    assert review.current_status(later, trainer) == "needs_changes"
    again = activity(NOW + timedelta(minutes=4), NOW + timedelta(minutes=4))
    assert review.current_status(again, trainer) == "submitted"
    assert review.learner_feedback(again, trainer, KEYS)["status"] == "submitted"


def test_unknown_status_is_refused():
    with pytest.raises(CanvasError):
        review.check_status("finished")


def test_comments_are_cleaned_and_checked():
    assert review.clean_comment("channels", "  Which app?\r\n\x07  ", KEYS) == "Which app?"
    assert review.clean_comment("channels", "   ", KEYS) == ""  # blank: the comment is removed
    for section, text in (("partners", "x"), ("channels", 3), ("channels", "x" * 1001)):
        with pytest.raises(CanvasError):
            review.clean_comment(section, text, KEYS)


def test_learner_sees_comments_on_existing_sections_only():
    entry = {"status": "", "status_at": "", "comments": {"channels": {"text": "ok", "at": NOW.isoformat()}}}
    assert review.learner_feedback(None, entry, KEYS)["comments"] == {"channels": "ok"}
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


@pytest.mark.parametrize("text", [
    " =1+1", "\u00a0 =HYPERLINK(\"x\")", "\n+1", "\u3000-1", "＝1+1", "＋cmd", "－2", "＠SUM(A1)", " ＝1",
    "﹦1", "\t=1", "\u200f=1+1", "\ufeff@x",
])
def test_cohort_csv_neutralises_formulas_behind_spaces_and_in_full_width(text):
    snapshot = {"sections": [{"key": "channels", "title": "Channels",
                              "items": [{"id": "a", "text": text, "tag": text, "colour": ""}]}]}
    rows = list(csv.reader(io.StringIO(export.cohort_csv([
        {"learner": text, "status": "submitted", "last_activity": "t", "submitted_at": "t", "snapshot": snapshot},
    ]))))
    for column in (0, 6, 7):
        assert rows[1][column] == "'" + text, column


@pytest.mark.parametrize("text", ["Parents", "1 + 1 = 2", "café=bar", "e-mail"])
def test_cohort_csv_keeps_ordinary_text_as_it_is(text):
    rows = list(csv.reader(io.StringIO(export.cohort_csv([
        {"learner": text, "status": "draft", "last_activity": "", "submitted_at": "", "snapshot": None}]))))
    assert rows[1][0] == text
