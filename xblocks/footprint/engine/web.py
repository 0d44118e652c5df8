"""Website emissions with the Sustainable Web Design model v4, as CO2.js 0.19.0 implements it.

Operational energy per segment uses each segment's grid intensity; embodied energy always uses the
model's global intensity; green hosting removes (a share of) the data centre's operational part only.
"""
from dataclasses import dataclass

SEGMENTS = ("datacentre", "network", "device")
BYTES_PER_GB = 1_000_000_000
RATINGS = ("A+", "A", "B", "C", "D", "E")


@dataclass(frozen=True)
class PageEmissions:
    """Grams CO2e for the bytes of one page view (or per byte call), split like CO2.js segments."""
    operational: dict
    embodied: dict
    total: float
    first_visit: float
    return_visit: float
    rating: str

    def as_dict(self):
        return {
            "dataCenterOperationalCO2e": self.operational["datacentre"],
            "networkOperationalCO2e": self.operational["network"],
            "consumerDeviceOperationalCO2e": self.operational["device"],
            "dataCenterEmbodiedCO2e": self.embodied["datacentre"],
            "networkEmbodiedCO2e": self.embodied["network"],
            "consumerDeviceEmbodiedCO2e": self.embodied["device"],
            "totalOperationalCO2e": sum(self.operational.values()),
            "totalEmbodiedCO2e": sum(self.embodied.values()),
            "dataCenterCO2e": self.operational["datacentre"] + self.embodied["datacentre"],
            "networkCO2e": self.operational["network"] + self.embodied["network"],
            "consumerDeviceCO2e": self.operational["device"] + self.embodied["device"],
            "total": self.total,
            "rating": self.rating,
        }


def rating(f, grams_per_view):
    """Digital carbon rating A+ … F of one page view (upper bounds inclusive)."""
    for grade in RATINGS:
        if grams_per_view <= f[f"swd.rating.{grade}"]:
            return grade
    return "F"


def grid_intensity(f, place):
    """g CO2e/kWh for a number, an ISO-3 country code known to our data, or None (global)."""
    if place is None:
        return f["swd.global_grid"]
    if isinstance(place, (int, float)) and not isinstance(place, bool):
        return float(place)
    return f[f"web_grid.{place}"]


def page_emissions(f, page_bytes, green_hosting_share=0.0, grid=None,
                   first_visit_share=1.0, return_visit_share=0.0, data_reload_ratio=0.0):
    """Emissions of one visit (CO2.js perVisitTrace; with the defaults, also perByteTrace).

    `grid` maps segment → grid intensity place (see `grid_intensity`); missing segments use the
    model's global intensity.
    """
    grid = grid or {}
    if page_bytes < 1:
        zero = {segment: 0.0 for segment in SEGMENTS}
        return PageEmissions(zero, dict(zero), 0.0, 0.0, 0.0, rating(f, 0.0))
    gigabytes = page_bytes / BYTES_PER_GB
    operational = {s: gigabytes * f[f"swd.operational.{s}"] * grid_intensity(f, grid.get(s)) for s in SEGMENTS}
    embodied = {s: gigabytes * f[f"swd.embodied.{s}"] * f["swd.global_grid"] for s in SEGMENTS}
    first_visit = (operational["datacentre"] * (1 - green_hosting_share) + embodied["datacentre"]
                   + operational["network"] + embodied["network"]
                   + operational["device"] + embodied["device"])
    return_visit = first_visit * data_reload_ratio
    total = first_visit * first_visit_share + return_visit * return_visit_share
    return PageEmissions(operational, embodied, total, first_visit, return_visit, rating(f, total))


def annual_website_kg(f, page_mb, monthly_visits, green_hosting_share, hosting_place, visitor_place,
                      return_visit_share=0.0, data_reload_ratio=0.0):
    """kg CO2e per year of a website: hosting country for the data centre, visitors' for the rest."""
    page = page_emissions(
        f, page_mb * 1_000_000, green_hosting_share,
        grid={"datacentre": hosting_place, "network": visitor_place, "device": visitor_place},
        first_visit_share=1 - return_visit_share, return_visit_share=return_visit_share,
        data_reload_ratio=data_reload_ratio,
    )
    return page, page.total * monthly_visits * 12 / 1000
