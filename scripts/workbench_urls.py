"""Workbench URLs, plus the units of the course that use our blocks as extra scenarios."""
import logging

from workbench import scenarios
from workbench.urls import urlpatterns  # noqa: F401  (re-exported as this project's URLconf)

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
