"""Every number has a unit, a source, a publisher, a year and a licence; ranges are ordered."""
from xblocks.footprint.engine.factors import default_factors, sources


def test_every_row_is_sourced_and_ranges_are_ordered():
    rows = default_factors().rows()
    assert len(rows) > 150
    for row in rows:
        assert row.unit and row.source and row.publisher and row.licence, row.key
        assert 1990 <= row.year <= 2026, row.key
        assert row.low <= row.value <= row.high, row.key


def test_electricity_for_belgium_france_eu_and_world():
    f = default_factors()
    assert {key for key in ("grid.BE", "grid.FR", "grid.EU", "grid.WORLD") if key in f} == {
        "grid.BE", "grid.FR", "grid.EU", "grid.WORLD"}


def test_no_ecoindex_data():
    assert not any("ecoindex" in row.source.lower() for row in default_factors().rows())


def test_sources_group_rows_for_the_panel():
    grouped = sources()
    assert sum(len(s["factors"]) for s in grouped) == len(default_factors().rows())
    assert any(s["publisher"] == "Ember" for s in grouped)
