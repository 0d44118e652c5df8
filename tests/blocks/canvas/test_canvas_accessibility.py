"""What a screen reader is told by the rendered canvas views."""
import lxml.html


def test_the_conflict_question_is_a_dialog_with_a_translated_name(workbench):
    block = workbench.block("<sirius_canvas/>", student="amina")
    tree = lxml.html.fromstring(workbench.render(block, language="fr").content)
    dialogs = [node for node in tree.iter() if isinstance(node.tag, str)
               and node.get("role") in ("dialog", "alertdialog")]
    assert dialogs
    for dialog in dialogs:
        assert dialog.get("aria-label") == "Votre canevas a changé dans une autre fenêtre ou sur un autre appareil."
