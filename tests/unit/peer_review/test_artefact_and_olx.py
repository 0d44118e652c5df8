"""What a learner submits, and the OLX child elements (no Django, no XBlock runtime)."""
import pytest
from lxml import etree

from xblocks.peer_review import olx
from xblocks.peer_review.artefact import artefact_for_display, canvas_artefact, response_artefact
from xblocks.peer_review.rubric import RubricError


@pytest.mark.parametrize("payload, field", [
    ({"text": ""}, "text"), ({"text": "x" * 101}, "text"), ({"text": ["x"]}, "text"),
    ({"text": "ok", "link": "ftp://example.org"}, "link"), ({"text": "ok", "link": "javascript:alert(1)"}, "link"),
    ({"text": "ok", "link": "https://"}, "link"),
])
def test_bad_responses_are_refused(payload, field):
    with pytest.raises(RubricError) as raised:
        response_artefact(payload, 100)
    assert raised.value.field == field


def test_a_response_keeps_text_and_link_stripped():
    assert response_artefact({"text": "  Mon idée  ", "link": " https://exemple.be/plan "}, 100) == {
        "kind": "response", "text": "Mon idée", "link": "https://exemple.be/plan"}


def test_a_canvas_keeps_titles_and_note_texts_only():
    snapshot = {"template": "bmc", "submission_uuid": "abc", "sections": [
        {"key": "customer_segments", "title": "Clients", "layer": "economic",
         "items": [{"id": "n1", "text": "Parents", "colour": "blue", "tag": "Liège"}, {"id": "n2", "text": "  "}]}]}
    artefact = canvas_artefact(snapshot)
    assert artefact["sections"] == [{"title": "Clients", "layer": "economic",
                                     "items": [{"text": "Parents", "tag": "Liège"}]}]
    assert "canvas_submission" not in artefact_for_display(artefact)


def test_child_elements_round_trip():
    rubric = {"criteria": [{"name": "offer", "label": "Offre", "prompt": "Clair ?", "levels": [
        {"name": "no", "label": "Non", "points": 0, "description": "Rien"},
        {"name": "yes", "label": "Oui", "points": 2, "description": ""}]}]}
    examples = [{"text": "Un exemple", "scores": {"offer": "yes"}}]
    node = etree.Element("sirius_peer_review")
    olx.write_children(node, "Consigne", rubric, {}, ["ana", "ben"], examples)
    parsed = olx.read_children(etree.fromstring(etree.tostring(node)))
    assert parsed == {"prompt": "Consigne", "rubric": rubric, "mentor_usernames": ["ana", "ben"],
                      "calibration_examples": examples}


def test_reading_leaves_other_children_alone():
    node = etree.fromstring('<sirius_peer_review><rubric/><other/></sirius_peer_review>')
    values = olx.read_children(node)
    assert values == {"rubric": {"criteria": []}} and [child.tag for child in node] == ["other"]
