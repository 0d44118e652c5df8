"""The canvas to review is named by its url_name, so the course works under any course id."""


class CourseKey:
    """What the platform's course key offers (opaque-keys' CourseLocator.make_usage_key)."""

    def __init__(self, course):
        self.course = course

    def make_usage_key(self, block_type, block_id):
        return f"block-v1:{self.course}+type@{block_type}+block@{block_id}"


class UsageKey(str):
    context_key = CourseKey("ASBL-Liege+ENTR101+2027")


def test_a_url_name_resolves_in_the_course_the_block_was_imported_into(workbench):
    block = workbench.block('<sirius_peer_review source_block="canvas_entreprise"/>', student="amina")
    assert block.source_block == "canvas_entreprise"  # read (and cached) before the id changes below
    # As the LMS gives it: a usage key whose course key makes the keys of the course's other blocks.
    block.scope_ids = block.scope_ids._replace(
        usage_id=UsageKey("block-v1:ASBL-Liege+ENTR101+2027+type@sirius_peer_review+block@revue"))
    assert block.source_usage_id() == "block-v1:ASBL-Liege+ENTR101+2027+type@sirius_canvas+block@canvas_entreprise"


def test_a_full_usage_key_is_kept_as_written(workbench):
    key = "block-v1:SiriusHub+ENTR101+2026+type@sirius_canvas+block@canvas_entreprise"
    block = workbench.block(f'<sirius_peer_review source_block="{key}"/>', student="amina")
    assert block.source_usage_id() == key


def test_without_a_course_a_url_name_falls_back_to_the_canvas_of_the_unit(workbench):
    page = workbench.block('<vertical_demo><sirius_canvas/><sirius_peer_review source_block="canvas_entreprise"/>'
                           '</vertical_demo>', student="amina")
    canvas, review = page.get_children()
    assert review.source_usage_id() == str(canvas.scope_ids.usage_id)
