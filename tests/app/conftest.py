"""Fixtures for the peer-review API tests: a rubric, a policy, and cohorts of submissions."""
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone


COURSE = "course-v1:SiriusHub+Test+2026"
ITEM = "block-v1:SiriusHub+Test+2026+type@sirius_peer_review+block@canvas_review"

RUBRIC = {"criteria": [
    {"name": "value", "label": "Value proposition", "prompt": "Is the offer clear?",
     "levels": [{"name": "unclear", "label": "Unclear", "points": 0},
                {"name": "partly", "label": "Partly clear", "points": 1},
                {"name": "clear", "label": "Clear", "points": 2}]},
    {"name": "planet", "label": "Responsible layer", "prompt": "Are impacts named?",
     "levels": [{"name": "missing", "label": "Missing", "points": 0},
                {"name": "some", "label": "Some", "points": 2},
                {"name": "complete", "label": "Complete", "points": 4}]},
]}
POLICY = {"reviews_required": 3, "reviews_to_give": 3, "lease_minutes": 60,
          "flexible_after_hours": 72, "flexible_reviews_required": 1, "aggregation": "median"}



def item_for(student_id):
    return {"student_id": student_id, "course_id": COURSE, "item_id": ITEM, "item_type": "sirius_peer_review"}


def assessment(value="clear", planet="some", comment="Ce qui marche : le client est clair."):
    return {"scores": {"value": value, "planet": planet}, "comments": {"value": comment},
            "overall_comment": "Bravo."}


@pytest.fixture
def rubric():
    return RUBRIC


@pytest.fixture
def policy():
    return dict(POLICY)


@pytest.fixture
def make_cohort():
    """Bulk-create ``count`` learners' submissions (one minute apart, oldest first) — fast enough
    for a thousand or ten thousand, with the same rows submit_for_review makes."""
    from submissions.models import StudentItem, Submission  # pylint: disable=import-outside-toplevel

    from xblocks.peer_review.app.models import PeerSubmission  # pylint: disable=import-outside-toplevel

    def make(count, prefix="learner", start=None):
        start = start or timezone.now() - timedelta(hours=1)
        ids = [f"{prefix}-{index:05d}" for index in range(count)]
        StudentItem.objects.bulk_create([StudentItem(student_id=sid, course_id=COURSE, item_id=ITEM,
                                                     item_type="sirius_peer_review") for sid in ids])
        items = dict(StudentItem.objects.filter(course_id=COURSE, item_id=ITEM, student_id__in=ids)
                     .values_list("student_id", "pk"))
        uuids = {sid: uuid.uuid4() for sid in ids}
        times = {sid: start + timedelta(seconds=index) for index, sid in enumerate(ids)}
        Submission.objects.bulk_create([
            Submission(uuid=uuids[sid], student_item_id=items[sid], attempt_number=1,
                       answer={"text": f"Work of {sid}"}, submitted_at=times[sid]) for sid in ids])
        PeerSubmission.objects.bulk_create([
            PeerSubmission(submission_uuid=str(uuids[sid]), course_id=COURSE, item_id=ITEM, author_id=sid,
                           submitted_at=times[sid]) for sid in ids])
        return ids
    return make
