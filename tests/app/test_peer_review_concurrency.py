"""Many reviewers at once, each clicking twice: the database settles every race.

Runs on the configured database: SQLite by default, MariaDB with
SIRIUS_DATABASE_URL=mysql://root@127.0.0.1:3306/<name> (where row locks really compete).
"""
import threading
from collections import Counter

import pytest
from django.db import connection

from tests.app.conftest import COURSE, ITEM, POLICY, RUBRIC, assessment
from xblocks.peer_review.app import api
from xblocks.peer_review.app.models import ReviewAssignment

SUBMISSIONS = 12
REVIEWERS = 16           # 12 authors and 4 others; each runs in two threads at once (double click)
REVIEWS_PER_REVIEWER = 4


def _reviewer_loop(reviewer_id, barrier, outcomes, failures):
    try:
        barrier.wait()
        for _ in range(REVIEWS_PER_REVIEWER):
            lease = api.allocate_review(COURSE, ITEM, reviewer_id, POLICY)
            if lease is None:
                break
            first = api.submit_assessment(lease["review_id"], reviewer_id, assessment(), RUBRIC, POLICY)
            again = api.submit_assessment(lease["review_id"], reviewer_id, assessment(), RUBRIC, POLICY)
            outcomes.append((reviewer_id, lease["review_id"], first["created"], again["created"]))
    except Exception as error:  # pylint: disable=broad-except
        failures.append(f"{reviewer_id}: {type(error).__name__}: {error}")
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_reviewers_never_overfill_duplicate_or_lose_a_review(make_cohort):
    authors = make_cohort(SUBMISSIONS)
    reviewers = authors + [f"visitor-{index}" for index in range(REVIEWERS - SUBMISSIONS)]
    outcomes, failures = [], []
    barrier = threading.Barrier(2 * len(reviewers))
    threads = [threading.Thread(target=_reviewer_loop, args=(reviewer, barrier, outcomes, failures))
               for reviewer in reviewers for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []

    rows = list(ReviewAssignment.objects.select_related("submission"))
    completed = [row for row in rows if row.completed_at]
    per_submission = Counter(row.submission.author_id for row in completed)
    # Capacity is 12 × 3 = 36 reviews and demand is 16 × 4 = 64: every slot is filled, none twice.
    assert max(per_submission.values()) == POLICY["reviews_required"]
    assert sum(per_submission.values()) == SUBMISSIONS * POLICY["reviews_required"]
    assert all(row.submission.author_id != row.reviewer_id for row in rows)
    assert len({(row.submission_id, row.reviewer_id) for row in rows}) == len(rows)
    # No lost and no duplicate assessment: each lease a thread finished is stored exactly once,
    # created by exactly one of the (up to four) submits of that lease.
    created = Counter(review_id for _, review_id, first, again in outcomes for flag in (first, again) if flag)
    assert set(created) == {str(row.uuid) for row in completed}
    assert set(created.values()) == {1}
    assert all(row.completed_at for row in rows)  # no lease left dangling
