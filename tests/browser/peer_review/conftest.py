"""Local until the shared `open_page` ignores them: Chromium logs as console errors the favicon's 404
(not the block's) and every 4xx answer of a handler, which here is a refusal the page shows to the
learner on purpose (a bad link, a stale review). A 5xx answer still fails the test."""
import os
import re
import subprocess
import sys

import pytest

from tests.fixtures.live_workbench import (  # pylint: disable=protected-access
    ARTIFACTS, ROOT, PageProblems, _free_port, _wait_until_serving)


class PeerReviewPageProblems(PageProblems):
    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", self._check_request)

    def _console(self, message):
        url = (message.location or {}).get("url", "")
        if message.type != "error" or url.endswith("/favicon.ico"):
            return
        if "/handler/" in url and re.search(r"status of 4\d\d", message.text):
            return
        self.console_errors.append(message.text)


@pytest.fixture
def open_page(chromium, live_workbench, request):
    """The shared fixture's contract (see tests/README.md), minus the favicon's 404."""
    opened = []

    def open_path(path, viewport=None, locale="en-GB"):
        context = chromium.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale=locale)
        page = context.new_page()
        problems = PeerReviewPageProblems(live_workbench)
        problems.watch(page)
        opened.append((context, page, problems))
        page.goto(live_workbench + path)
        return page

    yield open_path
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    found = []
    for index, (context, page, problems) in enumerate(opened):
        if failed and not page.is_closed():
            os.makedirs(ARTIFACTS, exist_ok=True)
            page.screenshot(path=os.path.join(ARTIFACTS, f"{request.node.name}-{index}.png"), full_page=True)
        found += [f"console error: {text}" for text in problems.console_errors]
        found += [f"request to another host: {url}" for url in problems.foreign_requests]
        context.close()
    if found:
        pytest.fail("\n".join(found))



@pytest.fixture(scope="session")
def live_workbench(tmp_path_factory):
    """The shared live workbench, with SQLite write transactions that start IMMEDIATE.

    Django's default deferred transactions let two requests both read, then both try to write:
    SQLite refuses one at once ("database is locked", a 500) instead of making it wait. Two
    learners acting at the same moment hit it on the workbench. `transaction_mode: IMMEDIATE`
    (Django ≥ 5.1) makes the second one wait its turn. Local until scripts/database_url.py sets it.
    """
    database = str(tmp_path_factory.mktemp("workbench") / "browser.db")
    env = dict(os.environ, PYTHONPATH=ROOT, SIRIUS_DATABASE_URL="sqlite:///" + database,
               DJANGO_SETTINGS_MODULE="tests.browser.peer_review.immediate_settings")
    subprocess.run([sys.executable, "-m", "django", "migrate", "--run-syncdb", "--verbosity", "0"],
                   cwd=ROOT, env=env, check=True)
    port = _free_port()
    log_path = tmp_path_factory.mktemp("workbench-log") / "server.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base_url, server, log_path)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
