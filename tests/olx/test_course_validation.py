"""The course validates clean, and each rule names the file and line of what a broken copy breaks."""
import json

import pytest

from scripts import course_validate
from scripts.course_validate import COURSE_ROOT, validate_course

from .conftest import line_of, replace_in


def errors_of(root, rule):
    return [error for error in validate_course(root) if error.rule == rule]


def test_course_validates_clean():
    errors = validate_course(COURSE_ROOT)
    assert errors == [], "\n".join(map(str, errors))


def test_cli_exit_status_and_messages(course_copy, capsys):
    assert course_validate.main([str(COURSE_ROOT)]) == 0
    (course_copy / "static" / "canvas.svg").unlink()
    assert course_validate.main([str(course_copy)]) == 1
    line = line_of(course_copy / "html" / "u2_modele_texte.html", "/static/canvas.svg")
    assert f"html/u2_modele_texte.html:{line}: [static] /static/canvas.svg does not exist" in capsys.readouterr().err


def test_missing_static_file_names_file_and_line(course_copy):
    (course_copy / "static" / "canvas.svg").unlink()
    html = course_copy / "html" / "u2_modele_texte.html"
    [error] = errors_of(course_copy, "static")
    assert (error.path, error.line) == ("html/u2_modele_texte.html", line_of(html, "/static/canvas.svg"))


def test_missing_course_image(course_copy):
    (course_copy / "static" / "course_image.svg").unlink()
    messages = [str(error) for error in errors_of(course_copy, "static")]
    assert any("policies/2026/policy.json" in m and "course_image" in m for m in messages), messages


def test_duplicate_url_name(course_copy):
    vertical = course_copy / "vertical" / "u1_aide.xml"
    replace_in(vertical, "</vertical>", '  <html url_name="u1_bienvenue_texte"/>\n</vertical>')
    [error] = [e for e in errors_of(course_copy, "url-name") if "used twice" in e.message]
    assert (error.path, error.line) == ("vertical/u1_aide.xml", line_of(vertical, 'url_name="u1_bienvenue_texte"'))


def test_duplicate_url_name_of_our_block(course_copy):
    vertical = course_copy / "vertical" / "u1_aide.xml"
    replace_in(vertical, "</vertical>",
               '  <sirius_canvas url_name="canvas_entreprise" display_name="Encore"/>\n</vertical>')
    # the copy in chapter 1 comes first in course order: the original in chapter 2 is the duplicate
    errors = [e for e in errors_of(course_copy, "url-name") if "'canvas_entreprise' is used twice" in e.message]
    assert [(e.path, e.line) for e in errors] == [("vertical/u2_mon_canvas.xml", 3)]
    assert "first in vertical/u1_aide.xml:" in errors[0].message


def test_non_ascii_url_name(course_copy):
    replace_in(course_copy / "vertical" / "u1_quiz.xml", 'url_name="q1_phrase"', 'url_name="q1_café"')
    (course_copy / "problem" / "q1_phrase.xml").rename(course_copy / "problem" / "q1_café.xml")
    errors = [e for e in errors_of(course_copy, "url-name") if "must be ASCII" in e.message]
    assert [(e.path, e.line) for e in errors] == [("vertical/u1_quiz.xml", line_of(course_copy / "vertical" / "u1_quiz.xml", "q1_café"))]


def test_published_url_name_must_not_disappear(course_copy):
    vertical = course_copy / "vertical" / "u1_quiz.xml"
    replace_in(vertical, '  <problem url_name="q1_phrase"/>\n', "")
    (course_copy / "problem" / "q1_phrase.xml").unlink()
    assert any("published problem 'q1_phrase' has disappeared" in e.message
               for e in errors_of(course_copy, "url-name"))


def test_new_url_name_must_be_recorded(course_copy):
    replace_in(course_copy / "vertical" / "u1_quiz.xml", 'url_name="q1_phrase"', 'url_name="q1_phrase_v2"')
    (course_copy / "problem" / "q1_phrase.xml").rename(course_copy / "problem" / "q1_phrase_v2.xml")
    messages = [e.message for e in errors_of(course_copy, "url-name")]
    assert any("new url_name 'q1_phrase_v2' is not recorded" in m for m in messages)
    assert any("'q1_phrase' has disappeared" in m for m in messages)


def test_wrong_format(course_copy):
    sequential = course_copy / "sequential" / "seq3_quiz.xml"
    replace_in(sequential, 'format="Quiz"', 'format="Devoir"')
    errors = errors_of(course_copy, "grading")
    assert any((e.path, e.line) == ("sequential/seq3_quiz.xml", 1) and "'Devoir' is not an assignment type" in e.message
               for e in errors), errors
    # one quiz subsection fewer than the policy's min_count is reported too
    assert any("expects 6 subsections, the course has 5" in e.message for e in errors)


def test_graded_without_format_and_format_without_graded(course_copy):
    replace_in(course_copy / "sequential" / "seq1_quiz.xml", ' format="Quiz"', "")
    replace_in(course_copy / "sequential" / "seq2_quiz.xml", ' graded="true"', "")
    messages = {(e.path, e.message) for e in errors_of(course_copy, "grading")}
    assert ("sequential/seq1_quiz.xml", "graded subsection without a format") in messages
    assert any(path == "sequential/seq2_quiz.xml" and "not graded" in m for path, m in messages)


def test_grader_weights_must_add_up(course_copy):
    policy_path = course_copy / "policies" / "2026" / "grading_policy.json"
    policy = json.loads(policy_path.read_text(encoding="utf-8"))
    policy["GRADER"][0]["weight"] = 0.5
    policy_path.write_text(json.dumps(policy), encoding="utf-8")
    assert any("add up to 0.9" in e.message for e in errors_of(course_copy, "grading"))


@pytest.mark.parametrize("rel, old, new", [
    ("vertical/u2_modele.xml", "</vertical>", "<html url_name='x'>\n</vertical>"),
    ("problem/q2_segment.xml", "</choicegroup>", "</choicegrou>"),
    ("html/u3_usages_texte.html", "<h3>Le cloud</h3>", "<h3>Le cloud</h4>"),
])
def test_xml_syntax_error_names_file_and_line(course_copy, rel, old, new):
    path = course_copy / rel
    replace_in(path, old, new)
    [error] = errors_of(course_copy, "xml-syntax")
    assert error.path == rel
    assert error.line in (line_of(path, new.splitlines()[0]), line_of(path, new.splitlines()[-1]))


def test_entities_are_refused_not_expanded(course_copy):
    path = course_copy / "problem" / "q2_segment.xml"
    text = path.read_text(encoding="utf-8")
    path.write_text('<!DOCTYPE problem [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + text.replace(
        "<label>", "<label>&x;", 1), encoding="utf-8")
    [error] = errors_of(course_copy, "xml-syntax")
    assert error.path == "problem/q2_segment.xml"
    assert "root:" not in str(validate_course(course_copy))


def test_broken_jump_link(course_copy):
    html = course_copy / "html" / "u1_aide_texte.html"
    replace_in(html, "/jump_to_id/u1_glossaire", "/jump_to_id/u1_lexique")
    [error] = errors_of(course_copy, "jump-link")
    assert (error.path, error.line) == ("html/u1_aide_texte.html", line_of(html, "u1_lexique"))


def test_pointer_to_missing_file(course_copy):
    (course_copy / "problem" / "q4_rgpd.xml").unlink()
    assert any(e.path == "vertical/u4_quiz.xml" and "problem/q4_rgpd.xml, which does not exist" in e.message
               for e in errors_of(course_copy, "structure"))


def test_unused_file_is_reported(course_copy):
    (course_copy / "problem" / "orphan.xml").write_text("<problem/>", encoding="utf-8")
    assert any(e.path == "problem/orphan.xml" for e in errors_of(course_copy, "structure"))


def test_learner_state_in_problem(course_copy):
    problem = course_copy / "problem" / "q5_mentor.xml"
    replace_in(problem, "<problem ", '<problem attempts="2" ')
    [error] = errors_of(course_copy, "learner-state")
    assert (error.path, error.line) == ("problem/q5_mentor.xml", 1)


def test_learner_state_in_our_block(course_copy):
    vertical = course_copy / "vertical" / "u3_calculateur.xml"
    replace_in(vertical, 'default_country="BE"', 'default_country="BE" has_saved="true"')
    [error] = errors_of(course_copy, "learner-state")
    assert error.path == "vertical/u3_calculateur.xml" and "'has_saved'" in error.message


def test_learner_data_folder_is_refused(course_copy):
    (course_copy / "submissions").mkdir()
    (course_copy / "submissions" / "amina.json").write_text("{}", encoding="utf-8")
    assert [e.path for e in errors_of(course_copy, "layout")] == ["submissions"]


def test_invalid_block_value_is_checked_by_the_block_class(course_copy):
    vertical = course_copy / "vertical" / "u3_calculateur.xml"
    replace_in(vertical, 'default_country="BE"', 'default_country="XX"')
    [error] = errors_of(course_copy, "block-attribute")
    assert (error.path, error.line) == ("vertical/u3_calculateur.xml", line_of(vertical, "sirius_footprint"))
    assert "XX" in error.message


def test_unparsable_block_value(course_copy):
    vertical = course_copy / "vertical" / "u4_empreinte_entreprise.xml"
    replace_in(vertical, """sections='["business"]'""", """sections='["business"'""")
    [error] = errors_of(course_copy, "block-attribute")
    assert error.path == "vertical/u4_empreinte_entreprise.xml" and "does not parse" in error.message


def test_block_validation_of_the_class_runs(course_copy):
    # "nowhere" is a well-formed list, but the footprint block's own validation refuses the section
    vertical = course_copy / "vertical" / "u4_empreinte_entreprise.xml"
    replace_in(vertical, """sections='["business"]'""", """sections='["nowhere"]'""")
    [error] = errors_of(course_copy, "block-attribute")
    assert error.path == "vertical/u4_empreinte_entreprise.xml" and "Sections" in error.message


def test_unknown_block_attribute_is_not_dropped_silently(course_copy):
    vertical = course_copy / "vertical" / "u2_mon_canvas.xml"
    replace_in(vertical, 'template="bmc"', 'template="bmc" colour="red"')
    [error] = errors_of(course_copy, "block-attribute")
    assert "no field 'colour'" in error.message and error.path == "vertical/u2_mon_canvas.xml"


def test_missing_entry_point_is_an_error(course_copy, monkeypatch):
    monkeypatch.setattr(course_validate, "load_block_class", lambda tag: None)
    errors = errors_of(course_copy, "unknown-block-class")
    assert sorted(e.path for e in errors) == ["vertical/u2_mon_canvas.xml", "vertical/u3_calculateur.xml",
                                              "vertical/u4_empreinte_entreprise.xml", "vertical/u5_evaluation.xml"]


def test_olxcleaner_runs_with_our_tags_allowed(course_copy):
    # A chapter without display_name is caught by olxcleaner only.
    replace_in(course_copy / "chapter" / "ch6_financement.xml",
               ' display_name="6. Financement, partenaires et pitch"', "")
    errors = errors_of(course_copy, "olxcleaner")
    assert [(e.path, e.line) for e in errors] == [("chapter/ch6_financement.xml", 1)], errors
    assert "MissingDisplayName" in errors[0].message


def test_block_value_outside_its_range(course_copy):
    vertical = course_copy / "vertical" / "u5_evaluation.xml"
    replace_in(vertical, 'reviews_to_give="2"', 'reviews_to_give="50"')
    [error] = errors_of(course_copy, "block-attribute")
    assert error.path == "vertical/u5_evaluation.xml" and "above the maximum 20" in error.message


def test_invalid_rubric_is_refused_by_the_block(course_copy):
    vertical = course_copy / "vertical" / "u5_evaluation.xml"
    replace_in(vertical, 'points="2">Un groupe précis', 'points="beaucoup">Un groupe précis')
    errors = errors_of(course_copy, "block-attribute")
    assert errors and all(e.path == "vertical/u5_evaluation.xml" for e in errors), errors


@pytest.mark.parametrize("old, new, expected", [
    ('source_block="canvas_entreprise"', 'source_block="canvas_disparu"', 'no <sirius_canvas url_name="canvas_disparu">'),
    ('source_block="canvas_entreprise"', 'source_block="block-v1:SiriusHub+ENTR101+2026+type@sirius_canvas+block@x"',
     'no <sirius_canvas url_name="x">'),
    ('source_block="canvas_entreprise"',
     'source_block="block-v1:AutreAsbl+ENTR101+2026+type@sirius_canvas+block@canvas_entreprise"',
     "names course AutreAsbl+ENTR101+2026"),
])
def test_usage_keys_in_our_blocks_name_blocks_of_this_course(course_copy, old, new, expected):
    replace_in(course_copy / "vertical" / "u5_evaluation.xml", old, new)
    [error] = errors_of(course_copy, "block-reference")
    assert error.path == "vertical/u5_evaluation.xml" and expected in error.message
