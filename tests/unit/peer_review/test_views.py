"""View data: script-safe init arguments and CSV cells that cannot run as formulas."""
import json

from xblocks.common.rendering import script_safe_json
from xblocks.peer_review.views import _cell


def test_init_arguments_cannot_close_their_script_element():
    text = script_safe_json({"comment": "</script><script>alert(1)</script> & co"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"comment": "</script><script>alert(1)</script> & co"}


def test_spreadsheet_formulas_are_neutralised():
    assert _cell("=SUM(A1)") == "'=SUM(A1)" and _cell("+1") == "'+1" and _cell("@x") == "'@x"
    assert _cell("Bravo") == "Bravo" and _cell(None) == "" and _cell(3) == "3"


def test_formulas_hidden_behind_spaces_line_breaks_or_full_width_signs_are_neutralised():
    for text in (" =HYPERLINK(\"http://x\")", "\n=1+1", "\u00a0+1", "\uff1dSUM(A1)", "\uff20x", "\t-2"):
        assert _cell(text) == "'" + text
    assert _cell("  Bravo = merci") == "  Bravo = merci" and _cell(" ") == " "
