"""Helpers for the peer-review block tests: the scenario blocks and reading a view's init args."""
import json
import re

import pytest

from xblocks.common.rendering import load_resource
from xblocks.peer_review.block import SCENARIOS as SCENARIO_NAMES

SCENARIOS = {name: load_resource("xblocks.peer_review", f"scenarios/{name}.xml") for name, _ in SCENARIO_NAMES}


def init_args(fragment):
    """What a view hands to its JavaScript, read back from the page."""
    args = re.search(r'<script type="json/xblock-args" class="xblock_json_init_args">(.*?)</script>',
                     fragment.content, re.S).group(1)
    return json.loads(json.loads(args)["data"])  # the block escapes < > & in a JSON string


ASSESSMENT = {"scores": {"customers": "clear", "offer": "clear"},
              "comments": {"customers": "Ce qui marche : le public est précis."}, "overall_comment": "Bravo"}


@pytest.fixture
def cohort(workbench):
    """The written-response scenario as three learners (amina, bilal, chen), each having submitted."""
    amina = workbench.block(SCENARIOS["own_response"], student="amina")
    learners = {"amina": amina}
    for name in ("bilal", "chen"):
        learners[name] = workbench.as_student(amina, name)
    for name, block in learners.items():
        status, _ = workbench.call(block, "submit_work", {"text": f"Le projet de {name}", "link": ""})
        assert status == 200
    return learners
