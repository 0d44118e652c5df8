"""A learner's yearly digital footprint, by category, with a low-high range.

Rules that keep the sum honest:
- device manufacturing is counted once, in "devices" (amortised over the years the learner keeps
  each device); the uses (video, calls, e-mails, searches) add only their electricity, network and
  data-centre parts, as in ADEME's weekly simulator;
- devices whose use we do not ask about (internet box, console, printer, speaker, external drive)
  add their electricity with ADEME's theoretical daily use;
- when the learner counts an internet box among their devices, fixed-network uses take the
  network factor without the box, so the box is not counted twice;
- electricity-dependent parts use the grid of the learner's country; networks use NegaOctet's
  French factors in France and its European factors elsewhere (no Belgian factors exist).
"""
from dataclasses import dataclass

from . import ademe, web

WEEKS_PER_YEAR = 52
DAYS_PER_YEAR = 365
DEVICES_WITHOUT_ASKED_USE = ("internet_box", "console", "printer", "speaker", "external_drive")
PERSONAL_CATEGORIES = ("devices", "video", "calls", "emails", "web", "cloud", "mobile", "social", "ai")
BUSINESS_CATEGORIES = ("team_devices", "website", "business_cloud")
VISITOR_PLACE = {"BE": "BEL", "FR": "FRA", "EU": "EU", "WORLD": None}
GREEN_BOUND = {"value": "value", "low": "low", "high": "high"}


@dataclass(frozen=True)
class Context:
    """What every category needs to know: factors and the learner's country."""
    factors: object
    grid: float
    fixed_network: str
    mobile_network: str

    @classmethod
    def for_answers(cls, factors, answers, sections=None):
        country = answers["country"]
        region = "fr" if country == "FR" else "eu"
        # The box leaves the network factor only when it is counted with the devices.
        devices_counted = sections is None or "devices" in sections
        has_box = devices_counted and answers["devices"]["internet_box"]["count"] > 0
        return cls(factors, factors[f"grid.{country}"],
                   f"fixed_{region}_no_box" if has_box else f"fixed_{region}", f"mobile_{region}")

    def network(self, kind):
        return self.fixed_network if kind == "fixed" else self.mobile_network


def device_kg_per_year(ctx, device_kind, device, count_electricity):
    """Build (manufacturing + distribution + end of life) per year kept, times the count."""
    f = ctx.factors
    if not device["count"]:
        return 0.0
    build = ademe.device_build_g(f, device_kind)
    if device["refurbished"]:
        build *= f["device.refurbished_share"]
    grams = build / device["years"]
    if count_electricity:
        kwh = f[f"device.{device_kind}.active_power"] * f[f"device.{device_kind}.daily_hours"] * DAYS_PER_YEAR / 1000
        grams += kwh * ctx.grid
    return grams * device["count"] / 1000


def _use_hours(section):
    return section["hours_per_week"] * WEEKS_PER_YEAR


def _mobile_gb_of_uses(f, answers):
    gigabytes = 0.0
    for name in ("video", "calls"):
        section = answers[name]
        if section["network"] == "mobile":
            gigabytes += _use_hours(section) * ademe.video_gb_per_hour(f, section["quality"])
    return gigabytes


def personal_categories(ctx, answers):
    """kg CO2e per year for each personal category."""
    f = ctx.factors
    devices = sum(device_kg_per_year(ctx, kind, device, kind in DEVICES_WITHOUT_ASKED_USE)
                  for kind, device in answers["devices"].items())
    video, calls = answers["video"], answers["calls"]
    video_g = ademe.streaming(f, _use_hours(video) * 60, video["quality"], video["device"],
                              ctx.network(video["network"]), grid=ctx.grid).without_device_construction
    # One seat: the learner's own device and data, not the other participants'.
    calls_g = ademe.video_call(f, _use_hours(calls) * 60, calls["quality"], calls["device"],
                               ctx.network(calls["network"]), seats=1, grid=ctx.grid).without_device_construction
    emails = answers["emails"]
    plain = (emails["per_week"] - emails["with_attachment_per_week"]) * WEEKS_PER_YEAR
    attached = emails["with_attachment_per_week"] * WEEKS_PER_YEAR
    emails_g = (plain * ademe.email(f, f["email.size_mb.plain"], 1, ademe.MIX, ctx.fixed_network,
                                    grid=ctx.grid).without_device_construction
                + attached * ademe.email(f, f["email.size_mb.attachment"], 1, ademe.MIX, ctx.fixed_network,
                                         grid=ctx.grid).without_device_construction)
    searches = answers["web"]["searches_per_day"] * DAYS_PER_YEAR
    web_g = searches * ademe.web_search(f, ademe.MIX, ctx.fixed_network, grid=ctx.grid).without_device_construction
    cloud_g = answers["cloud"]["gigabytes"] * f["cloud.g_per_gb_year"]
    # Mobile data not already counted in videos and calls made over the mobile network.
    other_mobile_gb = max(0.0, answers["mobile"]["gigabytes_per_month"] * 12 - _mobile_gb_of_uses(f, answers))
    mobile_network = ctx.fixed_network if answers["mobile"].get("moved_to_wifi") else ctx.mobile_network
    mobile_g = ademe.file_transfer(f, other_mobile_gb, mobile_network, grid=ctx.grid).total
    social_g = answers["social"]["minutes_per_day"] * DAYS_PER_YEAR * f["social.g_per_minute"]
    ai_g = answers["ai"]["queries_per_day"] * DAYS_PER_YEAR * f["ai.g_per_query"]
    return {"devices": devices, "video": video_g / 1000, "calls": calls_g / 1000, "emails": emails_g / 1000,
            "web": web_g / 1000, "cloud": cloud_g / 1000, "mobile": mobile_g / 1000,
            "social": social_g / 1000, "ai": ai_g / 1000}


def website(ctx, answers):
    """(page emissions, kg per year) of the business website with Sustainable Web Design v4."""
    business = answers["business"]
    return web.annual_website_kg(
        ctx.factors, business["page_mb"], business["monthly_visits"], business["green_hosting_percent"] / 100,
        business["hosting_country"], VISITOR_PLACE[answers["country"]],
        return_visit_share=business["return_visit_percent"] / 100,
        data_reload_ratio=ctx.factors["swd.data_reload_ratio"],
    )


def business_categories(ctx, answers):
    f = ctx.factors
    business = answers["business"]
    team = sum(device_kg_per_year(ctx, kind, device, True) for kind, device in business["devices"].items())
    calls_g = ademe.video_call(f, business["call_hours_per_week"] * WEEKS_PER_YEAR * 60, "sd", "laptop",
                               ctx.fixed_network, seats=1, grid=ctx.grid).without_device_construction
    cloud_g = business["cloud_gigabytes"] * f["cloud.g_per_gb_year"]
    return {"team_devices": team, "website": website(ctx, answers)[1], "business_cloud": (calls_g + cloud_g) / 1000}


def business_counted(answers, sections=None):
    """The business is counted when the learner includes it, or when it is the only section shown."""
    if sections is not None and "business" not in sections:
        return False
    only_business = sections is not None and set(sections) == {"business"}
    return answers["business"]["enabled"] or only_business


def categories_kg(factors, answers, sections=None):
    """Every visible category's kg CO2e per year for one set of factors."""
    ctx = Context.for_answers(factors, answers, sections)
    result = personal_categories(ctx, answers)
    if business_counted(answers, sections):
        result.update(business_categories(ctx, answers))
    if sections is not None:
        result = {key: value for key, value in result.items() if section_of(key) in sections}
    return result


def section_of(category):
    if category in BUSINESS_CATEGORIES:
        return "business"
    return {"video": "video", "calls": "calls", "emails": "emails", "web": "web", "cloud": "cloud",
            "mobile": "mobile", "social": "social", "ai": "ai", "devices": "devices"}[category]


def total_kg(factors, answers, sections=None):
    return sum(categories_kg(factors, answers, sections).values())
