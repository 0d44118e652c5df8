"""Each coherence rule, on the smallest canvas that triggers it and one that does not."""
import pytest

from xblocks.canvas import definitions
from xblocks.canvas.coherence import RULES, coherence_hints

BMC = [s.key for s in definitions.default_sections("bmc", False, "en")]
LEAN = [s.key for s in definitions.default_sections("lean", False, "en")]
BMC_RESPONSIBLE = [s.key for s in definitions.default_sections("bmc", True, "en")]


def canvas(keys, **filled):
    sections = {key: [] for key in keys}
    counter = 0
    for key, notes in filled.items():
        for text in notes:
            counter += 1
            text, _, tag = text.partition("#")
            sections[key].append({"id": f"n{counter}", "text": text, "colour": "", "tag": tag})
    return {"sections": sections}


def rules_hit(canvas_data, keys):
    return [hint["rule"] for hint in coherence_hints(canvas_data, keys)]


# A coherent BMC: nothing to say.
COMPLETE = dict(customer_segments=["Parents"], value_propositions=["Warm meals"], channels=["WhatsApp"],
                customer_relationships=["Weekly message"], revenue_streams=["Subscription"],
                key_resources=["Kitchen"], key_activities=["Cooking"], key_partners=["Farm"],
                cost_structure=["Kitchen rent#Kitchen"])


def test_complete_canvas_and_empty_canvas_have_no_hints():
    assert rules_hit(canvas(BMC, **COMPLETE), BMC) == []
    assert rules_hit(canvas(BMC), BMC) == []


def test_segment_with_no_channel_or_relationship():
    data = canvas(BMC, **{**COMPLETE, "customer_segments": ["Parents", "Students"],
                          "value_propositions": ["Warm meals#Parents", "Cheap lunch#Students"],
                          "channels": ["WhatsApp#Parents"], "customer_relationships": []})
    hints = coherence_hints(data, BMC)
    assert [(h["rule"], h["params"]) for h in hints] == [
        ("segment_without_channel_or_relationship", {"segment": "Students"})]
    assert hints[0]["sections"] == ["customer_segments", "channels", "customer_relationships"]


def test_segment_named_in_a_relationship_text_is_reached():
    data = canvas(BMC, **{**COMPLETE, "customer_segments": ["Parents", "Students"],
                          "value_propositions": ["Warm meals#Parents", "Cheap lunch#Students"],
                          "channels": ["WhatsApp#Parents"], "customer_relationships": ["Discount for students#x"]})
    assert rules_hit(data, BMC) == []


def test_lean_segment_without_channel_uses_the_lean_message():
    data = canvas(LEAN, customer_segments=["Parents"], problem=["No time"], solution=["Meals"])
    assert "segment_without_channel" in rules_hit(data, LEAN)
    assert "segment_without_channel_or_relationship" not in rules_hit(data, LEAN)


def test_value_proposition_without_any_segment():
    data = canvas(BMC, **{**COMPLETE, "customer_segments": []})
    assert rules_hit(data, BMC) == ["value_proposition_without_segment"]


def test_value_proposition_not_tied_to_one_of_several_segments():
    data = canvas(BMC, **{**COMPLETE, "customer_segments": ["Parents", "Students"],
                          "value_propositions": ["Warm meals#Parents", "Cheap lunch"]})
    hints = [h for h in coherence_hints(data, BMC) if h["rule"] == "value_proposition_not_tied_to_segment"]
    assert [h["params"] for h in hints] == [{"item": "Cheap lunch"}]


def test_value_proposition_tagged_with_an_unknown_segment():
    data = canvas(BMC, **{**COMPLETE, "value_propositions": ["Warm meals#Tourists"]})
    assert rules_hit(data, BMC) == ["value_proposition_not_tied_to_segment"]


@pytest.mark.parametrize("section, rule", [("revenue_streams", "revenue_streams_empty"),
                                           ("cost_structure", "cost_structure_empty")])
def test_empty_revenue_or_costs_when_the_rest_is_filled(section, rule):
    assert rules_hit(canvas(BMC, **{**COMPLETE, section: []}), BMC) == [rule]


def test_costs_without_any_activity_or_resource():
    data = canvas(BMC, **{**COMPLETE, "key_activities": [], "key_resources": []})
    assert rules_hit(data, BMC) == ["costs_without_activity_or_resource"]


def test_tagged_cost_with_no_matching_activity_or_resource():
    data = canvas(BMC, **{**COMPLETE, "cost_structure": ["Kitchen rent#Kitchen", "Van fuel#Van"]})
    hints = coherence_hints(data, BMC)
    assert [(h["rule"], h["params"]) for h in hints] == [
        ("cost_without_matching_activity_or_resource", {"item": "Van fuel"})]


def test_problem_without_solution_on_lean():
    data = canvas(LEAN, problem=["No time"], customer_segments=["Parents"], channels=["App"],
                  unique_value_proposition=["Meals"], revenue_streams=["Sub"], cost_structure=["Rent"])
    assert rules_hit(data, LEAN) == ["problem_without_solution"]


def test_empty_responsible_layer_only_when_the_layer_is_on():
    assert rules_hit(canvas(BMC_RESPONSIBLE, **COMPLETE), BMC_RESPONSIBLE) == ["responsible_layer_empty"]
    assert "responsible_layer_empty" not in rules_hit(canvas(BMC, **COMPLETE), BMC)


def test_one_layer_filled_the_other_empty():
    env = canvas(BMC_RESPONSIBLE, **COMPLETE, env_impacts=["Gas"])
    assert rules_hit(env, BMC_RESPONSIBLE) == ["social_layer_empty"]
    social = canvas(BMC_RESPONSIBLE, **COMPLETE, soc_benefits=["Jobs"])
    assert rules_hit(social, BMC_RESPONSIBLE) == ["environmental_layer_empty"]
    both = canvas(BMC_RESPONSIBLE, **COMPLETE, soc_benefits=["Jobs"], env_impacts=["Gas"])
    assert rules_hit(both, BMC_RESPONSIBLE) == []


def test_blank_notes_count_as_empty():
    data = canvas(BMC, **{**COMPLETE, "revenue_streams": [""]})
    assert rules_hit(data, BMC) == ["revenue_streams_empty"]


def test_every_rule_message_formats_with_the_parameters_its_check_gives():
    for rule in RULES:
        assert "{" not in rule.message
    long_text = "x" * 200
    data = canvas(BMC, customer_segments=["A", long_text], value_propositions=["zz"], cost_structure=["c#t"],
                  key_activities=["k"])
    for hint in coherence_hints(data, BMC):
        rendered = hint["message"] % hint["params"] if hint["params"] else hint["message"]
        assert len(rendered) < 250
