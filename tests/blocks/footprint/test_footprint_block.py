"""The footprint block on the workbench runtime: views, handlers with good and bad input, saved
results in edx-submissions, the trainer's anonymous cohort view, OLX round trip."""
import json

import pytest
from lxml import etree

from xblocks.footprint.engine.answers import default_answers

XML = '<sirius_footprint display_name="Footprint"/>'


def answers(**changes):
    data = default_answers()
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for name in parents:
            target = target[name]
        target[last] = value
    return data


def saved_results(block, student):
    from submissions import api  # pylint: disable=import-outside-toplevel
    item = {"student_id": f"wb-{student}", "course_id": "course-v1:SiriusHub+Workbench+local",
            "item_id": str(block.scope_ids.usage_id), "item_type": "sirius_footprint"}
    return api.get_submissions(item)


def test_learner_view_has_the_steps_labels_and_direction(workbench):
    block = workbench.block(XML, student="amina")
    english = workbench.render(block, language="en").content
    assert 'name="video.hours_per_week"' in english and "Video streaming, hours per week" in english
    assert "Sources and method" in english and "Ember" in english
    arabic = workbench.render(block, language="ar").content
    assert 'dir="rtl"' in arabic and 'lang="ar"' in arabic
    assert "sirius-fp-staff" not in english  # learners never get the trainer's part


def test_compute_returns_results_and_keeps_the_answers(workbench):
    block = workbench.block(XML, student="amina")
    status, body = workbench.call(block, "compute", {"answers": answers(), "scenarios": []})
    assert status == 200
    assert body["low_kg"] <= body["total_kg"] <= body["high_kg"]
    assert body["biggest"] == "devices" and "devices" in body["biggest_sentence"]
    assert workbench.reload(block).answers["video"]["hours_per_week"] == 7
    assert [e["event_type"] for e in workbench.events(block, "sirius.")] == ["sirius.footprint.computed"]


def test_compute_with_a_scenario_shows_the_new_total(workbench):
    block = workbench.block(XML, student="amina")
    _status, plain = workbench.call(block, "compute", {"answers": answers(), "scenarios": []})
    status, body = workbench.call(block, "compute", {"answers": answers(), "scenarios": ["video_in_sd"]})
    assert status == 200 and body["active_scenarios"] == ["video_in_sd"]
    saved = next(s["saved_kg"] for s in plain["scenarios"] if s["key"] == "video_in_sd")
    assert body["total_with_scenarios_kg"] == pytest.approx(plain["total_kg"] - saved)
    assert workbench.reload(block).active_scenarios == ["video_in_sd"]


@pytest.mark.parametrize("payload, field, words", [
    ({"answers": answers(video__hours_per_week=-3)}, "video.hours_per_week", "entre 0 et 112"),
    ({"answers": answers(video__hours_per_week="beaucoup")}, "video.hours_per_week", "un nombre"),
    ({"answers": answers(country=["BE"])}, "country", "« Pays où vous habitez » a une valeur qui n’est pas permise"),
    ({"answers": {k: v for k, v in answers().items() if k != "emails"}}, "emails", "manque"),
    ({"answers": answers(), "scenarios": ["eat_less_meat"]}, "scenarios", "n’est pas permise"),
    ({"answers": "all of them"}, "answers", "forme"),
    ({"answers": dict(answers(), admin=True)}, "admin", "« admin » n’est pas une question de ce formulaire"),
    ({"answers": answers(), "scenarios": [], "student_id": "wb-youssef"}, "student_id", "ne fait pas partie de cette demande"),
])
def test_bad_input_names_the_field_in_french_and_stores_nothing(workbench, payload, field, words):
    block = workbench.block(XML, student="amina")
    status, body = workbench.call(block, "compute", payload, language="fr")
    assert status == 400
    assert body["field"] == field
    assert words in body["error"]
    assert workbench.reload(block).answers is None
    assert not workbench.events(block, "sirius.")


def test_oversized_or_unreadable_payload_is_refused(workbench):
    block = workbench.block(XML, student="amina")
    huge = {"answers": answers(), "padding": "x" * 40000}
    status, body = workbench.call(block, "compute", huge)
    assert status == 413 and body["error"]
    status, _body = workbench.call(block, "save_result", raw_body=b"{not json")
    assert status == 400
    assert workbench.reload(block).answers is None
    assert saved_results(block, "amina") == []


def test_keep_answers_autosaves_work_in_progress(workbench):
    block = workbench.block(XML, student="amina")
    status, _ = workbench.call(block, "keep_answers", {"answers": answers(ai__queries_per_day=12)})
    assert status == 200
    assert workbench.reload(block).answers["ai"]["queries_per_day"] == 12
    html = workbench.render(workbench.reload(block)).content
    assert 'name="ai.queries_per_day" value="12"' in html


def test_save_result_snapshots_completes_once_and_builds_history(workbench):
    block = workbench.block(XML, student="amina")
    status, body = workbench.call(block, "save_result", {"answers": answers(), "scenarios": ["camera_off"]})
    assert status == 200 and len(body["history"]) == 1
    status, body = workbench.call(workbench.reload(block), "save_result",
                                  {"answers": answers(video__quality="sd"), "scenarios": []})
    assert status == 200 and len(body["history"]) == 2
    assert body["history"][0]["total_kg"] < body["history"][1]["total_kg"]  # newest first
    stored = saved_results(block, "amina")
    assert stored[1]["answer"]["active_scenarios"] == ["camera_off"]
    completions = [e for e in workbench.events(block) if e["event_type"] == "completion"]
    assert completions == [dict(completions[0], data={"completion": 1.0})] and len(completions) == 1
    assert [e["event_type"] for e in workbench.events(block, "sirius.")] == ["sirius.footprint.result_saved"] * 2
    status, history = workbench.call(workbench.reload(block), "history", {})
    assert status == 200 and len(history["history"]) == 2


def test_bad_save_stores_no_result_and_no_completion(workbench):
    block = workbench.block(XML, student="amina")
    status, body = workbench.call(block, "save_result", {"answers": answers(cloud__gigabytes=10**9)})
    assert status == 400 and body["field"] == "cloud.gigabytes"
    assert saved_results(block, "amina") == []
    assert not workbench.events(block)
    assert workbench.reload(block).has_saved is False


def test_trainer_sees_anonymous_cohort_statistics_and_csv(workbench):
    block = workbench.block(XML, student="amina")
    workbench.call(block, "save_result", {"answers": answers(), "scenarios": ["camera_off"]})
    workbench.call(workbench.as_student(block, "youssef"), "save_result",
                   {"answers": answers(video__hours_per_week=20), "scenarios": ["camera_off", "video_in_sd"]})
    learner = workbench.as_student(block, "amina")
    assert workbench.call(learner, "cohort_statistics", {})[0] == 403
    assert workbench.call(learner, "cohort_csv", method="GET")[0] == 403

    trainer = workbench.as_student(block, "trainer")
    assert "sirius-fp-staff" in workbench.render(trainer).content
    status, stats = workbench.call(trainer, "cohort_statistics", {})  # two results: each one is someone's
    assert status == 200 and stats["learners"] == 2 and stats["too_few"] and stats["total"] is None
    assert workbench.call(trainer, "cohort_csv", method="GET")[1].count("\n") == 1
    workbench.call(workbench.as_student(block, "chen"), "save_result", {"answers": answers(), "scenarios": []})
    status, stats = workbench.call(trainer, "cohort_statistics", {})
    assert status == 200 and stats["learners"] == 3
    assert stats["reductions"][0] == {"key": "camera_off", "learners": 2}
    assert stats["categories"]["video"]["q1"] < stats["categories"]["video"]["q3"]
    assert "amina" not in json.dumps(stats) and "youssef" not in json.dumps(stats)
    status, csv_text = workbench.call(trainer, "cohort_csv", method="GET")
    lines = csv_text.strip().splitlines()
    assert status == 200 and len(lines) == 4 and lines[0].startswith("row,country,total_kg")
    assert "amina" not in csv_text and "wb-" not in csv_text


def test_website_analyser_is_off_by_default(workbench):
    block = workbench.block(XML, student="amina")
    status, body = workbench.call(block, "analyse_website", {"url": "https://example.org/"})
    assert status == 403 and body["error"]


def test_hidden_sections_are_not_in_the_form_nor_the_total(workbench):
    block = workbench.block('<sirius_footprint sections=\'["video", "calls"]\'/>', student="amina")
    html = workbench.render(block).content
    assert 'name="video.hours_per_week"' in html and 'name="devices.smartphone.count"' not in html
    _status, body = workbench.call(block, "compute", {"answers": answers(), "scenarios": []})
    assert {c["key"] for c in body["categories"]} == {"video", "calls"}


def test_olx_round_trip_keeps_settings_and_never_learner_state(workbench):
    xml = ('<sirius_footprint display_name="Mon empreinte" default_country="FR" website_analyser_enabled="true" '
           'sections=\'["devices", "business"]\' intro_html="&lt;p&gt;Bonjour&lt;/p&gt;"/>')
    block = workbench.block(xml, student="amina")
    workbench.call(block, "compute", {"answers": answers(), "scenarios": []})
    block = workbench.reload(block)
    node = etree.Element("unknown_root")
    block.add_xml_to_node(node)
    exported = etree.tostring(node, encoding="unicode")
    assert "hours_per_week" not in exported  # no learner answers in the export
    again = workbench.block(exported, student="other")
    for field in ("display_name", "default_country", "website_analyser_enabled", "sections", "intro_html"):
        assert getattr(again, field) == getattr(block, field), field
    assert again.sections == ["devices", "business"] and again.intro_html == "<p>Bonjour</p>"


def test_every_workbench_scenario_renders(workbench):
    from xblocks.footprint.block import FootprintBlock  # pylint: disable=import-outside-toplevel
    scenarios = FootprintBlock.workbench_scenarios()
    assert len(scenarios) >= 3
    for _title, xml in scenarios:
        block = workbench.block(xml, student="amina")
        assert "sirius-fp" in workbench.render(block).content


@pytest.fixture
def tiny_site():
    import http.server  # pylint: disable=import-outside-toplevel
    import threading  # pylint: disable=import-outside-toplevel

    class Page(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            body = b"<html><img src='/a.png'></html>" if self.path == "/" else b"x" * 1000
            self.send_response(200)
            self.send_header("Content-Type", "text/html" if self.path == "/" else "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_website_analyser_when_enabled_measures_and_refuses_local_addresses(workbench, tiny_site):
    from xblocks.footprint.website_analyser import allow_local_hosts_for_tests  # pylint: disable=import-outside-toplevel
    block = workbench.block('<sirius_footprint website_analyser_enabled="true"/>', student="amina")
    status, body = workbench.call(block, "analyse_website", {"url": f"http://{tiny_site}/"}, language="fr")
    assert status == 400 and body["field"] == "url" and "réseau privé ou local" in body["error"]
    with allow_local_hosts_for_tests(tiny_site):
        status, body = workbench.call(block, "analyse_website", {"url": f"http://{tiny_site}/"})
    assert status == 200 and body["requests"] == 2
    assert body["megabytes"] == pytest.approx((len("<html><img src='/a.png'></html>") + 1000) / 1e6)
    status, body = workbench.call(block, "analyse_website", {"url": 42})
    assert status == 400 and body["field"] == "url"


def test_studio_editor_renders_the_settings(workbench):
    block = workbench.block(XML, student="trainer")
    html = workbench.render(block, "studio_view").content
    for field in ("display_name", "intro_html", "sections", "default_country", "website_analyser_enabled"):
        assert field in html, field


def test_browser_events_are_allow_listed(workbench):
    block = workbench.block(XML, student="amina")
    status, _ = workbench.call(block, "publish_browser_event", {"verb": "scenario_toggled",
                                                                "data": {"scenario": "camera_off", "on": True}})
    assert status == 200
    for verb in ("completion", "grade", "anything_else"):
        status, _ = workbench.call(block, "publish_browser_event", {"verb": verb, "data": {}})
        assert status == 400, verb
    assert [e["event_type"] for e in workbench.events(block)] == ["sirius.footprint.scenario_toggled"]


def test_author_intro_is_sanitized_and_default_title_translated(workbench):
    block = workbench.block('<sirius_footprint intro_html="&lt;p&gt;Hello&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;"/>',
                            student="amina")
    html = workbench.render(block, language="fr").content
    assert "<p>Hello" in html and "<script>alert" not in html
    assert "Calculateur d’empreinte numérique" in html


def test_studio_refuses_unknown_sections_and_countries(workbench):
    from xblock.validation import Validation  # pylint: disable=import-outside-toplevel

    class Data:  # what StudioEditableXBlockMixin passes: the proposed values as attributes
        sections = ["devices", "teleportation"]
        default_country = "XX"

    from django.utils import translation  # pylint: disable=import-outside-toplevel

    block = workbench.block(XML, student="trainer")
    validation = Validation(block.scope_ids.usage_id)
    with translation.override("fr"):
        block.validate_field_data(validation, Data())
    assert len(validation.messages) == 2
    texts = " ".join(message.text for message in validation.messages)
    assert "Pays par défaut" in texts and "devices, video" in texts  # the trainer's language, the keys as typed


def test_business_only_block_counts_the_business_without_a_checkbox(workbench):
    block = workbench.block('<sirius_footprint sections=\'["business"]\'/>', student="amina")
    html = workbench.render(block).content
    assert 'name="business.enabled"' not in html and 'name="business.page_mb"' in html
    status, body = workbench.call(block, "compute", {"answers": answers(), "scenarios": []})
    assert status == 200
    assert {c["key"] for c in body["categories"]} == {"team_devices", "website", "business_cloud"}
    assert body["website"]["rating"] and body["total_kg"] > 0
    assert {s["key"] for s in body["scenarios"]} >= {"lighter_pages", "green_hosting"}


def test_a_save_with_a_key_the_form_does_not_send_stores_nothing(workbench):
    block = workbench.block(XML, student="amina")
    status, body = workbench.call(block, "save_result", {"answers": answers(), "scenarios": [], "total_kg": 1})
    assert status == 400 and body["field"] == "total_kg"
    assert saved_results(block, "amina") == [] and workbench.reload(block).has_saved is False
    assert workbench.call(block, "history", {"student": "youssef"})[0] == 400


def test_website_analyser_measures_at_most_three_pages_a_minute_per_learner(workbench, tiny_site):
    from xblocks.footprint.website_analyser import allow_local_hosts_for_tests  # pylint: disable=import-outside-toplevel
    block = workbench.block('<sirius_footprint website_analyser_enabled="true"/>', student="amina")
    with allow_local_hosts_for_tests(tiny_site):
        for _ in range(3):
            assert workbench.call(block, "analyse_website", {"url": f"http://{tiny_site}/"})[0] == 200
        status, body = workbench.call(block, "analyse_website", {"url": f"http://{tiny_site}/"}, language="fr")
        assert status == 429 and "minute" in body["error"]
        other = workbench.as_student(block, "youssef")
        assert workbench.call(other, "analyse_website", {"url": f"http://{tiny_site}/"})[0] == 200
