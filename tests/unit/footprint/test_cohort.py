"""Cohort statistics of saved results: quartiles per category, most chosen reductions, an
anonymous CSV."""
import csv
import io

import pytest

from xblocks.footprint.cohort import cohort_csv, cohort_statistics


def snapshot(total, video, scenarios=()):
    return {"country": "BE", "total_kg": total, "low_kg": total * 0.8, "high_kg": total * 1.2,
            "categories": {"devices": total - video, "video": video}, "active_scenarios": list(scenarios)}


def test_quartiles_and_reductions():
    snaps = [snapshot(100, 10, ["camera_off"]), snapshot(200, 20, ["camera_off", "video_in_sd"]),
             snapshot(300, 30), snapshot(400, 40, ["video_in_sd", "camera_off"]), snapshot(500, 50)]
    stats = cohort_statistics(snaps)
    assert stats["learners"] == 5
    assert stats["total"] == {"q1": 200, "median": 300, "q3": 400}
    assert stats["categories"]["video"]["median"] == pytest.approx(30)
    assert stats["reductions"][0] == {"key": "camera_off", "learners": 3}


def test_fewer_than_three_learners_show_only_their_number():
    assert cohort_statistics([])["learners"] == 0 and cohort_statistics([])["total"] is None
    two = cohort_statistics([snapshot(100, 10, ["camera_off"]), snapshot(300, 30)])
    assert two == {"learners": 2, "too_few": True, "minimum": 3, "total": None, "categories": {}, "reductions": []}
    rows = list(csv.DictReader(io.StringIO(cohort_csv([snapshot(100, 10), snapshot(300, 30)]))))
    assert rows == []
    three = cohort_statistics([snapshot(100, 10), snapshot(200, 20), snapshot(300, 30)])
    assert not three["too_few"] and three["total"] == {"q1": 150, "median": 200, "q3": 250}


def test_csv_has_no_identity_and_is_sorted_by_total():
    rows = list(csv.DictReader(io.StringIO(cohort_csv([snapshot(300, 30), snapshot(100, 10, ["camera_off"]),
                                                       snapshot(200, 20)]))))
    assert [row["total_kg"] for row in rows] == ["100.00", "200.00", "300.00"]
    assert rows[0]["chosen_reductions"] == "camera_off" and rows[0]["row"] == "1"
    assert not any("student" in key or "user" in key for key in rows[0])
