"""A local stand-in for the parts of Open edX that scripts/course_import.py talks to.

It implements the documented contract (openedx-platform course_import.py, the LMS OAuth2 token
endpoint, contentstore course_details, django-user-tasks), including its failure answers, on
127.0.0.1 with a free port. Each test sets the scenario fields it needs.
"""
import email.parser
import email.policy
import json
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
if str(REPOSITORY_ROOT) not in sys.path:
    sys.path.insert(0, str(REPOSITORY_ROOT))

IMPORT_PREFIX = "/api/courses/v0/import/"
DETAILS_PREFIX = "/api/contentstore/v1/course_details/"


@dataclass
class Scenario:
    client_id: str = "sirius-importer"
    client_secret: str = "s3cret-value-that-must-not-leak"
    existing_courses: set = field(default_factory=lambda: {"course-v1:SiriusHub+ENTR101+2026"})
    author_rights: bool = True
    course_details_api: bool = True  # False: a release without contentstore v1 (HTML 404)
    max_upload_bytes: int = 10_000_000
    states: list = field(default_factory=lambda: ["Pending", "Unpacking", "Verifying", "Updating", "Succeeded"])
    polls_before_task_exists: int = 1  # the platform answers 500 until the task row is written
    failure_text: str = ""
    tokens_expire_after_polls: int = 0  # 0: tokens never expire
    upload_error: tuple = ()  # (status, developer_message): the view's own error answer
    upload_delay_seconds: float = 0.0  # a slow Studio, to exercise the client's timeout
    studio_accepts_lms_tokens: bool = True  # False: Studio and LMS do not share JWT keys


@dataclass
class Upload:
    course_id: str
    field_name: str
    filename: str
    content: bytes
    task_id: str
    polls: int = 0


class FakeOpenEdx(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FakeOpenEdxHandler)
        self.scenario = Scenario()
        self.requests = []  # (method, path with query, headers dict, body bytes)
        self.uploads = []
        self.valid_tokens = set()
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class FakeOpenEdxHandler(BaseHTTPRequestHandler):
    server: FakeOpenEdx

    def log_message(self, *args):  # keep pytest output readable
        pass

    # --- plumbing ---------------------------------------------------------------------------
    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, status, payload=None, html=None):
        body = html.encode() if html is not None else json.dumps(payload or {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html" if html is not None else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def api_error(self, status, developer_message, error_code):
        self.answer(status, {"developer_message": developer_message, "error_code": error_code})

    def not_found_page(self):
        self.answer(404, html="<html><body><h1>Page not found</h1></body></html>")

    def authenticated(self):
        token = self.headers.get("Authorization", "").removeprefix("JWT ")
        if token not in self.server.valid_tokens or not self.server.scenario.studio_accepts_lms_tokens:
            self.answer(401, {"detail": "Authentication credentials were not provided."})
            return False
        return True

    def record(self, body):
        with self.server.lock:
            self.server.requests.append((self.command, self.path, dict(self.headers), body))

    # --- routes -----------------------------------------------------------------------------
    def do_POST(self):
        body = self.read_body()
        self.record(body)
        path = urlsplit(self.path).path
        if path == "/oauth2/access_token":
            return self.issue_token(parse_qs(body.decode()))
        if path.startswith(IMPORT_PREFIX):
            return self.start_import(unquote(path[len(IMPORT_PREFIX):]).rstrip("/"), body)
        return self.not_found_page()

    def do_GET(self):
        self.record(b"")
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path.startswith(DETAILS_PREFIX) and self.server.scenario.course_details_api:
            return self.course_details(unquote(parts.path[len(DETAILS_PREFIX):]))
        if parts.path.startswith(IMPORT_PREFIX):
            return self.import_status(unquote(parts.path[len(IMPORT_PREFIX):]).rstrip("/"), query)
        if parts.path == "/api/tasks/v0/tasks/":
            return self.task_list()
        if parts.path.startswith("/api/tasks/v0/artifacts/"):
            return self.artifact(parts.path.rstrip("/").rsplit("/", 1)[-1])
        return self.not_found_page()

    def issue_token(self, form):
        scenario = self.server.scenario
        if form.get("grant_type") != ["client_credentials"] or form.get("token_type") != ["jwt"]:
            return self.answer(400, {"error": "unsupported_grant_type"})
        if form.get("client_id") != [scenario.client_id] or form.get("client_secret") != [scenario.client_secret]:
            return self.answer(401, {"error": "invalid_client"})
        token = f"jwt-{uuid.uuid4().hex}"
        self.server.valid_tokens.add(token)
        self.answer(200, {"access_token": token, "token_type": "JWT", "expires_in": 3600, "scope": "read write"})

    def has_author_access(self, course_id):
        # Like has_course_author_access: global staff may author any key, even a missing one.
        return self.server.scenario.author_rights

    def course_details(self, course_id):
        if not self.authenticated():
            return
        if course_id not in self.server.scenario.existing_courses:  # verify_course_exists runs first
            return self.api_error(404, f"Requested grade for unknown course {course_id}", "course_does_not_exist")
        if not self.has_author_access(course_id):
            return self.answer(403, {"detail": "You do not have permission to perform this action."})
        self.answer(200, {"course_id": course_id.split("+")[1], "title": "Entreprendre"})

    def start_import(self, course_id, body):
        scenario = self.server.scenario
        if not self.authenticated():
            return
        if not self.has_author_access(course_id):
            return self.api_error(403, "The requesting user does not have course author permissions.",
                                  "user_permissions")
        if scenario.upload_delay_seconds:
            time.sleep(scenario.upload_delay_seconds)
        if scenario.upload_error:
            return self.api_error(*scenario.upload_error, "internal_error")
        if len(body) > scenario.max_upload_bytes:  # what a proxy such as Caddy answers
            return self.answer(413, html="<html><body>Request Entity Too Large</body></html>")
        files = parse_multipart(self.headers.get("Content-Type", ""), body)
        if "course_data" not in files:
            return self.api_error(400, "Missing required parameter", "internal_error")
        filename, content = files["course_data"]
        if not filename.endswith(".tar.gz"):
            return self.api_error(400, "Parameter in the wrong format", "internal_error")
        upload = Upload(course_id, "course_data", filename, content, str(uuid.uuid4()))
        self.server.uploads.append(upload)
        self.answer(200, {"task_id": upload.task_id})

    def import_status(self, course_id, query):
        scenario = self.server.scenario
        if not self.authenticated():
            return
        if not self.has_author_access(course_id):
            return self.api_error(403, "The requesting user does not have course author permissions.",
                                  "user_permissions")
        upload = next((u for u in self.server.uploads if [u.task_id] == query.get("task_id")
                       and [u.filename] == query.get("filename") and u.course_id == course_id), None)
        if upload is None:  # the real view fails on a missing parameter or an unknown task alike
            return self.api_error(500, "'NoneType' object has no attribute 'state'", "internal_error")
        upload.polls += 1
        if upload.polls <= scenario.polls_before_task_exists:
            return self.api_error(500, "'NoneType' object has no attribute 'state'", "internal_error")
        if scenario.tokens_expire_after_polls and upload.polls == scenario.tokens_expire_after_polls:
            self.server.valid_tokens.clear()
            return self.answer(401, {"detail": "Token has expired."})
        step = min(upload.polls - scenario.polls_before_task_exists - 1, len(scenario.states) - 1)
        self.answer(200, {"state": scenario.states[step]})

    def task_list(self):
        if not self.authenticated():
            return
        results = [{
            "name": f"Import of {upload.course_id} from {upload.filename}",
            "state": self.server.scenario.states[-1],
            "artifacts": [f"{self.server.url}/api/tasks/v0/artifacts/{upload.task_id}/"]
            if self.server.scenario.failure_text else [],
        } for upload in reversed(self.server.uploads)]
        self.answer(200, {"count": len(results), "next": None, "previous": None, "results": results})

    def artifact(self, task_id):
        if not self.authenticated():
            return
        if not any(upload.task_id == task_id for upload in self.server.uploads):
            return self.answer(404, {"detail": "Not found."})
        self.answer(200, {"name": "Error", "text": self.server.scenario.failure_text, "file": ""})


def parse_multipart(content_type, body):
    """{field name: (filename, bytes)} from a multipart/form-data body."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    if not message.is_multipart():
        return {}
    return {
        part.get_param("name", header="content-disposition"): (part.get_filename(), part.get_payload(decode=True))
        for part in message.iter_parts()
    }


@pytest.fixture
def fake_openedx():
    server = FakeOpenEdx()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
