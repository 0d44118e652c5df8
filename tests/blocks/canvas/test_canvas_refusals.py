"""Requests the canvas handlers must refuse, in the learner's language, changing nothing."""
import pytest

BMC = "<sirius_canvas/>"
COURSE = "course-v1:SiriusHub+Workbench+local"


def note(item_id, text, **extra):
    return {"id": item_id, "text": text, "colour": "", "tag": "", **extra}


def stored(block, learner="wb-amina"):
    from xblocks.canvas.app import api

    return api.get_draft(COURSE, str(block.scope_ids.usage_id), learner)


def review(block, learner="wb-amina"):
    from xblocks.canvas.app import api

    return api.get_review(COURSE, str(block.scope_ids.usage_id), learner)


@pytest.fixture
def submitted(workbench):
    block = workbench.block(BMC, student="amina")
    status, _body = workbench.call(block, "save_draft", {"version": 0, "canvas": {"sections": {
        "channels": [note("a", "WhatsApp")]}}})
    assert status == 200
    status, _body = workbench.call(workbench.reload(block), "submit", {"version": 1})
    assert status == 200
    return workbench.reload(block)


LEARNER_CALLS = (
    ("save_draft", {"version": 1, "canvas": {"sections": {"channels": [note("a", "Changed")]}}}),
    ("submit", {"version": 1}),
    ("history", {}),
    ("import_json", {"version": 1, "data": {"sections": {"channels": [note("a", "Changed")]}}}),
)
TRAINER_CALLS = (
    ("cohort", {}),
    ("learner_canvas", {"learner": "wb-amina"}),
    ("set_review_status", {"learner": "wb-amina", "status": "approved"}),
    ("comment_section", {"learner": "wb-amina", "section": "channels", "text": "Good"}),
)


@pytest.mark.parametrize("handler, payload", LEARNER_CALLS + TRAINER_CALLS)
def test_a_key_the_handler_does_not_read_is_refused_by_name_and_changes_nothing(workbench, submitted,
                                                                                handler, payload):
    caller = submitted if (handler, payload) in LEARNER_CALLS else workbench.as_student(submitted, "trainer")
    status, body = workbench.call(caller, handler, {**payload, "student_id": "wb-bilal"}, language="fr")
    assert status == 400, body
    assert body["field"] == "student_id" and "student_id" in body["error"] and "ne fait pas partie" in body["error"]
    assert stored(submitted)["version"] == 1
    assert stored(submitted)["content"]["sections"]["channels"][0]["text"] == "WhatsApp"
    assert review(submitted) == {"status": "", "status_at": "", "comments": {}}
    assert len(workbench.events(submitted, "sirius.canvas.submitted")) == 1


def test_the_handlers_accept_exactly_the_keys_the_page_sends(workbench, submitted):
    """The learner page sends ``base`` with a save and ``uuid`` to view or restore: still accepted."""
    status, body = workbench.call(submitted, "save_draft", {"version": 1, "base": {"sections": {}},
                                                            "canvas": {"sections": {}}})
    assert status == 200
    status, body = workbench.call(workbench.reload(submitted), "history", {})
    uuid = body["history"][0]["uuid"]
    status, _body = workbench.call(workbench.reload(submitted), "view_submission", {"uuid": uuid})
    assert status == 200
    status, _body = workbench.call(workbench.reload(submitted), "restore", {"uuid": uuid, "version": 2})
    assert status == 200


@pytest.mark.parametrize("data", [
    {"sections": [{"key": "channels", "items": ["just text"]}]},
    {"sections": [{"key": "channels", "items": [1, 2]}]},
    {"sections": [{"key": "channels", "items": "ab"}]},
    {"sections": [{"key": "channels", "items": None}]},
    {"sections": ["channels"]},
    {"sections": [{"key": ["channels"], "items": []}]},
    {"sections": [{"key": "channels", "items": [[["id", "a"], ["text", "list pairs"]]]}]},
])
def test_a_broken_import_file_gets_a_translated_error_and_keeps_the_draft(workbench, submitted, data):
    status, body = workbench.call(submitted, "import_json", {"version": 1, "data": data}, language="fr")
    assert status == 400, body
    assert body["error"] in ("Une note doit être un objet.", "Une partie doit être une liste de notes.",
                             "Le canevas doit être un objet avec des parties.")
    assert stored(submitted)["version"] == 1
    assert stored(submitted)["content"]["sections"]["channels"] == [note("a", "WhatsApp")]


def test_a_trainer_in_the_studio_preview_changes_no_review(workbench, submitted):
    trainer = workbench.as_student(submitted, "trainer")
    trainer.runtime.is_author_mode = True  # what Studio's preview runtime sets
    for handler, payload in TRAINER_CALLS[2:]:
        status, body = workbench.call(trainer, handler, payload, language="fr")
        assert status == 403 and "Studio" in body["error"], (handler, body)
    assert review(submitted) == {"status": "", "status_at": "", "comments": {}}
    assert workbench.events(submitted, "sirius.canvas.status_set") == []
    assert workbench.events(submitted, "sirius.canvas.commented") == []


def test_an_import_from_another_canvas_does_not_silently_drop_notes(workbench, submitted):
    """A Lean Canvas export imported into a Business Model Canvas: its "problem" notes have no place here."""
    lean_export = {"format": "sirius_canvas", "sections": [
        {"key": "customer_segments", "title": "Segments", "items": [note("s", "Parents")]},
        {"key": "problem", "title": "Problem", "items": [note("p", "No time to cook")]},
    ]}
    status, body = workbench.call(submitted, "import_json", {"version": 1, "data": lean_export}, language="fr")
    assert status == 400 and body["field"] == "section" and "« problem »" in body["error"], body
    assert stored(submitted)["content"]["sections"]["channels"] == [note("a", "WhatsApp")]
    # Empty sections of the other canvas are no loss: such a file is imported.
    lean_export["sections"][1]["items"] = []
    status, body = workbench.call(workbench.reload(submitted), "import_json", {"version": 1, "data": lean_export})
    assert status == 200 and body["canvas"]["sections"]["customer_segments"] == [note("s", "Parents")]


def test_the_studio_preview_keeps_no_copy_on_the_device_either(workbench):
    import json
    import re

    block = workbench.block(BMC, student="author")
    block.runtime.is_author_mode = True
    html = workbench.render(block).content
    args = json.loads(json.loads(re.search(r'class="xblock_json_init_args">(.*?)</script>', html, re.S)
                                 .group(1))["data"])
    # No key: the page writes nothing to the browser's storage, so preview notes can never be sent
    # later as the author's own draft in the course.
    assert args["can_submit"] is False and args["storage_key"] == ""
    block.runtime.is_author_mode = False
    learner_html = workbench.render(workbench.reload(block)).content
    assert '\\"storage_key\\": \\"sirius-canvas-' in learner_html


def test_a_merge_that_would_overfill_a_section_is_asked_not_proposed_as_unsaveable(workbench):
    block = workbench.block(BMC, student="amina")
    base = {"channels": [note(f"n{i}", f"Channel {i}") for i in range(18)]}
    workbench.call(block, "save_draft", {"version": 0, "canvas": {"sections": base}})
    # Another tab adds two notes: the section is full (20).
    theirs = {"channels": base["channels"] + [note("t1", "Radio"), note("t2", "Posters")]}
    status, _body = workbench.call(workbench.reload(block), "save_draft", {"version": 1, "canvas": {"sections": theirs}})
    assert status == 200
    # This tab, still at version 1, added two other notes: both together would be 22.
    ours = {"channels": base["channels"] + [note("o1", "Flyers"), note("o2", "Facebook")]}
    status, body = workbench.call(workbench.reload(block), "save_draft",
                                  {"version": 1, "canvas": {"sections": ours}, "base": {"sections": base}})
    assert status == 409 and body["conflicts"] >= 1  # the learner is asked which version to keep
    for proposal in ("merged", "merged_theirs"):
        status, saved = workbench.call(workbench.reload(block), "save_draft",
                                       {"version": body["version"], "canvas": body[proposal]})
        assert status == 200, (proposal, saved)
        workbench.call(workbench.reload(block), "save_draft",
                       {"version": saved["version"], "canvas": {"sections": theirs}})
        body["version"] = saved["version"] + 1
