"""The common helpers on the real workbench runtime: identities, refusals that change nothing,
events, rendering in the learner's language."""
from unittest import mock

import pytest
import xblock.plugin
from submissions import api as submissions_api
from xblock.core import XBlock

from tests.blocks.common.probe_block import ProbeBlock


@pytest.fixture
def probe(workbench, monkeypatch):
    """The probe block registered under the tag `sirius_probe` for this test only."""
    entry_point = mock.Mock(dist=mock.Mock(key="xblock"), load=mock.Mock(return_value=ProbeBlock), group="xblock.v1")
    entry_point.name = "sirius_probe"
    monkeypatch.setattr(XBlock, "extra_entry_points", [*XBlock.extra_entry_points, ("sirius_probe", entry_point)])
    monkeypatch.setattr(xblock.plugin, "PLUGIN_CACHE", {})
    return workbench.block("<sirius_probe/>", student="amina")


def test_each_learner_has_a_distinct_stable_anonymous_id(workbench, probe):
    _, amina = workbench.call(probe, "whoami")
    _, amina_again = workbench.call(workbench.reload(probe), "whoami")
    _, yusuf = workbench.call(workbench.as_student(probe, "yusuf"), "whoami")
    assert amina["anonymous_id"] == amina_again["anonymous_id"]
    assert amina["anonymous_id"] != yusuf["anonymous_id"]
    assert amina["username"] == "amina" and not amina["staff"]


def test_trainer_ids_are_staff_and_others_are_refused(workbench, probe):
    status, body = workbench.call(probe, "staff_only", language="fr")
    assert status == 403
    assert body["error"] == "Seule l’équipe du cours peut faire cela."
    status, body = workbench.call(workbench.as_student(probe, "trainer"), "staff_only")
    assert (status, body) == (200, {"ok": True})


def test_student_item_is_accepted_by_edx_submissions(workbench, probe):
    _, body = workbench.call(probe, "whoami")
    item = body["item"]
    assert item["item_type"] == "sirius_probe" and item["course_id"] and item["item_id"]
    submission = submissions_api.create_submission(item, {"note": "bonjour"})
    assert submissions_api.get_submissions(item)[0]["uuid"] == submission["uuid"]


def test_valid_payload_is_stored_and_published(workbench, probe):
    status, body = workbench.call(probe, "save_note", {"note": "  ma note  ", "count": 3})
    assert (status, body) == (200, {"note": "ma note", "count": 3})
    stored = workbench.reload(probe)
    assert (stored.note, stored.count) == ("ma note", 3)
    assert [event["event_type"] for event in workbench.events(probe)] == ["sirius.probe.saved"]


@pytest.mark.parametrize("payload, field, french", [
    ({"note": "x" * 21, "count": 1}, "note", "« Note » est trop long (20 caractères au maximum)."),
    ({"note": 5, "count": 1}, "note", "« Note » doit être un texte."),
    ({"note": "ok"}, "count", "« count » manque."),
    ({"note": "ok", "count": "3"}, "count", "« count » doit être un nombre."),
    ({"note": "ok", "count": True}, "count", "« count » doit être un nombre."),
    ({"note": "ok", "count": 2.5}, "count", "« count » doit être un nombre entier."),
    ({"note": "ok", "count": 11}, "count", "« count » doit être entre 0 et 10."),
])
def test_bad_input_is_refused_in_french_and_changes_nothing(workbench, probe, payload, field, french):
    workbench.call(probe, "save_note", {"note": "avant", "count": 2})
    status, body = workbench.call(workbench.reload(probe), "save_note", payload, language="fr")
    assert status == 400
    assert body == {"error": french, "field": field}
    stored = workbench.reload(probe)
    assert (stored.note, stored.count) == ("avant", 2)
    assert len(workbench.events(probe)) == 1


@pytest.mark.parametrize("raw, status", [(b"{not json", 400), (b"[1, 2]", 400), (b"\xff\xfe", 400),
                                         (b'{"note": "' + b"a" * 2000 + b'"}', 413)])
def test_unreadable_or_oversized_bodies_are_refused(workbench, probe, raw, status):
    answer, body = workbench.call(probe, "save_note", raw_body=raw, language="ar")
    assert answer == status and body["error"]
    assert workbench.reload(probe).count == 0


def test_a_body_announced_as_too_large_is_refused_before_it_is_read(workbench, probe):
    from webob import Request  # pylint: disable=import-outside-toplevel

    request = Request.blank("/", method="POST", body=b'{"note": "ok", "count": 1}')
    request.content_length = 10 * 1024 * 1024  # what a client may claim; the body is never read
    response = probe.runtime.handle(probe, "save_note", request)
    assert response.status_int == 413
    assert workbench.reload(probe).count == 0


def test_get_is_refused(workbench, probe):
    status, _ = workbench.call(probe, "save_note", method="GET")
    assert status == 405


def test_refusal_after_a_database_write_rolls_it_back(workbench, probe):
    status, _ = workbench.call(probe, "submit_and_fail", {"note": "x"})
    assert status == 400
    _, body = workbench.call(probe, "whoami")
    assert submissions_api.get_submissions(body["item"]) == []


def test_a_handler_error_with_a_non_400_status_keeps_its_status(workbench, probe):
    status, body = workbench.call(probe, "save_note", {"note": "ok", "count": 7}, language="fr")
    assert status == 409 and body["error"] == "Seule l’équipe du cours peut faire cela."
    assert workbench.reload(probe).count == 0


def test_browser_events_pass_only_the_allow_list(workbench, probe):
    status, body = workbench.call(probe, "publish_browser_event", {"verb": "opened_help", "data": {"step": 2}})
    assert status == 200 and body["published"] == "sirius.probe.opened_help"
    for refused in ({"verb": "grade", "data": {"value": 1}}, {"verb": "completion"}, {"verb": "anything"},
                    {"verb": "opened_help", "data": {"nested": {"a": 1}}},
                    {"verb": "opened_help", "event_type": "grade"}):
        status, _ = workbench.call(probe, "publish_browser_event", refused)
        assert status == 400
    assert [event["event_type"] for event in workbench.events(probe)] == ["sirius.probe.opened_help"]


def test_views_escape_learner_text_and_translate(workbench, probe):
    workbench.call(probe, "save_note", {"note": "<script>x</script>", "count": 1})
    html = workbench.render(workbench.reload(probe), language="fr").content
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Seule l’équipe du cours peut faire cela." in html
    assert "فريق الدورة فقط" in workbench.render(workbench.reload(probe), language="ar").content


def test_block_fragment_root_and_init_arguments_are_safe_and_translated(workbench, probe):
    import json  # pylint: disable=import-outside-toplevel

    from django.utils import translation  # pylint: disable=import-outside-toplevel

    workbench.call(probe, "save_note", {"note": "</script><b>", "count": 1})
    with translation.override("ar"):
        fragment = workbench.reload(probe).fragment_view()
    assert 'lang="ar" dir="rtl"' in fragment.content
    raw = fragment.json_init_args["data"]
    assert "<" not in raw and ">" not in raw
    arguments = json.loads(raw)
    assert arguments["note"] == "</script><b>"
    assert arguments["language"] == "ar"
    assert arguments["i18n"] == {"Only the course team can do this.": "فريق الدورة فقط يمكنه القيام بهذا."}


@pytest.mark.django_db(transaction=True)  # a retry needs the handler's transaction to be the outermost
def test_a_deadlock_is_retried_from_scratch(workbench, probe, monkeypatch):
    monkeypatch.setattr(type(probe), "attempts", 0, raising=False)
    status, body = workbench.call(probe, "deadlock_once", {"fail_times": 1})
    assert (status, body) == (200, {"count": 100})
    _, who = workbench.call(probe, "whoami")
    submissions = submissions_api.get_submissions(who["item"])
    assert [submission["answer"] for submission in submissions] == [{"attempt": 100}]
    assert workbench.reload(probe).count == 100


@pytest.mark.django_db(transaction=True)
def test_a_deadlock_that_persists_is_not_hidden(workbench, probe, monkeypatch):
    from django.db import OperationalError  # pylint: disable=import-outside-toplevel

    from xblocks.common import transactions  # pylint: disable=import-outside-toplevel

    monkeypatch.setattr(type(probe), "attempts", 0, raising=False)
    monkeypatch.setattr(transactions, "RETRY_SECONDS", 0.3)
    with pytest.raises(OperationalError):
        workbench.call(probe, "deadlock_once", {"fail_times": 10_000})
    assert type(probe).attempts > 1  # the runtime mixes the class; its attribute counts the attempts


@pytest.mark.django_db(transaction=True)
def test_a_first_submission_that_loses_the_unique_race_runs_again(workbench, probe, monkeypatch):
    """Two first submissions at once: edx-submissions refuses the loser ("must make a unique set");
    the request runs again and stores its snapshot once."""
    real = submissions_api.create_submission
    calls = []

    def loses_once(item, answer):
        calls.append(answer)
        if len(calls) == 1:
            raise submissions_api.SubmissionRequestError(
                field_errors={"non_field_errors": ["The fields course_id, student_id, item_id must make a unique set."]})
        return real(item, answer)

    monkeypatch.setattr(submissions_api, "create_submission", loses_once)
    _, who = workbench.call(probe, "whoami")
    status, _ = workbench.call(probe, "snapshot", {"note": "v1"})
    assert status == 200 and len(calls) == 2
    assert [s["answer"] for s in submissions_api.get_submissions(who["item"])] == [{"note": "v1"}]
