"""scripts/course_import.py against a local server that follows the Open edX contract."""
import io
import socket
import tarfile

import pytest

from scripts import course_import

COURSE_ID = "course-v1:SiriusHub+ENTR101+2026"


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "sirius-entreprendre.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        content = b'<course url_name="2026" org="SiriusHub" course="ENTR101"/>'
        info = tarfile.TarInfo("course/course.xml")
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    return path


@pytest.fixture
def credentials(monkeypatch, fake_openedx):
    monkeypatch.setenv("SIRIUS_OAUTH_CLIENT_ID", fake_openedx.scenario.client_id)
    monkeypatch.setenv("SIRIUS_OAUTH_CLIENT_SECRET", fake_openedx.scenario.client_secret)


def run_import(server, archive, *extra, studio=None, lms=None, course_id=COURSE_ID):
    return course_import.main([
        "--studio", studio or server.url, "--lms", lms or server.url, "--course-id", course_id,
        "--poll-interval", "0.01", "--wait", "5", *extra, str(archive),
    ])


def assert_secret_hidden(server, captured):
    secret = server.scenario.client_secret
    assert secret not in captured.out and secret not in captured.err
    for method, path, headers, body in server.requests:
        assert secret not in path and secret not in str(headers)
        if secret.encode() in body:  # only ever sent in the body of the token request
            assert (method, path.split("?")[0]) == ("POST", "/oauth2/access_token")


def test_successful_import_uploads_the_archive_and_shows_each_state(fake_openedx, credentials, archive, capsys):
    exit_code = run_import(fake_openedx, archive)

    captured = capsys.readouterr()
    assert exit_code == course_import.EXIT_OK, captured.err
    [upload] = fake_openedx.uploads
    assert (upload.course_id, upload.field_name, upload.filename) == (COURSE_ID, "course_data", archive.name)
    assert upload.content == archive.read_bytes()
    states = [line.removeprefix("Import status: ") for line in captured.out.splitlines()
              if line.startswith("Import status: ")]
    assert states == ["Pending", "Unpacking", "Verifying", "Updating", "Succeeded"]
    assert "Import succeeded" in captured.out
    upload_request = next(r for r in fake_openedx.requests if r[0] == "POST" and "/import/" in r[1])
    assert upload_request[2]["Authorization"].startswith("JWT jwt-")
    assert_secret_hidden(fake_openedx, captured)


def test_status_polls_carry_task_id_and_filename(fake_openedx, credentials, archive):
    run_import(fake_openedx, archive)

    polls = [path for method, path, _, _ in fake_openedx.requests if method == "GET" and "/import/" in path]
    task_id = fake_openedx.uploads[0].task_id
    assert polls and all(f"task_id={task_id}" in path and f"filename={archive.name}" in path for path in polls)


def test_wrong_credentials_are_reported_without_uploading(fake_openedx, monkeypatch, archive, capsys):
    monkeypatch.setenv("SIRIUS_OAUTH_CLIENT_ID", "sirius-importer")
    monkeypatch.setenv("SIRIUS_OAUTH_CLIENT_SECRET", "wrong-secret-typed-by-hand")

    exit_code = run_import(fake_openedx, archive)

    captured = capsys.readouterr()
    assert exit_code == course_import.EXIT_BAD_CREDENTIALS
    assert "refused the credentials (invalid_client)" in captured.err
    assert "wrong-secret-typed-by-hand" not in captured.out + captured.err
    assert fake_openedx.uploads == []


def test_missing_credentials_without_a_terminal_say_which_variables_to_set(fake_openedx, monkeypatch, archive,
                                                                          capsys):
    monkeypatch.delenv("SIRIUS_OAUTH_CLIENT_ID", raising=False)
    monkeypatch.delenv("SIRIUS_OAUTH_CLIENT_SECRET", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    exit_code = run_import(fake_openedx, archive)

    assert exit_code == course_import.EXIT_BAD_CREDENTIALS
    assert "SIRIUS_OAUTH_CLIENT_SECRET" in capsys.readouterr().err
    assert fake_openedx.requests == []


def test_prompted_secret_is_read_hidden_and_never_echoed(fake_openedx, monkeypatch, archive, capsys):
    monkeypatch.delenv("SIRIUS_OAUTH_CLIENT_ID", raising=False)
    monkeypatch.delenv("SIRIUS_OAUTH_CLIENT_SECRET", raising=False)
    terminal = io.StringIO("sirius-importer\n")
    terminal.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", terminal)
    hidden_prompts = []
    monkeypatch.setattr(course_import.getpass, "getpass",
                        lambda prompt: hidden_prompts.append(prompt) or fake_openedx.scenario.client_secret)

    exit_code = run_import(fake_openedx, archive)

    captured = capsys.readouterr()
    assert exit_code == course_import.EXIT_OK, captured.err
    assert hidden_prompts == ["OAuth2 client secret (hidden): "]
    assert_secret_hidden(fake_openedx, captured)


def test_user_without_author_rights_is_told_how_to_get_them(fake_openedx, credentials, archive, capsys):
    fake_openedx.scenario.author_rights = False

    exit_code = run_import(fake_openedx, archive)

    captured = capsys.readouterr()
    assert exit_code == course_import.EXIT_FORBIDDEN
    assert "may not author course-v1:SiriusHub+ENTR101+2026" in captured.err
    assert "Course Team" in captured.err
    assert fake_openedx.uploads == []
    assert_secret_hidden(fake_openedx, captured)


def test_missing_course_is_detected_before_upload_with_how_to_create_it(fake_openedx, credentials, archive,
                                                                         capsys):
    exit_code = run_import(fake_openedx, archive, course_id="course-v1:OtherASBL+ENTR101+2027")

    err = capsys.readouterr().err
    assert exit_code == course_import.EXIT_COURSE_MISSING
    assert "course-v1:OtherASBL+ENTR101+2027 does not exist in Studio yet" in err
    assert '"New course"' in err and "manage.py cms create_course split" in err
    assert fake_openedx.uploads == []


def test_release_without_course_details_api_still_imports(fake_openedx, credentials, archive, capsys):
    fake_openedx.scenario.course_details_api = False

    exit_code = run_import(fake_openedx, archive)

    out = capsys.readouterr().out
    assert exit_code == course_import.EXIT_OK
    assert "Could not check that the course exists (HTTP 404)" in out
    assert len(fake_openedx.uploads) == 1


def test_archive_over_the_upload_limit_is_explained(fake_openedx, credentials, archive, capsys):
    fake_openedx.scenario.max_upload_bytes = 100

    exit_code = run_import(fake_openedx, archive)

    err = capsys.readouterr().err
    assert exit_code == course_import.EXIT_TOO_LARGE
    assert "larger than the server accepts (HTTP 413)" in err
    assert fake_openedx.uploads == []


def test_failed_import_shows_the_platform_message(fake_openedx, credentials, archive, capsys):
    fake_openedx.scenario.states = ["Pending", "Unpacking", "Verifying", "Failed"]
    fake_openedx.scenario.failure_text = "Could not find the course.xml file in the package."

    exit_code = run_import(fake_openedx, archive)

    captured = capsys.readouterr()
    assert exit_code == course_import.EXIT_IMPORT_FAILED
    assert 'ended as "Failed". Studio says: Could not find the course.xml file in the package.' in captured.err
    assert "Import status: Verifying" in captured.out


def test_failed_import_without_a_reason_points_to_studio_and_the_worker_log(fake_openedx, credentials, archive,
                                                                             capsys):
    fake_openedx.scenario.states = ["Pending", "Failed"]

    exit_code = run_import(fake_openedx, archive)

    err = capsys.readouterr().err
    assert exit_code == course_import.EXIT_IMPORT_FAILED
    assert "Studio > Tools > Import" in err and "tutor local logs cms-worker" in err


def test_refused_upload_shows_the_developer_message(fake_openedx, credentials, archive, capsys):
    fake_openedx.scenario.upload_error = (500, "[Errno 28] No space left on device")

    exit_code = run_import(fake_openedx, archive)

    assert exit_code == course_import.EXIT_IMPORT_FAILED
    assert "Studio refused the import (HTTP 500): [Errno 28] No space left on device" in capsys.readouterr().err


def test_import_still_running_after_the_wait_times_out_with_advice(fake_openedx, credentials, archive, capsys):
    fake_openedx.scenario.states = ["Pending", "Updating"]

    exit_code = course_import.main([
        "--studio", fake_openedx.url, "--lms", fake_openedx.url, "--course-id", COURSE_ID,
        "--poll-interval", "0.05", "--wait", "0.3", str(archive),
    ])

    err = capsys.readouterr().err
    assert exit_code == course_import.EXIT_TIMEOUT
    assert 'still "Updating" after' in err and "--wait" in err
    assert len(fake_openedx.uploads) == 1  # the upload itself was never repeated


def test_upload_without_answer_times_out_and_warns_the_import_may_run(fake_openedx, credentials, archive,
                                                                     monkeypatch, capsys):
    fake_openedx.scenario.upload_delay_seconds = 1.0
    monkeypatch.setattr(course_import, "UPLOAD_TIMEOUT", (2, 0.2))

    exit_code = run_import(fake_openedx, archive)

    err = capsys.readouterr().err
    assert exit_code == course_import.EXIT_TIMEOUT
    assert "did not answer in time" in err and "may have started anyway" in err
    upload_posts = [r for r in fake_openedx.requests if r[0] == "POST" and "/import/" in r[1]]
    assert len(upload_posts) == 1  # never sent twice


def test_studio_refusing_the_lms_token_is_explained(fake_openedx, credentials, archive, capsys):
    fake_openedx.scenario.studio_accepts_lms_tokens = False

    exit_code = run_import(fake_openedx, archive)

    assert exit_code == course_import.EXIT_BAD_CREDENTIALS
    assert "Studio refused the token (HTTP 401)" in capsys.readouterr().err
    assert fake_openedx.uploads == []


def test_expired_token_during_polling_is_renewed_once(fake_openedx, credentials, archive, capsys):
    fake_openedx.scenario.tokens_expire_after_polls = 3

    exit_code = run_import(fake_openedx, archive)

    assert exit_code == course_import.EXIT_OK, capsys.readouterr().err
    token_requests = [r for r in fake_openedx.requests if r[1] == "/oauth2/access_token"]
    assert len(token_requests) == 2
    assert len(fake_openedx.uploads) == 1


def test_studio_url_pointing_elsewhere_is_reported(fake_openedx, credentials, archive, capsys):
    exit_code = run_import(fake_openedx, archive, studio=fake_openedx.url + "/not-studio")

    err = capsys.readouterr().err
    assert exit_code == course_import.EXIT_UNREACHABLE
    assert "Is --studio the Studio address" in err


def test_lms_url_pointing_elsewhere_is_reported(fake_openedx, credentials, archive, capsys):
    exit_code = run_import(fake_openedx, archive, lms=fake_openedx.url + "/not-lms")

    assert exit_code == course_import.EXIT_UNREACHABLE
    assert "Is --lms the LMS address" in capsys.readouterr().err


def test_unreachable_host_is_reported(credentials, archive, capsys):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_url = f"http://127.0.0.1:{probe.getsockname()[1]}"

    exit_code = course_import.main(["--studio", closed_url, "--lms", closed_url, "--course-id", COURSE_ID,
                                    "--poll-interval", "0.01", str(archive)])

    err = capsys.readouterr().err
    assert exit_code == course_import.EXIT_UNREACHABLE
    assert f"cannot reach {closed_url}/oauth2/access_token" in err


@pytest.mark.parametrize("arguments, message", [
    (["--studio", "studio.example", "--lms", "https://lms.example", "--course-id", COURSE_ID],
     "--studio must be a URL"),
    (["--studio", "https://studio.example", "--lms", "https://lms.example", "--course-id", "ENTR101"],
     "is not a course id like course-v1:ORG+NUMBER+RUN"),
])
def test_bad_arguments_are_refused_before_any_request(arguments, message, archive, capsys):
    assert course_import.main([*arguments, str(archive)]) == course_import.EXIT_USAGE
    assert message in capsys.readouterr().err


def test_missing_archive_is_refused(tmp_path, capsys):
    exit_code = course_import.main(["--studio", "https://s.example", "--lms", "https://l.example",
                                    "--course-id", COURSE_ID, str(tmp_path / "nothing.tar.gz")])

    assert exit_code == course_import.EXIT_USAGE
    assert "not found. Build it with scripts/course_build.py" in capsys.readouterr().err


def test_secret_cannot_be_given_on_the_command_line(archive, capsys):
    with pytest.raises(SystemExit) as refused:
        course_import.main(["--studio", "https://s.example", "--lms", "https://l.example", "--course-id",
                            COURSE_ID, "--client-secret", "oops", str(archive)])

    assert refused.value.code == course_import.EXIT_USAGE
