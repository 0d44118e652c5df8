"""Upload a course archive into an existing Open edX course with Studio's import REST API.

    SIRIUS_OAUTH_CLIENT_ID=... SIRIUS_OAUTH_CLIENT_SECRET=... \
    python -m scripts.course_import --studio https://studio.example --lms https://lms.example \
        --course-id course-v1:SiriusHub+ENTR101+2026 dist/course.tar.gz

Platform contract (openedx-platform, Sumac to Verawood):
- token: ``POST {lms}/oauth2/access_token`` (client credentials, ``token_type=jwt``);
- course check: ``GET {studio}/api/contentstore/v1/course_details/{course_id}`` answers 404 with
  ``error_code=course_does_not_exist`` for a missing course. The import call itself does not: for
  global staff it accepts the upload and the task fails later with "unknown error while unpacking";
- import: ``POST {studio}/api/courses/v0/import/{course_id}/`` multipart field ``course_data``;
- status: ``GET`` the same URL with ``task_id`` and ``filename``; answers 500 until the task row exists;
- failure reason: django-user-tasks ``GET {studio}/api/tasks/v0/tasks/`` (artifact named "Error").

The client secret is read from the environment or a hidden prompt, never from the command line.
"""
import argparse
import getpass
import os
import re
import sys
import time
from urllib.parse import quote

import requests

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
EXIT_BAD_CREDENTIALS = 4
EXIT_FORBIDDEN = 5
EXIT_COURSE_MISSING = 6
EXIT_TOO_LARGE = 7
EXIT_IMPORT_FAILED = 8
EXIT_TIMEOUT = 9
EXIT_UNEXPECTED_ANSWER = 10

CLIENT_ID_VARIABLE = "SIRIUS_OAUTH_CLIENT_ID"
CLIENT_SECRET_VARIABLE = "SIRIUS_OAUTH_CLIENT_SECRET"
COURSE_ID_PATTERN = re.compile(r"^course-v1:[\w.~-]+\+[\w.~-]+\+[\w.~-]+$")
FINAL_STATES = ("Succeeded", "Failed", "Canceled")
# (connect, read) seconds. The upload gets a long read timeout: Studio answers only once the
# whole archive is stored.
SHORT_TIMEOUT = (10, 60)
UPLOAD_TIMEOUT = (10, 600)
# Safe to repeat: these GETs change nothing. 500 covers "task row not created yet".
RETRYABLE_POLL_STATUSES = (500, 502, 503, 504)
CREATE_COURSE_HELP = (
    "Create it first: in Studio, click \"New course\" and use the same organisation, course number "
    "and run; or, on a Tutor host, run\n"
    "  tutor local run cms ./manage.py cms create_course split <staff email> <org> <number> <run> "
    "\"<course name>\"\n"
    "Or import with the Tutor plugin job `tutor local do sirius-import-course`, which creates the "
    "course named in the archive's course.xml (see docs/operators.md)."
)


class ImportFailure(Exception):
    """A problem the operator can act on: a message and the process exit code."""

    def __init__(self, exit_code, message):
        super().__init__(message)
        self.exit_code = exit_code
        self.message = message


def main(argv=None):
    options = parse_arguments(argv)
    try:
        check_inputs(options)
        client_id, client_secret = read_credentials()
        importer = CourseImporter(options, client_id, client_secret)
        importer.run()
    except ImportFailure as failure:
        print(f"Error: {failure.message}", file=sys.stderr, flush=True)
        return failure.exit_code
    except KeyboardInterrupt:
        print("Interrupted. An import already started keeps running in Studio.", file=sys.stderr)
        return 130
    return EXIT_OK


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m scripts.course_import",
        description="Import a course archive (.tar.gz) into an existing Open edX course. "
        f"Credentials: {CLIENT_ID_VARIABLE} and {CLIENT_SECRET_VARIABLE} in the environment, "
        "otherwise you are asked for them.",
    )
    parser.add_argument("--studio", required=True, help="Studio (CMS) base URL, e.g. https://studio.example.org")
    parser.add_argument("--lms", required=True, help="LMS base URL (issues the token), e.g. https://example.org")
    parser.add_argument("--course-id", required=True, help="target course, e.g. course-v1:SiriusHub+ENTR101+2026")
    parser.add_argument("archive", help="course archive built by scripts/course_build.py (.tar.gz)")
    parser.add_argument("--wait", type=float, default=1800.0, help="seconds to wait for the import (default 1800)")
    parser.add_argument("--poll-interval", type=float, default=3.0, help="seconds between status checks")
    return parser.parse_args(argv)


def check_inputs(options):
    for name in ("studio", "lms"):
        url = getattr(options, name)
        if not re.match(r"^https?://[^/\s]+", url):
            raise ImportFailure(EXIT_USAGE, f"--{name} must be a URL starting with https:// (got {url!r}).")
        setattr(options, name, url.rstrip("/"))
    if not COURSE_ID_PATTERN.match(options.course_id):
        raise ImportFailure(
            EXIT_USAGE,
            f"--course-id {options.course_id!r} is not a course id like course-v1:ORG+NUMBER+RUN.",
        )
    if not options.archive.endswith(".tar.gz"):
        raise ImportFailure(EXIT_USAGE, f"{options.archive} is not a .tar.gz archive; Studio refuses other names.")
    if not os.path.isfile(options.archive):
        raise ImportFailure(EXIT_USAGE, f"archive {options.archive} not found. Build it with scripts/course_build.py.")
    if options.wait <= 0 or options.poll_interval <= 0:
        raise ImportFailure(EXIT_USAGE, "--wait and --poll-interval must be positive numbers of seconds.")


def read_credentials():
    """Client id and secret from the environment, else from an interactive prompt."""
    client_id = os.environ.get(CLIENT_ID_VARIABLE, "").strip()
    client_secret = os.environ.get(CLIENT_SECRET_VARIABLE, "")
    if client_id and client_secret:
        return client_id, client_secret
    if not sys.stdin.isatty():
        raise ImportFailure(
            EXIT_BAD_CREDENTIALS,
            f"no credentials: set {CLIENT_ID_VARIABLE} and {CLIENT_SECRET_VARIABLE}, "
            "or run the command in a terminal to be asked for them.",
        )
    if not client_id:
        client_id = input("OAuth2 client id: ").strip()
    if not client_secret:
        client_secret = getpass.getpass("OAuth2 client secret (hidden): ")
    if not client_id or not client_secret:
        raise ImportFailure(EXIT_BAD_CREDENTIALS, "an OAuth2 client id and secret are both needed.")
    return client_id, client_secret


def say(message):
    print(message, flush=True)


def developer_message(response):
    """The platform's own explanation from a DRF error answer, if it sent one."""
    body = json_or_none(response)
    if isinstance(body, dict):
        for key in ("developer_message", "detail", "error_description", "error", "message"):
            if body.get(key):
                return str(body[key])
    return ""


def json_or_none(response):
    try:
        return response.json()
    except ValueError:
        return None


class CourseImporter:
    def __init__(self, options, client_id, client_secret):
        self.options = options
        self.client_id = client_id
        self.client_secret = client_secret
        self.session = requests.Session()
        self.token = None
        self.import_url = f"{options.studio}/api/courses/v0/import/{quote(options.course_id, safe=':+')}/"
        self.filename = os.path.basename(options.archive)

    def run(self):
        self.token = self.fetch_token()
        say(f"Signed in to {self.options.lms} as OAuth2 client {self.client_id}.")
        self.check_course_exists()
        task_id = self.upload()
        state = self.wait_for_result(task_id)
        if state != "Succeeded":
            raise ImportFailure(EXIT_IMPORT_FAILED, self.failure_explanation(state))
        say(f"Import succeeded: {self.options.studio}/course/{self.options.course_id}")

    # --- HTTP with clear errors -------------------------------------------------------------
    def request(self, method, url, attempts=1, retry_statuses=(), **kwargs):
        """One HTTP call; connection problems become ImportFailure. Retries only if asked."""
        kwargs.setdefault("timeout", SHORT_TIMEOUT)
        for attempt in range(1, attempts + 1):
            try:
                response = self.session.request(method, url, **kwargs)
            except requests.exceptions.SSLError as error:
                raise ImportFailure(EXIT_UNREACHABLE, f"TLS problem with {url}: {error.__class__.__name__}. "
                                    "Check the URL (https vs http) and the certificate.") from None
            except requests.exceptions.Timeout:
                if attempt < attempts:
                    continue
                raise ImportFailure(EXIT_TIMEOUT, f"{url} did not answer in time.") from None
            except requests.exceptions.ConnectionError:
                if attempt < attempts:
                    time.sleep(min(self.options.poll_interval * attempt, 10))
                    continue
                raise ImportFailure(EXIT_UNREACHABLE, f"cannot reach {url}. Check the host name, the port and "
                                    "that the server is running.") from None
            except requests.exceptions.RequestException as error:
                raise ImportFailure(EXIT_UNREACHABLE, f"bad URL {url}: {error.__class__.__name__}.") from None
            if response.status_code in retry_statuses and attempt < attempts:
                time.sleep(min(self.options.poll_interval * attempt, 10))
                continue
            return response
        return response

    def auth_headers(self):
        return {"Authorization": f"JWT {self.token}"}

    # --- steps ------------------------------------------------------------------------------
    def fetch_token(self):
        url = f"{self.options.lms}/oauth2/access_token"
        response = self.request("POST", url, attempts=3, retry_statuses=(502, 503, 504), data={
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "token_type": "jwt",
        })
        body = json_or_none(response)
        if response.status_code in (400, 401) and isinstance(body, dict) and "error" in body:
            reason = body.get("error_description") or body["error"]
            raise ImportFailure(EXIT_BAD_CREDENTIALS, f"the LMS refused the credentials ({reason}). Check "
                                f"{CLIENT_ID_VARIABLE}/{CLIENT_SECRET_VARIABLE} and that the OAuth2 application "
                                "uses the \"client credentials\" grant.")
        if response.status_code == 200 and isinstance(body, dict) and body.get("access_token"):
            return body["access_token"]
        if response.status_code == 404:
            raise ImportFailure(EXIT_UNREACHABLE, f"{url} does not exist (404). Is --lms the LMS address "
                                "(not Studio's)?")
        raise ImportFailure(EXIT_UNEXPECTED_ANSWER, f"unexpected answer from {url}: HTTP {response.status_code}. "
                            "Is --lms the address of an Open edX LMS?")

    def check_course_exists(self):
        """Studio's import accepts an upload for a missing course and fails later; ask first."""
        url = f"{self.options.studio}/api/contentstore/v1/course_details/{quote(self.options.course_id, safe=':+')}"
        response = self.request("GET", url, attempts=2, retry_statuses=(502, 503, 504),
                                headers=self.auth_headers())
        body = json_or_none(response)
        if response.status_code == 404 and isinstance(body, dict):
            raise ImportFailure(EXIT_COURSE_MISSING, f"course {self.options.course_id} does not exist in Studio "
                                f"yet. {CREATE_COURSE_HELP}")
        if response.status_code in (401, 403):
            self.raise_for_refusal(response)
        if response.status_code != 200:
            # Older releases lack this API; the import call below still reports real problems.
            say(f"Could not check that the course exists (HTTP {response.status_code}); trying the import.")

    def upload(self):
        size = os.path.getsize(self.options.archive)
        say(f"Uploading {self.filename} ({size / 1024:.0f} KiB) to {self.options.course_id}...")
        with open(self.options.archive, "rb") as archive:
            # Never retried: a second POST would start a second import.
            try:
                response = self.request(
                    "POST", self.import_url, timeout=UPLOAD_TIMEOUT, headers=self.auth_headers(),
                    files={"course_data": (self.filename, archive, "application/gzip")},
                )
            except ImportFailure as failure:
                if failure.exit_code == EXIT_TIMEOUT:
                    failure.message += (" The import may have started anyway: look at Studio > Tools > Import "
                                        "for this course before you try again.")
                raise
        body = json_or_none(response)
        if response.status_code == 200 and isinstance(body, dict) and body.get("task_id"):
            say(f"Upload done. Import task {body['task_id']} started.")
            return body["task_id"]
        self.raise_for_import_answer(response, size)
        raise ImportFailure(EXIT_UNEXPECTED_ANSWER, f"unexpected answer from {self.import_url}: "
                            f"HTTP {response.status_code}.")

    def wait_for_result(self, task_id):
        deadline = time.monotonic() + self.options.wait
        last_state = None
        token_renewed = False
        while True:
            response = self.request("GET", self.import_url, attempts=4, retry_statuses=RETRYABLE_POLL_STATUSES,
                                    headers=self.auth_headers(),
                                    params={"task_id": task_id, "filename": self.filename})
            if response.status_code == 401 and not token_renewed:
                # A long import can outlive the token (one hour by default): get a new one once.
                self.token = self.fetch_token()
                token_renewed = True
                continue
            body = json_or_none(response)
            if response.status_code != 200 or not isinstance(body, dict) or "state" not in body:
                self.raise_for_refusal(response)
                raise ImportFailure(EXIT_UNEXPECTED_ANSWER, "Studio did not report the import status "
                                    f"(HTTP {response.status_code}). {developer_message(response)}".strip())
            state = str(body["state"])
            if state != last_state:
                say(f"Import status: {state}")
                last_state = state
            if state in FINAL_STATES:
                return state
            if time.monotonic() >= deadline:
                raise ImportFailure(EXIT_TIMEOUT, f"the import was still \"{state}\" after {self.options.wait:.0f} s. "
                                    "It may still finish: see Studio > Tools > Import for this course, "
                                    "or run again with a larger --wait.")
            time.sleep(self.options.poll_interval)

    # --- explanations -----------------------------------------------------------------------
    def raise_for_refusal(self, response):
        if response.status_code == 401:
            raise ImportFailure(EXIT_BAD_CREDENTIALS, "Studio refused the token (HTTP 401). Check that --studio "
                                "and --lms belong to the same Open edX instance.")
        if response.status_code == 403:
            raise ImportFailure(EXIT_FORBIDDEN, "the OAuth2 application's user may not author "
                                f"{self.options.course_id} (HTTP 403). Give that user the course's Admin or "
                                "Staff role in Studio (Settings > Course Team), or make it global staff.")

    def raise_for_import_answer(self, response, size):
        status = response.status_code
        self.raise_for_refusal(response)
        if status == 404:
            if isinstance(json_or_none(response), dict):
                raise ImportFailure(EXIT_COURSE_MISSING, f"Studio does not know {self.options.course_id}. "
                                    f"{CREATE_COURSE_HELP}")
            raise ImportFailure(EXIT_UNREACHABLE, f"{self.import_url} does not exist (404). Is --studio the Studio "
                                "address (e.g. https://studio.example.org), not the LMS?")
        if status == 413:
            raise ImportFailure(EXIT_TOO_LARGE, f"the archive ({size / 1024 / 1024:.1f} MiB) is larger than the "
                                "server accepts (HTTP 413). Raise the web server's upload limit (Tutor's Caddy "
                                "allows 250 MB for Studio) or make the archive smaller.")
        if status >= 400:
            explanation = developer_message(response) or "no explanation given"
            raise ImportFailure(EXIT_IMPORT_FAILED, f"Studio refused the import (HTTP {status}): {explanation}")

    def failure_explanation(self, state):
        reason = self.fetch_failure_reason()
        if reason:
            return f"the import ended as \"{state}\". Studio says: {reason}"
        return (f"the import ended as \"{state}\"; Studio gave no reason through the API. Open Studio > Tools > "
                "Import for this course, or read the worker log (tutor local logs cms-worker).")

    def fetch_failure_reason(self):
        """The "Error" artifact that import_olx records on its django-user-tasks status."""
        task_name = f"Import of {self.options.course_id} from {self.filename}"
        try:
            response = self.request("GET", f"{self.options.studio}/api/tasks/v0/tasks/",
                                    headers=self.auth_headers())
            body = json_or_none(response)
            statuses = body.get("results", []) if isinstance(body, dict) else body
            if response.status_code != 200 or not isinstance(statuses, list):
                return ""
            for status in statuses:
                if isinstance(status, dict) and status.get("name") == task_name:
                    return self.error_artifact_text(status.get("artifacts") or [])
        except ImportFailure:
            return ""
        return ""

    def error_artifact_text(self, artifact_urls):
        texts = []
        for url in artifact_urls:
            if not isinstance(url, str) or not url.startswith(self.options.studio + "/"):
                continue  # only follow links back to the same Studio, with our token
            response = self.request("GET", url, headers=self.auth_headers())
            artifact = json_or_none(response)
            if response.status_code == 200 and isinstance(artifact, dict) and artifact.get("name") == "Error":
                texts.append(str(artifact.get("text", "")).strip())
        return " ".join(text for text in texts if text)


if __name__ == "__main__":
    sys.exit(main())
