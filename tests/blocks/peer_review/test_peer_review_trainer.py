"""The trainer's side: overview of who waits and why, flags, override, CSV; refused to learners.
Plus OLX round trip, scoring attributes and the canvas as artefact (weight: tests/blocks/test_budgets.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from submissions import api as submissions_api
from webob import Request
from xblock.fields import Scope

from tests.blocks.peer_review.conftest import ASSESSMENT, SCENARIOS, init_args
from xblocks.common import compat
from xblocks.peer_review.block import PeerReviewBlock


def give_review(workbench, block, **scores):
    status, body = workbench.call(block, "next_review", {})
    review_id = body["review"]["review_id"]
    payload = dict(ASSESSMENT, review_id=review_id)
    if scores:
        payload["scores"] = scores
    assert workbench.call(block, "submit_review", payload)[0] == 200
    return review_id


def csv_export(workbench, block, kind, language="en"):
    from django.utils import translation  # pylint: disable=import-outside-toplevel
    request = Request.blank(f"/?kind={kind}")
    with translation.override(language):
        response = block.runtime.handle(block, "export_csv", request)
    return response.status_int, response.body.decode("utf-8")


@pytest.mark.parametrize("handler, payload", [
    ("staff_overview", {}),
    ("resolve_flag", {"review_id": "00000000-0000-0000-0000-000000000000", "decision": "hidden"}),
    ("override_grade", {"author_id": "wb-amina", "points": 4, "reason": ""}),
])
def test_trainer_handlers_are_refused_to_learners_in_their_language(workbench, cohort, handler, payload):
    status, body = workbench.call(cohort["amina"], handler, payload, language="fr")
    assert status == 403 and "équipe" in body["error"]
    assert submissions_api.get_score(compat.student_item(cohort["amina"])) is None


def test_csv_export_is_refused_to_learners(workbench, cohort):
    status, body = csv_export(workbench, cohort["amina"], "grades", language="fr")
    assert status == 403 and "équipe" in body
    status, body = csv_export(workbench, workbench.as_student(cohort["amina"], "trainer"), "secrets", language="ar")
    assert status == 400 and "غير موجود" in body


def test_trainer_sees_real_names_leases_and_who_is_waiting(workbench, cohort):
    give_review(workbench, cohort["amina"])
    workbench.call(cohort["bilal"], "next_review", {})  # bilal holds a lease
    trainer = workbench.as_student(cohort["amina"], "trainer")
    overview = init_args(workbench.render(trainer))["overview"]
    rows = {row["username"]: row for row in overview["rows"]}
    assert sorted(rows) == ["amina", "bilal", "chen"]
    assert rows["amina"]["given"] == 1
    leases = [lease for row in overview["rows"] for lease in row["leases"]]
    assert [lease["who"] for lease in leases] == ["bilal"]
    assert {"code": "must_give_reviews", "missing": 2} in rows["bilal"]["waiting_for"]


def test_trainer_hides_a_flagged_review_and_the_author_is_told(workbench, cohort):
    review_id = give_review(workbench, cohort["bilal"], customers="missing", offer="missing")
    author = next(name for name in ("amina", "chen") if init_args(workbench.render(workbench.reload(
        cohort[name])))["state"]["results"]["received"] == 1)
    workbench.call(cohort[author], "flag_review", {"review_id": review_id, "reason": "Insultant"})
    trainer = workbench.as_student(cohort["amina"], "trainer")
    [flag] = init_args(workbench.render(trainer))["overview"]["flags"]
    assert (flag["author"], flag["reviewer"], flag["reason"]) == (author, "bilal", "Insultant")
    status, body = workbench.call(trainer, "resolve_flag", {"review_id": review_id, "decision": "delete"})
    assert status == 400
    status, body = workbench.call(trainer, "resolve_flag", {"review_id": review_id, "decision": "hidden"})
    assert status == 200 and body["overview"]["flags"][0]["state"] == "hidden"
    [received] = init_args(workbench.render(workbench.reload(cohort[author])))["state"]["results"]["reviews"]
    assert received["hidden"] and "comments" not in received


def test_trainer_override_wins_is_validated_and_exported(workbench, cohort):
    trainer = workbench.as_student(cohort["amina"], "trainer")
    for bad in (-1, 5, "3", 2.5, True):
        status, _ = workbench.call(trainer, "override_grade", {"author_id": "wb-amina", "points": bad})
        assert status == 400
    status, body = workbench.call(trainer, "override_grade", {"author_id": "wb-amina", "reason": "oubli"},
                                  language="fr")
    assert status == 400 and body["field"] == "points" and "manque" in body["error"]
    assert workbench.call(trainer, "override_grade", {"author_id": "wb-nobody", "points": 1})[0] == 404
    status, body = workbench.call(trainer, "override_grade", {"author_id": "wb-amina", "points": 3,
                                                              "reason": "Vu en classe"})
    assert status == 200
    score = submissions_api.get_score(compat.student_item(cohort["amina"]))
    assert (score["points_earned"], score["points_possible"]) == (3, 4)
    state = init_args(workbench.render(workbench.reload(cohort["amina"])))["state"]
    assert state["results"]["grade"]["source"] == "override"
    status, grades = csv_export(workbench, trainer, "grades")
    assert status == 200 and "amina," in grades and ",3,4,override,3" in grades
    give_review(workbench, cohort["chen"])
    status, reviews = csv_export(workbench, trainer, "reviews")
    assert status == 200 and ",chen,peer," in reviews and "Ce qui marche" in reviews


def test_csv_cells_cannot_run_as_spreadsheet_formulas(workbench, cohort):
    status, body = workbench.call(cohort["bilal"], "next_review", {})
    workbench.call(cohort["bilal"], "submit_review", dict(ASSESSMENT, review_id=body["review"]["review_id"],
                                                          overall_comment="=HYPERLINK(\"http://x\")"))
    _, reviews = csv_export(workbench, workbench.as_student(cohort["amina"], "trainer"), "reviews")
    assert "'=HYPERLINK" in reviews


def test_olx_round_trip_keeps_every_setting_and_structure(workbench):
    original = workbench.block(SCENARIOS["own_response"], student="author")
    node = etree.Element("root")
    original.add_xml_to_node(node)
    exported = etree.tostring(node, encoding="unicode")
    assert "<rubric>" in exported and '<mentor username="mentor_ana"/>' in exported
    again = workbench.block(exported, student="author", scenario="round-trip")
    for name, field in PeerReviewBlock.fields.items():
        if field.scope in (Scope.content, Scope.settings) and name not in ("parent", "children"):
            assert getattr(again, name) == getattr(original, name), name
    examples = workbench.block(SCENARIOS["calibration_formative"], student="author")
    node = etree.Element("root")
    examples.add_xml_to_node(node)
    again = workbench.block(etree.tostring(node, encoding="unicode"), student="author", scenario="round-trip-2")
    assert again.calibration_examples == examples.calibration_examples
    assert again.calibration_examples[0]["scores"] == {"planet": "plan"}
    assert again.formative is True


def test_scoring_attributes_as_the_platform_reads_them(workbench):
    assert PeerReviewBlock.has_score is True and PeerReviewBlock.has_custom_completion is True
    block = workbench.block(SCENARIOS["own_response"], student="author")
    assert block.max_score() == 4
    block.weight = 10
    assert block.max_score() == 10
    formative = workbench.block(SCENARIOS["calibration_formative"], student="author")
    assert formative.max_score() == 0
    default_rubric = workbench.block("<sirius_peer_review/>", student="author")
    assert default_rubric.max_score() == 8


def test_a_canvas_of_the_same_unit_is_the_artefact(workbench):
    unit = workbench.block(SCENARIOS["canvas_and_review"], student="amina")
    canvas, review = (workbench.as_student(unit, "amina").runtime.get_block(child) for child in unit.children)
    status, body = workbench.call(review, "submit_work", {}, language="fr")
    assert status == 409 and "canevas" in body["error"]
    note = {"id": "n1", "text": "Parents qui travaillent <b>tard</b>", "colour": "", "tag": ""}
    assert workbench.call(canvas, "save_draft", {"version": 0, "canvas": {"sections": {
        "customer_segments": [note]}}})[0] == 200
    assert workbench.call(canvas, "submit", {"version": 1})[0] == 200
    assert init_args(workbench.render(workbench.reload(review)))["state"]["canvas_ready"]
    assert workbench.call(review, "submit_work", {})[0] == 200
    bilal_review = workbench.as_student(review, "bilal")
    bilal_canvas = workbench.as_student(canvas, "bilal")
    workbench.call(bilal_canvas, "save_draft", {"version": 0, "canvas": {"sections": {"customer_segments": [
        dict(note, text="Étudiants")]}}})
    workbench.call(bilal_canvas, "submit", {"version": 1})
    workbench.call(bilal_review, "submit_work", {})
    status, body = workbench.call(bilal_review, "next_review", {})
    artefact = body["review"]["artefact"]
    assert artefact["kind"] == "canvas"
    texts = [item["text"] for section in artefact["sections"] for item in section["items"]]
    assert texts == ["Parents qui travaillent <b>tard</b>"]  # stays text; the page sets it with textContent


def _render_queries(workbench, block):
    with CaptureQueriesContext(connection) as captured:
        workbench.render(workbench.reload(block))
    ours = [query["sql"] for query in captured.captured_queries if "sirius_peer_review_" in query["sql"]
            or "submissions_" in query["sql"]]
    assert len(ours) <= 6, ours  # the app's own share (the rest is the workbench's field storage)
    return len(captured)


def test_rendering_the_learner_view_takes_the_same_queries_for_10_and_1000_submissions(workbench):
    from xblocks.peer_review.app.models import PeerSubmission  # pylint: disable=import-outside-toplevel
    block = workbench.block(SCENARIOS["own_response"], student="amina")
    workbench.call(block, "submit_work", {"text": "Mon projet"})
    counts = []
    for total in (10, 1000):
        existing = PeerSubmission.objects.count()
        PeerSubmission.objects.bulk_create([PeerSubmission(
            submission_uuid=f"00000000-0000-0000-0000-{index:012d}", course_id=compat.course_id(block),
            item_id=compat.usage_id(block), author_id=f"wb-filler-{index}", submitted_at=block_time())
            for index in range(existing, total)])
        counts.append(_render_queries(workbench, block))
    assert counts[0] == counts[1], counts


def block_time():
    from django.utils import timezone  # pylint: disable=import-outside-toplevel
    return timezone.now()


def test_after_the_delay_one_review_gives_a_score_when_the_trainer_or_learner_looks(workbench, cohort):
    from datetime import timedelta  # pylint: disable=import-outside-toplevel
    from xblocks.peer_review.app.models import PeerSubmission  # pylint: disable=import-outside-toplevel
    give_review(workbench, cohort["bilal"])  # one review: the scenario needs 2, or 1 after 72 h
    author = next(name for name in ("amina", "chen") if init_args(workbench.render(workbench.reload(
        cohort[name])))["state"]["results"]["received"] == 1)
    assert submissions_api.get_score(compat.student_item(cohort[author])) is None
    PeerSubmission.objects.update(submitted_at=block_time() - timedelta(hours=73))
    trainer = workbench.as_student(cohort["amina"], "trainer")
    workbench.render(trainer)  # the trainer's overview writes the scores time made due
    score = submissions_api.get_score(compat.student_item(cohort[author]))
    assert (score["points_earned"], score["points_possible"]) == (4, 4)


def test_a_trainer_request_with_an_extra_key_is_refused_and_changes_nothing(workbench, cohort):
    trainer = workbench.as_student(cohort["amina"], "trainer")
    status, body = workbench.call(trainer, "override_grade", {"author_id": "wb-amina", "points": 3, "reason": "",
                                                              "points_possible": 100})
    assert status == 400 and body["field"] == "points_possible"
    assert submissions_api.get_score(compat.student_item(cohort["amina"])) is None
