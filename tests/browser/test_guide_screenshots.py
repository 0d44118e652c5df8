"""The screenshots of docs/trainers.md, taken on real journeys through the three blocks.

Each journey asserts what a learner or a trainer sees; the PNGs are written into docs/screenshots/
only with SIRIUS_SCREENSHOTS=1 (so an ordinary run never rewrites tracked files). Learner pages are
phone-sized (360 px) in French, one in Arabic; trainer pages are laptop-sized. Student ids start with
`guide_` so these journeys share the session's workbench with the other browser tests safely.
"""
import os
import re

import pytest
from playwright.sync_api import expect

from tests.fixtures.live_workbench import PHONE, ROOT

pytestmark = pytest.mark.browser

SCREENSHOTS = os.path.join(ROOT, "docs", "screenshots")
LAPTOP = {"width": 900, "height": 800}
FOOTPRINT = "/scenario/sirius_footprint.0/"
CANVAS = "/scenario/sirius_canvas.0/"
CANVAS_AND_REVIEW = "/scenario/sirius_peer_review.1/"


def keep_screenshot(locator, name, max_height=None):
    """Save what one screen shows of the element as docs/screenshots/<name>.png, only when asked
    (SIRIUS_SCREENSHOTS=1). The workbench's own fixed banner is hidden: it is not part of the block,
    and in Open edX the platform's header stands there instead."""
    if os.environ.get("SIRIUS_SCREENSHOTS") != "1":
        return
    page = locator.page
    page.add_style_tag(content=".workbench .banner { display: none !important; }")
    locator.evaluate("node => node.scrollIntoView({block: 'start'})")
    box = locator.bounding_box()
    viewport = page.viewport_size
    clip = {"x": box["x"], "y": max(box["y"], 0), "width": min(box["width"], viewport["width"] - box["x"]),
            "height": min(box["height"], viewport["height"] - max(box["y"], 0), max_height or viewport["height"])}
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOTS, name + ".png"), clip=clip, animations="disabled")


# ----- footprint ---------------------------------------------------------------------------------

FOOTPRINT_WORDS = {
    "fr": {"next": "Suivant", "compute": "Voir mon empreinte", "per_year": "kg CO2e par an",
           "results": "Votre empreinte", "save": "Enregistrer mon résultat", "saved": "Résultat enregistré.",
           "locale": "fr-BE"},
    "ar": {"next": "التالي", "compute": "اعرض بصمتي", "per_year": "كغ من مكافئ CO2 في السنة",
           "results": "بصمتك", "save": "احفظ نتيجتي", "saved": "تم حفظ النتيجة.", "locale": "ar"},
}


def compute_and_save_footprint(open_page, student, language, phones, video_hours):
    words = FOOTPRINT_WORDS[language]
    page = open_page(f"{FOOTPRINT}?student={student}&lang={language}", viewport=PHONE, locale=words["locale"])
    page.select_option('[name="country"]', "BE")
    page.locator(".sirius-fp-step.is-current").get_by_role("button", name=words["next"]).click()
    page.fill('[name="devices.smartphone.count"]', str(phones))
    page.fill('[name="devices.smartphone.years"]', "2")
    page.locator(".sirius-fp-step.is-current").get_by_role("button", name=words["next"]).click()
    page.fill('[name="video.hours_per_week"]', str(video_hours))
    page.get_by_role("button", name=words["compute"]).click()
    results = page.locator(".sirius-fp-results")
    expect(results.get_by_role("heading", name=words["results"])).to_be_visible()
    expect(results.locator(".sirius-fp-total")).to_contain_text(words["per_year"])
    assert results.locator(".sirius-fp-chart li").count() >= 5
    page.get_by_role("button", name=words["save"]).click()
    expect(page.locator(".sirius-fp-status")).to_contain_text(words["saved"])
    expect(page.locator(".sirius-fp-history-list li")).to_have_count(1)
    return page


def test_footprint_learners_in_french_and_arabic_then_the_trainer_sees_the_group(open_page):
    learner = compute_and_save_footprint(open_page, "guide_fp_amina", "fr", phones=1, video_hours=10)
    expect(learner.locator(".sirius-root")).to_have_attribute("dir", "ltr")
    expect(learner.locator(".sirius-fp-biggest")).not_to_be_empty()
    keep_screenshot(learner.locator(".sirius-fp-results"), "footprint-learner-fr")

    arabic = compute_and_save_footprint(open_page, "guide_fp_karim", "ar", phones=2, video_hours=4)
    expect(arabic.locator(".sirius-root")).to_have_attribute("dir", "rtl")
    keep_screenshot(arabic.locator(".sirius-fp-results"), "footprint-learner-ar")

    compute_and_save_footprint(open_page, "guide_fp_olena", "fr", phones=1, video_hours=20)

    trainer = open_page(f"{FOOTPRINT}?student=trainer&lang=fr", viewport=LAPTOP, locale="fr-BE")
    group = trainer.locator(".sirius-fp-staff")
    expect(group.get_by_role("heading", name="Votre groupe (anonyme)")).to_be_visible()
    group.get_by_role("button", name="Voir les résultats du groupe").click()
    output = group.locator(".sirius-fp-staff-output")
    expect(output).to_contain_text(re.compile(r"Personnes qui ont enregistré un résultat : ([3-9]|\d\d)"))
    table = output.locator(".sirius-fp-staff-table")
    expect(table.get_by_role("rowheader", name="Total")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Médiane")).to_be_visible()
    expect(output).not_to_contain_text("guide_fp")  # anonymous
    keep_screenshot(group, "footprint-trainer")


# ----- canvas --------------------------------------------------------------------------------------

def add_note_here(page, text):
    section = page.locator(".sirius-canvas__section.is-current")
    section.get_by_role("button", name="Ajouter une note").click()
    section.locator("textarea").last.type(text, delay=2)


def test_canvas_learner_submits_the_trainer_comments_and_the_learner_sees_it(open_page):
    drafting = open_page(f"{CANVAS}?student=guide_canvas_samir&lang=fr", viewport=PHONE, locale="fr-FR")
    add_note_here(drafting, "Touristes de passage")
    expect(drafting.locator(".sirius-canvas__save")).to_have_text("Enregistré", timeout=10000)

    learner = open_page(f"{CANVAS}?student=guide_canvas_fatou&lang=fr", viewport=PHONE, locale="fr-FR")
    add_note_here(learner, "Parents qui travaillent à Liège")
    add_note_here(learner, "Bureaux du quartier")
    learner.get_by_role("button", name="Suivant").click()
    add_note_here(learner, "Repas sains livrés le soir, à vélo")
    expect(learner.locator(".sirius-canvas__save")).to_have_text("Enregistré", timeout=10000)
    learner.get_by_role("button", name="Envoyer mon canevas").click()
    expect(learner.locator(".sirius-canvas__save")).to_contain_text("Envoyé", timeout=10000)

    trainer = open_page(f"{CANVAS}?student=trainer&lang=fr", viewport=LAPTOP, locale="fr-FR")
    staff = trainer.locator(".sirius-canvas-staff")
    row = staff.locator("tr[data-learner='wb-guide_canvas_fatou']")
    expect(row).to_contain_text("Envoyé")
    row.get_by_role("button").click()
    detail = staff.locator(".sirius-canvas-staff__detail")
    segments = detail.locator("section[aria-label='Segments de clients']")
    expect(segments).to_contain_text("Parents qui travaillent à Liège")
    segments.get_by_label("Commentaire sur cette partie").fill("Bien. Combien de parents ? Donnez un chiffre.")
    segments.get_by_role("button", name="Enregistrer le commentaire").click()
    expect(trainer.locator(".sirius-canvas-staff__notice")).to_have_text("Commentaire enregistré.")
    detail.get_by_label("État").select_option("needs_changes")
    detail.get_by_role("button", name="Enregistrer l'état").click()
    expect(row).to_contain_text("À modifier")
    expect(staff.locator("tr[data-learner='wb-guide_canvas_samir']")).to_contain_text("Brouillon")
    expect(detail.get_by_role("heading", name="Canevas de guide_canvas_fatou")).to_be_visible()
    expect(detail.get_by_role("heading", name="Conseils")).to_be_visible()
    expect(segments.get_by_label("Commentaire sur cette partie")).to_have_value(
        "Bien. Combien de parents ? Donnez un chiffre.")
    keep_screenshot(staff, "canvas-trainer-cohort", max_height=320)
    keep_screenshot(detail, "canvas-trainer-review", max_height=600)

    learner.reload()
    canvas = learner.locator(".sirius-canvas")
    expect(canvas.locator(".sirius-canvas__status")).to_contain_text("À modifier")
    current = canvas.locator(".sirius-canvas__section.is-current")
    expect(current.locator("h4")).to_contain_text("Segments de clients")
    expect(current.locator(".sirius-canvas__comment")).to_contain_text("Combien de parents ?")
    expect(current.locator("textarea").first).to_have_value("Parents qui travaillent à Liège")
    keep_screenshot(canvas.locator(".sirius-canvas__header"), "canvas-learner-status-fr")
    keep_screenshot(current, "canvas-learner-fr")


# ----- peer review ---------------------------------------------------------------------------------

REVIEWERS = ("guide_pr_ines", "guide_pr_jules", "guide_pr_lina")


def submit_canvas_then_send_for_review(open_page, student, note):
    page = open_page(f"{CANVAS_AND_REVIEW}?student={student}&lang=fr", viewport=LAPTOP, locale="fr-BE")
    canvas = page.locator(".sirius-canvas")
    segments = canvas.locator(".sirius-canvas__section[data-section='customer_segments']")
    segments.get_by_role("button", name="Ajouter une note").click()
    segments.locator("textarea").last.type(note, delay=2)
    expect(canvas.locator(".sirius-canvas__save")).to_have_text("Enregistré", timeout=10000)
    canvas.get_by_role("button", name="Envoyer mon canevas").click()
    expect(canvas.locator(".sirius-canvas__save")).to_contain_text("Envoyé", timeout=10000)
    page.reload()  # the review block reads the submitted canvas when the page loads
    page.locator(".sirius-pr__submit").get_by_role("button", name="Envoyer en relecture").click()
    expect(page.locator(".sirius-pr__submit .sirius-pr__done")).to_have_text("Envoyé.")
    return page


def review_next(page):
    page.get_by_role("button", name="Relire le travail suivant").click()
    review = page.locator(".sirius-pr__review")
    expect(review.locator(".sirius-pr__artefact")).to_be_visible()
    for criterion in review.locator(".sirius-pr__criterion").all():
        criterion.locator(".sirius-pr__level").last.click()
    review.locator("textarea[data-comment]").first.fill("Le public est précis. Ajoutez le prix.")
    review.get_by_role("button", name="Envoyer ma relecture").click()
    expect(review.locator(".sirius-pr__artefact")).to_have_count(0)


def test_peer_review_of_canvases_through_to_a_grade_and_the_trainer_view(open_page):
    pages = {}
    for student, note in zip(REVIEWERS, ("Familles du quartier", "Étudiants de Liège", "Petits commerces")):
        pages[student] = submit_canvas_then_send_for_review(open_page, student, note)
    for _round in range(2):
        for student in REVIEWERS:
            review_next(pages[student])

    learner = open_page(f"{CANVAS_AND_REVIEW}?student={REVIEWERS[0]}&lang=fr", viewport=PHONE, locale="fr-BE")
    review_block = learner.locator(".sirius-pr")
    expect(review_block.locator(".sirius-pr__progress")).to_have_text("Vous avez fait 2 relectures sur 2.")
    results = review_block.locator(".sirius-pr__results")
    expect(results.get_by_role("heading", name="Les retours que vous avez reçus")).to_be_visible()
    expect(results.locator(".sirius-pr__grade")).to_contain_text(re.compile(r"Votre note : \d+ sur \d+ points"))
    expect(results.get_by_role("heading", name="Relecture 1")).to_be_visible()
    expect(results).to_contain_text("Ajoutez le prix.")
    for other in REVIEWERS[1:]:
        expect(results).not_to_contain_text(other)  # reviewers stay anonymous
    keep_screenshot(results, "peer-review-learner-fr")

    second = results.locator(".sirius-pr__received").nth(1)
    second.get_by_text("Signaler cette relecture à la formatrice ou au formateur").click()
    second.get_by_label("Qu’est-ce qui ne va pas dans cette relecture ?").fill(
        "Ce commentaire ne parle pas de mon canevas.")
    second.get_by_role("button", name="Envoyer le signalement").click()
    expect(second).to_contain_text("Signalé. La formatrice ou le formateur va regarder.")

    trainer = open_page(f"{CANVAS_AND_REVIEW}?student=trainer&lang=fr", viewport=LAPTOP, locale="fr-BE")
    staff = trainer.locator(".sirius-pr-staff")
    expect(staff.get_by_role("heading", name="Travaux envoyés et personnes qui attendent")).to_be_visible()
    for student in REVIEWERS:
        expect(staff.locator("tr", has=trainer.get_by_role("rowheader", name=student))).to_be_visible()
    row = staff.locator("tr", has=trainer.get_by_role("rowheader", name=REVIEWERS[1]))
    row.get_by_label("Points").fill("3")
    row.get_by_label("Raison (facultatif)").fill("Canevas très incomplet")
    row.get_by_role("button", name="Enregistrer").click()
    expect(trainer.locator(".sirius-pr-staff__live")).to_have_text("Note enregistrée.")
    expect(staff.locator("tr", has=trainer.get_by_role("rowheader", name=REVIEWERS[1]))).to_contain_text("3 / ")
    keep_screenshot(staff.locator(".sirius-pr-staff__submissions"), "peer-review-trainer")

    flags = staff.locator(".sirius-pr-staff__flags")
    expect(flags.get_by_role("heading", name="Relectures signalées")).to_be_visible()
    flag = flags.locator(".sirius-pr-staff__flag")
    expect(flag).to_have_count(1)
    expect(flag).to_contain_text(f"→ {REVIEWERS[0]}")
    expect(flag).to_contain_text("Raison du signalement : Ce commentaire ne parle pas de mon canevas.")
    expect(flag).to_contain_text("Ajoutez le prix.")  # the reported review's words, to judge them
    keep_screenshot(flags, "peer-review-trainer-flag")
    flag.get_by_role("button", name="Masquer").click()
    expect(trainer.locator(".sirius-pr-staff__live")).to_have_text("Décision enregistrée.")

    learner.reload()
    hidden = learner.locator(".sirius-pr__results .sirius-pr__received").nth(1)
    expect(hidden).to_contain_text("Cette relecture a été masquée par la formatrice ou le formateur.")
    expect(hidden).not_to_contain_text("Ajoutez le prix.")
