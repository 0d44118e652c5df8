"""Studio's settings form shows our blocks' labels and help in the author's language."""
import pytest
from django.utils import translation


@pytest.mark.parametrize("xml, field", [("<sirius_footprint/>", "display_name"),
                                        ("<sirius_canvas/>", "template"),
                                        ("<sirius_peer_review/>", "reviews_to_give")])
def test_settings_form_labels_are_translated(workbench, xml, field):
    block = workbench.block(xml, student="trainer")
    with translation.override("en"):
        english = block._make_field_info(field, block.fields[field])  # pylint: disable=protected-access
    with translation.override("fr"):
        french = block._make_field_info(field, block.fields[field])  # pylint: disable=protected-access
    assert english["display_name"] and french["display_name"] != english["display_name"]
