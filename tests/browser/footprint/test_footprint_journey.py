"""A learner on a phone, in French and in Arabic: fill the steps, compute, try a reduction, save,
reload and find the saved result (and their answers) again."""
import re

import pytest

from tests.fixtures.live_workbench import PHONE

pytestmark = pytest.mark.browser

WORDS = {
    "fr": {"next": "Suivant", "compute": "Voir mon empreinte", "per_year": "kg CO2e par an",
           "scenario": "Regarder les vidéos en SD au lieu de HD", "combined": "Avec les changements choisis",
           "save": "Enregistrer mon résultat", "saved": "Résultat enregistré.", "locale": "fr-BE"},
    "ar": {"next": "التالي", "compute": "اعرض بصمتي", "per_year": "كغ من مكافئ CO2 في السنة",
           "scenario": "شاهد الفيديو بجودة SD بدل HD", "combined": "مع التغييرات التي اخترتها",
           "save": "احفظ نتيجتي", "saved": "تم حفظ النتيجة.", "locale": "ar"},
}


def current_step(page):
    return page.locator(".sirius-fp-step.is-current")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_phone_journey_fill_compute_try_save_reload(open_page, language):
    words = WORDS[language]
    student = f"phone_{language}"
    path = f"/scenario/sirius_footprint.0/?student={student}&lang={language}"
    page = open_page(path, viewport=PHONE, locale=words["locale"])
    root = page.locator(".sirius-root")
    assert root.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    # One topic per screen on a phone.
    assert page.locator(".sirius-fp-step").count() >= 4
    assert page.locator(".sirius-fp-step:visible").count() == 1
    page.select_option('[name="country"]', "BE")
    current_step(page).get_by_role("button", name=words["next"]).click()
    page.fill('[name="devices.smartphone.count"]', "2")
    page.fill('[name="devices.smartphone.years"]', "2")
    current_step(page).get_by_role("button", name=words["next"]).click()
    page.fill('[name="video.hours_per_week"]', "10")
    page.select_option('[name="video.quality"]', "hd")
    assert page.locator('[name="devices.smartphone.count"]').is_hidden()

    # Nothing wider than the phone.
    overflow = page.evaluate("() => document.querySelector('.sirius-fp').scrollWidth - document.querySelector('.sirius-fp').clientWidth")
    assert overflow <= 1

    page.get_by_role("button", name=words["compute"]).click()
    total = page.locator(".sirius-fp-total")
    total.wait_for()
    assert words["per_year"] in total.inner_text()
    assert page.locator(".sirius-fp-chart li").count() >= 5
    assert page.locator(".sirius-fp-biggest").inner_text().strip()
    page.locator(".sirius-fp-live", has_text=words["per_year"][:6]).wait_for()  # announced to screen readers

    page.get_by_label(re.compile(re.escape(words["scenario"]))).check()
    combined = page.locator(".sirius-fp-combined")
    combined.filter(has_text=words["combined"]).wait_for()

    page.get_by_role("button", name=words["save"]).click()
    page.locator(".sirius-fp-status", has_text=words["saved"]).wait_for()
    assert page.locator(".sirius-fp-history-list li").count() == 1

    page.reload()
    history = page.locator(".sirius-fp-history-list li")
    history.first.filter(has_text=words["per_year"]).wait_for()
    assert history.count() == 1
    assert page.input_value('[name="video.hours_per_week"]') == "10"
    assert page.input_value('[name="devices.smartphone.count"]') == "2"
    # After a save, the results come back with the reduction still chosen.
    page.locator(".sirius-fp-combined", has_text=words["combined"]).wait_for()
    page.screenshot(path=f"/tmp/footprint-phone-{language}.png", full_page=True)


def test_bad_value_shows_a_translated_error_on_the_field(open_page):
    page = open_page("/scenario/sirius_footprint.0/?student=phone_error&lang=fr", viewport=PHONE,
                          locale="fr-BE", expected_statuses=(400,))
    page.locator(".sirius-fp-step.is-current").get_by_role("button", name="Suivant").click()
    page.fill('[name="devices.smartphone.count"]', "-4")
    page.get_by_role("button", name="Voir mon empreinte").click()
    error = page.locator(".sirius-fp-error")
    error.filter(has_text="Smartphone").wait_for()
    assert "entre 0 et 20" in error.inner_text()
    assert page.get_attribute('[name="devices.smartphone.count"]', "aria-invalid") == "true"
    assert page.locator(".sirius-fp-results").is_hidden()


def test_two_blocks_on_one_page_work_independently(open_page):
    page = open_page("/scenario/sirius_footprint.2/?student=two_blocks&lang=en",
                          viewport={"width": 1200, "height": 900})
    blocks = page.locator(".sirius-fp")
    assert blocks.count() == 2
    blocks.nth(1).get_by_role("button", name="See my footprint").click()
    blocks.nth(1).locator(".sirius-fp-total").wait_for()
    assert blocks.nth(0).locator(".sirius-fp-results").is_hidden()
    assert "kg CO2e per year" in blocks.nth(1).locator(".sirius-fp-total").inner_text()


def test_business_website_rating_then_trainer_sees_the_group(open_page, live_workbench):
    learner = open_page("/scenario/sirius_footprint.1/?student=founder&lang=en", viewport={"width": 320, "height": 700})
    for _ in range(10):
        step = learner.locator(".sirius-fp-step.is-current")
        if step.locator('[name="business.enabled"]').count():
            break
        step.get_by_role("button", name="Next").click()
    learner.check('[name="business.enabled"]')
    learner.fill('[name="business.page_mb"]', "4")
    learner.fill('[name="business.monthly_visits"]', "2000")
    overflow = learner.evaluate("() => document.querySelector('.sirius-fp').scrollWidth - document.querySelector('.sirius-fp').clientWidth")
    assert overflow <= 1  # usable at 320 px
    learner.get_by_role("button", name="See my footprint").click()
    learner.locator(".sirius-fp-website", has_text="rating").wait_for()
    assert "Your website" in learner.locator(".sirius-fp-chart").inner_text()
    learner.get_by_role("button", name="Save my result").click()
    learner.locator(".sirius-fp-status", has_text="Result saved.").wait_for()

    trainer = open_page("/scenario/sirius_footprint.1/?student=trainer&lang=en", viewport={"width": 1200, "height": 900})
    trainer.get_by_role("button", name="Show the group's results").click()
    trainer.locator(".sirius-fp-staff-output", has_text="Learners who saved a result: 1").wait_for()
    # One result would be that learner's own footprint: only the count shows, and an empty table.
    assert "appear once 3 learners" in trainer.locator(".sirius-fp-staff-output").inner_text()
    assert trainer.locator(".sirius-fp-staff-table").count() == 0
    csv_url = trainer.get_attribute(".sirius-fp-staff-csv", "href")
    assert "cohort_csv" in csv_url
    csv_text = trainer.evaluate("url => fetch(url).then(r => r.text())", csv_url)
    assert csv_text.startswith("row,country,total_kg") and len(csv_text.strip().splitlines()) == 1
    for name in ("founder2", "founder3"):
        other = open_page(f"/scenario/sirius_footprint.1/?student={name}&lang=en",
                          viewport={"width": 1200, "height": 900})
        other.get_by_role("button", name="See my footprint").click()
        other.get_by_role("button", name="Save my result").click()
        other.locator(".sirius-fp-status", has_text="Result saved.").wait_for()
    trainer.get_by_role("button", name="Show the group's results").click()
    trainer.locator(".sirius-fp-staff-output", has_text="Learners who saved a result: 3").wait_for()
    assert trainer.locator(".sirius-fp-staff-table tr").count() >= 3
    assert "founder" not in trainer.locator(".sirius-fp-staff-output").inner_text()
    csv_text = trainer.evaluate("url => fetch(url).then(r => r.text())", csv_url)
    assert len(csv_text.strip().splitlines()) == 4 and "founder" not in csv_text
