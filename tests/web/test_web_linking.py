"""A pasted article is stored and shown at once; the claim graph is relinked in the background, one run at a
time, and every page says so while it is pending (claimgraph.web.linking)."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from claimgraph.link.model import CorpusGraph
from claimgraph.store import open_store
from claimgraph.web import create_app
from store_fakes import FakeAnalyzer, fake_link

HTML = {"accept": "text/html"}
SAME_SITE = {"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}


class GatedLink:
    """fake_link, held at a gate until the test opens it; counts its runs."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.started = threading.Semaphore(0)
        self.runs = 0
        self.fail = False

    def __call__(self, records: list[dict[str, Any]], **kwargs: Any) -> CorpusGraph:
        self.runs += 1
        self.started.release()
        assert self.gate.wait(10), "the test never opened the gate"
        if self.fail:
            raise RuntimeError("the linker broke")
        return fake_link(records, **kwargs)


@pytest.fixture()
def engine(tmp_path: Path) -> Iterator[sa.Engine]:
    engine = open_store(str(tmp_path / "paste.db"))
    yield engine
    engine.dispose()


def paste(client: TestClient, text: str) -> str:
    page = client.get("/analyze", headers=HTML)
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    assert match
    response = client.post(
        "/analyze",
        data={"csrf_token": match.group(1), "text": text, "title": text[:20]},
        headers=SAME_SITE,
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


@contextlib.contextmanager
def serving(engine: sa.Engine, link: Any) -> Iterator[TestClient]:
    app = create_app(engine, analyze=FakeAnalyzer(), link=link)
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client


def held_paste(client: TestClient, link: GatedLink) -> str:
    """Paste an article and wait until its relink has started (and is held at the gate)."""
    location = paste(client, "Carol King said that the bridge will reopen in May.\n")
    assert link.started.acquire(timeout=10)
    return location


def claims_of(client: TestClient) -> int:
    return int(client.get("/api/claims").json()["total"])


def test_a_paste_answers_before_the_relink_and_the_graph_follows(engine: sa.Engine) -> None:
    link = GatedLink()
    with serving(engine, link) as c:
        location = held_paste(c, link)  # the relink runs, held at the gate: the paste has answered
        status = c.get("/api/linking").json()
        assert status["state"] == "linking" and status["started_at"]
        page = c.get(location, headers=HTML)
        assert page.status_code == 200 and "Carol King" in page.text  # the article is there at once
        assert "The claim graph is being updated" in page.text
        assert claims_of(c) == 0
        link.gate.set()
        assert c.app.state.relinker.wait(10)  # type: ignore[attr-defined]
        status = c.get("/api/linking").json()
        assert status["state"] == "idle" and status["last"]["error"] is None
        assert status["last"]["claims"] == claims_of(c) == 1
        assert "The claim graph is being updated" not in c.get(location, headers=HTML).text


def test_pastes_during_a_relink_share_one_more_run(engine: sa.Engine) -> None:
    link = GatedLink()
    with serving(engine, link) as c:
        held_paste(c, link)
        paste(c, "Dan Lee said that the ferry will stop in June.\n")
        paste(c, "Eve Park said that the tunnel will close in July.\n")
        assert c.get("/api/linking").json()["state"] == "linking"
        link.gate.set()
        assert c.app.state.relinker.wait(10)  # type: ignore[attr-defined]
        assert link.runs == 2  # the first run, then one for both later pastes
        assert claims_of(c) == 3  # the last run linked every stored article


def test_a_failed_relink_keeps_the_graph_and_says_so(engine: sa.Engine) -> None:
    link = GatedLink()
    link.gate.set()
    with serving(engine, link) as c:
        paste(c, "Carol King said that the bridge will reopen in May.\n")
        assert c.app.state.relinker.wait(10)  # type: ignore[attr-defined]
        assert claims_of(c) == 1
        link.fail = True
        location = paste(c, "Dan Lee said that the ferry will stop in June.\n")
        assert c.app.state.relinker.wait(10)  # type: ignore[attr-defined]
        status = c.get("/api/linking").json()
        assert status["state"] == "idle" and "RuntimeError: the linker broke" in status["last"]["error"]
        assert claims_of(c) == 1  # the graph before the failed run
        page = c.get(location, headers=HTML)
        assert "Dan Lee" in page.text and "the graph is the one before it" in page.text
        link.fail = False
        paste(c, "Eve Park said that the tunnel will close in July.\n")
        assert c.app.state.relinker.wait(10)  # type: ignore[attr-defined]
        assert claims_of(c) == 3 and c.get("/api/linking").json()["last"]["error"] is None


def test_stopping_the_app_waits_for_the_running_relink(engine: sa.Engine) -> None:
    link = GatedLink()
    with serving(engine, link) as c:
        held_paste(c, link)
        threading.Timer(0.3, link.gate.set).start()  # opens while the app is stopping
    with serving(engine, fake_link) as c:
        assert claims_of(c) == 1  # written before the app stopped
