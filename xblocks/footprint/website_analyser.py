"""Measure one web page's weight and requests, without opening a way into the server's network.

Protections: http/https only; no user name or password in the address; every connection (the page,
each redirect, each resource) resolves the host itself and refuses loopback, private, link-local,
reserved, multicast and other non-global addresses, then connects to the vetted address (no second
DNS lookup that could be rebound); redirects followed by hand and capped; connect/read timeouts and
an overall deadline; bytes capped per file and in total; no cookies, no credentials, no proxy from
the environment. Local test servers are reachable only through `allow_local_hosts_for_tests`.
"""
import contextlib
import http.cookiejar
import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3 import exceptions as urllib3_exceptions
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from xblocks.common.i18n import N_

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 5
DEADLINE_SECONDS = 20
MAX_REDIRECTS = 3
MAX_PAGE_BYTES = 3_000_000
MAX_FILE_BYTES = 10_000_000
MAX_TOTAL_BYTES = 30_000_000
MAX_RESOURCES = 60
CHUNK = 64 * 1024
USER_AGENT = "SiriusFootprintAnalyser/1.0 (+page weight for a course exercise)"
_TEST_ALLOWED = set()


class WebsiteRefused(Exception):
    """Why a page could not be measured; `message` is English, marked with N_."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@contextlib.contextmanager
def allow_local_hosts_for_tests(*host_ports):
    """Tests only: let connections reach these 'host:port' local servers."""
    _TEST_ALLOWED.update(host_ports)
    try:
        yield
    finally:
        _TEST_ALLOWED.difference_update(host_ports)


# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, RFC 6052 and 8215).
_NAT64_NETWORKS = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _embedded_ipv4(ip):
    """The IPv4 address an IPv6 address leads to (mapped, IPv4-compatible, 6to4, NAT64), if any:
    a gateway would carry the connection to it, so that is the address to vet."""
    if ip.ipv4_mapped or ip.sixtofour:
        return ip.ipv4_mapped or ip.sixtofour
    if int(ip) >> 32 == 0 or any(ip in network for network in _NAT64_NETWORKS):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _is_public(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        if ip.is_site_local:
            return False
        ip = _embedded_ipv4(ip) or ip
    return ip.is_global and not ip.is_multicast


def vetted_address(host, port):
    """The first resolved address of `host`, if every address it resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise WebsiteRefused(N_("This website could not be found.")) from None
    addresses = [info[4][0] for info in infos]
    if f"{host}:{port}" in _TEST_ALLOWED:
        return addresses[0]
    if not addresses or not all(_is_public(address) for address in addresses):
        raise WebsiteRefused(N_("This address cannot be measured: it points to a private or local network."))
    return addresses[0]


class _VettedConnectionMixin:
    def _new_conn(self):
        address = vetted_address(self._dns_host, self.port)
        try:
            return socket.create_connection((address, self.port), timeout=CONNECT_TIMEOUT)
        except socket.timeout:
            raise WebsiteRefused(N_("The website did not answer in time.")) from None
        except OSError:
            raise WebsiteRefused(N_("The website could not be reached.")) from None


class _VettedHTTPConnection(_VettedConnectionMixin, HTTPConnection):
    pass


class _VettedHTTPSConnection(_VettedConnectionMixin, HTTPSConnection):
    pass


class _VettedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _VettedHTTPConnection


class _VettedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _VettedHTTPSConnection


class _VettedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _VettedHTTPPool, "https": _VettedHTTPSPool}


def _check_url(url):
    if not isinstance(url, str):
        raise WebsiteRefused(N_("Enter an address that starts with http:// or https://."))
    try:
        parts = urlsplit(url.strip())
        hostname = parts.hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket
        hostname = None
    if not hostname or parts.scheme not in ("http", "https"):
        raise WebsiteRefused(N_("Enter an address that starts with http:// or https://."))
    if parts.username is not None or parts.password is not None:
        raise WebsiteRefused(N_("Addresses with a user name or password are not accepted."))
    return parts.geturl()


def _joined(base, reference):
    """`reference` made absolute against `base`; '' when it is not a valid address."""
    try:
        return urljoin(base, reference)
    except ValueError:
        return ""


def _session():
    session = requests.Session()
    session.trust_env = False  # no proxy or .netrc credentials from the server's environment
    session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    adapter = _VettedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", "Accept": "*/*"}
    return session


def _fetch(session, url, limit, deadline):
    """(final url, transferred bytes, body or None) following at most MAX_REDIRECTS redirects."""
    for _hop in range(MAX_REDIRECTS + 1):
        url = _check_url(url)
        if time.monotonic() > deadline:
            raise WebsiteRefused(N_("The website did not answer in time."))
        try:
            response = session.get(url, stream=True, allow_redirects=False,
                                   timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
        except requests.Timeout:
            raise WebsiteRefused(N_("The website did not answer in time.")) from None
        except (requests.RequestException, ValueError):  # ValueError: requests reading a broken Location
            raise WebsiteRefused(N_("The website could not be reached.")) from None
        with response:
            if response.is_redirect:
                url = _joined(url, response.headers.get("Location", ""))
                continue
            size, chunks = _read_body(response, limit, deadline)
            body = None
            if "html" in response.headers.get("Content-Type", "") and response.ok:
                raw = b"".join(chunks)
                body = _decoded(raw, response.headers.get("Content-Encoding", ""))
            return url, size, body, response.ok
    raise WebsiteRefused(N_("The website redirects too many times."))


def _read_body(response, limit, deadline):
    """(bytes transferred, chunks). read1 waits for one network read only (at most READ_TIMEOUT),
    so a server sending a drop at a time cannot hold the request past the deadline."""
    size, chunks = 0, []
    try:
        while True:
            chunk = response.raw.read1(CHUNK, decode_content=False)
            if not chunk:
                return size, chunks
            size += len(chunk)
            if size > limit:
                raise WebsiteRefused(N_("The page is too large to measure."))
            if time.monotonic() > deadline:
                raise WebsiteRefused(N_("The website did not answer in time."))
            chunks.append(chunk)
    except (urllib3_exceptions.ReadTimeoutError, socket.timeout):
        raise WebsiteRefused(N_("The website did not answer in time.")) from None
    except (urllib3_exceptions.HTTPError, OSError):
        raise WebsiteRefused(N_("The website could not be reached.")) from None


def _decoded(raw, encoding):
    import zlib  # pylint: disable=import-outside-toplevel
    if encoding == "gzip":
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, MAX_PAGE_BYTES * 4)
    if encoding == "deflate":
        return zlib.decompressobj().decompress(raw, MAX_PAGE_BYTES * 4)
    return raw


def resource_urls(page_url, html_bytes):
    """Images, scripts, style sheets and icons a browser would load first (no JavaScript run)."""
    from lxml import html as lxml_html  # pylint: disable=import-outside-toplevel
    try:
        document = lxml_html.fromstring(html_bytes)
    except (ValueError, TypeError, SyntaxError):
        return []
    found = []
    for node in document.iter("img", "script", "link", "source", "video", "audio"):
        if node.tag == "link":
            rel = (node.get("rel") or "").lower()
            if not any(word in rel.split() for word in ("stylesheet", "icon", "preload")):
                continue
            target = node.get("href")
        else:
            target = node.get("src")
        if target and not target.startswith("data:"):
            absolute = _joined(page_url, target.strip())
            if absolute and urlsplit(absolute).scheme in ("http", "https") and absolute not in found:
                found.append(absolute)
    return found[:MAX_RESOURCES]


def analyse(url):
    """{'megabytes', 'requests', 'skipped'} for the page at `url`; WebsiteRefused otherwise."""
    url = _check_url(url)
    deadline = time.monotonic() + DEADLINE_SECONDS
    with _session() as session:
        final_url, total, body, ok = _fetch(session, url, MAX_PAGE_BYTES, deadline)
        if not ok:
            raise WebsiteRefused(N_("The website answered with an error page."))
        requests_made, skipped = 1, 0
        for resource in resource_urls(final_url, body or b""):
            try:
                _url, size, _body, _ok = _fetch(session, resource, MAX_FILE_BYTES, deadline)
            except WebsiteRefused:
                if time.monotonic() > deadline:
                    break
                skipped += 1
                continue
            total += size
            requests_made += 1
            if total > MAX_TOTAL_BYTES:
                raise WebsiteRefused(N_("The page is too large to measure."))
    return {"megabytes": total / 1_000_000, "requests": requests_made, "skipped": skipped}
