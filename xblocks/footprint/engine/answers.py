"""The learner's answers: their shape, sensible defaults, and validation as a pure function.

`validate_answers(payload)` returns clean answers or raises `AnswerError` whose message is an English
sentence marked with N_ (translated by the block) and whose `field` is the dotted path of the input.
"""

def N_(message):
    """Mark a string for extraction; the block translates it."""
    return message


COUNTRIES = ("BE", "FR", "EU", "WORLD")
HOSTING_COUNTRIES = ("BEL", "FRA", "DEU", "NLD", "LUX", "IRL", "GBR", "USA", "EU", "WORLD")
PERSONAL_DEVICES = ("smartphone", "tablet", "laptop", "desktop", "monitor", "tv", "internet_box",
                    "console", "printer", "speaker", "external_drive")
TEAM_DEVICES = ("laptop", "desktop_pro", "monitor", "smartphone", "tablet", "printer", "internet_box")
VIDEO_DEVICES = ("mix", "smartphone", "tablet", "laptop", "desktop_screen", "tv")
NETWORK_KINDS = ("fixed", "mobile")
STREAMING_QUALITIES = ("sd", "hd", "uhd")
CALL_QUALITIES = ("audio", "sd", "hd")
SECTIONS = ("devices", "video", "calls", "emails", "web", "cloud", "mobile", "social", "ai", "business")
ANSWER_SECTIONS = ("country",) + SECTIONS
BUSINESS_KEYS = ("enabled", "page_mb", "monthly_visits", "green_hosting_percent", "hosting_country",
                 "return_visit_percent", "cloud_gigabytes", "call_hours_per_week", "devices")

MAX_DEVICES_OF_A_KIND = 20
MAX_YEARS = 30
MAX_HOURS_PER_WEEK = 112  # 16 hours a day
MAX_PER_DAY = 1000

LABELS = {
    "country": N_("Country where you live"),
    "devices": N_("Your devices"),
    "count": N_("How many"),
    "years": N_("Years kept"),
    "refurbished": N_("Bought refurbished"),
    "video.hours_per_week": N_("Video streaming, hours per week"),
    "video.quality": N_("Video quality"),
    "video.device": N_("Device used to watch videos"),
    "video.network": N_("Connection used to watch videos"),
    "calls.hours_per_week": N_("Video calls, hours per week"),
    "calls.quality": N_("Video call quality"),
    "calls.device": N_("Device used for video calls"),
    "calls.network": N_("Connection used for video calls"),
    "emails.per_week": N_("E-mails sent per week"),
    "emails.with_attachment_per_week": N_("E-mails with an attachment per week"),
    "web.searches_per_day": N_("Web searches per day"),
    "cloud.gigabytes": N_("Files kept in the cloud (GB)"),
    "mobile.gigabytes_per_month": N_("Mobile data per month (GB)"),
    "social.minutes_per_day": N_("Social media, minutes per day"),
    "ai.queries_per_day": N_("Questions to AI chatbots per day"),
    "business.enabled": N_("Include my business"),
    "business.page_mb": N_("Weight of a web page (MB)"),
    "business.monthly_visits": N_("Website visits per month"),
    "business.green_hosting_percent": N_("Green hosting (%)"),
    "business.hosting_country": N_("Country of the web host"),
    "business.return_visit_percent": N_("Returning visitors (%)"),
    "business.cloud_gigabytes": N_("Business files in the cloud (GB)"),
    "business.call_hours_per_week": N_("Team video calls, hours per week"),
    "business.devices": N_("Your team's devices"),
}
DEVICE_LABELS = {
    "smartphone": N_("Smartphone"), "tablet": N_("Tablet"), "laptop": N_("Laptop"),
    "desktop": N_("Desktop computer"), "desktop_pro": N_("Office desktop computer"),
    "monitor": N_("Monitor"), "tv": N_("Television"), "internet_box": N_("Internet box"),
    "console": N_("Game console"), "printer": N_("Printer"), "speaker": N_("Connected speaker"),
    "external_drive": N_("External hard drive"),
}


class AnswerError(ValueError):
    """A learner answer that cannot be used. `params['field_name']` is the English label."""

    def __init__(self, field, message, **params):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.params = params


def _device(count, years, refurbished=False):
    return {"count": count, "years": years, "refurbished": refurbished}


def default_answers(country="BE"):
    """A typical learner, prefilled in the form (ADEME's default lifetimes, rounded up)."""
    devices = {kind: _device(0, 5) for kind in PERSONAL_DEVICES}
    devices.update(smartphone=_device(1, 3), laptop=_device(1, 5), internet_box=_device(1, 5),
                   tv=_device(1, 8))
    team = {kind: _device(0, 5) for kind in TEAM_DEVICES}
    team.update(laptop=_device(1, 5), smartphone=_device(1, 3))
    return {
        "country": country,
        "devices": devices,
        "video": {"hours_per_week": 7, "quality": "hd", "device": "mix", "network": "fixed"},
        "calls": {"hours_per_week": 1, "quality": "sd", "device": "laptop", "network": "fixed"},
        "emails": {"per_week": 30, "with_attachment_per_week": 3},
        "web": {"searches_per_day": 10},
        "cloud": {"gigabytes": 15},
        "mobile": {"gigabytes_per_month": 5},
        "social": {"minutes_per_day": 60},
        "ai": {"queries_per_day": 3},
        "business": {
            "enabled": False, "page_mb": 2.0, "monthly_visits": 500, "green_hosting_percent": 0,
            "hosting_country": "BEL", "return_visit_percent": 0, "cloud_gigabytes": 50,
            "call_hours_per_week": 2, "devices": team,
        },
    }


def _label(field):
    return LABELS.get(field) or LABELS.get(field.rsplit(".", 1)[-1], field)


def _fail(field, message, label=None, **params):
    raise AnswerError(field, message, field_name=label or _label(field), **params)


def _get(mapping, key, path):
    if not isinstance(mapping, dict):
        _fail(path, N_("“%(field_name)s” has the wrong shape."), label=_label(path))
    if key not in mapping:
        _fail(f"{path}.{key}" if path else key, N_("“%(field_name)s” is missing."))
    return mapping[key]


def _only(mapping, keys, path):
    """Refuse keys the form does not ask: a changed or forged request, never stored."""
    if not isinstance(mapping, dict):
        _fail(path, N_("“%(field_name)s” has the wrong shape."), label=_label(path))
    for key in mapping:
        if key not in keys:
            field = f"{path}.{str(key)[:40]}" if path else str(key)[:40]
            _fail(field, N_("“%(field_name)s” is not a question of this form."), label=field)
    return mapping


def _section(answers, name, keys):
    return _only(_get(answers, name, ""), keys, name)


def _single(answers, name, key, maximum, whole=False):
    """A section with one number, e.g. {"searches_per_day": 10}."""
    return {key: _number(_section(answers, name, (key,)), key, name, maximum, whole=whole)}


def _number(mapping, key, path, maximum, whole=False, label=None):
    field = f"{path}.{key}" if path else key
    value = _get(mapping, key, path)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        _fail(field, N_("“%(field_name)s” must be a number."), label)
    if whole and value != int(value):
        _fail(field, N_("“%(field_name)s” must be a whole number."), label)
    if not 0 <= value <= maximum:
        _fail(field, N_("“%(field_name)s” must be between %(minimum)s and %(maximum)s."), label,
              minimum=0, maximum=maximum)
    return int(value) if whole else float(value)


def _choice(mapping, key, path, choices):
    field = f"{path}.{key}" if path else key
    value = _get(mapping, key, path)
    if not isinstance(value, str) or value not in choices:
        _fail(field, N_("“%(field_name)s” has a value that is not allowed."))
    return value


def _bool(mapping, key, path, label=None):
    value = _get(mapping, key, path)
    if not isinstance(value, bool):
        _fail(f"{path}.{key}", N_("“%(field_name)s” must be yes or no."), label)
    return value


def _devices(mapping, path, kinds):
    devices = _get(mapping, path.rsplit(".", 1)[-1], path.rsplit(".", 1)[0] if "." in path else "")
    if not isinstance(devices, dict):
        _fail(path, N_("“%(field_name)s” has the wrong shape."))
    unknown = set(devices) - set(kinds)
    if unknown:
        _fail(path, N_("“%(field_name)s” has a value that is not allowed."))
    clean = {}
    for kind in kinds:
        device = _only(_get(devices, kind, path), ("count", "years", "refurbished"), f"{path}.{kind}")
        label = DEVICE_LABELS[kind]
        where = f"{path}.{kind}"
        clean[kind] = {
            "count": _number(device, "count", where, MAX_DEVICES_OF_A_KIND, whole=True, label=label),
            "years": _number(device, "years", where, MAX_YEARS, label=label),
            "refurbished": _bool(device, "refurbished", where, label=label),
        }
        if clean[kind]["count"] and clean[kind]["years"] < 0.5:
            _fail(f"{where}.years", N_("“%(field_name)s”: a device is kept at least half a year."), label)
    return clean


def _use_section(answers, name, qualities):
    section = _section(answers, name, ("hours_per_week", "quality", "device", "network"))
    return {
        "hours_per_week": _number(section, "hours_per_week", name, MAX_HOURS_PER_WEEK),
        "quality": _choice(section, "quality", name, qualities),
        "device": _choice(section, "device", name, VIDEO_DEVICES),
        "network": _choice(section, "network", name, NETWORK_KINDS),
    }


def validate_answers(answers):
    """Clean answers from untrusted JSON (every key required, no other key accepted)."""
    if not isinstance(answers, dict):
        _fail("answers", N_("“%(field_name)s” has the wrong shape."), label=N_("Your answers"))
    _only(answers, ANSWER_SECTIONS, "")
    clean = {"country": _choice(answers, "country", "", COUNTRIES),
             "devices": _devices(answers, "devices", PERSONAL_DEVICES),
             "video": _use_section(answers, "video", STREAMING_QUALITIES),
             "calls": _use_section(answers, "calls", CALL_QUALITIES)}
    emails = _section(answers, "emails", ("per_week", "with_attachment_per_week"))
    clean["emails"] = {"per_week": _number(emails, "per_week", "emails", 5000, whole=True),
                       "with_attachment_per_week": _number(emails, "with_attachment_per_week", "emails", 5000,
                                                           whole=True)}
    if clean["emails"]["with_attachment_per_week"] > clean["emails"]["per_week"]:
        _fail("emails.with_attachment_per_week",
              N_("“%(field_name)s” cannot be more than the e-mails you send."))
    clean["web"] = _single(answers, "web", "searches_per_day", MAX_PER_DAY, whole=True)
    clean["cloud"] = _single(answers, "cloud", "gigabytes", 100_000)
    clean["mobile"] = _single(answers, "mobile", "gigabytes_per_month", 2000)
    clean["social"] = _single(answers, "social", "minutes_per_day", 24 * 60)
    clean["ai"] = _single(answers, "ai", "queries_per_day", MAX_PER_DAY, whole=True)
    clean["business"] = _business(_section(answers, "business", BUSINESS_KEYS))
    return clean


def _business(business):
    path = "business"
    return {
        "enabled": _bool(business, "enabled", path),
        "page_mb": _number(business, "page_mb", path, 100),
        "monthly_visits": _number(business, "monthly_visits", path, 100_000_000, whole=True),
        "green_hosting_percent": _number(business, "green_hosting_percent", path, 100),
        "hosting_country": _choice(business, "hosting_country", path, HOSTING_COUNTRIES),
        "return_visit_percent": _number(business, "return_visit_percent", path, 100),
        "cloud_gigabytes": _number(business, "cloud_gigabytes", path, 1_000_000),
        "call_hours_per_week": _number(business, "call_hours_per_week", path, 2000),
        "devices": _devices(business, "business.devices", TEAM_DEVICES),
    }
