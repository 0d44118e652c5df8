"""Reduction scenarios and equivalents come from the same engine as the total."""
import pytest

from xblocks.footprint.engine import annual
from xblocks.footprint.engine.answers import default_answers, validate_answers
from xblocks.footprint.engine.factors import default_factors
from xblocks.footprint.engine.results import compute_results
from xblocks.footprint.engine.scenarios import SCENARIO_KEYS, scenario_answers


def base():
    data = validate_answers(default_answers())
    data["business"]["enabled"] = True
    data["calls"]["hours_per_week"] = 3
    return data


def test_keep_phone_two_more_years_saves_the_difference_in_yearly_build():
    result = compute_results(base())
    scenario = next(s for s in result["scenarios"] if s["key"] == "keep_phone_longer")
    build_kg = (77000 + 2270 + 246) / 1000
    assert scenario["saved_kg"] == pytest.approx(build_kg / 3 - build_kg / 5)
    assert scenario["new_total_kg"] == pytest.approx(result["total_kg"] - scenario["saved_kg"])


def test_every_scenario_is_offered_when_it_applies_and_saves_something():
    result = compute_results(base())
    assert {s["key"] for s in result["scenarios"]} == set(SCENARIO_KEYS)
    for scenario in result["scenarios"]:
        assert 0 < scenario["saved_kg"] < result["total_kg"]
        changed = scenario_answers(base(), scenario["key"])
        assert annual.total_kg(default_factors(), changed) == pytest.approx(scenario["new_total_kg"])


def test_scenarios_that_change_nothing_are_not_offered():
    data = base()
    data["video"]["quality"] = "sd"
    data["business"]["green_hosting_percent"] = 100
    keys = {s["key"] for s in compute_results(data)["scenarios"]}
    assert "video_in_sd" not in keys and "green_hosting" not in keys


def test_active_scenarios_combine():
    result = compute_results(base(), active_scenarios=["keep_phone_longer", "camera_off", "unknown"])
    saved = {s["key"]: s["saved_kg"] for s in result["scenarios"]}
    assert result["active_scenarios"] == ["keep_phone_longer", "camera_off"]
    assert result["total_with_scenarios_kg"] == pytest.approx(
        result["total_kg"] - saved["keep_phone_longer"] - saved["camera_off"])


def test_equivalents_use_their_own_factors():
    result = compute_results(base())
    assert result["equivalents"]["car_km"] == pytest.approx(result["total_kg"] * 1000 / 218)
    charge_g = 13.5 / 1000 * 117.58
    assert result["equivalents"]["phone_charges"] == pytest.approx(result["total_kg"] * 1000 / charge_g)
