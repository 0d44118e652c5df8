"""Anonymous cohort statistics of saved footprint results (pure functions, no learner ids).

Below MIN_LEARNERS_SHOWN learners nothing but the count is shown: with one or two results, the
trainer, who knows who saved, would read each learner's own footprint."""
import csv
import io
import statistics
from collections import Counter

from .engine.annual import BUSINESS_CATEGORIES, PERSONAL_CATEGORIES

CATEGORIES = PERSONAL_CATEGORIES + BUSINESS_CATEGORIES
MIN_LEARNERS_SHOWN = 3


def _saved(snapshots):
    return [s for s in snapshots if isinstance(s, dict) and "total_kg" in s]


def _quartiles(values):
    if len(values) < MIN_LEARNERS_SHOWN:
        return None
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"q1": q1, "median": median, "q3": q3}


def cohort_statistics(snapshots):
    """`snapshots`: each learner's latest saved result (dicts as stored). Nothing identifies them."""
    snapshots = _saved(snapshots)
    if len(snapshots) < MIN_LEARNERS_SHOWN:
        return {"learners": len(snapshots), "too_few": True, "minimum": MIN_LEARNERS_SHOWN, "total": None,
                "categories": {}, "reductions": []}
    per_category = {}
    for key in CATEGORIES:
        values = [s["categories"][key] for s in snapshots if key in s.get("categories", {})]
        if len(values) >= MIN_LEARNERS_SHOWN:
            per_category[key] = dict(_quartiles(values), learners=len(values))
    reductions = Counter(key for s in snapshots for key in s.get("active_scenarios", []))
    return {
        "learners": len(snapshots), "too_few": False, "minimum": MIN_LEARNERS_SHOWN,
        "total": _quartiles([s["total_kg"] for s in snapshots]),
        "categories": per_category,
        "reductions": [{"key": key, "learners": count} for key, count in reductions.most_common()],
    }


def cohort_csv(snapshots):
    """One line per learner, sorted by total so the order reveals nothing about who saved when;
    only the header while fewer than MIN_LEARNERS_SHOWN learners saved."""
    snapshots = sorted(_saved(snapshots), key=lambda s: s["total_kg"])
    if len(snapshots) < MIN_LEARNERS_SHOWN:
        snapshots = []
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
