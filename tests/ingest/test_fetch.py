"""Fetching URLs: the SSRF guard, robots.txt, retries, size cap, content types, redirects.

A real HTTP server on 127.0.0.1 (http.server in a thread) serves the pages; since it is a loopback address,
these fetches need ``allow_private=True``, which is itself what the guard tests check.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import claimgraph.ingest.fetch as fetch_module
from claimgraph.errors import InputError
from claimgraph.ingest.fetch import Fetcher, FetchOptions, check_host, is_public_address

ARTICLE = (
    b"<html><head><title>Port sale</title></head><body><article><p>The mayor said on Thursday that "
    b"the port would be sold to a private company, officials reported.</p></article></body></html>"
)


class Site:
    """What the test server answers: path -> (status, headers, body); hits are counted per path."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: dict[str, int] = {}
        self.fail_first: dict[str, int] = {}  # path -> how many 503s before the page


def make_handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.hits[self.path] = site.hits.get(self.path, 0) + 1
            if site.fail_first.get(self.path, 0) >= site.hits[self.path]:
                self.send_response(503)
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, headers, body = site.pages.get(self.path, (404, {"Content-Type": "text/plain"}, b"no"))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    site = Site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def html(body: bytes = ARTICLE) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, body


def fetcher(**options: Any) -> Fetcher:
    return Fetcher(FetchOptions(**{"allow_private": True, "backoff": 0.01, "timeout": 5, **options}))


# -- the guard --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_non_public_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(address)


@pytest.mark.parametrize("host", ["127.0.0.1", "10.0.0.7", "169.254.169.254", "::1", "localhost"])
def test_the_guard_refuses_private_hosts_without_allow_private(host: str) -> None:
    with pytest.raises(InputError, match="refused: .* non-public address.*--allow-private"):
        check_host("http://x/", host, 80)
    assert check_host("http://x/", host, 80, allow_private=True)


def test_a_private_url_is_refused_before_anything_is_sent(site: tuple[Site, str]) -> None:
    pages, base = site
    pages.pages["/a"] = html()
    with pytest.raises(InputError, match="refused"):
        Fetcher(FetchOptions()).fetch(f"{base}/a")
    assert pages.hits == {}  # not even robots.txt


def test_a_redirect_to_a_private_address_is_refused(
    site: tuple[Site, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages, base = site
    port = base.rsplit(":", 1)[1]
    # 127.0.0.1 plays a public host here; the redirect goes to 127.0.0.2, which stays private
    monkeypatch.setattr(fetch_module, "is_public_address", lambda address: address == "127.0.0.1")
    pages.pages["/moved"] = (302, {"Location": f"http://127.0.0.2:{port}/a"}, b"")
    pages.pages["/a"] = html()
    with pytest.raises(InputError, match="refused: 127.0.0.2"):
        Fetcher(FetchOptions(respect_robots=False)).fetch(f"{base}/moved")
    assert "/a" not in pages.hits


def test_unresolvable_hosts_and_other_schemes_are_errors() -> None:
    with pytest.raises(InputError, match="cannot resolve"):
        fetcher(respect_robots=False).fetch("http://no-such-host.invalid/x")
    with pytest.raises(InputError, match="not an http"):
        fetcher(respect_robots=False).fetch("ftp://example.com/x")


# -- fetching ---------------------------------------------------------------------------------------------
def test_a_page_is_fetched_following_redirects(site: tuple[Site, str]) -> None:
    pages, base = site
    pages.pages["/old"] = (301, {"Location": "/new"}, b"")
    pages.pages["/new"] = html()
    page = fetcher().fetch(f"{base}/old")
    assert (page.url, page.kind, page.data) == (f"{base}/new", "html", ARTICLE)


def test_robots_txt_is_respected_and_fetched_once_per_host(site: tuple[Site, str]) -> None:
    pages, base = site
    pages.pages["/robots.txt"] = (
        200,
        {"Content-Type": "text/plain"},
        b"User-agent: *\nDisallow: /private/\n",
    )
    pages.pages["/private/a"] = html()
    pages.pages["/public/a"] = html()
    pages.pages["/public/b"] = html()
    client = fetcher()
    with pytest.raises(InputError, match="robots.txt disallows"):
        client.fetch(f"{base}/private/a")
    client.fetch(f"{base}/public/a")
    client.fetch(f"{base}/public/b")
    assert pages.hits["/robots.txt"] == 1 and "/private/a" not in pages.hits


def test_an_unreachable_robots_txt_allows_nothing(site: tuple[Site, str]) -> None:
    pages, base = site
    pages.pages["/robots.txt"] = (500, {"Content-Type": "text/plain"}, b"down")
    pages.pages["/a"] = html()
    with pytest.raises(InputError, match="robots.txt disallows"):
        fetcher(retries=0).fetch(f"{base}/a")


def test_server_errors_are_retried_with_backoff(site: tuple[Site, str]) -> None:
    pages, base = site
    pages.pages["/flaky"] = html()
    pages.fail_first["/flaky"] = 2
    assert fetcher(retries=2).fetch(f"{base}/flaky").data == ARTICLE
    assert pages.hits["/flaky"] == 3
    pages.fail_first["/down"] = 99
    with pytest.raises(InputError, match="HTTP 503"):
        fetcher(retries=1).fetch(f"{base}/down")
    assert pages.hits["/down"] == 2


def test_timeouts_are_errors() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts connections, never answers
    try:
        port = listener.getsockname()[1]
        with pytest.raises(InputError, match="timed out"):
            fetcher(timeout=0.3, retries=1, respect_robots=False).fetch(f"http://127.0.0.1:{port}/a")
    finally:
        listener.close()


def test_size_cap_and_content_type(site: tuple[Site, str]) -> None:
    pages, base = site
    pages.pages["/big"] = html(b"<html>" + b"x" * 5000 + b"</html>")
    pages.pages["/image"] = (200, {"Content-Type": "image/png"}, b"\x89PNG")
    pages.pages["/feed"] = (200, {"Content-Type": "application/rss+xml"}, b"<rss/>")
    with pytest.raises(InputError, match="response too large"):
        fetcher(max_bytes=1000).fetch(f"{base}/big")
    with pytest.raises(InputError, match="unsupported content type 'image/png'"):
        fetcher().fetch(f"{base}/image")
    assert fetcher().fetch(f"{base}/feed").kind == "feed"
    with pytest.raises(InputError, match="HTTP 404"):
        fetcher().fetch(f"{base}/missing")
