"""A retired learner's texts disappear from every Sirius block; other learners' stay."""
import pytest
from submissions import api as submissions_api

from xblocks.canvas.app import api as canvas_api
from xblocks.common import compat, retirement

COURSE = "course-v1:SiriusHub+Test+2026"
CANVAS = "block-v1:SiriusHub+Test+2026+type@sirius_canvas+block@bmc"
FOOTPRINT = "block-v1:SiriusHub+Test+2026+type@sirius_footprint+block@me"


def item(learner, usage, item_type):
    return {"student_id": learner, "course_id": COURSE, "item_id": usage, "item_type": item_type}


@pytest.fixture
def two_learners():
    for learner in ("amina-anon", "bilal-anon"):
        canvas_api.save_draft(COURSE, CANVAS, learner, {"value_propositions": [{"id": "a", "text": f"Idée de {learner}"}]}, 0)
        canvas_api.set_section_comment(COURSE, CANVAS, learner, "value_propositions", "Précisez le client.")
        submissions_api.create_submission(item(learner, CANVAS, "sirius_canvas"), {"canvas": f"Canvas de {learner}"})
        submissions_api.create_submission(item(learner, FOOTPRINT, "sirius_footprint"), {"website": "https://x.example"})


@pytest.mark.django_db
def test_retirement_erases_the_learners_texts_and_keeps_the_others(two_learners, monkeypatch):
    monkeypatch.setattr(compat, "anonymous_ids_of_user", lambda user: ["amina-anon"])
    retirement.erase_retired_learner(sender=None, user=object())
    retirement.erase_retired_learner(sender=None, user=object())  # idempotent

    assert canvas_api.get_draft(COURSE, CANVAS, "amina-anon")["version"] == 0
    assert canvas_api.get_review(COURSE, CANVAS, "amina-anon")["comments"] == {}
    for usage, item_type in ((CANVAS, "sirius_canvas"), (FOOTPRINT, "sirius_footprint")):
        assert submissions_api.get_submissions(item("amina-anon", usage, item_type))[0]["answer"] == {"erased": True}
        assert submissions_api.get_submissions(item("bilal-anon", usage, item_type))[0]["answer"] != {"erased": True}
    assert canvas_api.get_draft(COURSE, CANVAS, "bilal-anon")["version"] == 1
    assert canvas_api.get_review(COURSE, CANVAS, "bilal-anon")["comments"]


@pytest.mark.django_db
def test_a_failure_never_breaks_the_platforms_retirement_step(monkeypatch, caplog):
    def unavailable(user):
        raise RuntimeError("no LMS here")

    monkeypatch.setattr(compat, "anonymous_ids_of_user", unavailable)
    retirement.erase_retired_learner(sender=None, user=object())
    assert "could not erase" in caplog.text
