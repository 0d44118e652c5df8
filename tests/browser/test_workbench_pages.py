"""The workbench a newcomer opens with `make demo`: the index lists our scenarios, and every one of
them opens for a learner and for a trainer without a script error or a request to another host."""
import pytest

from scripts.page_weight import our_block_classes

pytestmark = pytest.mark.browser


def test_index_lists_every_block_scenario_and_each_opens_cleanly(open_page, live_workbench):
    page = index = open_page("/")
    links = index.eval_on_selector_all("a[href^='/scenario/']", "links => links.map(link => link.getAttribute('href'))")
    expected = sum(len(block_class.workbench_scenarios()) for _tag, block_class in our_block_classes())
    assert len(links) >= expected > 0
    for student in ("amina", "trainer"):
        for link in links:
            page.goto(f"{live_workbench}{link}?student={student}")
            assert page.locator(".sirius-root").count() >= 1, link
            page.wait_for_load_state("networkidle")


def test_language_choice_sets_direction(open_page):
    index = open_page("/")
    first = index.eval_on_selector("a[href^='/scenario/']", "link => link.getAttribute('href')")
    page = open_page(f"{first}?student=amina&lang=ar")
    assert page.get_attribute(".sirius-root", "dir") == "rtl"
    assert page.get_attribute(".sirius-root", "lang") == "ar"
