"""Figures, not pass/fail: what each scenario's learner view costs, and each handler.

    make bench        (or: python -m scripts.bench [--runs 20])

Per scenario: HTML+JS+CSS bytes (raw and gzip), requests on a first visit, and the median server
time and SQL queries of rendering the student view over --runs renders; then the same time and
queries for each handler the block declares, called with the block's `bench_handler_payloads`
sample (or an empty payload, which measures the refusal path, and says so). Runs on its own SQLite
file under var/ so the demo's data stays untouched.
"""
import argparse
import json
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scripts.workbench_settings")
    if "SIRIUS_DATABASE_URL" not in os.environ:
        # A fresh file each run: the workbench reuses usage ids, so an old database would pile the
        # blocks of earlier runs into the same pages and skew every figure.
        database = os.path.join(ROOT, "var", "bench.db")
        if os.path.exists(database):
            os.remove(database)
        os.environ["SIRIUS_DATABASE_URL"] = "sqlite:///" + database
    sys.path.insert(0, ROOT)
    import django  # pylint: disable=import-outside-toplevel
    from django.core.management import call_command  # pylint: disable=import-outside-toplevel

    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)


def _measure(action, runs):
    from django.db import connection  # pylint: disable=import-outside-toplevel
    from django.test.utils import CaptureQueriesContext  # pylint: disable=import-outside-toplevel

    durations, queries = [], []
    for _ in range(runs):
        connection.queries_log.clear()  # a full log (9,000 entries) would make the capture count nothing
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            action()
            durations.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured.captured_queries))
    return statistics.median(durations), statistics.median(queries)


def _handler_names(block_class):
    return sorted(name for name in dir(block_class)
                  if getattr(getattr(block_class, name, None), "_is_xblock_handler", False))


def bench_scenario(description, xml, runs):
    from django.utils import translation  # pylint: disable=import-outside-toplevel
    from webob import Request  # pylint: disable=import-outside-toplevel

    from scripts.page_weight import fragment_weight  # pylint: disable=import-outside-toplevel
    from tests.fixtures.workbench_blocks import WorkbenchBlocks  # pylint: disable=import-outside-toplevel

    blocks = WorkbenchBlocks()
    block = blocks.block(xml, student="bench_learner", scenario="bench")
    rows = []
    with translation.override("fr"):
        weight = fragment_weight(block.runtime.render(block, "student_view", {}))
        def render_again():
            fresh = blocks.reload(block)  # what the next page view costs: a new runtime, fields from the database
            fresh.runtime.render(fresh, "student_view", {})

        view_ms, view_queries = _measure(render_again, runs)
        rows.append({"scenario": description, "what": "student_view", **weight,
                     "median_ms": round(view_ms, 1), "median_queries": view_queries})
        samples = getattr(type(block), "bench_handler_payloads", {})
        for name in _handler_names(type(block)):
            payload = samples.get(name, {})

            def call(name=name, payload=payload):
                request = Request.blank("/", method="POST", body=json.dumps(payload).encode())
                fresh = blocks.reload(block)
                fresh.runtime.handle(fresh, name, request)

            what = f"handler {name}" + ("" if name in samples else " (empty payload)")
            try:
                handler_ms, handler_queries = _measure(call, runs)
            except Exception as error:  # pylint: disable=broad-except  # reported, not hidden
                rows.append({"scenario": description, "what": what,
                             "median_ms": f"raised {type(error).__name__}", "median_queries": ""})
                continue
            rows.append({"scenario": description, "what": what,
                         "median_ms": round(handler_ms, 1), "median_queries": handler_queries})
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args(argv)
    _setup_django()
    from scripts.page_weight import our_block_classes  # pylint: disable=import-outside-toplevel

    print(f"{'scenario':40} {'what':38} {'raw B':>8} {'gzip B':>8} {'req':>4} {'ms':>7} {'SQL':>5}")
    for tag, block_class in our_block_classes():
        for description, xml in block_class.workbench_scenarios():
            try:
                rows = bench_scenario(description, xml, arguments.runs)
            except Exception as error:  # pylint: disable=broad-except  # one broken scenario must not hide the others
                print(f"{description[:40]:40} could not be measured: {error}")
                continue
            for row in rows:
                print(f"{row['scenario'][:40]:40} {row['what'][:38]:38} {row.get('raw_bytes', ''):>8} "
                      f"{row.get('gzip_bytes', ''):>8} {row.get('requests', ''):>4} {row['median_ms']!s:>7} "
                      f"{row['median_queries']!s:>5}")
        print(f"  ({tag})")
    try:
        from xblocks.peer_review import bench as peer_review_bench  # pylint: disable=import-outside-toplevel
    except ImportError:
        return 0
    print("\nPeer review allocation and assessment:")
    peer_review_bench.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
