"""Rubric checks, review policy and grade arithmetic (no Django, no XBlock)."""
import pytest

from xblocks.peer_review.rubric import (
    ReviewPolicy, Rubric, RubricError, aggregate, calibration_differences, clean_assessment, compute_grade,
    scale_points,
)

RUBRIC = Rubric.from_dict({"criteria": [
    {"name": "value", "label": "Value", "levels": [{"name": "no", "points": 0}, {"name": "yes", "points": 2}]},
    {"name": "planet", "label": "Planet", "levels": [{"name": "no", "points": 0}, {"name": "some", "points": 1},
                                                     {"name": "all", "points": 3}]},
]})


def test_rubric_round_trips_through_a_dict_and_knows_its_maximum():
    assert Rubric.from_dict(RUBRIC.to_dict()) == RUBRIC
    assert RUBRIC.max_points == 5


@pytest.mark.parametrize("data", [
    {}, {"criteria": []}, {"criteria": ["x"]},
    {"criteria": [{"name": "a", "levels": [{"name": "only", "points": 1}]}]},
    {"criteria": [{"name": "a", "levels": [{"name": "x", "points": 1}, {"name": "x", "points": 2}]}]},
    {"criteria": [{"name": "a", "levels": [{"name": "x", "points": -1}, {"name": "y", "points": 2}]}]},
    {"criteria": [{"name": "a", "levels": [{"name": "x", "points": 1.5}, {"name": "y", "points": 2}]}]},
    {"criteria": [{"name": "", "levels": [{"name": "x", "points": 1}, {"name": "y", "points": 2}]}]},
    {"criteria": [{"name": "a", "levels": [{"name": "x", "points": 0}, {"name": "y", "points": 1}]}] * 2},
])
def test_unusable_rubrics_are_refused(data):
    with pytest.raises(RubricError):
        Rubric.from_dict(data)


def test_clean_assessment_strips_comments_and_drops_empty_ones():
    clean = clean_assessment(RUBRIC, {"scores": {"value": "yes", "planet": "all"},
                                      "comments": {"value": "  Clair.  ", "planet": "   "},
                                      "overall_comment": " Merci "})
    assert clean == {"scores": {"value": "yes", "planet": "all"}, "comments": {"value": "Clair."},
                     "overall_comment": "Merci"}


def test_drafts_may_leave_criteria_open_but_not_invent_levels():
    assert clean_assessment(RUBRIC, {"scores": {"value": "yes"}}, require_all=False)["scores"] == {"value": "yes"}
    with pytest.raises(RubricError):
        clean_assessment(RUBRIC, {"scores": {"value": "maybe"}}, require_all=False)


@pytest.mark.parametrize("points, method, expected", [
    ([1, 2, 3], "median", 2), ([1, 2], "median", 2), ([0, 3], "median", 2), ([2, 2, 0, 0], "median", 1),
    ([1, 2], "mean", 2), ([1, 1, 2], "mean", 1), ([0, 0, 3], "mean", 1),
])
def test_aggregate_median_rounds_up_between_the_middle_values_mean_rounds_half_up(points, method, expected):
    assert aggregate(points, method) == expected


def test_compute_grade_sums_per_criterion_aggregates():
    policy = ReviewPolicy()
    grade = compute_grade(RUBRIC, policy, [{"scores": {"value": "yes", "planet": "no"}},
                                           {"scores": {"value": "no", "planet": "all"}},
                                           {"scores": {"value": "yes", "planet": "some"}}])
    assert grade == {"criteria": {"value": 2, "planet": 1}, "points_earned": 3, "rubric_points": 5}


def test_scale_points_gives_whole_points_of_the_weight():
    assert scale_points(3, 5, 5) == 3
    assert scale_points(3, 5, 10) == 6
    assert scale_points(2, 3, 1) == 1 and scale_points(1, 3, 1) == 0
    assert scale_points(3, 5, 0) == 0


def test_policy_relaxes_after_the_delay_and_formative_has_no_points():
    policy = ReviewPolicy.from_dict({"reviews_required": 4, "flexible_after_hours": 48,
                                     "flexible_reviews_required": 2})
    assert policy.reviews_needed(47.9) == 4 and policy.reviews_needed(48) == 2
    assert ReviewPolicy.from_dict({"flexible_reviews_required": 0}).reviews_needed(10_000) == 3
    assert ReviewPolicy.from_dict({"graded": False}).points_possible(RUBRIC) == 0
    assert ReviewPolicy.from_dict({"weight": 20}).points_possible(RUBRIC) == 20


@pytest.mark.parametrize("data", [{"reviews_required": 0}, {"lease_minutes": "60"}, {"aggregation": "max"},
                                  {"weight": -1}, {"reviews_to_give": True}])
def test_bad_policy_settings_are_refused(data):
    with pytest.raises(RubricError):
        ReviewPolicy.from_dict(data)


def test_calibration_lists_the_criteria_scored_differently_from_the_trainer():
    differences = calibration_differences(RUBRIC, {"value": "yes", "planet": "some"},
                                          {"value": "yes", "planet": "all"})
    assert differences == [{"criterion": "planet", "label": "Planet", "expected": "some", "given": "all"}]
