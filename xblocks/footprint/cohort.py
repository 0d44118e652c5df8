"""Anonymous cohort statistics of saved footprint results (pure functions, no learner ids)."""
import csv
import io
import statistics
from collections import Counter

from .engine.annual import BUSINESS_CATEGORIES, PERSONAL_CATEGORIES

CATEGORIES = PERSONAL_CATEGORIES + BUSINESS_CATEGORIES
MIN_LEARNERS_FOR_QUARTILES = 3


def _quartiles(values):
    if not values:
        return None
    if len(values) < MIN_LEARNERS_FOR_QUARTILES:
        median = statistics.median(values)
        return {"q1": min(values), "median": median, "q3": max(values)}
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"q1": q1, "median": median, "q3": q3}


def cohort_statistics(snapshots):
    """`snapshots`: each learner's latest saved result (dicts as stored). Nothing identifies them."""
    snapshots = [s for s in snapshots if isinstance(s, dict) and "total_kg" in s]
    per_category = {}
    for key in CATEGORIES:
        values = [s["categories"][key] for s in snapshots if key in s.get("categories", {})]
        if values:
            per_category[key] = dict(_quartiles(values), learners=len(values))
    reductions = Counter(key for s in snapshots for key in s.get("active_scenarios", []))
    return {
        "learners": len(snapshots),
        "total": _quartiles([s["total_kg"] for s in snapshots]),
        "categories": per_category,
        "reductions": [{"key": key, "learners": count} for key, count in reductions.most_common()],
    }


def cohort_csv(snapshots):
    """One line per learner, sorted by total so the order reveals nothing about who saved when."""
    snapshots = sorted((s for s in snapshots if isinstance(s, dict) and "total_kg" in s),
                       key=lambda s: s["total_kg"])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "country", "total_kg", "low_kg", "high_kg", *[f"{key}_kg" for key in CATEGORIES],
                     "chosen_reductions"])
    for row, snap in enumerate(snapshots, start=1):
        categories = snap.get("categories", {})
        writer.writerow([row, snap.get("country", ""), _kg(snap["total_kg"]), _kg(snap.get("low_kg")),
                         _kg(snap.get("high_kg")), *[_kg(categories.get(key)) for key in CATEGORIES],
                         " ".join(snap.get("active_scenarios", []))])
    return out.getvalue()


def _kg(value):
    return "" if value is None else f"{value:.2f}"
