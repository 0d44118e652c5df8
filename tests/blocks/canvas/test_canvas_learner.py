"""The canvas block on the workbench runtime: a learner's drafts, versions, limits, submissions."""
import json
import re

import pytest

from xblocks.canvas.api import latest_submitted_canvas, render_canvas_text

BMC = "<sirius_canvas/>"
COURSE = "course-v1:SiriusHub+Workbench+local"


def stored(block, learner=None):
    """The learner's draft as the canvas app stores it (what the next request reads)."""
    from xblocks.canvas.app import api

    learner = learner or f"wb-{block.scope_ids.user_id}"
    return api.get_draft(COURSE, str(block.scope_ids.usage_id), learner)


def note(item_id, text, **extra):
    return {"id": item_id, "text": text, "colour": "", "tag": "", **extra}


def save(workbench, block, version, sections, base=None, language="en"):
    payload = {"version": version, "canvas": {"sections": sections}}
    if base is not None:
        payload["base"] = {"sections": base}
    return workbench.call(block, "save_draft", payload, language=language)


def init_data(fragment):
    """What the learner view hands to its JavaScript (one escaped JSON string), read from the page."""
    args = re.search(r'<script type="json/xblock-args" class="xblock_json_init_args">(.*?)</script>',
                     fragment.content, re.S).group(1)
    return json.loads(json.loads(args)["data"])


def test_draft_is_saved_versioned_and_shown_again(workbench):
    block = workbench.block(BMC, student="amina")
    status, body = save(workbench, block, 0, {"channels": [note("a", "WhatsApp")]})
    assert status == 200 and body["version"] == 1
    assert [hint["titles"] for hint in body["hints"]] == [["Revenue streams"], ["Cost structure"]]
    again = workbench.reload(block)
    assert stored(again)["version"] == 1
    data = init_data(workbench.render(again))
    assert data["version"] == 1
    assert data["canvas"]["sections"]["channels"] == [note("a", "WhatsApp")]
    assert len(data["canvas"]["sections"]) == 9


def test_each_learner_has_their_own_draft(workbench):
    block = workbench.block(BMC, student="amina")
    save(workbench, block, 0, {"channels": [note("a", "Amina's channel")]})
    other = workbench.as_student(block, "bilal")
    assert init_data(workbench.render(other))["canvas"]["sections"]["channels"] == []
    assert stored(other)["version"] == 0


def test_stale_write_is_refused_with_item_by_item_merges_and_changes_nothing(workbench):
    block = workbench.block(BMC, student="amina")
    base = {"channels": [note("a", "WhatsApp"), note("b", "Market")]}
    save(workbench, block, 0, base)
    # Another tab (version 1) edits note a and saves: the server is at version 2.
    save(workbench, workbench.reload(block), 1, {"channels": [note("a", "WhatsApp group"), note("b", "Market")]})
    # This tab still thinks version 1: it edited note b and added c.
    stale = workbench.reload(block)
    status, body = save(workbench, stale, 1, {"channels": [note("a", "WhatsApp"), note("b", "Sunday market"),
                                                           note("c", "Flyers")]}, base=base)
    assert status == 409 and body["stale"] is True and body["version"] == 2
    assert body["conflicts"] == 0
    assert [n["text"] for n in body["merged"]["sections"]["channels"]] == ["WhatsApp group", "Sunday market", "Flyers"]
    after = workbench.reload(block)
    assert stored(after)["version"] == 2
    assert [n["text"] for n in stored(after)["content"]["sections"]["channels"]] == ["WhatsApp group", "Market"]
    # The client then writes the merge on top of version 2.
    status, body = save(workbench, after, 2, body["merged"]["sections"])
    assert status == 200 and body["version"] == 3


def test_conflicting_edit_is_reported_with_both_resolutions(workbench):
    block = workbench.block(BMC, student="amina")
    base = {"channels": [note("a", "WhatsApp")]}
    save(workbench, block, 0, base)
    save(workbench, workbench.reload(block), 1, {"channels": [note("a", "Phone")]})
    status, body = save(workbench, workbench.reload(block), 1, {"channels": [note("a", "Instagram")]}, base=base)
    assert status == 409 and body["conflicts"] == 1
    assert body["merged"]["sections"]["channels"][0]["text"] == "Instagram"
    assert body["merged_theirs"]["sections"]["channels"][0]["text"] == "Phone"


@pytest.mark.parametrize("sections, field, french", [
    ({"channels": [note(f"n{i}", "x") for i in range(21)]}, "section", "au maximum 20 notes"),
    ({"channels": [note("a", "x" * 281)]}, "text", "au maximum 280 caractères"),
    ({"channels": [note("a", "x", tag="t" * 41)]}, "tag", "au maximum 40 caractères"),
    ({"channels": [note("a", "x", colour="red")]}, "colour", "Couleur inconnue"),
    ({"partners_of_mars": []}, "section", "n'a pas de partie « partners_of_mars »"),
    ({"channels": [note("a", "x"), note("a", "y")]}, "item", "Deux notes ont le même identifiant"),
    ({"channels": "not a list"}, "section", "liste de notes"),
])
def test_bad_canvases_get_a_french_error_and_change_nothing(workbench, sections, field, french):
    block = workbench.block(BMC, student="amina")
    save(workbench, block, 0, {"channels": [note("keep", "kept")]})
    status, body = save(workbench, workbench.reload(block), 1, sections, language="fr")
    assert status == 400
    assert body["field"] == field and french in body["error"]
    after = stored(block)
    assert after["version"] == 1 and after["content"]["sections"]["channels"] == [note("keep", "kept")]


def test_oversized_payload_and_bad_version_are_refused(workbench):
    block = workbench.block(BMC, student="amina")
    status, _body = workbench.call(block, "save_draft", raw_body=b"{" + b" " * 200_000 + b"}")
    assert status == 413
    status, body = workbench.call(block, "save_draft", {"version": "1", "canvas": {"sections": {}}})
    assert status == 400 and body["field"] == "version"
    # Every note within its limits, but the whole canvas (~67 kB of UTF-8) over the 60 kB limit.
    keys = ["channels", "customer_segments", "value_propositions", "key_partners", "key_resources", "cost_structure"]
    full = {"version": 0, "canvas": {"sections": {
        key: [note(f"{key}{i}", "é" * 280) for i in range(20)] for key in keys}}}
    status, body = workbench.call(block, "save_draft", raw_body=json.dumps(full, ensure_ascii=False).encode())
    assert status == 400 and body["field"] == "canvas"
    assert stored(block)["version"] == 0


def test_submit_snapshots_completes_once_and_the_api_reads_it(workbench):
    block = workbench.block(BMC, student="amina")
    status, body = workbench.call(block, "submit", {"version": 0})
    assert status == 400 and "at least one note" in body["error"]
    save(workbench, block, 0, {"channels": [note("a", "WhatsApp", tag="Parents"), note("b", "")],
                               "customer_segments": [note("c", "Parents")]})
    block = workbench.reload(block)
    status, body = workbench.call(block, "submit", {"version": 0})
    assert status == 409  # the page is behind the saved draft
    status, body = workbench.call(block, "submit", {"version": 1}, language="fr")
    assert status == 200 and body["status_label"] == "Envoyé" and len(body["history"]) == 1
    # The same draft again (a second click, another tab): refused, there is nothing new to review.
    status, body = workbench.call(workbench.reload(block), "submit", {"version": 1}, language="fr")
    assert status == 409 and body["error"].startswith("Cette version est déjà envoyée")
    save(workbench, workbench.reload(block), 1, {"channels": [note("a", "WhatsApp group", tag="Parents"), note("b", "")],
                                                 "customer_segments": [note("c", "Parents")]})
    status, body = workbench.call(workbench.reload(block), "submit", {"version": 2})
    assert status == 200 and [entry["attempt"] for entry in body["history"]] == [2, 1]
    completions = [e for e in workbench.events(block) if e["event_type"] == "completion"]
    assert completions == [{"student": "amina", "usage_id": str(block.scope_ids.usage_id),
                            "event_type": "completion", "data": {"completion": 1.0}}]
    assert [e["data"]["first"] for e in workbench.events(block, "sirius.canvas.submitted")] == [True, False]

    snapshot = latest_submitted_canvas("course-v1:SiriusHub+Workbench+local", "wb-amina",
                                       str(block.scope_ids.usage_id))
    channels = [s for s in snapshot["sections"] if s["key"] == "channels"][0]
    assert channels["title"] == "Channels" and [i["text"] for i in channels["items"]] == ["WhatsApp group"]
    assert "## Channels\n* WhatsApp group [Parents]\n" in render_canvas_text(snapshot)
    assert latest_submitted_canvas("course-v1:SiriusHub+Workbench+local", "wb-bilal",
                                   str(block.scope_ids.usage_id)) is None


def test_history_view_and_restore_are_limited_to_own_versions(workbench):
    block = workbench.block(BMC, student="amina")
    save(workbench, block, 0, {"channels": [note("a", "Version one")]})
    _status, body = workbench.call(workbench.reload(block), "submit", {"version": 1})
    uuid = body["history"][0]["uuid"]
    save(workbench, workbench.reload(block), 1, {"channels": [note("a", "Version two")]})

    other = workbench.as_student(block, "bilal")
    status, _body = workbench.call(other, "view_submission", {"uuid": uuid})
    assert status == 404
    status, _body = workbench.call(other, "restore", {"uuid": uuid, "version": 0})
    assert status == 404

    mine = workbench.reload(block)
    status, body = workbench.call(mine, "view_submission", {"uuid": uuid})
    assert status == 200
    assert [s["items"] for s in body["snapshot"]["sections"] if s["key"] == "channels"][0][0]["text"] == "Version one"
    status, body = workbench.call(mine, "restore", {"uuid": uuid, "version": 2})
    assert status == 200 and body["version"] == 3
    assert stored(block)["content"]["sections"]["channels"][0]["text"] == "Version one"


def test_import_validates_like_a_save(workbench):
    block = workbench.block(BMC, student="amina")
    exported = {"format": "sirius_canvas", "sections": [{"key": "channels", "title": "Canaux",
                                                         "items": [note("a", "Imported")]}]}
    status, body = workbench.call(block, "import_json", {"version": 0, "data": exported})
    assert status == 200 and body["canvas"]["sections"]["channels"][0]["text"] == "Imported"
    bad = {"sections": [{"key": "channels", "items": [note("a", "x" * 500)]}]}
    status, body = workbench.call(workbench.reload(block), "import_json", {"version": 1, "data": bad})
    assert status == 400
    assert stored(block)["content"]["sections"]["channels"][0]["text"] == "Imported"


def test_learner_cannot_call_trainer_handlers(workbench):
    block = workbench.block(BMC, student="amina")
    save(workbench, block, 0, {"channels": [note("a", "x")]})
    for handler, payload in (("cohort", {}), ("learner_canvas", {"learner": "wb-amina"}),
                             ("set_review_status", {"learner": "wb-amina", "status": "approved"}),
                             ("comment_section", {"learner": "wb-amina", "section": "channels", "text": "Hi"})):
        status, body = workbench.call(workbench.reload(block), handler, payload, language="fr")
        assert status == 403, handler
        assert body["error"].startswith("Seule l")  # translated, whichever catalog (common or canvas) answers
    status, _body = workbench.call(block, "export_cohort", method="GET")
    assert status == 403
    from xblocks.canvas.app import api
    assert api.get_review(COURSE, str(block.scope_ids.usage_id), "wb-amina") == {
        "status": "", "status_at": "", "comments": {}}
    assert stored(block)["submitted_at"] == "" and stored(block)["version"] == 1


def test_studio_preview_saves_and_submits_nothing(workbench):
    block = workbench.block(BMC, student="author")
    block.runtime.is_author_mode = True  # what Studio's preview runtime sets
    status, body = save(workbench, block, 0, {"channels": [note("a", "x")]}, language="fr")
    assert status == 403 and "Studio" in body["error"]
    status, _body = workbench.call(block, "submit", {"version": 0})
    assert status == 403
    assert stored(block)["version"] == 0
    from submissions import api as submissions_api
    assert list(submissions_api.get_all_submissions(
        "course-v1:SiriusHub+Workbench+local", str(block.scope_ids.usage_id), "sirius_canvas")) == []


def test_hint_about_the_responsible_layer_names_the_layers_in_the_learners_language(workbench):
    block = workbench.block('<sirius_canvas responsible_layer="true"/>', student="amina")
    status, body = save(workbench, block, 0, {"channels": [note("a", "WhatsApp")],
                                              "revenue_streams": [note("r", "Abonnement")],
                                              "cost_structure": [note("c", "Loyer")]}, language="fr")
    assert status == 200
    layer_hint = [hint for hint in body["hints"] if hint["sections"][0].startswith("env_")][0]
    assert layer_hint["text"].startswith("La couche responsable est vide")
    assert layer_hint["titles"] == ["Couche environnementale", "Couche sociale"]
