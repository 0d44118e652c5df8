"""Real journeys in Chromium against the live workbench: a French learner on a phone who loses
the connection, the Arabic layout, and a trainer's comment reaching the learner."""
import re

import pytest
from playwright.sync_api import expect

from tests.fixtures.live_workbench import PHONE

pytestmark = pytest.mark.browser

BMC = "/scenario/sirius_canvas.0/"
SAVED_FR = "Enregistré"
OFFLINE_FR = "Hors ligne — gardé sur cet appareil"


def add_note(page, text):
    """Add a note in the section on screen and type into it, as a learner does."""
    section = page.locator(".sirius-canvas__section.is-current")
    section.get_by_role("button", name="Ajouter une note").click()
    section.locator("textarea").last.type(text, delay=5)


def note_texts(page):
    return page.eval_on_selector_all(".sirius-canvas__note textarea", "areas => areas.map(a => a.value)")


def test_phone_learner_in_french_keeps_everything_typed_offline(open_page):
    page = open_page(BMC + "?student=fatima&lang=fr", viewport=PHONE, locale="fr-FR")
    save_state = page.locator(".sirius-canvas__save")
    # One section per screen on a phone.
    expect(page.locator(".sirius-canvas__section.is-current h4")).to_contain_text("Segments de clients")
    assert page.locator(".sirius-canvas__section[data-section='channels']").is_hidden()
    expect(page.locator(".sirius-canvas__position")).to_have_text("Partie 1 sur 9")

    add_note(page, "Parents qui travaillent")
    page.get_by_role("button", name="Suivant").click()
    add_note(page, "Repas sains livrés le soir")
    page.get_by_role("button", name="Suivant").click()
    add_note(page, "Commandes par WhatsApp")
    expect(save_state).to_have_text(SAVED_FR, timeout=10000)

    # The connection drops; the learner keeps typing.
    page.context.set_offline(True)
    page.get_by_role("button", name="Suivant").click()
    add_note(page, "Un message chaque semaine")
    expect(save_state).to_have_text(OFFLINE_FR, timeout=10000)
    page.context.set_offline(False)
    expect(save_state).to_have_text(SAVED_FR, timeout=10000)

    # Offline again, and this time the tab is closed before the connection comes back.
    page.context.set_offline(True)
    page.get_by_role("button", name="Suivant").click()
    add_note(page, "Abonnement payé chaque semaine")
    expect(save_state).to_have_text(OFFLINE_FR, timeout=10000)
    context = page.context
    url = page.url
    page.close()
    context.set_offline(False)
    later = context.new_page()
    later.goto(url)
    expect(later.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    # Once everything is on the server, the phone keeps no copy of the canvas.
    assert later.evaluate("window.localStorage.length") == 0

    # A fresh load from the server (and no copy on the device) shows all five notes.
    later.evaluate("window.localStorage.clear()")
    later.reload()
    expect(later.locator(".sirius-canvas__save")).to_have_text(SAVED_FR)
    assert sorted(note_texts(later)) == sorted([
        "Parents qui travaillent", "Repas sains livrés le soir", "Commandes par WhatsApp",
        "Un message chaque semaine", "Abonnement payé chaque semaine"])
    # The overview counts the notes per section.
    later.get_by_role("button", name="Vue d'ensemble").click()
    expect(later.locator(".sirius-canvas__jump[data-section='channels']")).to_contain_text("Notes : 1")


def test_arabic_canvas_is_right_to_left_with_the_grid_mirrored(open_page):
    page = open_page(BMC + "?student=karim&lang=ar", locale="ar")
    root = page.locator(".sirius-root")
    assert root.get_attribute("dir") == "rtl" and root.get_attribute("lang") == "ar"
    expect(page.locator(".sirius-canvas__section[data-section='customer_segments'] h4")).to_contain_text("شرائح العملاء")
    partners = page.locator(".sirius-canvas__section[data-section='key_partners']").bounding_box()
    segments = page.locator(".sirius-canvas__section[data-section='customer_segments']").bounding_box()
    # Key partners open the canvas: on the right in Arabic, with customer segments on the left.
    assert partners["x"] > segments["x"]
    assert page.locator(".sirius-canvas__pager").is_hidden()  # wide screen: the whole grid
    expect(page.locator(".sirius-canvas__save")).to_have_text("تم الحفظ")

    # Printed (A4 landscape): notes as text, no controls, still mirrored.
    section = page.locator(".sirius-canvas__section[data-section='key_partners']")
    section.get_by_role("button", name="أضف ملاحظة").click()
    section.locator("textarea").type("مزرعة محلية")
    page.emulate_media(media="print")
    expect(section.locator(".sirius-canvas__note-print")).to_have_text("مزرعة محلية")
    assert section.locator("textarea").is_hidden() and section.get_by_role("button", name="أضف ملاحظة").is_hidden()
    assert page.locator(".sirius-canvas__actions").is_hidden()
    partners = section.bounding_box()
    segments = page.locator(".sirius-canvas__section[data-section='customer_segments']").bounding_box()
    assert partners["x"] > segments["x"]


def test_two_canvases_on_one_page_save_separately(open_page):
    page = open_page("/scenario/sirius_canvas.2/?student=omar&lang=fr", locale="fr-FR")
    canvases = page.locator(".sirius-canvas")
    expect(canvases).to_have_count(2)
    for index, text in enumerate(("Idée A : traiteur", "Idée B : couture")):
        section = canvases.nth(index).locator(".sirius-canvas__section[data-section='customer_segments']")
        section.get_by_role("button", name="Ajouter une note").click()
        section.locator("textarea").type(text)
    # Keyboard only: a second note, moved above the first with Alt + ↑, keeps the focus.
    segments = canvases.nth(0).locator(".sirius-canvas__section[data-section='customer_segments']")
    segments.get_by_role("button", name="Ajouter une note").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Bureaux du quartier")
    page.keyboard.press("Alt+ArrowUp")
    assert segments.locator("textarea").first.evaluate("node => node === document.activeElement")
    # A screen reader lists every note's tools: their names say which note they act on.
    names = segments.locator(".sirius-canvas__note-options").evaluate_all(
        "buttons => buttons.map(button => button.getAttribute('aria-label'))")
    assert len(names) == 2 and len(set(names)) == 2 and all(name.startswith("Options — ") for name in names)
    for index in range(2):
        expect(canvases.nth(index).locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    page.evaluate("window.localStorage.clear()")
    page.reload()
    first = page.locator(".sirius-canvas").nth(0).locator("textarea")
    second = page.locator(".sirius-canvas").nth(1).locator("textarea")
    assert first.evaluate_all("areas => areas.map(a => a.value)") == ["Bureaux du quartier", "Idée A : traiteur"]
    expect(second).to_have_value("Idée B : couture")


def test_trainer_comment_and_status_reach_the_learner(open_page, live_workbench):
    learner = open_page(BMC + "?student=yasmin&lang=fr", locale="fr-FR")
    section = learner.locator(".sirius-canvas__section[data-section='channels']")
    section.get_by_role("button", name="Ajouter une note").click()
    section.locator("textarea").last.type("Marché du dimanche")
    expect(learner.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    learner.get_by_role("button", name="Envoyer mon canevas").click()
    expect(learner.locator(".sirius-canvas__save")).to_contain_text("Envoyé", timeout=10000)

    trainer = open_page(BMC + "?student=trainer&lang=fr", locale="fr-FR")
    row = trainer.locator("tr[data-learner='wb-yasmin']")
    expect(row).to_contain_text("Envoyé")
    row.get_by_role("button").click()
    detail = trainer.locator(".sirius-canvas-staff__detail")
    channels = detail.locator("section[aria-label='Canaux']")
    expect(channels).to_contain_text("Marché du dimanche")
    channels.get_by_label("Commentaire sur cette partie").fill("Quel marché ? Donnez le lieu.")
    channels.get_by_role("button", name="Enregistrer le commentaire").click()
    expect(trainer.locator(".sirius-canvas-staff__notice")).to_have_text("Commentaire enregistré.")
    detail.get_by_label("État").select_option("needs_changes")
    detail.get_by_role("button", name="Enregistrer l'état").click()
    expect(row).to_contain_text("À modifier")
    # Closing the canvas takes the keyboard back to where the trainer opened it.
    detail.get_by_role("button", name="Fermer").click()
    expect(detail).to_be_hidden()
    expect(row.get_by_role("button")).to_be_focused()

    learner.reload()
    expect(learner.locator(".sirius-canvas__section[data-section='channels'] .sirius-canvas__comment")).to_contain_text(
        "Quel marché ? Donnez le lieu.")
    expect(learner.locator(".sirius-canvas__status")).to_contain_text("À modifier")

    # The learner changes the note and submits again: the page no longer shows the old review.
    learner.locator(".sirius-canvas__section[data-section='channels'] textarea").last.fill("Marché de la Batte")
    expect(learner.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    learner.get_by_role("button", name="Envoyer mon canevas").click()
    expect(learner.locator(".sirius-canvas__status")).to_contain_text("Envoyé", timeout=10000)
    expect(learner.locator(".sirius-canvas__status")).not_to_contain_text("À modifier")


def test_two_tabs_merge_item_by_item_and_ask_on_a_real_conflict(open_page):
    url = BMC + "?student=lina&lang=fr"
    first = open_page(url, locale="fr-FR")
    second = first.context.new_page()
    second.goto(first.url)
    channels = ".sirius-canvas__section[data-section='channels']"

    first.locator(channels).get_by_role("button", name="Ajouter une note").click()
    first.locator(channels + " textarea").last.type("Bouche-à-oreille")
    expect(first.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    # The second tab never saw that note; its write is stale and merged without asking.
    second.locator(channels).get_by_role("button", name="Ajouter une note").click()
    second.locator(channels + " textarea").last.type("Facebook")
    expect(second.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    assert second.eval_on_selector_all(channels + " textarea", "a => a.map(x => x.value)") == [
        "Bouche-à-oreille", "Facebook"]

    # Both tabs now change the same note differently: the learner is asked which to keep.
    first.reload()
    first.locator(channels + " textarea").first.fill("Bouche-à-oreille au marché")
    expect(first.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    second.locator(channels + " textarea").first.fill("Bouche-à-oreille à l'école")
    dialog = second.locator(".sirius-canvas__conflict")
    expect(dialog).to_be_visible(timeout=10000)
    expect(dialog).to_contain_text("Notes différentes : 1")
    dialog.get_by_role("button", name="Garder ma version").click()
    expect(second.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    first.evaluate("window.localStorage.clear()")
    first.reload()
    assert first.eval_on_selector_all(channels + " textarea", "a => a.map(x => x.value)") == [
        "Bouche-à-oreille à l'école", "Facebook"]



def test_restoring_a_version_when_the_server_fails_says_so_and_keeps_the_draft(open_page):
    page = open_page(BMC + "?student=nadia&lang=fr", locale="fr-FR", expected_statuses=(502,))
    channels = page.locator(".sirius-canvas__section[data-section='channels']")
    channels.get_by_role("button", name="Ajouter une note").click()
    channels.locator("textarea").last.type("Version envoyée")
    expect(page.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    page.get_by_role("button", name="Envoyer mon canevas").click()
    expect(page.locator(".sirius-canvas__save")).to_contain_text("Envoyé", timeout=10000)
    page.get_by_role("button", name="Versions envoyées").click()
    restore = page.get_by_role("button", name="Reprendre comme brouillon")
    expect(restore).to_be_visible(timeout=10000)

    # A proxy in front of the LMS answers with its own error page, not our JSON.
    page.route(re.compile(r"/handler/[^?]*/restore/"), lambda route: route.fulfill(status=502, body="<h1>Bad gateway</h1>"))
    page.on("dialog", lambda dialog: dialog.accept())
    restore.click()
    expect(page.locator(".sirius-canvas__alert")).to_have_text("La connexion a échoué. Réessayez.", timeout=10000)
    expect(channels.locator("textarea")).to_have_value("Version envoyée")


def test_a_trainer_error_goes_away_once_the_retry_works(open_page):
    learner = open_page(BMC + "?student=samir&lang=fr", locale="fr-FR")
    section = learner.locator(".sirius-canvas__section[data-section='channels']")
    section.get_by_role("button", name="Ajouter une note").click()
    section.locator("textarea").last.type("Bouche-à-oreille")
    expect(learner.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    learner.get_by_role("button", name="Envoyer mon canevas").click()
    expect(learner.locator(".sirius-canvas__save")).to_contain_text("Envoyé", timeout=10000)

    trainer = open_page(BMC + "?student=trainer&lang=fr", locale="fr-FR", expected_statuses=(502,))
    trainer.locator("tr[data-learner='wb-samir']").get_by_role("button").click()
    channels = trainer.locator(".sirius-canvas-staff__detail section[aria-label='Canaux']")
    channels.get_by_label("Commentaire sur cette partie").fill("Où exactement ?")
    failing = re.compile(r"/handler/[^?]*/comment_section/")
    trainer.route(failing, lambda route: route.fulfill(status=502, body="Bad gateway"))
    channels.get_by_role("button", name="Enregistrer le commentaire").click()
    alert = trainer.locator(".sirius-canvas-staff__alert")
    expect(alert).to_have_text("La connexion a échoué. Réessayez.")
    trainer.unroute(failing)
    channels.get_by_role("button", name="Enregistrer le commentaire").click()
    expect(trainer.locator(".sirius-canvas-staff__notice")).to_have_text("Commentaire enregistré.")
    expect(alert).to_be_hidden()


def test_a_double_click_on_submit_submits_once_without_an_error(open_page):
    page = open_page(BMC + "?student=karim&lang=fr", locale="fr-FR", expected_statuses=(409,))
    section = page.locator(".sirius-canvas__section[data-section='channels']")
    section.get_by_role("button", name="Ajouter une note").click()
    section.locator("textarea").last.type("Livraison à vélo")
    expect(page.locator(".sirius-canvas__save")).to_have_text(SAVED_FR, timeout=10000)
    submit = page.get_by_role("button", name="Envoyer mon canevas")
    submit.dblclick()
    expect(page.locator(".sirius-canvas__save")).to_contain_text("Envoyé", timeout=10000)
    expect(submit).to_be_focused()  # the keyboard stays where it was
    page.wait_for_timeout(1000)  # let a second request, if any, come back
    expect(page.locator(".sirius-canvas__alert")).to_be_empty()
    page.get_by_role("button", name="Versions envoyées").click()
    expect(page.locator(".sirius-canvas__history-list li")).to_have_count(1)
