"""Template and section definitions read from the data files."""
import pytest

from xblocks.canvas import definitions
from xblocks.canvas.messages import CanvasError

BMC_KEYS = ["customer_segments", "value_propositions", "channels", "customer_relationships",
            "revenue_streams", "key_resources", "key_activities", "key_partners", "cost_structure"]


def test_bmc_is_the_default_with_nine_sections_in_fill_order():
    assert definitions.template_keys()[0] == "bmc"
    sections = definitions.default_sections("bmc", False, "en")
    assert [section.key for section in sections] == BMC_KEYS


def test_lean_replaces_four_blocks():
    keys = {section.key for section in definitions.default_sections("lean", False, "en")}
    assert {"problem", "solution", "key_metrics", "unfair_advantage", "unique_value_proposition"} <= keys
    assert not keys & {"key_partners", "key_activities", "key_resources", "customer_relationships"}
    assert len(keys) == 9


@pytest.mark.parametrize("template", ["bmc", "lean"])
def test_responsible_layer_adds_environmental_and_social_sections_on_top(template):
    plain = definitions.default_sections(template, False, "en")
    layered = definitions.default_sections(template, True, "en")
    assert layered[:len(plain)] == plain
    layers = [section.layer for section in layered[len(plain):]]
    assert layers.count("environmental") == 4 and layers.count("social") == 4


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_section_has_title_question_and_example_in_each_language(language):
    for key, definition in definitions.section_catalog().items():
        for field in ("title", "question", "example"):
            assert definition[field].get(language, "").strip(), (key, field, language)


def test_texts_follow_the_language_and_fall_back_to_english():
    assert definitions.default_sections("bmc", False, "fr")[0].title == "Segments de clients"
    assert definitions.default_sections("bmc", False, "ar")[0].title == "شرائح العملاء"
    assert definitions.default_sections("bmc", False, "uk")[0].title == "Customer segments"


def test_unknown_template_falls_back_to_bmc():
    assert [s.key for s in definitions.default_sections("nope", False, "en")] == BMC_KEYS


def test_author_sections_replace_defaults_and_keep_grid_place_of_known_keys():
    sections = definitions.sections_for("bmc", False, "fr", [
        {"key": "customer_segments", "title": "  Qui paie ?  ", "question": "Q", "example": ""},
        {"key": "beneficiaries", "title": "Bénéficiaires", "question": "", "example": "", "layer": "social"},
    ])
    assert [(s.key, s.title, s.area, s.layer) for s in sections] == [
        ("customer_segments", "Qui paie ?", "cs", "economic"),
        ("beneficiaries", "Bénéficiaires", "", "social"),
    ]


@pytest.mark.parametrize("entries, message_part", [
    ("not a list", "must be a list"),
    ([{"key": "Bad Key", "title": "x"}], "key must be"),
    ([{"key": "a", "title": ""}], "needs a title"),
    ([{"key": "a", "title": "x"}, {"key": "a", "title": "y"}], "Two sections"),
    ([{"key": "a", "title": "x" * 81}], "longer than"),
    ([{"key": "a", "title": "x", "question": 3}], "must be text"),
    ([{"key": "a", "title": "x", "layer": "moon"}], "unknown layer"),
    ([{"key": f"k{i}", "title": "x"} for i in range(31)], "at most"),
])
def test_bad_author_sections_are_refused(entries, message_part):
    with pytest.raises(CanvasError) as error:
        definitions.validate_author_sections(entries)
    assert message_part in error.value.render(lambda s: s)
