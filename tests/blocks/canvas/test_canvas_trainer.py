"""The trainer's side: cohort, read-only canvas with hints, comments and status the learner sees,
cohort export; plus escaping of every text field in every view, and the OLX round trip."""
import csv
import io
import json
import re

import lxml.html
from lxml import etree

BMC = "<sirius_canvas/>"
COURSE = "course-v1:SiriusHub+Workbench+local"
XSS = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&'


def note(item_id, text, **extra):
    return {"id": item_id, "text": text, "colour": "", "tag": "", **extra}


def submitted_learner(workbench, xml=BMC, student="amina", sections=None):
    block = workbench.block(xml, student=student)
    sections = sections or {"customer_segments": [note("s", "Parents"), note("t", "Students")],
                            "channels": [note("c", "WhatsApp", tag="Parents")]}
    status, _body = workbench.call(block, "save_draft", {"version": 0, "canvas": {"sections": sections}})
    assert status == 200
    status, _body = workbench.call(workbench.reload(block), "submit", {"version": 1})
    assert status == 200
    return workbench.reload(block)


def test_cohort_lists_learners_with_status_and_activity(workbench):
    block = submitted_learner(workbench)
    drafting = workbench.as_student(block, "bilal")
    workbench.call(drafting, "save_draft", {"version": 0, "canvas": {"sections": {"channels": [note("x", "Shop")]}}})
    trainer = workbench.as_student(block, "trainer")
    status, body = workbench.call(trainer, "cohort", {}, language="fr")
    assert status == 200
    rows = {row["learner"]: row for row in body["learners"]}
    assert rows["amina"]["status_label"] == "Envoyé" and rows["amina"]["submitted_at"]
    assert rows["bilal"]["status_label"] == "Brouillon" and rows["bilal"]["last_activity"]


def test_trainer_opens_a_canvas_with_hints_and_the_learner_sees_comment_and_status(workbench):
    block = submitted_learner(workbench)
    trainer = workbench.as_student(block, "trainer")
    status, body = workbench.call(trainer, "learner_canvas", {"learner": "wb-amina"}, language="fr")
    assert status == 200 and body["name"] == "amina"
    assert [s["title"] for s in body["snapshot"]["sections"]][0] == "Customer segments"
    assert any("« Students »" in hint["text"] for hint in body["hints"])

    status, body = workbench.call(trainer, "comment_section",
                                  {"learner": "wb-amina", "section": "channels", "text": "Which app exactly?"})
    assert status == 200
    status, body = workbench.call(workbench.reload(trainer), "set_review_status",
                                  {"learner": "wb-amina", "status": "needs_changes"}, language="fr")
    assert status == 200 and body["status_label"] == "À modifier"
    assert [e["data"] for e in workbench.events(block, "sirius.canvas.status_set")] == [{"status": "needs_changes"}]

    learner_page = workbench.render(workbench.reload(block), language="fr").content
    assert "Which app exactly?" in learner_page
    assert "À modifier" in learner_page

    # The learner's autosave does not touch the review; a new submission asks for a new one.
    from xblocks.canvas.app import api
    workbench.call(workbench.reload(block), "save_draft", {"version": 1, "canvas": {"sections": {
        "channels": [note("c", "WhatsApp group", tag="Parents")]}}})
    review = api.get_review(COURSE, str(block.scope_ids.usage_id), "wb-amina")
    assert review["comments"]["channels"]["text"] == "Which app exactly?" and review["status"] == "needs_changes"
    assert "À modifier" in workbench.render(workbench.reload(block), language="fr").content
    workbench.call(workbench.reload(block), "submit", {"version": 2})
    status, body = workbench.call(workbench.reload(trainer), "cohort", {})
    assert body["learners"][0]["status"] == "submitted"
    assert "Which app exactly?" in workbench.render(workbench.reload(block)).content


def test_trainer_input_is_validated(workbench):
    block = submitted_learner(workbench)
    trainer = workbench.as_student(block, "trainer")
    for handler, payload, expected in (
        ("learner_canvas", {"learner": "wb-nobody"}, 404),
        ("learner_canvas", {"learner": 12}, 400),
        ("set_review_status", {"learner": "wb-amina", "status": "finished"}, 400),
        ("comment_section", {"learner": "wb-amina", "section": "nowhere", "text": "x"}, 400),
        ("comment_section", {"learner": "wb-amina", "section": "channels", "text": "x" * 1001}, 400),
    ):
        status, body = workbench.call(workbench.reload(trainer), handler, payload, language="ar")
        assert status == expected, (handler, body)
        assert body["error"] and not body["error"].isascii()  # an Arabic sentence
    from xblocks.canvas.app import api
    assert api.get_review(COURSE, str(block.scope_ids.usage_id), "wb-amina") == {
        "status": "", "status_at": "", "comments": {}}


def test_cohort_export_csv_and_json(workbench):
    block = submitted_learner(workbench, sections={"channels": [note("c", "=1+1", tag="@x")]})
    trainer = workbench.as_student(block, "trainer")
    status, text = workbench.call(trainer, "export_cohort", method="GET")
    assert status == 200
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "amina" and rows[1][6] == "'=1+1" and rows[1][7] == "'@x"
    request_status, body = workbench.call(trainer, "export_cohort", method="GET")
    assert request_status == 200


def test_every_text_field_is_escaped_in_every_view(workbench):
    xml = f"""<sirius_canvas display_name="{XSS.replace('&', '&amp;').replace('<', '&lt;').replace('"', '&quot;')}">
      <section key="channels" title="T{XSS.replace('&', '&amp;').replace('<', '&lt;').replace('"', '&quot;')}">
        <question>Q{XSS.replace('&', '&amp;').replace('<', '&lt;')}</question>
        <example>E{XSS.replace('&', '&amp;').replace('<', '&lt;')}</example>
      </section>
    </sirius_canvas>"""
    block = workbench.block(xml, student="amina")
    assert block.sections[0]["question"] == "Q" + XSS
    workbench.call(block, "save_draft", {"version": 0, "canvas": {"sections": {
        "channels": [note("a", XSS, tag=XSS[:40])]}}})
    workbench.call(workbench.reload(block), "submit", {"version": 1})
    trainer = workbench.as_student(block, "trainer")
    workbench.call(trainer, "comment_section", {"learner": "wb-amina", "section": "channels", "text": XSS})

    pages = {
        "learner": workbench.render(workbench.reload(block)).content,
        "trainer": workbench.render(workbench.reload(trainer)).content,
        "author": workbench.render(workbench.reload(block), "author_view").content,
    }
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        tree = lxml.html.fromstring(html)
        handlers = [(el.tag, attr) for el in tree.iter() if isinstance(el.tag, str)
                    for attr in el.attrib if attr.lower().startswith("on")]
        assert handlers == [], name  # no element got an event handler
        assert [el.get("src") for el in tree.iter("img")] in ([], [None, None]), name
        # Only the runtime's JSON/known scripts: none opened by learner or author text.
        assert not [el for el in tree.iter("script") if "alert" in (el.text or "") and
                    el.get("type") != "json/xblock-args"], name
        assert "<script>alert" not in html, name
    assert "&lt;/script&gt;" in pages["learner"]  # the comment and the author texts, shown as text

    status, body = workbench.call(trainer, "learner_canvas", {"learner": "wb-amina"})
    assert body["snapshot"]["sections"][0]["items"][0]["text"] == XSS  # data stays data; JS uses textContent
    status, exported = workbench.call(trainer, "export_cohort", method="GET")
    assert status == 200 and XSS.replace('"', '""') in exported


def test_olx_round_trip_keeps_values_and_edited_sections_but_no_learner_state(workbench):
    xml = """<sirius_canvas display_name="Mon canevas" template="lean" responsible_layer="true">
      <section key="problem" title="Quel problème ?"><question>Pour qui ?</question><example>Pas le temps</example></section>
      <section key="soc_benefits" title="Bienfaits" layer="social"><question>Q</question><example></example></section>
    </sirius_canvas>"""
    block = workbench.block(xml, student="amina")
    workbench.call(block, "save_draft", {"version": 0, "canvas": {"sections": {"problem": [note("a", "secret")]}}})
    block = workbench.reload(block)
    node = etree.Element("root")
    block.add_xml_to_node(node)
    exported = etree.tostring(node, encoding="unicode")
    assert "secret" not in exported and "version" not in node.attrib
    again = workbench.block(exported, student="someone")
    for field in ("display_name", "template", "responsible_layer", "sections"):
        assert getattr(again, field) == getattr(block, field), field
    assert again.sections == [
        {"key": "problem", "title": "Quel problème ?", "layer": "", "question": "Pour qui ?", "example": "Pas le temps"},
        {"key": "soc_benefits", "title": "Bienfaits", "layer": "social", "question": "Q", "example": ""},
    ]
    html = workbench.render(again).content
    data = json.loads(json.loads(re.search(r'class="xblock_json_init_args">(.*?)</script>', html, re.S).group(1))["data"])
    assert [(s["key"], s["title"]) for s in data["sections"]] == [("problem", "Quel problème ?"), ("soc_benefits", "Bienfaits")]
    layers = lxml.html.fromstring(html)
    assert [el.get("data-section") for el in layers.find_class("sirius-canvas__layer--social")[0].find_class(
        "sirius-canvas__section")] == ["soc_benefits"]


def test_studio_refuses_bad_template_and_bad_sections(workbench):
    from types import SimpleNamespace

    from xblock.validation import Validation

    block = workbench.block(BMC, student="author")
    validation = Validation(block.scope_ids.usage_id)
    block.validate_field_data(validation, SimpleNamespace(template="swot", sections=[{"key": "Bad Key"}]))
    assert [message.text for message in validation.messages] == [
        "Unknown canvas template.", "Section 1: the key must be lower-case letters, digits or “_”."]
    fine = Validation(block.scope_ids.usage_id)
    block.validate_field_data(fine, SimpleNamespace(template="lean", sections=[{"key": "problem", "title": "P"}]))
    assert fine.empty


def test_studio_editor_offers_template_layer_and_sections(workbench):
    block = workbench.block(BMC, student="author")
    html = workbench.render(block, "studio_view").content
    for field in ("display_name", "template", "responsible_layer", "sections"):
        assert f'data-field-name="{field}"' in html, field
