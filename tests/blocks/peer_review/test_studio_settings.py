"""Studio refuses review settings the block could not use, instead of silently using defaults."""
from types import SimpleNamespace

import pytest
from django.utils import translation
from xblock.validation import Validation

FIELDS = ("reviews_required", "reviews_to_give", "lease_minutes", "flexible_after_hours",
          "flexible_reviews_required", "aggregation", "count_mentor_reviews", "count_self_assessment",
          "formative", "weight", "rubric", "mentor_rubric")


def studio_check(block, language="fr", **changes):
    data = SimpleNamespace(**{name: getattr(block, name) for name in FIELDS})
    for name, value in changes.items():
        setattr(data, name, value)
    validation = Validation(block.scope_ids.usage_id)
    with translation.override(language):
        block.validate_field_data(validation, data)
    return [message.text for message in validation.messages]


def test_the_default_settings_are_accepted(workbench):
    assert studio_check(workbench.block("<sirius_peer_review/>", student="trainer")) == []


@pytest.mark.parametrize("changes", [{"reviews_required": 0}, {"reviews_to_give": 99}, {"lease_minutes": 0},
                                     {"aggregation": "mode"}, {"weight": -1}])
def test_settings_out_of_range_are_refused_in_the_trainers_language(workbench, changes):
    messages = studio_check(workbench.block("<sirius_peer_review/>", student="trainer"), **changes)
    assert len(messages) == 1 and messages[0] and "%(" not in messages[0]
    assert messages != studio_check(workbench.block("<sirius_peer_review/>", student="trainer"), "en", **changes)


def test_the_default_title_is_in_the_learners_language_and_an_authors_title_as_written(workbench):
    default = workbench.render(workbench.block("<sirius_peer_review/>", student="amina"), language="fr").content
    assert '<h2 class="sirius-pr__title">Relecture entre pairs</h2>' in default
    authored = workbench.render(workbench.block('<sirius_peer_review display_name="Peer review"/>',
                                                student="amina"), language="fr").content
    assert '<h2 class="sirius-pr__title">Peer review</h2>' in authored
