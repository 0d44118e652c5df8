"""The website analyser measures a page and its resources, and never becomes a way into the
server's network. Local servers are reached only through the explicit test allow-list."""
import http.server
import threading
import time

import pytest

from xblocks.footprint import website_analyser as analyser
from xblocks.footprint.website_analyser import WebsiteRefused, allow_local_hosts_for_tests, analyse

PAGE = (b'<html><head><link rel="stylesheet" href="/style.css"><script src="/app.js"></script></head>'
        b'<body><img src="/logo.png"><img src="data:image/png;base64,AAAA"><a href="/other">x</a></body></html>')
FILES = {"/style.css": b"b" * 3000, "/app.js": b"j" * 5000, "/logo.png": b"p" * 20000}


class Site(http.server.BaseHTTPRequestHandler):
    seen = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802  (http.server's naming)
        Site.seen.append((self.path, self.headers.get("Cookie"), self.headers.get("Authorization")))
        if self.path == "/":
            self._send(200, PAGE, "text/html", [("Set-Cookie", "session=secret; Path=/")])
        elif self.path in FILES:
            self._send(200, FILES[self.path], "application/octet-stream")
        elif self.path == "/broken-redirect":
            self._send(302, b"", "text/plain", [("Location", "http://[::1/")])
        elif self.path == "/loop":
            self._send(302, b"", "text/plain", [("Location", "/loop")])
        elif self.path.startswith("/to/"):
            self._send(302, b"", "text/plain", [("Location", "http://" + self.path[4:] + "/")])
        elif self.path == "/huge":
            self._send(200, b"<html>" + b"x" * (analyser.MAX_PAGE_BYTES + 10), "text/html")
        elif self.path in ("/trickle", "/stall"):
            self._send_slowly(4000 if self.path == "/trickle" else 1000, stall=self.path == "/stall")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE, "text/html")
        else:
            self._send(404, b"no", "text/plain")

    def _send_slowly(self, length, stall):
        """A page that arrives 100 bytes at a time (each piece well within the read timeout), or
        that stops sending after its first bytes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(length))
        self.end_headers()
        try:
            for _piece in range(length // 100):
                self.wfile.write(b"x" * 100)
                self.wfile.flush()
                time.sleep(1.5 if stall else 0.1)
        except OSError:
            pass  # the analyser hung up, as it should

    def _send(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.seen = []
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_measures_page_and_resources_without_sending_cookies(site):
    with allow_local_hosts_for_tests(site):
        measure = analyse(f"http://{site}/")
    assert measure["requests"] == 4
    assert measure["megabytes"] * 1_000_000 == len(PAGE) + sum(len(body) for body in FILES.values())
    assert [path for path, _cookie, _auth in Site.seen] == ["/", "/style.css", "/app.js", "/logo.png"]
    assert all(cookie is None and auth is None for _path, cookie, auth in Site.seen)


@pytest.mark.parametrize("url", [
    "ftp://example.org/", "file:///etc/passwd", "javascript:alert(1)", "example.org", "", "http:///nohost",
])
def test_refuses_other_schemes(url):
    with pytest.raises(WebsiteRefused) as refused:
        analyse(url)
    assert "http://" in refused.value.message


def test_a_malformed_address_is_refused_not_a_server_error(site):
    with pytest.raises(WebsiteRefused) as refused:
        analyse("http://[::1/")
    assert "http://" in refused.value.message
    with allow_local_hosts_for_tests(site):
        with pytest.raises(WebsiteRefused):
            analyse(f"http://{site}/broken-redirect")


def test_a_malformed_resource_address_is_skipped():
    page = b'<img src="http://[broken/x.png"><img src="/ok.png">'
    assert analyser.resource_urls("http://example.org/", page) == ["http://example.org/ok.png"]


def test_refuses_credentials_in_the_address():
    with pytest.raises(WebsiteRefused) as refused:
        analyse("https://user:secret@example.org/")
    assert "password" in refused.value.message


def test_local_server_is_refused_without_the_allow_list(site):
    with pytest.raises(WebsiteRefused) as refused:
        analyse(f"http://{site}/")
    assert "private or local" in refused.value.message
    assert Site.seen == []  # refused before any connection


@pytest.mark.parametrize("host", [
    "127.0.0.1", "localhost", "10.0.0.8", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0",
    "100.64.0.1", "[::1]", "[fe80::1]", "[::ffff:127.0.0.1]", "[fd00::1]", "224.0.0.1", "240.0.0.1",
])
def test_private_loopback_link_local_and_reserved_addresses_are_refused(host):
    with pytest.raises(WebsiteRefused) as refused:
        analyser.vetted_address(host.strip("[]"), 80)
    assert "private or local" in refused.value.message


def test_redirect_to_a_local_address_is_refused(site):
    with allow_local_hosts_for_tests(site):
        with pytest.raises(WebsiteRefused) as refused:
            analyse(f"http://{site}/to/127.0.0.1:9")
    assert "private or local" in refused.value.message


def test_redirect_loops_are_capped(site):
    with allow_local_hosts_for_tests(site):
        with pytest.raises(WebsiteRefused) as refused:
            analyse(f"http://{site}/loop")
    assert "too many" in refused.value.message
    assert len(Site.seen) == analyser.MAX_REDIRECTS + 1


def test_size_is_capped(site):
    with allow_local_hosts_for_tests(site):
        with pytest.raises(WebsiteRefused) as refused:
            analyse(f"http://{site}/huge")
    assert "too large" in refused.value.message


def test_slow_server_times_out(site, monkeypatch):
    monkeypatch.setattr(analyser, "READ_TIMEOUT", 0.5)
    with allow_local_hosts_for_tests(site):
        with pytest.raises(WebsiteRefused) as refused:
            analyse(f"http://{site}/slow")
    assert "in time" in refused.value.message


def test_a_page_sent_drop_by_drop_cannot_outlast_the_deadline(site, monkeypatch):
    monkeypatch.setattr(analyser, "DEADLINE_SECONDS", 0.5)
    monkeypatch.setattr(analyser, "READ_TIMEOUT", 1)
    started = time.monotonic()
    with allow_local_hosts_for_tests(site):
        with pytest.raises(WebsiteRefused) as refused:
            analyse(f"http://{site}/trickle")
    assert "in time" in refused.value.message
    assert time.monotonic() - started < 2  # the whole page would take 4 s


def test_a_page_that_stops_mid_way_is_refused_not_a_server_error(site, monkeypatch):
    monkeypatch.setattr(analyser, "READ_TIMEOUT", 0.5)
    with allow_local_hosts_for_tests(site):
        with pytest.raises(WebsiteRefused) as refused:
            analyse(f"http://{site}/stall")
    assert "in time" in refused.value.message


def test_error_page_is_not_measured(site):
    with allow_local_hosts_for_tests(site):
        with pytest.raises(WebsiteRefused) as refused:
            analyse(f"http://{site}/missing")
    assert "error page" in refused.value.message


def test_allow_list_is_emptied_after_the_test(site):
    with allow_local_hosts_for_tests(site):
        pass
    with pytest.raises(WebsiteRefused):
        analyse(f"http://{site}/")


@pytest.mark.parametrize("host", [
    "::127.0.0.1", "::10.0.0.8",                      # IPv4-compatible
    "64:ff9b::127.0.0.1", "64:ff9b::169.254.169.254",  # NAT64 well-known prefix
    "64:ff9b:1::a00:8",                                 # NAT64 local-use prefix (10.0.0.8)
    "2002:7f00:1::1", "2002:a9fe:a9fe::1",              # 6to4 around 127.0.0.1 and the metadata address
    "fec0::1",                                          # site-local (deprecated, still routed on some networks)
])
def test_ipv6_addresses_leading_to_private_ipv4_are_refused(host):
    with pytest.raises(WebsiteRefused) as refused:
        analyser.vetted_address(host, 80)
    assert "private or local" in refused.value.message


@pytest.mark.parametrize("host", ["64:ff9b::8.8.8.8", "2002:808:808::1", "2a00:1450:4007:80c::200e"])
def test_ipv6_addresses_leading_to_public_hosts_are_accepted(host):
    assert analyser.vetted_address(host, 80)  # a public address (NAT64 on an IPv6-only server) is kept
