"""Yearly footprint: each category from the per-use models, nothing counted twice, honest ranges."""
import pytest

from xblocks.footprint.engine import ademe, annual
from xblocks.footprint.engine.answers import default_answers, validate_answers
from xblocks.footprint.engine.factors import default_factors
from xblocks.footprint.engine.results import compute_results


def answers(**changes):
    data = validate_answers(default_answers())
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for name in parents:
            target = target[name]
        target[last] = value
    return data


def test_video_adds_its_use_without_device_manufacturing():
    f = default_factors()
    without = annual.categories_kg(f, answers(video__hours_per_week=0))
    with_video = annual.categories_kg(f, answers(video__hours_per_week=10, video__device="tv"))
    use = ademe.streaming(f, 10 * 52 * 60, "hd", "tv", "fixed_eu_no_box", grid=f["grid.BE"])
    assert with_video["video"] == pytest.approx(use.without_device_construction / 1000)
    assert use.device_construction > 0  # it exists in the model, but is left to the devices section
    assert with_video["devices"] == without["devices"]


def test_devices_are_build_divided_by_years_kept():
    f = default_factors()
    data = answers()
    for device in data["devices"].values():
        device["count"] = 0
    data["devices"]["smartphone"] = {"count": 2, "years": 4, "refurbished": False}
    kg = annual.categories_kg(f, data)["devices"]
    assert kg == pytest.approx(2 * (77000 + 2270 + 246) / 4 / 1000)
    data["devices"]["smartphone"]["refurbished"] = True
    assert annual.categories_kg(f, data)["devices"] == pytest.approx(kg * 0.13)


def test_internet_box_counted_once():
    f = default_factors()
    with_box = annual.Context.for_answers(f, answers())
    data = answers()
    data["devices"]["internet_box"]["count"] = 0
    without_box = annual.Context.for_answers(f, data)
    assert with_box.fixed_network == "fixed_eu_no_box"
    assert without_box.fixed_network == "fixed_eu"


def test_france_uses_french_grid_and_networks_belgium_its_grid_and_european_networks():
    f = default_factors()
    france = annual.Context.for_answers(f, answers(country="FR"))
    belgium = annual.Context.for_answers(f, answers(country="BE"))
    assert (france.grid, france.mobile_network) == (51.9, "mobile_fr")
    assert (belgium.grid, belgium.mobile_network) == (117.58, "mobile_eu")


def test_mobile_data_already_used_by_videos_is_not_counted_again():
    f = default_factors()
    data = answers(video__network="mobile", video__hours_per_week=1, video__quality="sd",
                   mobile__gigabytes_per_month=3)
    # 52 h × 0.7 GB = 36.4 GB of the 36 GB a year: nothing left for "other mobile data".
    assert annual.categories_kg(f, data)["mobile"] == 0


def test_range_contains_the_central_value_and_business_adds_its_categories():
    result = compute_results(answers())
    assert result["low_kg"] <= result["total_kg"] <= result["high_kg"]
    assert result["low_kg"] < result["high_kg"]
    assert {c["key"] for c in result["categories"]} == set(annual.PERSONAL_CATEGORIES)
    business = compute_results(answers(business__enabled=True))
    assert {c["key"] for c in business["categories"]} >= set(annual.BUSINESS_CATEGORIES)
    assert business["website"]["rating"] in ("A+", "A", "B", "C", "D", "E", "F")


def test_hidden_sections_are_not_counted():
    result = compute_results(answers(), sections=("video", "calls"))
    assert {c["key"] for c in result["categories"]} == {"video", "calls"}
    assert result["total_kg"] == pytest.approx(sum(c["kg"] for c in result["categories"]))


def test_returning_visitors_download_only_the_reload_share_of_the_page():
    f = default_factors()
    first_only = annual.website(annual.Context.for_answers(f, answers(business__enabled=True)),
                                answers(business__enabled=True))[1]
    half_return = answers(business__enabled=True, business__return_visit_percent=50)
    with_returns = annual.website(annual.Context.for_answers(f, half_return), half_return)[1]
    assert with_returns == pytest.approx(first_only * (0.5 + 0.5 * 0.02))


def test_box_stays_in_the_network_factor_when_devices_are_not_asked():
    f = default_factors()
    assert annual.Context.for_answers(f, answers(), sections=("video",)).fixed_network == "fixed_eu"
    assert annual.Context.for_answers(f, answers(), sections=("devices", "video")).fixed_network == "fixed_eu_no_box"
