"""Reduction scenarios, each computed by the same engine on changed answers."""
import copy

from .answers import N_

LONGER_PHONE_YEARS = 2


def _keep_phone_longer(answers):
    phone = answers["devices"]["smartphone"]
    if not phone["count"]:
        return None
    phone["years"] += LONGER_PHONE_YEARS
    return answers


def _buy_refurbished(answers):
    changed = False
    for devices in (answers["devices"], answers["business"]["devices"]):
        for device in devices.values():
            if device["count"] and not device["refurbished"]:
                device["refurbished"] = changed = True
    return answers if changed else None


def _video_in_sd(answers):
    if answers["video"]["quality"] == "sd" or not answers["video"]["hours_per_week"]:
        return None
    answers["video"]["quality"] = "sd"
    return answers


def _wifi_not_mobile(answers):
    changed = bool(answers["mobile"]["gigabytes_per_month"])
    for name in ("video", "calls"):
        if answers[name]["network"] == "mobile":
            answers[name]["network"] = "fixed"
            changed = True
    # Data moved to Wi-Fi still travels, over the fixed network: see `annual` for how mobile data
    # not used by videos or calls is counted.
    answers["mobile"]["moved_to_wifi"] = True
    return answers if changed else None


def _camera_off(answers):
    calls = answers["calls"]
    if calls["quality"] == "audio" or not calls["hours_per_week"]:
        return None
    calls["quality"] = "audio"
    return answers


def _clear_cloud(answers):
    if not answers["cloud"]["gigabytes"]:
        return None
    answers["cloud"]["gigabytes"] /= 2
    return answers


def _fewer_ai_queries(answers):
    if not answers["ai"]["queries_per_day"]:
        return None
    answers["ai"]["queries_per_day"] /= 2
    return answers


def _lighter_pages(answers):
    business = answers["business"]
    if not business["page_mb"] or not business["monthly_visits"]:
        return None
    business["page_mb"] /= 2
    return answers


def _green_hosting(answers):
    business = answers["business"]
    if business["green_hosting_percent"] >= 100 or not business["monthly_visits"]:
        return None
    business["green_hosting_percent"] = 100
    return answers


# key, English title (N_), function, section that must be visible
SCENARIOS = (
    ("keep_phone_longer", N_("Keep your phone 2 more years"), _keep_phone_longer, "devices"),
    ("buy_refurbished", N_("Buy refurbished devices"), _buy_refurbished, "devices"),
    ("video_in_sd", N_("Watch videos in SD instead of HD"), _video_in_sd, "video"),
    ("wifi_not_mobile", N_("Use Wi-Fi instead of mobile data"), _wifi_not_mobile, "mobile"),
    ("camera_off", N_("Turn the camera off in video calls"), _camera_off, "calls"),
    ("clear_cloud", N_("Delete half of your files in the cloud"), _clear_cloud, "cloud"),
    ("fewer_ai_queries", N_("Ask AI chatbots half as often"), _fewer_ai_queries, "ai"),
    ("lighter_pages", N_("Make your web pages twice as light"), _lighter_pages, "business"),
    ("green_hosting", N_("Host your website with a green host"), _green_hosting, "business"),
)
SCENARIO_KEYS = tuple(key for key, *_ in SCENARIOS)


def scenario_answers(answers, key):
    """The changed answers for one scenario, or None when it would change nothing."""
    for scenario_key, _title, change, _section in SCENARIOS:
        if scenario_key == key:
            return change(copy.deepcopy(answers))
    raise KeyError(key)


def combined_answers(answers, keys):
    """Answers with several scenarios applied together (the learner's toggles)."""
    result = copy.deepcopy(answers)
    for key in keys:
        changed = scenario_answers(result, key)
        if changed is not None:
            result = changed
    return result
