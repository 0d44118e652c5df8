"""Emission factors read from the CSV data files in ``xblocks/footprint/data``.

Every number the engine uses comes from a row of those files, with its unit, range and source, so
the learner-facing "Sources and method" panel is generated from the same rows the maths uses.
"""
import csv
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_FILES = ("electricity.csv", "devices.csv", "usages.csv", "web.csv")
COLUMNS = ("key", "value", "unit", "low", "high", "source", "publisher", "year", "licence", "note")
BOUNDS = ("value", "low", "high")


@dataclass(frozen=True)
class Factor:
    key: str
    value: float
    unit: str
    low: float
    high: float
    source: str
    publisher: str
    year: int
    licence: str
    note: str


class FactorTable:
    """Read-only mapping of factor key → value, for one bound (central, low or high)."""

    def __init__(self, factors, bound="value"):
        if bound not in BOUNDS:
            raise ValueError(f"unknown bound {bound!r}")
        self.factors = dict(factors)
        self.bound = bound

    def __getitem__(self, key):
        return getattr(self.factors[key], self.bound)

    def __contains__(self, key):
        return key in self.factors

    def with_bound(self, bound):
        """The same factors taken at their low or high value (central value where no range)."""
        return FactorTable(self.factors, bound)

    def overridden(self, **values):
        """A copy with some central values replaced (used by tests and the ADEME region switch)."""
        factors = dict(self.factors)
        for key, value in values.items():
            factors[key] = replace(factors[key], value=value, low=value, high=value)
        return FactorTable(factors, self.bound)

    def keys_with_prefix(self, prefix):
        return sorted(key[len(prefix):] for key in self.factors if key.startswith(prefix))

    def rows(self):
        return list(self.factors.values())


def _number(text, fallback):
    text = (text or "").strip()
    return float(text) if text else fallback


def read_factor_file(path):
    factors = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: columns must be {', '.join(COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            value = float(row["value"])
            key = row["key"].strip()
            if key in factors:
                raise ValueError(f"{path}:{line}: duplicate key {key}")
            factors[key] = Factor(
                key=key, value=value, unit=row["unit"].strip(),
                low=_number(row["low"], value), high=_number(row["high"], value),
                source=row["source"].strip(), publisher=row["publisher"].strip(),
                year=int(row["year"]), licence=row["licence"].strip(), note=(row["note"] or "").strip(),
            )
    return factors


@lru_cache(maxsize=1)
def default_factors():
    """All factors of the package's data files (central values)."""
    factors = {}
    for name in DATA_FILES:
        for key, factor in read_factor_file(DATA_DIR / name).items():
            if key in factors:
                raise ValueError(f"{name}: key {key} is already defined in another file")
            factors[key] = factor
    return FactorTable(factors)


def sources(table=None):
    """Distinct sources with their publisher, year, licence and the factors that use them."""
    table = table or default_factors()
    grouped = {}
    for factor in table.rows():
        ident = (factor.source, factor.publisher, factor.year, factor.licence)
        grouped.setdefault(ident, []).append(factor)
    return [
        {"source": source, "publisher": publisher, "year": year, "licence": licence,
         "factors": [{"key": f.key, "value": f.value, "unit": f.unit, "low": f.low, "high": f.high,
                      "note": f.note} for f in rows]}
        for (source, publisher, year, licence), rows in sorted(grouped.items(), key=lambda i: i[0][0])
    ]
