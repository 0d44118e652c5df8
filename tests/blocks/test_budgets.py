"""Each learner view stays light in every language: its own HTML (with its init arguments), JS and CSS
within the block's gzip budget, at most one JS and one CSS file to fetch, and no file in a block's
public/ alone over the budget."""
import importlib.resources

import pytest

from scripts.page_weight import LEARNER_VIEW_BUDGET_KB, fragment_weight, gzip_size, our_block_classes

BLOCKS = our_block_classes()


def test_every_block_has_a_budget():
    assert sorted(tag for tag, _cls in BLOCKS) == sorted(LEARNER_VIEW_BUDGET_KB)


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize("tag, block_class", BLOCKS, ids=[tag for tag, _ in BLOCKS])
def test_learner_view_is_within_budget(workbench, tag, block_class, language):
    scenarios = block_class.workbench_scenarios()
    assert scenarios, f"{tag} has no workbench scenario"
    measured = 0
    for _description, xml in scenarios:
        for block in _blocks_of_type(workbench.block(xml, student="budget_learner"), tag):
            weight = fragment_weight(workbench.render(block, "student_view", language=language))
            assert weight["gzip_bytes"] <= LEARNER_VIEW_BUDGET_KB[tag] * 1024, (tag, weight)
            assert weight["requests"] <= 2, (tag, weight)  # one JS and one CSS file of the block, no more
            measured += 1
    assert measured, f"{tag}: no scenario shows the block"


def _blocks_of_type(block, tag):
    """The block itself, or each block of that type inside a page (vertical) scenario."""
    if block.scope_ids.block_type == tag:
        return [block]
    found = []
    for child in block.get_children() if block.has_children else []:
        found += _blocks_of_type(child, tag)
    return found


@pytest.mark.parametrize("tag, block_class", BLOCKS, ids=[tag for tag, _ in BLOCKS])
def test_each_public_file_is_within_budget(tag, block_class):
    public = importlib.resources.files(block_class.__module__.rsplit(".", 1)[0]).joinpath("public")
    files = [entry for entry in public.iterdir() if entry.is_file()]
    assert files, f"{tag} ships no public/ files"
    for entry in files:
        assert gzip_size(entry.read_bytes()) <= LEARNER_VIEW_BUDGET_KB[tag] * 1024, entry.name
