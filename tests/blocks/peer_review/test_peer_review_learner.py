"""The peer-review block on the workbench runtime: a cohort submits, reviews, gets graded; every
refusal is translated and changes nothing."""
import pytest
from submissions import api as submissions_api

from tests.blocks.peer_review.conftest import ASSESSMENT, SCENARIOS, init_args
from xblocks.common import compat


def review_next(workbench, block, assessment=ASSESSMENT):
    status, body = workbench.call(block, "next_review", {})
    assert status == 200 and body["review"], body
    status, body = workbench.call(block, "submit_review", dict(assessment, review_id=body["review"]["review_id"]))
    assert status == 200, body
    return body["state"]


def test_learner_view_renders_in_each_language_with_direction(workbench):
    block = workbench.block(SCENARIOS["own_response"], student="amina")
    for language, direction, sentence in (("en", "ltr", "What works well is…"),
                                          ("fr", "ltr", "Ce qui marche bien, c’est…"),
                                          ("ar", "rtl", "ما ينجح جيدًا هو…")):
        fragment = workbench.render(block, language=language)
        assert f'lang="{language}" dir="{direction}"' in fragment.content
        assert sentence in init_args(fragment)["starters"]
    assert "Pitch de votre idée" in fragment.content


def test_three_learners_review_each_other_and_get_a_grade_with_completion(workbench, cohort):
    for name in ("amina", "bilal", "chen"):
        state = review_next(workbench, cohort[name])
        assert state["given"] == 1 and not state["completed"]
    for name in ("amina", "bilal", "chen"):
        state = review_next(workbench, cohort[name])
        assert state["given"] == 2 and state["completed"]
    # Everyone's work had 2 reviews (the scenario needs 2): 2 + 2 of 4 points each time.
    for name in ("amina", "bilal", "chen"):
        item = compat.student_item(cohort[name])
        score = submissions_api.get_score(item)
        assert (score["points_earned"], score["points_possible"]) == (4, 4)
    completions = [event for event in workbench.events(prefix="completion")]
    assert sorted(event["student"] for event in completions) == ["amina", "bilal", "chen"]
    assert workbench.events(prefix="sirius.peer_review.review_submitted")


def test_results_are_pseudonymous_and_show_the_grade(workbench, cohort):
    for _ in range(2):
        for name in ("amina", "bilal", "chen"):
            review_next(workbench, cohort[name])
    state = init_args(workbench.render(workbench.reload(cohort["amina"])))["state"]
    assert state["results"]["grade"] == {"points": 4, "max": 4, "source": "reviews",
                                         "criteria": {"customers": 2, "offer": 2}}
    assert [review["number"] for review in state["results"]["reviews"]] == [1, 2]
    page = repr(state)
    assert "bilal" not in page and "chen" not in page and "wb-" not in page


def test_a_review_draft_autosaves_and_comes_back(workbench, cohort):
    status, body = workbench.call(cohort["amina"], "next_review", {})
    review_id = body["review"]["review_id"]
    draft = {"review_id": review_id, "scores": {"customers": "partly"}, "comments": {"offer": "Je me demande…"}}
    assert workbench.call(cohort["amina"], "save_review_draft", draft)[0] == 200
    state = init_args(workbench.render(workbench.reload(cohort["amina"])))["state"]
    assert state["current_review"]["review_id"] == review_id
    assert state["current_review"]["draft"]["scores"] == {"customers": "partly"}
    assert state["current_review"]["draft"]["comments"] == {"offer": "Je me demande…"}


@pytest.mark.parametrize("payload, field, french", [
    ({"text": "   "}, "text", "Écrivez votre réponse"),
    ({"text": "x" * 3001}, "text", "trop longue"),
    ({"text": "Mon idée", "link": "javascript:alert(1)"}, "link", "https://"),
    ({"text": 12}, "text", "texte"),
])
def test_bad_submissions_are_refused_in_french_and_store_nothing(workbench, payload, field, french):
    block = workbench.block(SCENARIOS["own_response"], student="amina")
    status, body = workbench.call(block, "submit_work", payload, language="fr")
    assert status == 400 and body["field"] == field and french in body["error"]
    assert submissions_api.get_submissions(compat.student_item(block)) == []


def test_nobody_reviews_before_submitting_their_own_work(workbench):
    block = workbench.block(SCENARIOS["own_response"], student="amina")
    status, body = workbench.call(block, "next_review", {}, language="fr")
    assert status == 409 and "Envoyez d'abord" in body["error"]


@pytest.mark.parametrize("change, field", [
    ({"scores": {"customers": "clear", "offer": "clear", "ghost": "clear"}}, "ghost"),
    ({"scores": {"customers": "excellent", "offer": "clear"}}, "customers"),
    ({"scores": {"customers": "clear"}}, "offer"),
    ({"comments": {"customers": "x" * 2001}}, "customers"),
    ({"overall_comment": 5}, "overall_comment"),
])
def test_bad_reviews_are_refused_and_change_nothing(workbench, cohort, change, field):
    status, body = workbench.call(cohort["amina"], "next_review", {})
    review = dict(ASSESSMENT, review_id=body["review"]["review_id"], **change)
    status, body = workbench.call(cohort["amina"], "submit_review", review, language="fr")
    assert status == 400 and body["field"] == field and body["error"]
    state = init_args(workbench.render(workbench.reload(cohort["amina"])))["state"]
    assert state["given"] == 0 and state["current_review"] is not None


def test_a_learner_cannot_see_or_answer_a_review_leased_to_someone_else(workbench, cohort):
    status, body = workbench.call(cohort["amina"], "next_review", {})
    review_id = body["review"]["review_id"]
    for handler in ("save_review_draft", "submit_review"):
        status, body = workbench.call(cohort["bilal"], handler, dict(ASSESSMENT, review_id=review_id), language="fr")
        assert status == 404 and "n'existe pas" in body["error"]
    status, body = workbench.call(cohort["bilal"], "submit_review", dict(ASSESSMENT, review_id=7))
    assert status == 400


def test_sending_a_review_twice_counts_once(workbench, cohort):
    status, body = workbench.call(cohort["amina"], "next_review", {})
    review = dict(ASSESSMENT, review_id=body["review"]["review_id"])
    assert workbench.call(cohort["amina"], "submit_review", review)[1]["state"]["given"] == 1
    assert workbench.call(cohort["amina"], "submit_review", review)[1]["state"]["given"] == 1
    assert len(workbench.events(prefix="sirius.peer_review.review_submitted")) == 1


def test_only_the_author_rates_or_flags_a_received_review(workbench, cohort):
    status, body = workbench.call(cohort["bilal"], "next_review", {})
    review_id = body["review"]["review_id"]
    author = next(name for name, block in cohort.items() if name != "bilal" and init_args(
        workbench.render(workbench.reload(block)))["state"]["results"]["in_progress"] == 1)
    workbench.call(cohort["bilal"], "submit_review", dict(ASSESSMENT, review_id=review_id))
    outsider = next(name for name in cohort if name not in (author, "bilal"))
    assert workbench.call(cohort[outsider], "rate_review", {"review_id": review_id, "helpfulness": 5})[0] == 404
    assert workbench.call(cohort["bilal"], "flag_review", {"review_id": review_id, "reason": "x"})[0] == 404
    assert workbench.call(cohort[author], "rate_review", {"review_id": review_id, "helpfulness": 9})[0] == 400
    assert workbench.call(cohort[author], "rate_review", {"review_id": review_id, "helpfulness": 4})[0] == 200
    status, body = workbench.call(cohort[author], "flag_review", {"review_id": review_id, "reason": "Méchant"})
    assert (status, body["flag_state"]) == (200, "open")
    [received] = init_args(workbench.render(workbench.reload(cohort[author])))["state"]["results"]["reviews"]
    assert (received["helpfulness"], received["flag_state"]) == (4, "open")


def test_calibration_comes_before_reviewing_and_shows_the_differences(workbench):
    block = workbench.block(SCENARIOS["calibration_formative"], student="amina")
    other = workbench.as_student(block, "bilal")
    for learner in (block, other):
        workbench.call(learner, "submit_work", {"text": "Des bocaux consignés."})
    status, body = workbench.call(block, "next_review", {}, language="fr")
    assert status == 409
    status, body = workbench.call(block, "check_example", {"example": 0, "scores": {"planet": "some"}})
    assert status == 200
    [example] = body["calibration"]["examples"]
    assert example["differences"] == [{"criterion": "planet", "label": "Effets sur la planète",
                                       "expected": "plan", "given": "some"}]
    assert workbench.call(block, "check_example", {"example": 3, "scores": {"planet": "some"}})[0] == 400
    state = review_next(workbench, block, {"scores": {"planet": "plan"}})
    # Formative: completion after the one review, but no score is ever written.
    assert state["completed"] and state["results"]["grade"] is None
    assert submissions_api.get_score(compat.student_item(other)) is None


def test_mentors_have_their_own_queue_and_rubric_and_do_not_submit(workbench, cohort):
    mentor = workbench.as_student(cohort["amina"], "mentor_ana")
    args = init_args(workbench.render(mentor))
    assert args["state"]["mentor"] and [c["name"] for c in args["rubric"]] == ["advice"]
    assert workbench.call(mentor, "submit_work", {"text": "x"})[0] == 403
    status, body = workbench.call(mentor, "next_review", {})
    assert body["review"]["role"] == "mentor"
    status, body = workbench.call(mentor, "submit_review", {"review_id": body["review"]["review_id"],
                                                            "scores": {"advice": "go"}})
    assert status == 200 and body["state"]["given"] == 1
    roles = [review["role"] for name in cohort for review in init_args(
        workbench.render(workbench.reload(cohort[name])))["state"]["results"]["reviews"]]
    assert roles == ["mentor"]


def test_a_mentor_contact_request_is_off_by_default_and_needs_the_learners_yes(workbench, cohort):
    mentor = workbench.as_student(cohort["amina"], "mentor_ana")

    def mentor_reviews(block):
        status, body = workbench.call(block, "next_review", {})
        return workbench.call(block, "submit_review", {"review_id": body["review"]["review_id"],
                                                       "scores": {"advice": "go"}, "contact_request": True})

    assert mentor_reviews(mentor)[0] == 200
    requested = [review for name in cohort for review in init_args(workbench.render(workbench.reload(
        cohort[name])))["state"]["results"]["reviews"] if review["contact_requested"]]
    assert requested == []  # off by default: the request was not stored
    mentor.mentor_contact = True
    mentor.save()
    mentor = workbench.reload(mentor)
    assert mentor_reviews(mentor)[0] == 200
    author = next(name for name in cohort if any(review["contact_requested"] for review in init_args(
        workbench.render(workbench.reload(cohort[name])))["state"]["results"]["reviews"]))
    review_id = next(review["review_id"] for review in init_args(workbench.render(workbench.reload(
        cohort[author])))["state"]["results"]["reviews"] if review["contact_requested"])
    assert init_args(workbench.render(workbench.reload(mentor)))["state"]["contacts"] == []
    outsider = next(name for name in cohort if name != author)
    assert workbench.call(cohort[outsider], "accept_contact", {"review_id": review_id})[0] == 404
    assert workbench.call(cohort[author], "accept_contact", {"review_id": review_id})[0] == 200
    assert init_args(workbench.render(workbench.reload(mentor)))["state"]["contacts"] == [author]


def test_with_no_review_to_give_submitting_completes_the_step(workbench):
    block = workbench.block(SCENARIOS["own_response"].replace('reviews_to_give="2"', 'reviews_to_give="0"'),
                            student="amina")
    status, body = workbench.call(block, "submit_work", {"text": "Mon projet", "link": ""})
    assert status == 200 and body["state"]["completed"]
    assert [event["student"] for event in workbench.events(prefix="completion")] == ["amina"]
    workbench.call(workbench.reload(block), "submit_work", {"text": "Mon projet", "link": ""})
    assert len(workbench.events(prefix="completion")) == 1


def test_a_long_arabic_response_within_the_limit_is_saved_and_submitted(workbench):
    # Arabic letters take 2 bytes in the request and 6 characters in edx-submissions' JSON.
    xml = SCENARIOS["own_response"].replace('reviews_required="2"', 'reviews_required="2" response_max_chars="10000"')
    block = workbench.block(xml, student="amina")
    text = "ب" * 10000
    assert workbench.call(block, "save_response", {"text": text, "link": ""})[0] == 200
    status, body = workbench.call(block, "submit_work", {"text": text, "link": ""}, language="ar")
    assert status == 200 and body["state"]["submitted"], body


def test_a_response_limit_beyond_what_can_be_stored_is_capped(workbench):
    xml = SCENARIOS["own_response"].replace('reviews_required="2"', 'reviews_required="2" response_max_chars="50000"')
    block = workbench.block(xml, student="amina")
    assert init_args(workbench.render(block))["limits"]["response"] == 10000
    status, body = workbench.call(block, "submit_work", {"text": "x" * 10001, "link": ""})
    assert status == 400 and body["field"] == "text" and "10000" in body["error"]


@pytest.mark.parametrize("handler, payload", [
    ("save_response", {"text": "Mon projet", "link": "", "author": "someone-else"}),
    ("submit_work", {"text": "Mon projet", "link": "", "student_id": "wb-bilal"}),
    ("next_review", {"role": "mentor"}),
])
def test_a_key_the_handler_does_not_read_is_refused_by_name_and_changes_nothing(workbench, handler, payload):
    block = workbench.block(SCENARIOS["own_response"], student="amina")
    status, body = workbench.call(block, handler, payload, language="fr")
    assert status == 400 and body["field"] in payload and "ne fait pas partie de cette demande" in body["error"]
    state = init_args(workbench.render(workbench.reload(block)))["state"]
    assert state["response_draft"] == {} and not state["submitted"]
    assert not workbench.events(prefix="sirius.")


def test_a_review_with_an_extra_key_is_refused_and_not_counted(workbench, cohort):
    status, body = workbench.call(cohort["amina"], "next_review", {})
    review_id = body["review"]["review_id"]
    forged = dict(ASSESSMENT, review_id=review_id, role="mentor")
    status, body = workbench.call(cohort["amina"], "submit_review", forged)
    assert status == 400 and body["field"] == "role"
    assert init_args(workbench.render(workbench.reload(cohort["amina"])))["state"]["given"] == 0
