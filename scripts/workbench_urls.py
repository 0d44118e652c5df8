"""Workbench URLs, plus the units of the course that use our blocks as extra scenarios."""
import logging

from django.http import HttpResponse
from django.urls import path
from workbench import scenarios
from workbench.urls import urlpatterns as workbench_urlpatterns

# Browsers ask every site for /favicon.ico; an empty answer keeps a 404 out of the console.
urlpatterns = [path("favicon.ico", lambda request: HttpResponse(status=204)), *workbench_urlpatterns]

log = logging.getLogger(__name__)
_init_block_scenarios = scenarios.init_scenarios


def init_scenarios_with_course_units():
    """The SDK builds every block's scenarios; we add each course unit that contains our blocks,
    so the interactive parts of the course can be tried locally."""
    _init_block_scenarios()
    try:
        from scripts.course_build import course_scenarios  # pylint: disable=import-outside-toplevel
    except ImportError:
        return
    for name, description, xml in course_scenarios():
        scenarios.add_xml_scenario(name, description, xml)


scenarios.init_scenarios = init_scenarios_with_course_units
