"""Every course unit that holds one of our blocks opens as a workbench scenario (`make demo`)."""
from lxml import etree

from scripts.course_build import course_scenarios
from scripts.course_validate import COURSE_ROOT, OUR_BLOCK_TAGS


def units_with_our_blocks():
    units = []
    for path in sorted((COURSE_ROOT / "vertical").glob("*.xml")):
        if any(child.tag in OUR_BLOCK_TAGS for child in etree.parse(str(path)).getroot()):
            units.append(f"course_{path.stem}")
    return units


def test_one_scenario_per_unit_with_our_blocks():
    ids = [scenario_id for scenario_id, _description, _xml in course_scenarios()]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == units_with_our_blocks()
    assert {"course_u2_mon_canvas", "course_u3_calculateur", "course_u4_empreinte_entreprise",
            "course_u5_evaluation"} <= set(ids)


def test_scenario_xml_needs_nothing_from_the_lms():
    for _scenario_id, description, xml in course_scenarios():
        root = etree.fromstring(xml)
        assert root.tag == "vertical_demo" and description.startswith("Cours ENTR101 – ")
        assert "/static/" not in xml and "/jump_to_id/" not in xml
        ours = [child for child in root if child.tag in OUR_BLOCK_TAGS]
        assert ours and not any("url_name" in child.attrib for child in ours)
        assert root[0].tag == "html_demo" and len(etree.tostring(root[0])) > 300


def test_peer_review_scenario_brings_the_canvas_it_reviews():
    [xml] = [xml for scenario_id, _d, xml in course_scenarios() if scenario_id == "course_u5_evaluation"]
    tags = [child.tag for child in etree.fromstring(xml)]
    assert tags == ["html_demo", "sirius_canvas", "sirius_peer_review"]
    review = etree.fromstring(xml)[2]
    assert "source_block" not in review.attrib  # the course's usage key does not exist in the workbench
    assert review.find("rubric") is not None and review.find("mentor").get("username")
