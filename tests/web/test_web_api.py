"""The HTTP API and the pages over a store filled by the real analyzer: the seed article and the story."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_fixtures import seed_corpus_path, seed_document_id

from claimgraph.store import open_store
from claimgraph.store.queries import list_claims

pytestmark = pytest.mark.model

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    from claimgraph.web import create_app

    engine = open_store(seed_corpus_path(), create=False)
    with TestClient(create_app(engine)) as test_client:
        yield test_client
    engine.dispose()


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert set(body) == {"type", "title", "status", "detail"} and body["status"] == status
    return body


def test_documents_are_paginated_with_a_total(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 4}).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (6, 4, 0, 4)
    rest = client.get("/api/documents", params={"limit": 4, "offset": 4}).json()
    assert len(rest["items"]) == 2
    assert {d["id"] for d in first["items"]} | {d["id"] for d in rest["items"]} == {
        d["id"] for d in client.get("/api/documents").json()["items"]
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"outlet": "Bay Courier"}, 1),
        ({"from": "2025-03-04", "to": "2025-03-04"}, 2),
        ({"has_denials": "true"}, 2),
        ({"q": "North Pier"}, 5),
        ({"entity": "Musk"}, 1),
        ({"entity": "nobody at all"}, 0),
    ],
)
def test_document_filters(client: TestClient, params: dict[str, str], expected: int) -> None:
    assert client.get("/api/documents", params=params).json()["total"] == expected


def test_a_document_is_its_analysis_record(client: TestClient) -> None:
    record = client.get(f"/api/documents/{seed_document_id()}").json()
    assert record["document"]["id"] == seed_document_id()
    assert {"attributions", "entities", "boilerplate", "no_comment", "times", "errors"} <= set(record)


def test_claims_entities_and_timeline(client: TestClient) -> None:
    claims = client.get("/api/claims", params={"limit": 3}).json()
    engine = open_store(seed_corpus_path(), create=False)
    assert claims["total"] == len(list_claims(engine))
    engine.dispose()
    assert len(claims["items"]) == 3 and all("sources" in c for c in claims["items"])
    contested = client.get("/api/claims", params={"status": "contested"}).json()
    assert contested["total"] and all(c["status"] == "contested" for c in contested["items"])
    by_wsj = client.get("/api/claims", params={"source": "Wall Street Journal"}).json()
    assert by_wsj["total"] >= 1
    one = client.get(f"/api/claims/{claims['items'][0]['id']}").json()
    assert one["id"] == claims["items"][0]["id"] and all("text" in s for s in one["sources"])
    entities = client.get("/api/entities", params={"name": "Musk"}).json()
    assert [e["name"] for e in entities["items"]] == ["Elon Musk"]
    musk = client.get(f"/api/entities/{entities['items'][0]['id']}").json()
    assert musk["said"] and musk["claims_about"]
    timeline = client.get("/api/timeline", params={"entity": "Musk", "limit": 2}).json()
    assert timeline["total"] > 2 and len(timeline["items"]) == 2


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/documents/" + "0" * 64, 404),
        ("/api/documents/not-an-id", 404),
        ("/api/documents/..%2F..%2Fpyproject.toml", 404),
        ("/api/claims/C0000000000", 404),
        ("/api/claims/..%2Fx", 404),
        ("/api/entities/E0000000000", 404),
        ("/api/documents?limit=0", 422),
        ("/api/documents?limit=100000", 422),
        ("/api/documents?from=yesterday", 422),
        ("/api/claims?status=true", 422),
        ("/api/nothing-here", 404),
    ],
)
def test_errors_are_problem_documents(client: TestClient, path: str, status: int) -> None:
    problem(client.get(path), status)


def test_openapi_and_docs_need_no_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/claims",
        "/api/entities",
        "/api/timeline",
    } <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_pages_render(client: TestClient) -> None:
    page = client.get("/documents", headers=HTML)
    assert page.status_code == 200 and "Bay Courier" in page.text
    assert (
        "Bay Courier"
        not in client.get("/documents", params={"outlet": "Tidewater Tribune"}).text.split("</select>")[-1]
    )
    claim_id = client.get("/api/claims", params={"limit": 1}).json()["items"][0]["id"]
    claim = client.get(f"/claims/{claim_id}", headers=HTML).text
    assert '<table class="matrix">' in claim and "<svg" in claim
    for path in ("/claims", "/entities", "/graph", "/analyze"):
        assert client.get(path, headers=HTML).status_code == 200
    musk = client.get("/api/entities", params={"name": "Musk"}).json()["items"][0]["id"]
    assert "What Elon Musk said" in client.get(f"/entities/{musk}", headers=HTML).text
    missing = client.get("/documents/" + "0" * 64, headers=HTML)
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]


def test_a_denial_is_named_by_its_outlet_and_date(client: TestClient) -> None:
    contested = client.get("/api/claims", params={"status": "contested"}).json()["items"]
    denied = [(c, d) for c in contested for d in c["disputes"] if "#" in d["claim"]]
    assert denied, "the seed corpus has a claim disputed by a denial that is no claim of its own"
    claim, dispute = denied[0]
    by = next(s for s in claim["sources"] if s["attribution"] == dispute["claim"])
    page = client.get(f"/claims/{claim['id']}", headers=HTML).text
    document, _, local = dispute["claim"].partition("#")
    assert f'<a href="/documents/{document}#{local}">{by["outlet"]}, {by["published"]}</a>' in page


def test_entity_page_shows_the_latest_events_and_says_how_many_more(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimgraph.web.app as web_app

    musk = client.get("/api/entities", params={"name": "Musk"}).json()["items"][0]
    events = client.get("/api/timeline", params={"entity": musk["id"], "limit": 100}).json()
    entity = client.get(f"/api/entities/{musk['id']}").json()
    assert 1 < events["total"] <= 100 and len(entity["said"]) > 1
    monkeypatch.setattr(web_app, "ENTITY_EVENTS", 1)
    monkeypatch.setattr(web_app, "ENTITY_ROWS", 1)
    html = client.get(f"/entities/{musk['id']}", headers=HTML).text
    assert f"The latest 1 of {events['total']} events and reports" in html
    assert f"1 of {len(entity['said'])} statements shown" in html
    latest = events["items"][-1]
    assert html.count('<tr><td>') == 1 and f"<tr><td>{latest['when']}</td>" in html  # the one event row


def test_article_view_highlights_every_attribution(client: TestClient) -> None:
    record = client.get(f"/api/documents/{seed_document_id()}").json()
    html = client.get(f"/documents/{seed_document_id()}", headers=HTML).text
    for a in record["attributions"]:
        assert f'id="{a["id"]}"' in html
    assert html.count('data-role="source"') >= sum(1 for a in record["attributions"] if a["source"])
    assert 'class="cue stance-deny' in html
    assert "boilerplate: appeal" in html
    assert "resolved entity: Wall Street Journal" in html
