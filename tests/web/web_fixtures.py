"""Shared by the web tests (not a conftest.py: tests/ has one, and a second would shadow its module name).

``seed_corpus`` is a store filled by the real analyzer and linking with the seed article and the story of
tests/data/story, built once per session; ``hostile_store`` one filled through the fake analyzer
(tests/store_fakes.py) with an article whose text, title, outlet and URL try to inject markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from conftest import DATA, ROOT, story_jsonl

SEED = ROOT / "examples" / "moscow-times-musk-putin.txt"
STORY = DATA / "story"


@functools.cache
def seed_corpus_path() -> str:
    """A SQLite file with the seed and the story, analyzed and linked for real (built once per process)."""
    from claimgraph.batch import ingest_corpus
    from claimgraph.link import link_corpus
    from claimgraph.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="claimgraph-web-"))
    engine = open_store(str(folder / "seed.db"))
    report = ingest_corpus(
        engine,
        [story_jsonl(folder / "story.jsonl"), str(SEED)],
        analyze=shared_analyzer().analyze_documents,
        link=link_corpus,
        published=dt.date(2024, 10, 25),
    )
    assert not report.failures and len(report.stored) == 6
    engine.dispose()
    return str(folder / "seed.db")


@functools.cache
def shared_analyzer() -> Any:
    from claimgraph.analyze import Analyzer

    return Analyzer()


def copy_store(tmp_path: Path) -> sa.Engine:
    """A private copy of the seed corpus (for tests that write)."""
    from claimgraph.store import open_store

    target = tmp_path / "copy.db"
    target.write_bytes(Path(seed_corpus_path()).read_bytes())
    return open_store(str(target))


def seed_document_id() -> str:
    from claimgraph.records import text_id

    return text_id(SEED.read_text(encoding="utf-8"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free localhost port, in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
