"""The per-use model equals ADEME's publicodes-acv-numerique 2.1.0 (France) within 1 %, component
by component. Fixtures: tests/fixtures/footprint/, made by scripts/footprint_fixtures/generate.mjs."""
import json
from pathlib import Path

import pytest

from xblocks.footprint.engine import ademe
from xblocks.footprint.engine.factors import default_factors

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "footprint"
ADEME = json.loads((FIXTURES / "ademe_acv_numerique_2.1.0.json").read_text(encoding="utf-8"))
DEVICES = {"moyenne": ademe.MIX, "smartphone": "smartphone", "tablette": "tablet",
           "ordinateur portable": "laptop", "ordinateur et écran": "desktop_screen", "TV": "tv"}
NETWORKS = {"fixe FR": "fixed_fr", "mobile FR": "mobile_fr", "fixe EU": "fixed_eu", "mobile EU": "mobile_eu"}
QUALITIES = {"audio": "audio", "SD": "sd", "HD": "hd", "ultra HD": "uhd"}


def compute(case):
    f = default_factors()
    inputs = case["inputs"]
    network = NETWORKS[inputs["network"]]
    if case["usage"] == "streaming":
        return ademe.streaming(f, inputs["minutes"], QUALITIES[inputs["quality"]], DEVICES[inputs["device"]], network)
    if case["usage"] == "video_call":
        return ademe.video_call(f, inputs["minutes"], QUALITIES[inputs["quality"]], DEVICES[inputs["device"]],
                                network, seats=inputs["seats"])
    if case["usage"] == "email":
        return ademe.email(f, inputs["size_mb"], inputs["recipients"], DEVICES[inputs["device"]], network)
    if case["usage"] == "web_search":
        return ademe.web_search(f, DEVICES[inputs["device"]], network)
    if case["usage"] == "file_transfer":
        return ademe.file_transfer(f, inputs["size_gb"], network)
    raise AssertionError(case["usage"])


def case_id(case):
    return case["usage"] + "-" + "-".join(str(v) for v in case["inputs"].values())


@pytest.mark.parametrize("case", ADEME["usages"], ids=case_id)
def test_each_component_within_one_percent_of_ademe(case):
    ours = compute(case).as_dict()
    for component, expected in case["grams"].items():
        assert ours[component] == pytest.approx(expected, rel=0.01, abs=1e-9), component


def test_fixtures_cover_every_use_and_network():
    uses = {case["usage"] for case in ADEME["usages"]}
    assert uses == {"streaming", "video_call", "email", "web_search", "file_transfer"}
    assert {case["inputs"]["network"] for case in ADEME["usages"]} == set(NETWORKS)


@pytest.mark.parametrize("device", sorted(ADEME["devices"]))
def test_device_build_and_yearly_electricity_equal_ademe(device):
    f = default_factors()
    expected = ADEME["devices"][device]
    assert ademe.device_build_g(f, device) == pytest.approx(expected["build_g"], rel=1e-6)
    assert f[f"device.{device}.lifetime"] == expected["lifetime_years"]
    kwh = f[f"device.{device}.active_power"] * f[f"device.{device}.daily_hours"] * 365 / 1000
    assert kwh == pytest.approx(expected["annual_kwh"], rel=1e-6)
