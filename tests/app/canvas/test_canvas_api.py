"""The canvas app's API against the configured database (SQLite, or MariaDB in `make test`'s second run)."""
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from xblocks.canvas.app import api

pytestmark = pytest.mark.django_db

COURSE = "course-v1:SiriusHub+Test+2026"
USAGE = "block-v1:SiriusHub+Test+2026+type@sirius_canvas+block@canvas"
OTHER_USAGE = "block-v1:SiriusHub+Test+2026+type@sirius_canvas+block@other"
KEYS = ("customer_segments", "channels")


def canvas(*texts):
    return {"sections": {"customer_segments": [], "channels": [
        {"id": f"n{index}", "text": text, "colour": "", "tag": ""} for index, text in enumerate(texts)]}}


def test_first_save_creates_version_1_and_each_save_raises_it():
    assert api.get_draft(COURSE, USAGE, "amina") == {
        "version": 0, "content": None, "saved_at": "", "submitted_at": "", "last_activity": ""}
    first = api.save_draft(COURSE, USAGE, "amina", canvas("WhatsApp"), 0)
    assert first["version"] == 1 and first["saved_at"]
    second = api.save_draft(COURSE, USAGE, "amina", canvas("WhatsApp", "Market"), 1)
    assert second["version"] == 2
    draft = api.get_draft(COURSE, USAGE, "amina")
    assert draft["version"] == 2 and draft["content"] == canvas("WhatsApp", "Market")
    assert draft["saved_at"] == draft["last_activity"] == second["saved_at"]
    # Another learner, another canvas: their own drafts.
    assert api.get_draft(COURSE, USAGE, "bilal")["version"] == 0
    assert api.get_draft(COURSE, OTHER_USAGE, "amina")["version"] == 0


@pytest.mark.parametrize("expected", [0, 1, 3])
def test_a_write_from_an_old_version_is_stale_carries_the_stored_draft_and_changes_nothing(expected):
    api.save_draft(COURSE, USAGE, "amina", canvas("one"), 0)
    api.save_draft(COURSE, USAGE, "amina", canvas("two"), 1)
    with pytest.raises(api.StaleDraft) as raised:
        api.save_draft(COURSE, USAGE, "amina", canvas("stale"), expected)
    assert raised.value.status == 409
    assert raised.value.current["version"] == 2 and raised.value.current["content"] == canvas("two")
    assert api.get_draft(COURSE, USAGE, "amina")["content"] == canvas("two")


def test_a_version_the_server_never_had_is_stale_then_the_merge_saves_from_zero():
    with pytest.raises(api.StaleDraft) as raised:
        api.save_draft(COURSE, USAGE, "amina", canvas("from an old page"), 4)
    assert raised.value.current["version"] == 0 and raised.value.current["content"] is None
    assert api.save_draft(COURSE, USAGE, "amina", canvas("from an old page"), 0)["version"] == 1


@pytest.mark.parametrize("args, field", [
    (("course", USAGE, "amina", "not a canvas", 0), "canvas"),
    (("course", USAGE, "amina", {"sections": {"channels": [{"text": "é" * 130_000}]}}, 0), "canvas"),
    (("course", USAGE, "amina", {"sections": {"x": {1, 2}}}, 0), "canvas"),
    (("course", USAGE, "amina", canvas("x"), True), "version"),
    (("course", USAGE, "amina", canvas("x"), -1), "version"),
    (("course", USAGE, "amina", canvas("x"), "1"), "version"),
    (("course", USAGE, "", canvas("x"), 0), "learner_id"),
    (("course", USAGE, "a" * 256, canvas("x"), 0), "learner_id"),
    (("course", None, "amina", canvas("x"), 0), "usage_id"),
])
def test_bad_arguments_are_refused_and_store_nothing(args, field):
    with pytest.raises(api.InvalidInput) as raised:
        api.save_draft(*args)
    assert raised.value.field == field and raised.value.status == 400
    assert not api.has_canvas("course", USAGE, "amina")


def test_submission_sets_only_its_time_and_counts_as_activity():
    with pytest.raises(api.InvalidInput):
        api.record_submission(COURSE, USAGE, "amina")  # no draft: nothing to submit
    saved = api.save_draft(COURSE, USAGE, "amina", canvas("WhatsApp"), 0, now=timezone.now() - timedelta(hours=1))
    submitted = api.record_submission(COURSE, USAGE, "amina")
    draft = api.get_draft(COURSE, USAGE, "amina")
    assert draft["version"] == 1 and draft["content"] == canvas("WhatsApp")  # the draft is untouched
    assert draft["saved_at"] == saved["saved_at"]
    assert draft["submitted_at"] == draft["last_activity"] == submitted["submitted_at"] > saved["saved_at"]
    assert api.has_canvas(COURSE, USAGE, "amina") and not api.has_canvas(COURSE, USAGE, "bilal")


def test_review_status_and_comments_are_set_replaced_and_removed():
    assert api.get_review(COURSE, USAGE, "amina") == {"status": "", "status_at": "", "comments": {}}
    api.set_section_comment(COURSE, USAGE, "amina", "channels", "Which app?")
    api.set_section_comment(COURSE, USAGE, "amina", "customer_segments", "Who pays?")
    status = api.set_review_status(COURSE, USAGE, "amina", "needs_changes")
    assert api.set_section_comment(COURSE, USAGE, "amina", "channels", "Which app exactly?") == {
        "section": "channels", "text": "Which app exactly?"}
    review = api.get_review(COURSE, USAGE, "amina")
    assert review["status"] == "needs_changes" and review["status_at"] == status["status_at"]
    assert {key: value["text"] for key, value in review["comments"].items()} == {
        "channels": "Which app exactly?", "customer_segments": "Who pays?"}
    assert api.set_section_comment(COURSE, USAGE, "amina", "channels", "")["text"] == ""
    assert list(api.get_review(COURSE, USAGE, "amina")["comments"]) == ["customer_segments"]
    assert api.get_review(COURSE, USAGE, "bilal")["comments"] == {}


@pytest.mark.parametrize("call, field", [
    (lambda: api.set_review_status(COURSE, USAGE, "amina", "finished"), "status"),
    (lambda: api.set_section_comment(COURSE, USAGE, "amina", "Channels!", "x"), "section"),
    (lambda: api.set_section_comment(COURSE, USAGE, "amina", "channels\n", "x"), "section"),
    (lambda: api.set_section_comment(COURSE, USAGE, "amina", "channels", 3), "text"),
    (lambda: api.set_section_comment(COURSE, USAGE, "amina", "channels", "x" * 1001), "text"),
])
def test_bad_review_input_is_refused_and_changes_nothing(call, field):
    api.set_section_comment(COURSE, USAGE, "amina", "channels", "kept")
    with pytest.raises(api.InvalidInput) as raised:
        call()
    assert raised.value.field == field
    review = api.get_review(COURSE, USAGE, "amina")
    assert review["status"] == "" and review["comments"]["channels"]["text"] == "kept"


def _cohort_queries(size, start=0):
    for index in range(start, size):
        learner = f"learner-{index:03d}"
        api.save_draft(COURSE, USAGE, learner, canvas("x"), 0)
        if index % 3 == 0:
            api.set_review_status(COURSE, USAGE, learner, "approved")
        if index % 2 == 0:
            api.record_submission(COURSE, USAGE, learner)
    if start == 0:
        api.save_draft(COURSE, OTHER_USAGE, "elsewhere", canvas("x"), 0)
    with CaptureQueriesContext(connection) as captured:
        cohort = api.get_cohort(COURSE, USAGE)
    return len(captured.captured_queries), cohort


def test_cohort_is_one_query_whatever_its_size():
    queries, cohort = _cohort_queries(4)
    assert queries == 1
    assert [row["learner_id"] for row in cohort] == ["learner-000", "learner-001", "learner-002", "learner-003"]
    assert [row["review"]["status"] for row in cohort] == ["approved", "", "", "approved"]
    assert [bool(row["submitted_at"]) for row in cohort] == [True, False, True, False]
    assert all(row["last_activity"] == max(row["saved_at"], row["submitted_at"]) for row in cohort)
    api.set_review_status(COURSE, USAGE, "learner-001", "needs_changes")
    queries, cohort = _cohort_queries(60, start=4)
    assert queries == 1 and len(cohort) == 60
    assert [row["review"]["status"] for row in cohort[:4]] == ["approved", "needs_changes", "", "approved"]


def test_migrations_match_the_models():
    call_command("makemigrations", "sirius_canvas", "--check", "--dry-run", verbosity=0)


def test_loading_the_block_loads_no_model():
    """The block imports the app's API inside its methods only: importing it needs no Django setup."""
    code = ("import sys, xblocks.canvas.block; "
            "assert not [name for name in sys.modules if name.startswith('xblocks.canvas.app')]")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
                                os.path.abspath(__file__))))), check=False)
    assert result.returncode == 0, result.stderr


def test_a_draft_is_submitted_once_until_it_is_saved_again():
    api.save_draft(COURSE, USAGE, "amina", canvas("WhatsApp"), 0, now=timezone.now() - timedelta(hours=1))
    api.record_submission(COURSE, USAGE, "amina")
    with pytest.raises(api.AlreadySubmitted) as refused:
        api.record_submission(COURSE, USAGE, "amina")
    assert refused.value.status == 409
    api.save_draft(COURSE, USAGE, "amina", canvas("WhatsApp group"), 1)
    assert api.record_submission(COURSE, USAGE, "amina")["submitted_at"]
