"""What a learner, a trainer and another non-profit get from course_content/: checked on the files."""
import json
import re
import unicodedata

from lxml import etree, html as lxml_html

from scripts.course_validate import COURSE_ROOT, OUR_BLOCK_TAGS, safe_parser

RUN = "2026"


def xml(rel):
    return etree.parse(str(COURSE_ROOT / rel), safe_parser()).getroot()


def policy():
    return json.loads((COURSE_ROOT / "policies" / RUN / "policy.json").read_text(encoding="utf-8"))[f"course/{RUN}"]


def grading_policy():
    return json.loads((COURSE_ROOT / "policies" / RUN / "grading_policy.json").read_text(encoding="utf-8"))


def text_of(rel):
    return lxml_html.fromstring(f"<div>{(COURSE_ROOT / rel).read_text(encoding='utf-8')}</div>").text_content()


def chapters():
    return [child.get("url_name") for child in xml(f"course/{RUN}.xml")]


def sequentials(chapter):
    return [child.get("url_name") for child in xml(f"chapter/{chapter}.xml")]


def verticals(sequential):
    return [child.get("url_name") for child in xml(f"sequential/{sequential}.xml")]


def units_of_chapter(chapter):
    return [unit for seq in sequentials(chapter) for unit in verticals(seq)]


def blocks_in(unit, tag):
    return [child for child in xml(f"vertical/{unit}.xml") if child.tag == tag]


def test_course_identity_and_licence():
    pointer = xml("course.xml")
    assert (pointer.get("org"), pointer.get("course"), pointer.get("url_name")) == ("SiriusHub", "ENTR101", RUN)
    assert xml(f"course/{RUN}.xml").get("license") == "creative-commons: ver=4.0 BY SA"
    assert "CC BY-SA 4.0" in text_of("about/overview.html")
    settings = policy()
    assert settings["display_name"] == "Entreprendre avec le numérique responsable"
    assert settings["language"] == "fr" and settings["self_paced"] is True
    assert settings["advanced_modules"] == list(OUR_BLOCK_TAGS)


def test_six_chapters_follow_the_programme():
    titles = [xml(f"chapter/{c}.xml").get("display_name") for c in chapters()]
    assert len(titles) == 6
    for number, keyword in enumerate(["problème", "modèle économique", "Pollution numérique", "en ligne",
                                      "Retours", "Financement"], start=1):
        assert titles[number - 1].startswith(f"{number}.") and keyword in titles[number - 1], titles


def teaching_units():
    """Units whose text a learner reads: at least 80 words of French."""
    found = []
    for chapter in chapters():
        for unit in units_of_chapter(chapter):
            for pointer in blocks_in(unit, "html"):
                filename = xml(f"html/{pointer.get('url_name')}.xml").get("filename")
                if len(text_of(f"html/{filename}.html").split()) >= 80:
                    found.append(unit)
    return found


def test_at_least_25_units_of_teaching_text():
    assert len(teaching_units()) >= 25


def test_plain_language_short_sentences():
    lengths = []
    for path in (COURSE_ROOT / "html").glob("*.html"):
        text = text_of(f"html/{path.name}")
        lengths += [len(s.split()) for s in re.split(r"(?<=[.!?:;])\s+|\n", text) if s.split()]
    assert sum(lengths) / len(lengths) <= 12, "B1: short sentences on average"
    assert max(lengths) <= 30, "no sentence a B1 reader gets lost in"


def french_order(word):
    """Dictionary order: accents do not count (Bénéfice before Business)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def glossary_terms(rel):
    root = lxml_html.fromstring(f"<div>{(COURSE_ROOT / rel).read_text(encoding='utf-8')}</div>")
    return root


def test_glossary_page_and_handouts():
    page = glossary_terms("html/u1_glossaire_texte.html")
    terms = [dt.text_content() for dt in page.iter("dt")]
    assert len(terms) >= 25 and terms == sorted(terms, key=french_order)
    assert len(list(page.iter("dd"))) == len(terms)
    handouts = (COURSE_ROOT / "info" / "handouts.html").read_text(encoding="utf-8")
    for term in terms:
        assert f"<strong>{term}</strong>" in handouts, term
    assert "/jump_to_id/u1_aide" in handouts and "/jump_to_id/u1_glossaire" in handouts
    assert "aide" in text_of("info/handouts.html").lower()


def test_about_page_and_updates():
    overview = text_of("about/overview.html")
    assert "Prérequis" in overview and "Aucun" in overview
    assert text_of("about/effort.html").strip() and text_of("about/duration.html").strip() == "5 mois"
    assert text_of("about/short_description.html").strip()
    updates = json.loads((COURSE_ROOT / "info" / "updates.items.json").read_text(encoding="utf-8"))
    assert updates and updates[0]["status"] == "visible"
    assert text_of("info/updates.html").strip()


def all_problems():
    return sorted((COURSE_ROOT / "problem").glob("*.xml"))


def test_every_answer_has_its_feedback():
    kinds = set()
    for path in all_problems():
        root = xml(f"problem/{path.name}")
        assert root.find("solution") is not None, path.name
        for choice in root.iter("choice"):
            hints = choice.findall("choicehint")
            if choice.getparent().tag == "checkboxgroup":
                kinds.add("checkbox")
                assert sorted(h.get("selected") for h in hints) == ["false", "true"], path.name
            else:
                kinds.add("multiple choice")
                assert len(hints) == 1 and hints[0].text.strip(), path.name
        correct = [c for c in root.iter("choice") if c.get("correct") == "true"]
        assert correct, f"{path.name} has no right answer"
    assert kinds == {"checkbox", "multiple choice"}


def test_a_graded_quiz_per_chapter_matching_the_grading_policy():
    types = {grader["type"] for grader in grading_policy()["GRADER"]}
    used = set()
    for chapter in chapters():
        graded = [xml(f"sequential/{s}.xml") for s in sequentials(chapter)]
        graded = [s for s in graded if s.get("graded") == "true"]
        used |= {s.get("format") for s in graded}
        quizzes = [s for s in graded if s.get("format") == "Quiz"]
        assert len(quizzes) == 1, chapter
        problems = [c for u in verticals_of(quizzes[0]) for c in xml(f"vertical/{u}.xml") if c.tag == "problem"]
        assert len(problems) >= 3, chapter
    assert used == types
    assert abs(sum(grader["weight"] for grader in grading_policy()["GRADER"]) - 1) < 1e-9


def verticals_of(sequential_element):
    return [child.get("url_name") for child in sequential_element]


def test_our_blocks_where_they_teach():
    ch = chapters()
    [canvas] = [b for u in units_of_chapter(ch[1]) for b in blocks_in(u, "sirius_canvas")]
    assert canvas.get("responsible_layer") == "true"
    [personal] = [b for u in units_of_chapter(ch[2]) for b in blocks_in(u, "sirius_footprint")]
    assert "business" not in json.loads(personal.get("sections"))
    [business] = [b for u in units_of_chapter(ch[3]) for b in blocks_in(u, "sirius_footprint")]
    assert json.loads(business.get("sections")) == ["business"]
    [review_unit] = [u for u in units_of_chapter(ch[4]) if blocks_in(u, "sirius_peer_review")]
    review_sequential = next(s for s in sequentials(ch[4]) if review_unit in verticals(s))
    fmt = xml(f"sequential/{review_sequential}.xml").get("format")
    assert fmt in {grader["type"] for grader in grading_policy()["GRADER"]} and fmt != "Quiz"


def test_canvas_is_revisited_in_later_chapters():
    canvas_unit = "u2_mon_canvas"
    revisits = set()
    for number, chapter in enumerate(chapters()[2:], start=3):
        for unit in units_of_chapter(chapter):
            for pointer in blocks_in(unit, "html"):
                filename = xml(f"html/{pointer.get('url_name')}.xml").get("filename")
                if f"/jump_to_id/{canvas_unit}" in (COURSE_ROOT / "html" / f"{filename}.html").read_text(encoding="utf-8"):
                    revisits.add(number)
    assert revisits == {3, 4, 5, 6}


def test_light_images_and_no_third_party_request():
    for path in (COURSE_ROOT / "static").iterdir():
        assert path.suffix in (".svg", ".png"), path.name
        assert path.stat().st_size < 5_000, path.name
        if path.suffix == ".svg":
            assert "http://www.w3.org/2000/svg" in path.read_text(encoding="utf-8")
            assert not re.search(r"(href|src)=\"https?:", path.read_text(encoding="utf-8")), path.name
    for folder in ("html", "problem", "vertical", "about", "info"):
        for path in (COURSE_ROOT / folder).iterdir():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"\bsrc=\"(https?:)?//", text), f"{path}: an image or script from another host"


def test_peer_review_of_the_canvas_with_our_rubric_and_mentors():
    [review] = blocks_in("u5_evaluation", "sirius_peer_review")
    assert review.get("source_block") == "canvas_entreprise"  # a url_name: right under any course id
    criteria = review.findall("rubric/criterion")
    assert [c.get("name") for c in criteria] == ["probleme_clients", "proposition_valeur", "coherence", "responsable"]
    for criterion in criteria + review.findall("mentor_rubric/criterion"):
        points = [int(level.get("points")) for level in criterion.findall("level")]
        assert points == [0, 1, 2] and criterion.findtext("prompt").strip()
        assert all(level.text.strip() for level in criterion.findall("level"))
    assert review.findall("mentor_rubric/criterion") and review.findall("mentor")
    # u5_mentors promises that a mentor may ask to contact the learner, with their consent
    assert review.get("mentor_contact") == "true" and "votre accord" in text_of("html/u5_mentors_texte.html")
    # the unit tells learners how many canvases they review: the block must agree
    assert review.get("reviews_to_give") == "2"
    assert review.get("formative") == "false", "the review counts in the grade (« Évaluation par les pairs »)"
    assert "deux autres apprenants" in text_of("html/u5_evaluation_texte.html")
