"""SQL queries per learner action do not grow with the number of submissions in the course."""
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.app.conftest import COURSE, ITEM, POLICY, RUBRIC, assessment
from xblocks.peer_review.app import api

pytestmark = pytest.mark.django_db


def _queries(action):
    """Statements sent to the database, not counting savepoints (transaction bookkeeping)."""
    with CaptureQueriesContext(connection) as captured:
        result = action()
    statements = [query["sql"] for query in captured.captured_queries
                  if not query["sql"].lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    return len(statements), result


def _measure(make_cohort, size):
    """Queries for: a reviewer's allocation, their assessment, the author's results page."""
    authors = make_cohort(size)
    # Some history, so the queries have rows to look at: three reviews already given.
    for reviewer in authors[1:4]:
        lease = api.allocate_review(COURSE, ITEM, reviewer, POLICY)
        api.submit_assessment(lease["review_id"], reviewer, assessment(), RUBRIC, POLICY)
    allocate, lease = _queries(lambda: api.allocate_review(COURSE, ITEM, "newcomer", POLICY))
    again, _ = _queries(lambda: api.allocate_review(COURSE, ITEM, "newcomer", POLICY))
    read, _ = _queries(lambda: api.get_review(lease["review_id"], "newcomer"))
    assess, _ = _queries(lambda: api.submit_assessment(lease["review_id"], "newcomer", assessment(),
                                                       RUBRIC, POLICY))
    results, _ = _queries(lambda: api.get_results(COURSE, ITEM, authors[0], RUBRIC, POLICY))
    progress, _ = _queries(lambda: api.get_reviewer_progress(COURSE, ITEM, authors[0]))
    overview, rows = _queries(lambda: api.list_submissions(COURSE, ITEM, RUBRIC, POLICY))
    assert len(rows) == size
    return {"allocate": allocate, "allocate_again": again, "read": read, "assess": assess,
            "results": results, "progress": progress, "overview": overview}


def test_query_counts_are_the_same_for_10_and_1000_submissions(make_cohort, django_db_blocker):
    small = _measure(make_cohort, 10)
    from xblocks.peer_review.app.models import PeerSubmission, ReviewAssignment, Reviewer
    from submissions.models import Score, ScoreSummary, StudentItem, Submission
    for model in (ReviewAssignment, Reviewer, PeerSubmission, ScoreSummary, Score, Submission, StudentItem):
        model.objects.all().delete()
    large = _measure(make_cohort, 1000)
    assert small == large
    # And they stay small (ORA2 takes 170 queries to record a peer assessment).
    assert small["allocate"] <= 8 and small["assess"] <= 12 and small["results"] <= 3


def test_migrations_match_the_models():
    call_command("makemigrations", "sirius_peer_review", "--check", "--dry-run", verbosity=0)
