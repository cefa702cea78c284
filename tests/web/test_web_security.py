"""Article text is hostile input: nothing in it becomes markup, links are http(s) only, writes come only
from this site, bodies are limited. The store is filled through the fake analyzer (tests/store_fakes.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from claimgraph.batch import ingest_corpus
from claimgraph.records import text_id
from claimgraph.store import open_store
from claimgraph.web import create_app
from claimgraph.web.security import CSRF_COOKIE, safe_url
from store_fakes import FakeAnalyzer, fake_link

HTML = {"accept": "text/html"}
ATTACKS = [
    '<script>alert("text")</script>',
    '<img src=x onerror="alert(1)">',
    "javascript:alert(2)",
    '"><svg onload=alert(3)>',
]
TEXT = (
    'Alice Smith said that <script>alert("text")</script> is coming.\n'
    'Bob Jones denied that <img src=x onerror="alert(1)"> happened.\n'
    "Two officials said that the link javascript:alert(2) works.\n"
)
HOSTILE = {
    "text": TEXT,
    "title": '<script>alert("title")</script> Headline',
    "outlet": '"><svg onload=alert(3)> Daily',
    "url": "javascript:alert(4)",
    "published": "2025-01-02",
}


@pytest.fixture()
def engine(tmp_path: Path) -> Iterator[sa.Engine]:
    engine = open_store(str(tmp_path / "hostile.db"))
    corpus = tmp_path / "hostile.jsonl"
    corpus.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    report = ingest_corpus(engine, [str(corpus)], analyze=FakeAnalyzer(), link=fake_link)
    assert len(report.stored) == 1
    yield engine
    engine.dispose()


@pytest.fixture()
def client(engine: sa.Engine) -> Iterator[TestClient]:
    with TestClient(
        create_app(engine, analyze=FakeAnalyzer(), link=fake_link), base_url="http://127.0.0.1:8000"
    ) as test_client:
        yield test_client


class _Elements(HTMLParser):
    """Every element of a page with its attributes, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def no_injected_markup(html: str) -> None:
    """No script but the app's own files, no event-handler attribute, no link that is not http(s) or local."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.elements:
        assert tag not in ("img", "iframe", "object", "embed"), tag
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value or value.startswith(("/", "#", "http://", "https://")), (tag, name, value)
    svg_tags = [tag for tag, _ in parser.elements if tag == "svg"]
    assert all(attrs.get("role") == "img" for tag, attrs in parser.elements if tag == "svg"), svg_tags


def test_article_text_title_outlet_and_url_are_escaped(client: TestClient) -> None:
    document_id = text_id(TEXT)
    for path in (
        f"/documents/{document_id}",
        "/documents",
        "/documents?outlet=%22%3E%3Csvg",
        "/claims",
        "/entities",
        "/graph",
    ):
        page = client.get(path, headers=HTML)
        assert page.status_code == 200, path
        no_injected_markup(page.text)
    article = client.get(f"/documents/{document_id}", headers=HTML).text
    assert "<mark" in article  # the fake attributions are highlighted
    assert "&lt;script&gt;alert" in article and "&#34;&gt;&lt;svg onload" in article  # shown, escaped
    assert "javascript:alert(4)" in article  # the URL is shown as text, not made a link


def test_the_api_returns_text_as_json_not_html(client: TestClient) -> None:
    response = client.get("/api/documents")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["items"][0]["title"] == HOSTILE["title"]


def test_a_hostile_search_is_echoed_escaped(client: TestClient) -> None:
    page = client.get("/documents", params={"q": '"><script>alert(9)</script>'}, headers=HTML).text
    assert "<script>alert(9)" not in page and "&lt;script&gt;alert(9)" in page


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/documents", headers=HTML).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self';" in client.get("/docs").headers["content-security-policy"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:x",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/x",
        "http://",
        "https://a b",
        "ftp://x/y",
        None,
        "",
    ],
)
def test_only_http_urls_become_links(url: str | None) -> None:
    assert safe_url(url) is None


def test_http_urls_become_links() -> None:
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"


@pytest.mark.parametrize(
    "path",
    [
        "/documents/..%2F..%2Fetc%2Fpasswd",
        "/documents/%2e%2e%2fsecret",
        "/static/..%2F..%2Fapp.py",
        "/static/../app.py",
        "/entities/..%5C..%5Cx",
        "/documents/" + "A" * 64,
    ],
)
def test_no_path_traversal(client: TestClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 404
    assert "create_app" not in response.text and "root:" not in response.text


def form_token(client: TestClient) -> str:
    page = client.get("/analyze", headers=HTML)
    assert CSRF_COOKIE in page.cookies or CSRF_COOKIE in client.cookies
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    assert match
    return match.group(1)


ARTICLE = "Carol King said that the bridge will reopen in May.\n"


def test_pasting_an_article_stores_it_and_redirects_to_it(client: TestClient, engine: sa.Engine) -> None:
    token = form_token(client)
    response = client.post(
        "/analyze",
        data={
            "csrf_token": token,
            "text": ARTICLE,
            "title": "Bridge",
            "outlet": "Town Crier",
            "published": "2025-05-01",
        },
        headers={"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    stored = client.get("/api/documents", params={"q": "Carol King"}).json()["items"]
    assert response.headers["location"] == f"/documents/{stored[0]['id']}"
    page = client.get(response.headers["location"], headers=HTML)
    assert "Bridge" in page.text and "Carol King" in page.text and "<mark" in page.text


def test_uploading_a_file(client: TestClient) -> None:
    token = form_token(client)
    response = client.post(
        "/analyze",
        data={"csrf_token": token},
        files={"file": ("article.txt", ARTICLE.encode(), "text/plain")},
        follow_redirects=False,
    )
    stored = client.get("/api/documents", params={"q": "Carol King"}).json()["items"]
    assert response.status_code == 303 and response.headers["location"] == f"/documents/{stored[0]['id']}"


@pytest.mark.parametrize(
    ("headers", "token", "reason"),
    [
        ({"sec-fetch-site": "cross-site"}, True, "cross-site"),
        ({"origin": "https://evil.example"}, True, "another origin"),
        ({"origin": "null"}, True, "another origin"),
        ({}, False, "token is missing"),
        ({"sec-fetch-site": "same-site"}, True, "cross-site"),
        ({}, "0" * 64, "does not match"),
    ],
)
def test_cross_site_writes_are_refused(
    client: TestClient, headers: dict[str, str], token: bool | str, reason: str
) -> None:
    real = form_token(client)  # sets the cookie
    value = real if token is True else (token or "")
    response = client.post(
        "/analyze", data={"csrf_token": value, "text": ARTICLE}, headers=headers, follow_redirects=False
    )
    assert response.status_code == 403 and reason in response.json()["detail"]
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/api/documents").json()["total"] == 1


def test_a_post_without_the_cookie_is_refused(client: TestClient) -> None:
    token = form_token(client)
    client.cookies.clear()
    response = client.post("/analyze", data={"csrf_token": token, "text": ARTICLE}, follow_redirects=False)
    assert response.status_code == 403


def test_bodies_over_the_limit_are_refused(engine: sa.Engine) -> None:
    with TestClient(create_app(engine, analyze=FakeAnalyzer(), link=fake_link, max_body=1000)) as client:
        token = form_token(client)
        response = client.post("/analyze", data={"csrf_token": token, "text": "x" * 5000})
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["status"] == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"y" * 500

        chunked = client.post(
            "/analyze", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
        )
        assert chunked.status_code == 413


def test_empty_and_invalid_pastes_are_explained(client: TestClient) -> None:
    token = form_token(client)
    empty = client.post("/analyze", data={"csrf_token": token, "text": "  "}, headers=HTML)
    assert empty.status_code == 422 and "paste an article" in empty.text
    bad_url = client.post(
        "/analyze", data={"csrf_token": token, "text": ARTICLE, "url": "javascript:x"}, headers=HTML
    )
    assert bad_url.status_code == 422 and "http or https" in bad_url.text
