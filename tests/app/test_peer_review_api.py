"""The peer-review API against the test database (SQLite by default, MariaDB with
SIRIUS_DATABASE_URL=mysql://…): submitting, allocation with leases, assessments, grades, flags."""
from datetime import timedelta

import pytest
from django.utils import timezone
from submissions import api as submissions_api

from tests.app.conftest import COURSE, ITEM, assessment, item_for
from xblocks.peer_review.app import api, errors

pytestmark = pytest.mark.django_db


def submit(student_id, minutes_ago=60, text=None):
    return api.submit_for_review(item_for(student_id), {"text": text or f"Canvas of {student_id}"},
                                 now=timezone.now() - timedelta(minutes=minutes_ago))


def review(reviewer, rubric, policy, now=None, **scores):
    lease = api.allocate_review(COURSE, ITEM, reviewer, policy, now=now)
    assert lease is not None, f"{reviewer} got nothing to review"
    api.submit_assessment(lease["review_id"], reviewer, assessment(**scores), rubric, policy, now=now)
    return lease


# ---------------------------------------------------------------- submitting

def test_submit_snapshots_the_artefact_once_with_our_item_type():
    first = submit("amina", text="Épicerie solidaire — vente en vrac")
    again = api.submit_for_review(item_for("amina"), {"text": "changed after sending"})
    assert first["created"] and not again["created"]
    assert again["submission_uuid"] == first["submission_uuid"]
    stored = submissions_api.get_submissions(item_for("amina"))
    assert len(stored) == 1
    assert stored[0]["answer"] == {"text": "Épicerie solidaire — vente en vrac"}
    assert api.get_artefact(first["submission_uuid"]) == {"text": "Épicerie solidaire — vente en vrac"}


def test_submit_refuses_oversized_or_non_object_artefacts():
    with pytest.raises(errors.InvalidInput):
        api.submit_for_review(item_for("amina"), {"text": "x" * (api.MAX_ARTEFACT_BYTES + 1)})
    with pytest.raises(errors.InvalidInput):
        api.submit_for_review(item_for("amina"), "just text")
    assert api.get_own_submission(COURSE, ITEM, "amina") is None


# ---------------------------------------------------------------- allocation

def test_allocation_gives_the_least_reviewed_then_the_oldest_never_own(rubric, policy):
    submit("oldest", minutes_ago=30)
    submit("middle", minutes_ago=20)
    submit("newest", minutes_ago=10)
    def text_for(reviewer):
        lease = api.allocate_review(COURSE, ITEM, reviewer, policy)
        return api.get_review(lease["review_id"], reviewer)["artefact"]["text"]

    # Equal load: oldest first; then the least reviewed, even if newer.
    assert [text_for(name) for name in ("r1", "r2", "r3", "r4")] == [
        "Canvas of oldest", "Canvas of middle", "Canvas of newest", "Canvas of oldest"]
    # The middle learner reviews too: never their own; newest has the fewest reviews now.
    assert text_for("middle") == "Canvas of newest"


def test_nobody_is_given_their_own_work_or_work_they_already_reviewed(rubric, policy):
    submit("amina")
    submit("bilal")
    first = review("amina", rubric, policy)
    assert api.get_review(first["review_id"], "amina")["artefact"]["text"] == "Canvas of bilal"
    assert api.allocate_review(COURSE, ITEM, "amina", policy) is None


def test_a_reviewer_asking_twice_keeps_the_same_lease(policy):
    submit("amina")
    submit("bilal")
    first = api.allocate_review(COURSE, ITEM, "chen", policy)
    second = api.allocate_review(COURSE, ITEM, "chen", policy)
    assert first["review_id"] == second["review_id"]


def test_a_submission_is_never_leased_past_its_needed_reviews(policy):
    policy["reviews_required"] = 2
    submit("amina")
    leases = [api.allocate_review(COURSE, ITEM, name, policy) for name in ("r1", "r2", "r3")]
    assert leases[0] and leases[1] and leases[2] is None


def test_an_abandoned_lease_goes_back_to_the_pool_and_late_work_is_kept_only_if_room(rubric, policy):
    policy["reviews_required"] = 1
    submit("amina")
    abandoned = api.allocate_review(COURSE, ITEM, "r1", policy)
    assert api.allocate_review(COURSE, ITEM, "r2", policy) is None
    later = timezone.now() + timedelta(minutes=61)
    taken = api.allocate_review(COURSE, ITEM, "r2", policy, now=later)
    assert taken is not None
    api.submit_assessment(taken["review_id"], "r2", assessment(), rubric, policy, now=later)
    with pytest.raises(errors.StaleLease):
        api.submit_assessment(abandoned["review_id"], "r1", assessment(), rubric, policy, now=later)
    with pytest.raises(errors.StaleLease):
        api.get_review(abandoned["review_id"], "r1", now=later)
    assert api.get_results(COURSE, ITEM, "amina", rubric, policy)["peer_reviews_received"] == 1


def test_a_late_review_is_accepted_while_the_work_still_needs_it(rubric, policy):
    submit("amina")
    lease = api.allocate_review(COURSE, ITEM, "r1", policy)
    later = timezone.now() + timedelta(minutes=90)
    result = api.submit_assessment(lease["review_id"], "r1", assessment(), rubric, policy, now=later)
    assert result["created"]


# ---------------------------------------------------------------- assessments

def test_sending_the_same_review_twice_stores_one_assessment(rubric, policy):
    submit("amina")
    lease = api.allocate_review(COURSE, ITEM, "r1", policy)
    first = api.submit_assessment(lease["review_id"], "r1", assessment(), rubric, policy)
    second = api.submit_assessment(lease["review_id"], "r1", assessment(value="unclear"), rubric, policy)
    assert first["created"] and not second["created"]
    results = api.get_results(COURSE, ITEM, "amina", rubric, policy)
    assert [r["scores"] for r in results["reviews"]] == [{"value": "clear", "planet": "some"}]


@pytest.mark.parametrize("bad, field", [
    ({"scores": {"value": "clear", "planet": "some", "ghost": "x"}}, "ghost"),
    ({"scores": {"value": "excellent", "planet": "some"}}, "value"),
    ({"scores": {"value": "clear"}}, "planet"),
    ({"scores": {"value": "clear", "planet": "some"}, "comments": {"value": "x" * 2001}}, "value"),
    ({"scores": {"value": "clear", "planet": "some"}, "comments": {"value": 12}}, "value"),
    ({"scores": {"value": "clear", "planet": "some"}, "overall_comment": ["x"]}, "overall_comment"),
    ({"scores": ["clear"]}, None),
])
def test_bad_assessments_are_refused_and_change_nothing(rubric, policy, bad, field):
    submit("amina")
    lease = api.allocate_review(COURSE, ITEM, "r1", policy)
    with pytest.raises(errors.InvalidInput) as raised:
        api.submit_assessment(lease["review_id"], "r1", bad, rubric, policy)
    assert raised.value.field == field
    assert api.get_results(COURSE, ITEM, "amina", rubric, policy)["reviews"] == []
    assert api.get_reviewer_progress(COURSE, ITEM, "r1")["peer_reviews_given"] == 0


def test_nobody_can_read_or_answer_a_lease_that_is_not_theirs(rubric, policy):
    submit("amina")
    lease = api.allocate_review(COURSE, ITEM, "r1", policy)
    with pytest.raises(errors.NotFound):
        api.get_review(lease["review_id"], "intruder")
    with pytest.raises(errors.NotFound):
        api.submit_assessment(lease["review_id"], "intruder", assessment(), rubric, policy)
    with pytest.raises(errors.NotFound):
        api.submit_assessment("not-a-uuid", "r1", assessment(), rubric, policy)


# ---------------------------------------------------------------- grades

def test_three_reviews_give_the_median_per_criterion_written_with_set_score(rubric, policy):
    submit("amina")
    review("bilal", rubric, policy, value="clear", planet="missing")
    review("chen", rubric, policy, value="partly", planet="complete")
    assert submissions_api.get_score(item_for("amina")) is None
    review("dara", rubric, policy, value="clear", planet="some")
    # medians: value 2 (2, 1, 2), planet 2 (0, 4, 2) → 4 of 6
    score = submissions_api.get_score(item_for("amina"))
    assert (score["points_earned"], score["points_possible"]) == (4, 6)
    grade = api.get_results(COURSE, ITEM, "amina", rubric, policy)["grade"]
    assert grade["criteria"] == {"value": 2, "planet": 2}


def test_mean_grading_and_weight_scale_to_whole_points(rubric, policy):
    policy.update(aggregation="mean", weight=10)
    submit("amina")
    review("bilal", rubric, policy, value="clear", planet="missing")
    review("chen", rubric, policy, value="partly", planet="complete")
    review("dara", rubric, policy, value="partly", planet="complete")
    # means: value 4/3 → 1, planet 8/3 → 3; 4 of 6 rubric points → 6.67 of 10 → 7
    score = submissions_api.get_score(item_for("amina"))
    assert (score["points_earned"], score["points_possible"]) == (7, 10)


def test_after_the_delay_one_review_is_enough_flexible_grading(rubric, policy):
    submit("amina", minutes_ago=60)
    review("bilal", rubric, policy, value="clear", planet="complete")
    assert api.refresh_grade(COURSE, ITEM, "amina", rubric, policy) is None
    assert submissions_api.get_score(item_for("amina")) is None
    three_days_later = timezone.now() + timedelta(hours=72)
    grade = api.refresh_grade(COURSE, ITEM, "amina", rubric, policy, now=three_days_later)
    assert grade["points_earned"] == 6 and grade["reviews_needed"] == 1
    assert submissions_api.get_score(item_for("amina"))["points_earned"] == 6


def test_the_trainer_override_wins_and_can_be_removed(rubric, policy):
    submit("amina")
    for name in ("bilal", "chen", "dara"):
        review(name, rubric, policy, value="unclear", planet="missing")
    assert submissions_api.get_score(item_for("amina"))["points_earned"] == 0
    api.override_grade(COURSE, ITEM, "amina", 5, "Reviewed in class", "trainer", rubric, policy)
    assert submissions_api.get_score(item_for("amina"))["points_earned"] == 5
    grade = api.get_results(COURSE, ITEM, "amina", rubric, policy)["grade"]
    assert (grade["source"], grade["points_earned"]) == ("override", 5)
    api.override_grade(COURSE, ITEM, "amina", None, "", "trainer", rubric, policy)
    assert submissions_api.get_score(item_for("amina"))["points_earned"] == 0


def test_an_override_before_any_review_is_taken_back_when_removed(rubric, policy):
    submit("amina")
    api.override_grade(COURSE, ITEM, "amina", 3, "", "trainer", rubric, policy)
    assert submissions_api.get_score(item_for("amina"))["points_earned"] == 3
    api.override_grade(COURSE, ITEM, "amina", None, "", "trainer", rubric, policy)
    assert submissions_api.get_score(item_for("amina")) is None


@pytest.mark.parametrize("points", [-1, 7, 2.5, "4", True])
def test_override_outside_the_rubric_is_refused(rubric, policy, points):
    submit("amina")
    with pytest.raises(errors.InvalidInput):
        api.override_grade(COURSE, ITEM, "amina", points, "", "trainer", rubric, policy)
    assert submissions_api.get_score(item_for("amina")) is None


def test_formative_mode_never_writes_a_score(rubric, policy):
    policy["graded"] = False
    submit("amina")
    for name in ("bilal", "chen", "dara"):
        review(name, rubric, policy)
    assert submissions_api.get_score(item_for("amina")) is None
    assert api.get_results(COURSE, ITEM, "amina", rubric, policy)["grade"] is None


# ---------------------------------------------------------------- mentors and self

def test_mentors_get_waiting_work_first_and_count_only_if_configured(rubric, policy):
    now = timezone.now()
    submit("fresh", minutes_ago=5)
    submit("waiting", minutes_ago=60 * 80)
    lease = api.allocate_review(COURSE, ITEM, "mentor-ana", policy, role="mentor")
    assert api.get_review(lease["review_id"], "mentor-ana")["artefact"]["text"] == "Canvas of waiting"
    api.submit_assessment(lease["review_id"], "mentor-ana", assessment(value="clear", planet="complete"),
                          rubric, policy)
    # One mentor review per submission: the next mentor gets the other one.
    other = api.allocate_review(COURSE, ITEM, "mentor-ben", policy, role="mentor")
    assert api.get_review(other["review_id"], "mentor-ben")["artefact"]["text"] == "Canvas of fresh"
    results = api.get_results(COURSE, ITEM, "waiting", rubric, policy, now=now)
    assert [r["role"] for r in results["reviews"]] == ["mentor"]
    assert results["grade"] is None  # mentor not counted, no peer review yet
    policy["count_mentor_reviews"] = True
    policy["flexible_reviews_required"] = 0  # 0 switches flexible grading off
    assert api.get_results(COURSE, ITEM, "waiting", rubric, policy, now=now)["grade"] is None


def test_self_assessment_is_shown_but_not_counted_by_default(rubric, policy):
    with pytest.raises(errors.NotSubmitted):
        api.self_assess(COURSE, ITEM, "amina", assessment(), rubric, policy)
    submit("amina")
    api.self_assess(COURSE, ITEM, "amina", assessment(value="clear", planet="complete"), rubric, policy)
    results = api.get_results(COURSE, ITEM, "amina", rubric, policy)
    assert results["self_assessment"]["scores"] == {"value": "clear", "planet": "complete"}
    assert results["reviews"] == [] and results["grade"] is None


# ---------------------------------------------------------------- results, helpfulness, flags

def test_results_are_pseudonymous(rubric, policy):
    submit("amina")
    review("bilal", rubric, policy)
    review("chen", rubric, policy)
    results = api.get_results(COURSE, ITEM, "amina", rubric, policy)
    assert [r["number"] for r in results["reviews"]] == [1, 2]
    assert "bilal" not in repr(results) and "chen" not in repr(results)


def test_only_the_author_rates_or_flags_a_review_within_range(rubric, policy):
    submit("amina")
    lease = review("bilal", rubric, policy)
    for bad in (0, 6, "5", 2.5, None, True):
        with pytest.raises(errors.InvalidInput):
            api.rate_review(lease["review_id"], "amina", bad)
    with pytest.raises(errors.NotFound):
        api.rate_review(lease["review_id"], "bilal", 5)  # the reviewer cannot rate their own review
    with pytest.raises(errors.NotFound):
        api.flag_review(lease["review_id"], "chen", "rude")
    with pytest.raises(errors.InvalidInput):
        api.flag_review(lease["review_id"], "amina", "  ")
    with pytest.raises(errors.InvalidInput):
        api.flag_review(lease["review_id"], "amina", "x" * 1001)
    api.rate_review(lease["review_id"], "amina", 4)
    api.flag_review(lease["review_id"], "amina", "This comment mocks my French.")
    [received] = api.get_results(COURSE, ITEM, "amina", rubric, policy)["reviews"]
    assert (received["helpfulness"], received["flag_state"]) == (4, "open")


def test_hiding_a_flagged_review_removes_it_from_the_grade_and_tells_the_author(rubric, policy):
    submit("amina")
    rude = review("bilal", rubric, policy, value="unclear", planet="missing", comment="Nul.")
    review("chen", rubric, policy, value="clear", planet="complete")
    review("dara", rubric, policy, value="clear", planet="complete")
    assert submissions_api.get_score(item_for("amina"))["points_earned"] == 6
    api.flag_review(rude["review_id"], "amina", "Insulting")
    with pytest.raises(errors.InvalidInput):
        api.resolve_flag(COURSE, ITEM, rude["review_id"], "delete", "trainer", rubric, policy)
    api.resolve_flag(COURSE, ITEM, rude["review_id"], "hidden", "trainer", rubric, policy)
    results = api.get_results(COURSE, ITEM, "amina", rubric, policy)
    hidden = [r for r in results["reviews"] if r["hidden"]]
    assert len(hidden) == 1 and "comments" not in hidden[0]
    # Two reviews left, three needed and the flexible delay not reached: no grade from reviews now,
    # and the gradebook says the same as the learner's page (the score is reset, not left at 6).
    assert results["grade"] is None
    assert submissions_api.get_score(item_for("amina")) is None
    assert api.list_flags(COURSE, ITEM)[0]["flag_state"] == "hidden"


# ---------------------------------------------------------------- trainer overview, export, retirement

def test_trainer_overview_says_who_waits_and_why(rubric, policy):
    submit("amina", minutes_ago=120)
    submit("bilal", minutes_ago=60)
    review("amina", rubric, policy)                 # amina reviewed bilal
    api.allocate_review(COURSE, ITEM, "chen", policy)  # chen holds a lease on amina's work
    rows = {row["author_id"]: row for row in api.list_submissions(COURSE, ITEM, rubric, policy)}
    assert rows["amina"]["reviews_given"] == 1
    assert rows["amina"]["waiting_for"][0] == {"code": "needs_reviews", "missing": 3, "in_progress": 1,
                                               "relaxes_in_hours": 70.0}
    assert rows["amina"]["waiting_for"][1] == {"code": "must_give_reviews", "missing": 2}
    assert [lease["reviewer_id"] for lease in rows["amina"]["leases"]] == ["chen"]
    assert rows["bilal"]["peer_reviews_received"] == 1
    exported = api.list_assessments(COURSE, ITEM)
    assert [(row["author_id"], row["reviewer_id"]) for row in exported] == [("bilal", "amina")]


def test_retirement_erases_texts_and_reviewer_identity(rubric, policy):
    submit("amina", text="Mon projet")
    lease = review("bilal", rubric, policy, comment="Personal remark")
    api.erase_learner_data(["bilal", "amina"])
    assert api.get_artefact(lease["submission_uuid"]) == {"erased": True}
    [row] = api.list_assessments(COURSE, ITEM)
    assert row["comments"] == {} and row["reviewer_id"].startswith("erased-")
    api.erase_learner_data(["bilal", "amina"])  # idempotent


def test_a_mentor_may_ask_to_contact_and_only_the_author_can_accept(rubric, policy):
    submit("amina")
    lease = api.allocate_review(COURSE, ITEM, "mentor-ana", policy, role="mentor")
    api.submit_assessment(lease["review_id"], "mentor-ana", assessment(), rubric, policy, contact_request=True)
    peer = api.allocate_review(COURSE, ITEM, "chen", policy)
    api.submit_assessment(peer["review_id"], "chen", assessment(), rubric, policy, contact_request=True)
    reviews = {r["role"]: r for r in api.get_results(COURSE, ITEM, "amina", rubric, policy)["reviews"]}
    assert reviews["mentor"]["contact_requested"] and not reviews["mentor"]["contact_accepted"]
    assert not reviews["peer"]["contact_requested"]  # only mentors may ask
    with pytest.raises(errors.InvalidInput):
        api.accept_contact(peer["review_id"], "amina")
    assert api.accepted_contacts(COURSE, ITEM, "mentor-ana") == []
    with pytest.raises(errors.NotFound):
        api.accept_contact(lease["review_id"], "chen")
    api.accept_contact(lease["review_id"], "amina")
    assert api.accepted_contacts(COURSE, ITEM, "mentor-ana") == ["amina"]
