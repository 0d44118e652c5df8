"""Everything the results screen shows, computed from clean answers."""
from . import annual
from .answers import SECTIONS
from .factors import default_factors
from .scenarios import SCENARIOS, combined_answers, scenario_answers

EQUIVALENTS = ("car_km", "phone_charges")


def equivalents(factors, kg, country):
    """Everyday comparisons of `kg` CO2e with their own sourced factors."""
    grams = kg * 1000
    charge_g = factors["equivalent.phone_charge_wh"] / 1000 * factors[f"grid.{country}"]
    return {"car_km": grams / factors["equivalent.car_g_per_km"], "phone_charges": grams / charge_g}


def _ranges(factors, answers, sections):
    central = annual.categories_kg(factors, answers, sections)
    low = annual.categories_kg(factors.with_bound("low"), answers, sections)
    high = annual.categories_kg(factors.with_bound("high"), answers, sections)
    return central, low, high


def compute_results(answers, sections=SECTIONS, active_scenarios=(), factors=None):
    """Totals, categories with ranges, biggest source, website rating, scenarios and equivalents."""
    factors = factors or default_factors()
    sections = tuple(sections)
    central, low, high = _ranges(factors, answers, sections)
    total = sum(central.values())
    categories = [{"key": key, "kg": central[key], "low_kg": low[key], "high_kg": high[key],
                   "share": central[key] / total if total else 0.0} for key in central]
    categories.sort(key=lambda item: item["kg"], reverse=True)
    scenarios = []
    for key, _title, _change, section in SCENARIOS:
        if section not in sections:
            continue
        changed = scenario_answers(answers, key)
        if changed is None:
            continue
        new_total = annual.total_kg(factors, changed, sections)
        if total - new_total <= 0:
            continue
        scenarios.append({"key": key, "saved_kg": total - new_total, "new_total_kg": new_total})
    active = [key for key in active_scenarios if any(s["key"] == key for s in scenarios)]
    combined_total = annual.total_kg(factors, combined_answers(answers, active), sections) if active else total
    result = {
        "total_kg": total, "low_kg": sum(low.values()), "high_kg": sum(high.values()),
        "categories": categories,
        "biggest": categories[0]["key"] if categories and total > 0 else None,
        "scenarios": scenarios,
        "active_scenarios": active,
        "total_with_scenarios_kg": combined_total,
        "equivalents": equivalents(factors, total, answers["country"]),
        "website": None,
    }
    if annual.business_counted(answers, sections):
        page, kg = annual.website(annual.Context.for_answers(factors, answers), answers)
        result["website"] = {"grams_per_view": page.total, "rating": page.rating, "kg_per_year": kg}
    return result
