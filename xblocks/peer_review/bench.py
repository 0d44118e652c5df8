"""Figures for the peer-review app: allocation and assessment time and SQL queries as a course grows.

    python -m xblocks.peer_review.bench [--sizes 10 100 1000 10000] [--reviewers 20]

For each size, a fresh cohort of that many submissions (half of them already carrying two finished
reviews) is written to a fresh database; then ``--reviewers`` new reviewers each ask for a review
(allocate) and send it (assess). Prints the median and worst time and the queries of each step.
Runs on its own SQLite file under var/ (or on SIRIUS_DATABASE_URL, e.g. a MariaDB scratch database;
its tables are emptied first). Figures, not pass/fail.
"""
import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COURSE = "course-v1:SiriusHub+Bench+2026"
ITEM = "block-v1:SiriusHub+Bench+2026+type@sirius_peer_review+block@bench"
RUBRIC = {"criteria": [
    {"name": "value", "levels": [{"name": "no", "points": 0}, {"name": "some", "points": 1}, {"name": "yes", "points": 2}]},
    {"name": "planet", "levels": [{"name": "no", "points": 0}, {"name": "yes", "points": 2}]},
]}
POLICY = {"reviews_required": 3, "reviews_to_give": 3}
ASSESSMENT = {"scores": {"value": "yes", "planet": "no"}, "comments": {"value": "Ce qui marche : la cible."},
              "overall_comment": "Merci"}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scripts.workbench_settings")
    database = os.path.join(ROOT, "var", "bench_peer_review.db")
    if "SIRIUS_DATABASE_URL" not in os.environ:
        if os.path.exists(database):
            os.remove(database)
        os.environ["SIRIUS_DATABASE_URL"] = "sqlite:///" + database
    sys.path.insert(0, ROOT)
    import django  # pylint: disable=import-outside-toplevel
    from django.core.management import call_command  # pylint: disable=import-outside-toplevel

    django.setup()
    call_command("migrate", "sirius_peer_review", verbosity=0)
    call_command("migrate", "submissions", verbosity=0)


def empty_tables():
    from submissions.models import Score, ScoreSummary, StudentItem, Submission  # pylint: disable=import-outside-toplevel

    from xblocks.peer_review.app.models import (  # pylint: disable=import-outside-toplevel
        PeerSubmission, ReviewAssignment, Reviewer)
    for model in (ReviewAssignment, Reviewer, PeerSubmission, ScoreSummary, Score, Submission, StudentItem):
        model.objects.all().delete()


def make_cohort(size):
    """``size`` submissions, one second apart; the older half with two finished peer reviews."""
    from django.utils import timezone  # pylint: disable=import-outside-toplevel
    from submissions.models import StudentItem, Submission  # pylint: disable=import-outside-toplevel

    from xblocks.peer_review.app.models import PeerSubmission, ReviewAssignment  # pylint: disable=import-outside-toplevel

    start = timezone.now() - timedelta(days=1)
    ids = [f"learner-{index:06d}" for index in range(size)]
    for offset in range(0, size, 2000):
        chunk = ids[offset:offset + 2000]
        StudentItem.objects.bulk_create([StudentItem(student_id=sid, course_id=COURSE, item_id=ITEM,
                                                     item_type="sirius_peer_review") for sid in chunk])
        items = dict(StudentItem.objects.filter(course_id=COURSE, item_id=ITEM, student_id__in=chunk)
                     .values_list("student_id", "pk"))
        uuids = {sid: uuid.uuid4() for sid in chunk}
        Submission.objects.bulk_create([Submission(uuid=uuids[sid], student_item_id=items[sid], attempt_number=1,
                                                   answer={"kind": "response", "text": f"Projet de {sid}"},
                                                   submitted_at=start) for sid in chunk])
        PeerSubmission.objects.bulk_create([PeerSubmission(
            submission_uuid=str(uuids[sid]), course_id=COURSE, item_id=ITEM, author_id=sid,
            submitted_at=start + timedelta(seconds=offset + index)) for index, sid in enumerate(chunk)])
    rows = list(PeerSubmission.objects.filter(course_id=COURSE, item_id=ITEM).order_by("submitted_at")
                .values_list("pk", "author_id")[:size // 2])
    reviews = []
    for position, (pk, _author) in enumerate(rows):
        for turn in (1, 2):
            reviewer = ids[(position + turn * 7) % size]
            reviews.append(ReviewAssignment(submission_id=pk, reviewer_id=reviewer, role="peer", leased_at=start,
                                            lease_expires_at=start, completed_at=start,
                                            scores=ASSESSMENT["scores"], points_earned=2))
    ReviewAssignment.objects.bulk_create(reviews, batch_size=2000, ignore_conflicts=True)


def measure(action):
    from django.db import connection  # pylint: disable=import-outside-toplevel
    from django.test.utils import CaptureQueriesContext  # pylint: disable=import-outside-toplevel

    # The query log keeps at most 9,000 entries; once full, a capture counts nothing. Start empty.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = action()
        elapsed = (time.perf_counter() - started) * 1000
    statements = [query for query in captured.captured_queries
                  if not query["sql"].lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    return result, elapsed, len(statements)


def bench_size(size, reviewers):
    from xblocks.peer_review.app import api  # pylint: disable=import-outside-toplevel

    empty_tables()
    started = time.perf_counter()
    make_cohort(size)
    setup_seconds = time.perf_counter() - started
    figures = {"allocate": ([], []), "assess": ([], []), "results": ([], [])}
    for index in range(reviewers):
        reviewer = f"visitor-{index:03d}"
        lease, elapsed, queries = measure(lambda reviewer=reviewer: api.allocate_review(COURSE, ITEM, reviewer, POLICY))
        figures["allocate"][0].append(elapsed)
        figures["allocate"][1].append(queries)
        _, elapsed, queries = measure(lambda lease=lease, reviewer=reviewer: api.submit_assessment(
            lease["review_id"], reviewer, ASSESSMENT, RUBRIC, POLICY))
        figures["assess"][0].append(elapsed)
        figures["assess"][1].append(queries)
        _, elapsed, queries = measure(lambda: api.get_results(COURSE, ITEM, "learner-000000", RUBRIC, POLICY))
        figures["results"][0].append(elapsed)
        figures["results"][1].append(queries)
    return setup_seconds, figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--reviewers", type=int, default=20)
    options = parser.parse_args(argv)
    setup_django()
    from django.db import connection  # pylint: disable=import-outside-toplevel

    print(f"peer review bench on {connection.vendor} ({connection.settings_dict['NAME']}), "
          f"{options.reviewers} reviewers per size; times in ms (median / worst), SQL statements per call")
    print(f"{'submissions':>11} | {'allocate ms':>14} {'q':>3} | {'assess ms':>14} {'q':>3} | "
          f"{'results ms':>14} {'q':>3}")
    for size in options.sizes:
        _setup, figures = bench_size(size, options.reviewers)
        cells = []
        for step in ("allocate", "assess", "results"):
            times, queries = figures[step]
            cells.append(f"{statistics.median(times):6.1f} / {max(times):6.1f} {max(queries):>3}")
        print(f"{size:>11} | " + " | ".join(cells))
    empty_tables()


if __name__ == "__main__":
    main()
