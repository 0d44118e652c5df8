"""The learner's step form, described as data for the template (labels translated here)."""
from xblocks.common.i18n import N_, translation_for

from . import texts
from .engine.answers import (CALL_QUALITIES, COUNTRIES, DEVICE_LABELS, HOSTING_COUNTRIES, LABELS, MAX_DEVICES_OF_A_KIND,
                             MAX_HOURS_PER_WEEK, MAX_YEARS, NETWORK_KINDS, PERSONAL_DEVICES, STREAMING_QUALITIES,
                             TEAM_DEVICES, VIDEO_DEVICES)

STEP_TITLES = {
    "where": N_("Where you live"),
    "devices": N_("Your devices"),
    "video": N_("Videos and video calls"),
    "messages": N_("E-mails, searches and cloud"),
    "mobile": N_("Mobile data, social media and AI"),
    "business": N_("Your business"),
}


def _number(name, value, maximum, step="any", label=None):
    return {"kind": "number", "name": name, "label": label or LABELS[name], "value": value, "max": maximum,
            "step": step}


def _select(name, value, choices, labels):
    return {"kind": "select", "name": name, "label": LABELS[name], "value": value,
            "options": [{"value": choice, "label": labels[choice]} for choice in choices]}


def _use_fields(name, section, qualities):
    return [_number(f"{name}.hours_per_week", section["hours_per_week"], MAX_HOURS_PER_WEEK),
            _select(f"{name}.quality", section["quality"], qualities, texts.QUALITY_LABELS),
            _select(f"{name}.device", section["device"], VIDEO_DEVICES, texts.VIDEO_DEVICE_LABELS),
            _select(f"{name}.network", section["network"], NETWORK_KINDS, texts.NETWORK_LABELS)]


def _device_rows(prefix, devices, kinds):
    return [{"kind": kind, "label": DEVICE_LABELS[kind], "prefix": f"{prefix}.{kind}", **devices[kind]}
            for kind in kinds]


def _steps(answers, sections):
    business = answers["business"]
    steps = [("where", [_select("country", answers["country"], COUNTRIES, texts.COUNTRY_LABELS)], None)]
    if "devices" in sections:
        steps.append(("devices", [], _device_rows("devices", answers["devices"], PERSONAL_DEVICES)))
    video = (_use_fields("video", answers["video"], STREAMING_QUALITIES) if "video" in sections else [])
    video += _use_fields("calls", answers["calls"], CALL_QUALITIES) if "calls" in sections else []
    if video:
        steps.append(("video", video, None))
    messages = []
    if "emails" in sections:
        messages += [_number("emails.per_week", answers["emails"]["per_week"], 5000, "1"),
                     _number("emails.with_attachment_per_week", answers["emails"]["with_attachment_per_week"], 5000,
                             "1")]
    if "web" in sections:
        messages.append(_number("web.searches_per_day", answers["web"]["searches_per_day"], 1000, "1"))
    if "cloud" in sections:
        messages.append(_number("cloud.gigabytes", answers["cloud"]["gigabytes"], 100_000))
    if messages:
        steps.append(("messages", messages, None))
    mobile = []
    if "mobile" in sections:
        mobile.append(_number("mobile.gigabytes_per_month", answers["mobile"]["gigabytes_per_month"], 2000))
    if "social" in sections:
        mobile.append(_number("social.minutes_per_day", answers["social"]["minutes_per_day"], 1440))
    if "ai" in sections:
        mobile.append(_number("ai.queries_per_day", answers["ai"]["queries_per_day"], 1000, "1"))
    if mobile:
        steps.append(("mobile", mobile, None))
    if "business" in sections:
        # With the business alone on the page there is nothing to include it in: it always counts.
        fields = [] if set(sections) == {"business"} else [
            {"kind": "checkbox", "name": "business.enabled", "label": LABELS["business.enabled"],
             "value": business["enabled"]}]
        fields += [
            _number("business.page_mb", business["page_mb"], 100),
            _number("business.monthly_visits", business["monthly_visits"], 100_000_000, "1"),
            _number("business.green_hosting_percent", business["green_hosting_percent"], 100),
            _select("business.hosting_country", business["hosting_country"], HOSTING_COUNTRIES,
                    texts.HOSTING_LABELS),
            _number("business.return_visit_percent", business["return_visit_percent"], 100),
            _number("business.cloud_gigabytes", business["cloud_gigabytes"], 1_000_000),
            _number("business.call_hours_per_week", business["call_hours_per_week"], 2000),
        ]
        steps.append(("business", fields, _device_rows("business.devices", business["devices"], TEAM_DEVICES)))
    return steps


def _translate(value, translation):
    if isinstance(value, dict):
        return {key: translation.gettext(item) if key == "label" else _translate(item, translation)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_translate(item, translation) for item in value]
    return value


def form_context(block, answers, language):
    """Template context: the steps with translated labels and current values."""
    translation = translation_for(language, __name__)
    sections = block._sections()  # pylint: disable=protected-access
    steps = []
    for number, (key, fields, devices) in enumerate(_steps(answers, sections), start=1):
        steps.append({"key": key, "number": number, "title": translation.gettext(STEP_TITLES[key]),
                      "fields": _translate(fields, translation),
                      "devices": _translate(devices, translation) if devices else None,
                      "devices_title": translation.gettext(
                          LABELS["business.devices"] if key == "business" else LABELS["devices"])})
    return {"steps": steps, "step_count": len(steps), "max_devices": MAX_DEVICES_OF_A_KIND, "max_years": MAX_YEARS,
            "analyser": bool(block.website_analyser_enabled) and "business" in sections}
