"""Two tabs of one learner autosaving at the same instant, through the block's handler: one is saved,
the other is told (409) with the item-by-item merge, and saving the merge keeps both tabs' notes.
Before the canvas app, both passed a version check on a field and the last write silently won."""
import threading
import traceback

import pytest
from django.db import connection

from xblocks.canvas.app import api

BMC = "<sirius_canvas/>"
COURSE = "course-v1:SiriusHub+Workbench+local"


def note(item_id, text):
    return {"id": item_id, "text": text, "colour": "", "tag": ""}


def at_once(calls):
    """Run each ``(key, callable)`` in its own thread (own database connection) at the same instant."""
    barrier = threading.Barrier(len(calls))
    answers, failures = {}, []

    def run(key, call):
        try:
            barrier.wait()
            answers[key] = call()
        except Exception:  # pylint: disable=broad-except
            failures.append(traceback.format_exc())
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == [], "\n".join(failures)
    return answers


@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_once_one_is_saved_the_other_merges_and_nothing_is_lost(workbench):
    block = workbench.block(BMC, student="amina")
    base = {"channels": [note("a", "WhatsApp")]}
    status, _body = workbench.call(block, "save_draft", {"version": 0, "canvas": {"sections": base}})
    assert status == 200
    tabs = {
        "laptop": {"channels": [note("a", "WhatsApp"), note("laptop", "Flyers at the market")]},
        "phone": {"channels": [note("a", "WhatsApp group"), note("phone", "Sunday market stall")]},
    }
    pages = {tab: workbench.as_student(block, "amina") for tab in tabs}  # each tab is its own request
    answers = at_once([(tab, lambda tab=tab: workbench.call(pages[tab], "save_draft", {
        "version": 1, "canvas": {"sections": tabs[tab]}, "base": {"sections": base}})) for tab in tabs])
    assert sorted(status for status, _ in answers.values()) == [200, 409]
    (winner,) = [tab for tab, (status, _) in answers.items() if status == 200]
    (loser,) = [tab for tab, (status, _) in answers.items() if status == 409]
    stale = answers[loser][1]
    assert stale["stale"] is True and stale["version"] == 2
    assert stale["server"]["sections"]["channels"] == tabs[winner]["channels"]
    stored = api.get_draft(COURSE, str(block.scope_ids.usage_id), "wb-amina")
    assert stored["version"] == 2 and stored["content"]["sections"]["channels"] == tabs[winner]["channels"]

    # The losing tab saves the merge it was offered, on top of version 2: every note is kept.
    status, body = workbench.call(workbench.as_student(block, "amina"), "save_draft",
                                  {"version": 2, "canvas": stale["merged"]})
    assert status == 200 and body["version"] == 3
    stored = api.get_draft(COURSE, str(block.scope_ids.usage_id), "wb-amina")
    assert {item["id"]: item["text"] for item in stored["content"]["sections"]["channels"]} == {
        "a": "WhatsApp group", "laptop": "Flyers at the market", "phone": "Sunday market stall"}


@pytest.mark.django_db(transaction=True)
def test_two_trainers_commenting_at_once_through_the_handlers_keep_both_comments(workbench):
    block = workbench.block(BMC, student="amina")
    workbench.call(block, "save_draft", {"version": 0, "canvas": {"sections": {"channels": [note("a", "x")]}}})
    trainers = {"trainer": "channels", "staff": "customer_segments"}
    for round_number in (1, 2):  # the first round creates the review, the second replaces comments
        pages = {name: workbench.as_student(block, name) for name in trainers}
        answers = at_once([(name, lambda name=name: workbench.call(pages[name], "comment_section", {
            "learner": "wb-amina", "section": trainers[name], "text": f"{name}, round {round_number}"}))
            for name in trainers])
        assert [status for status, _ in answers.values()] == [200, 200]
        review = api.get_review(COURSE, str(block.scope_ids.usage_id), "wb-amina")
        assert {key: value["text"] for key, value in review["comments"].items()} == {
            section: f"{name}, round {round_number}" for name, section in trainers.items()}
    learner_page = workbench.render(workbench.reload(block)).content
    assert "trainer, round 2" in learner_page and "staff, round 2" in learner_page


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_submit_stores_one_submission(workbench):
    from submissions import api as submissions_api

    block = workbench.block(BMC, student="amina")
    workbench.call(block, "save_draft", {"version": 0, "canvas": {"sections": {"channels": [note("a", "x")]}}})
    clicks = {click: workbench.as_student(block, "amina") for click in ("first", "second")}
    answers = at_once([(click, lambda click=click: workbench.call(clicks[click], "submit", {"version": 1},
                                                                  language="fr"))
                       for click in clicks])
    assert sorted(status for status, _ in answers.values()) == [200, 409]
    (refused,) = [body for status, body in answers.values() if status == 409]
    assert refused["error"].startswith("Cette version est déjà envoyée")
    item = {"student_id": "wb-amina", "course_id": COURSE, "item_id": str(block.scope_ids.usage_id),
            "item_type": "sirius_canvas"}
    assert len(submissions_api.get_submissions(item)) == 1
