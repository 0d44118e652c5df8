"""Two tabs (or a retried request) saving at the same instant, and two trainers writing at once:
the database settles it, and nothing is lost.

Runs on the configured database: SQLite by default, MariaDB with
SIRIUS_DATABASE_URL=mysql://root@127.0.0.1:3306/<name> (where row locks really compete).
"""
import threading

import pytest
from django.db import connection

from xblocks.canvas.app import api
from xblocks.canvas.merge import merge_canvases

COURSE = "course-v1:SiriusHub+Test+2026"
USAGE = "block-v1:SiriusHub+Test+2026+type@sirius_canvas+block@canvas"
TABS = 6


def note(item_id, text):
    return {"id": item_id, "text": text, "colour": "", "tag": ""}


def canvas(*notes):
    return {"sections": {"channels": list(notes)}}


def run_at_once(targets):
    """Start every callable in its own thread (own database connection) at the same instant."""
    barrier = threading.Barrier(len(targets))
    results, failures = [None] * len(targets), []

    def run(index, target):
        try:
            barrier.wait()
            results[index] = target()
        except Exception as error:  # pylint: disable=broad-except
            failures.append(f"{index}: {type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, target)) for index, target in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    return results


def save_or_stale(content, version):
    def attempt():
        try:
            return ("saved", api.save_draft(COURSE, USAGE, "amina", content, version))
        except api.StaleDraft as stale:
            return ("stale", stale.current)
    return attempt


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("start_version", [0, 1], ids=["first save (insert)", "later save (update)"])
def test_tabs_saving_the_same_version_at_once_exactly_one_wins_the_others_are_told(start_version):
    if start_version:
        api.save_draft(COURSE, USAGE, "amina", canvas(note("base", "Shared start")), 0)
    contents = [canvas(note("base", "Shared start"), note(f"tab{tab}", f"Tab {tab}")) for tab in range(TABS)]
    outcomes = run_at_once([save_or_stale(content, start_version) for content in contents])

    winners = [tab for tab, (kind, _) in enumerate(outcomes) if kind == "saved"]
    assert len(winners) == 1
    winner = winners[0]
    assert outcomes[winner][1]["version"] == start_version + 1
    stored = api.get_draft(COURSE, USAGE, "amina")
    assert stored["version"] == start_version + 1 and stored["content"] == contents[winner]
    # Every loser was told, with what is stored now: its own notes are still on its page to merge.
    for tab, (kind, current) in enumerate(outcomes):
        if tab != winner:
            assert kind == "stale"
            assert current["version"] == start_version + 1 and current["content"] == contents[winner]


@pytest.mark.django_db(transaction=True)
def test_tabs_that_merge_on_a_stale_answer_lose_no_note():
    """Each tab keeps saving as the page does: on a stale answer it merges item by item on top of
    what the server holds, and saves again from that version. Every tab's note ends up stored."""

    def tab_session(tab):
        def session():
            base = canvas()
            mine = canvas(note(f"tab{tab}", f"Note typed in tab {tab}"))
            version, attempts = 0, 0
            while True:
                attempts += 1
                try:
                    return api.save_draft(COURSE, USAGE, "amina", mine, version)["version"], attempts
                except api.StaleDraft as stale:
                    server = stale.current["content"] or canvas()
                    mine = merge_canvases(base, mine, server).canvas
                    base, version = server, stale.current["version"]
        return session

    outcomes = run_at_once([tab_session(tab) for tab in range(TABS)])
    stored = api.get_draft(COURSE, USAGE, "amina")
    assert sorted(item["id"] for item in stored["content"]["sections"]["channels"]) == [
        f"tab{tab}" for tab in range(TABS)]
    # One version per successful save, none skipped or reused.
    assert sorted(version for version, _ in outcomes) == list(range(1, TABS + 1))
    assert stored["version"] == TABS
    assert max(attempts for _, attempts in outcomes) > 1  # tabs did meet a stale answer and merged


@pytest.mark.django_db(transaction=True)
def test_two_trainers_commenting_different_sections_at_once_are_both_kept():
    sections = ["customer_segments", "channels", "value_propositions", "revenue_streams"]
    for round_number in range(3):  # the first round creates the review row, the others update
        writes = [lambda key=key: api.set_section_comment(COURSE, USAGE, "amina", key,
                                                          f"Round {round_number}: about {key}")
                  for key in sections]
        writes.append(lambda: api.set_review_status(COURSE, USAGE, "amina",
                                                    ("needs_changes", "approved", "submitted")[round_number]))
        run_at_once(writes)
        review = api.get_review(COURSE, USAGE, "amina")
        assert {key: value["text"] for key, value in review["comments"].items()} == {
            key: f"Round {round_number}: about {key}" for key in sections}
        assert review["status"] == ("needs_changes", "approved", "submitted")[round_number]


@pytest.mark.django_db(transaction=True)
def test_a_submission_during_a_save_keeps_both():
    api.save_draft(COURSE, USAGE, "amina", canvas(note("a", "First")), 0)
    saved, submitted = run_at_once([
        lambda: api.save_draft(COURSE, USAGE, "amina", canvas(note("a", "Second")), 1),
        lambda: api.record_submission(COURSE, USAGE, "amina"),
    ])
    stored = api.get_draft(COURSE, USAGE, "amina")
    assert stored["version"] == 2 and stored["content"] == canvas(note("a", "Second"))
    assert stored["submitted_at"] == submitted["submitted_at"] and stored["saved_at"] == saved["saved_at"]
