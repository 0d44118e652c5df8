"""Local until the shared `open_page` ignores it: Chromium asks every page for /favicon.ico, which
the workbench answers with 404, and logs that as a console error that is not the block's."""
import os

import pytest

from tests.fixtures.live_workbench import ARTIFACTS, PageProblems


class CanvasPageProblems(PageProblems):
    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", self._check_request)

    def _console(self, message):
        if message.type == "error" and not (message.location or {}).get("url", "").endswith("/favicon.ico"):
            self.console_errors.append(message.text)


@pytest.fixture
def open_page(chromium, live_workbench, request):
    """The shared fixture's contract (see tests/README.md), minus the favicon's 404."""
    opened = []

    def open_path(path, viewport=None, locale="en-GB"):
        context = chromium.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale=locale)
        page = context.new_page()
        problems = CanvasPageProblems(live_workbench)
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
