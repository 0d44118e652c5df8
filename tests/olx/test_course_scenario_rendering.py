"""Each course unit with our blocks renders on the workbench runtime, in French, as `make demo` shows it."""
from lxml import etree

from scripts.course_build import course_scenarios


def test_each_scenario_renders_its_blocks_in_french(workbench):
    for scenario_id, _description, xml in course_scenarios():
        unit = workbench.block(xml, student="amina", scenario=scenario_id)
        html = workbench.render(unit, language="fr").content
        assert "sirius-root" in html, scenario_id
        first_words = etree.fromstring(xml)[0].xpath("string(.//p[1])").split()[:3]
        assert " ".join(first_words) in html, scenario_id
