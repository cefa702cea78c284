"""Batch ingestion: worker processes, skips by language, URLs through a local server, and broken inputs.

Analysis and linking are faked (tests/store_fakes.py); the fake analyzer is picklable, so it runs in the
spawned worker processes too.
"""

from __future__ import annotations

import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from claimgraph.batch import FetchOptions, IngestReport, ingest_corpus
from claimgraph.batch.pipeline import DocumentPipeline, Outcome
from claimgraph.batch.workers import PipelineFactory, PipelineOptions, run_local
from claimgraph.ingest.readers import RawInput
from claimgraph.store import open_store, schema
from claimgraph.store.queries import collect_stats
from store_fakes import FakeAnalyzer, fake_link

GERMAN = (
    "Der Bürgermeister sagte am Donnerstag, dass der Hafen an ein privates Unternehmen verkauft werde. "
    "Die Opposition kritisierte den Plan scharf und forderte eine Abstimmung im Parlament."
)


def write_corpus(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"doc-{n:03d}.txt"
        path.write_text(
            f"Ann Lee said the dam number {n} leaks.\nBob Stone denied that dam {n} leaks.\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    return paths


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[sa.Engine]:
    engine = open_store(str(tmp_path / "batch.db"))
    yield engine
    engine.dispose()


def counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t.name: connection.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (schema.documents, schema.errors, schema.attributions)
        }


def test_two_worker_processes_store_every_document_once(tmp_path: Path, engine: sa.Engine) -> None:
    paths = write_corpus(tmp_path / "corpus", 20)
    seen: list[Outcome] = []
    report = ingest_corpus(
        engine,
        [str(tmp_path / "corpus")],
        analyze=FakeAnalyzer(),
        link=fake_link,
        workers=2,
        chunk_size=3,
        on_outcome=seen.append,
    )
    assert len(report.stored) == 20 and not report.failures and len(seen) == 20
    assert counts(engine)["documents"] == 20 and counts(engine)["attributions"] == 40
    assert report.words > 0 and report.link_seconds is not None and report.claims is not None
    analyzer = FakeAnalyzer()
    again = ingest_corpus(engine, paths, analyze=analyzer, link=None)
    assert len(again.stored) == 0 and again.unchanged == 20 and analyzer.analyzed == []  # the store was asked


def test_run_local_streams_with_a_bound(tmp_path: Path) -> None:
    pulled = []

    def items() -> Iterator[RawInput]:
        for n in range(40):
            pulled.append(n)
            yield RawInput(f"d{n}", f"Ann Lee said dam {n} leaks.".encode(), "text")

    factory = PipelineFactory(FakeAnalyzer(), PipelineOptions(languages=()))
    outcomes = run_local(items(), factory, workers=2, chunk_size=2)
    first = next(outcomes)
    # the parent reads ahead at most 2 chunks per worker (plus the one being cut), never the whole stream
    assert first.status == "analyzed" and len(pulled) <= 2 * 2 * 2 + 2
    assert len([first, *outcomes]) == 40


def test_non_english_articles_are_skipped_with_the_reason(tmp_path: Path, engine: sa.Engine) -> None:
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text("Ann Lee said the dam leaks. " * 5, encoding="utf-8")
    report = ingest_corpus(
        engine, [str(tmp_path / "de.txt"), str(tmp_path / "en.txt")], analyze=FakeAnalyzer(), link=None
    )
    assert len(report.stored) == 1 and not report.failures
    [skip] = report.skipped
    assert skip.input.endswith("de.txt") and "detected de" in skip.reason
    stats = collect_stats(engine)
    assert (stats["skipped"], stats["errors"]) == (1, 0)
    everything = ingest_corpus(
        engine, [str(tmp_path / "de.txt")], analyze=FakeAnalyzer(), link=None, languages=()
    )
    assert len(everything.stored) == 1


def test_broken_inputs_are_per_document_errors_and_the_batch_finishes(
    tmp_path: Path, engine: sa.Engine
) -> None:
    good = write_corpus(tmp_path / "good", 3)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "corrupt.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\n" + b"x" * 500)[:-30] + b"junk")
    (tmp_path / "truncated.warc").write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\n"
        b"Content-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>"
    )
    with (tmp_path / "huge.html").open("wb") as handle:  # a 50 MB page
        handle.write(b"<html><body><p>" + b"word " * (10 * 1024 * 1024) + b"</p></body></html>")
    broken = ["empty.txt", "binary.html", "corrupt.warc.gz", "truncated.warc", "huge.html"]
    report = ingest_corpus(
        engine,
        [good[0], *(str(tmp_path / b) for b in broken), *good[1:]],
        analyze=FakeAnalyzer(),
        link=fake_link,
    )
    assert len(report.stored) == 3 and report.claims is not None
    reasons = {Path(f.input.split("#")[0]).name: f.reason for f in report.failures}
    assert set(reasons) == set(broken)
    assert reasons["empty.txt"] == "empty file" and "binary" in reasons["binary.html"]
    assert "too large" in reasons["huge.html"] and "truncated record" in reasons["truncated.warc"]
    with engine.connect() as connection:
        stored = connection.execute(sa.select(schema.errors.c.input, schema.errors.c.message)).all()
    assert len(stored) == len(broken) and all(message for _, message in stored)


def test_a_worker_that_dies_costs_only_its_document(tmp_path: Path, engine: sa.Engine) -> None:
    paths = write_corpus(tmp_path / "corpus", 6)
    Path(paths[2]).write_text("Ann Lee said KILL-WORKER now.", encoding="utf-8")
    report = ingest_corpus(engine, paths, analyze=DyingAnalyzer(), link=None, workers=2, chunk_size=3)
    assert len(report.stored) == 5
    [failure] = report.failures
    assert failure.input == paths[2] and "worker process died" in failure.reason


class DyingAnalyzer(FakeAnalyzer):
    """Kills its process on a text that says KILL-WORKER (a segfault, an OOM kill)."""

    def __call__(self, documents: Any) -> Any:
        import os

        for document in documents:
            if "KILL-WORKER" in document.text:
                os._exit(9)
            yield from super().__call__([document])


# -- URLs -------------------------------------------------------------------------------------------------
class _Pages(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {
        "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private\n"),
        "/a": (
            "text/html",
            b"<html><body><article><p>Ann Lee said the dam leaks, engineers reported on "
            b"Thursday after the storm.</p></article></body></html>",
        ),
        "/b": ("text/plain", b"Bob Stone denied that the dam leaks."),
        "/private": ("text/html", b"<html><body><p>Carl said so.</p></body></html>"),
        "/pdf": ("application/pdf", b"%PDF-1.4"),
    }

    def do_GET(self) -> None:  # noqa: N802
        if self.path not in self.pages:
            self.send_error(404)
            return
        kind, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_urls_are_fetched_by_the_pipeline_with_allow_private(tmp_path: Path, engine: sa.Engine) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        listed = tmp_path / "today.urls"
        listed.write_text(f"{base}/b\n{base}/private\n{base}/pdf\n{base}/missing\n", encoding="utf-8")
        refused = ingest_corpus(engine, [f"{base}/a"], analyze=FakeAnalyzer(), link=None)
        assert "refused" in refused.failures[0].reason
        report = ingest_corpus(
            engine,
            [f"{base}/a"],
            url_lists=[str(listed)],
            analyze=FakeAnalyzer(),
            link=None,
            fetch=FetchOptions(allow_private=True, retries=0),
            workers=2,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert len(report.stored) == 2
    reasons = sorted(f.reason for f in report.failures)
    assert reasons == [
        f"HTTP 404 from {base}/missing",
        "robots.txt disallows fetching this URL",
        "unsupported content type 'application/pdf' (expected HTML, plain text or a feed)",
    ]
    with engine.connect() as connection:
        urls = set(connection.execute(sa.select(schema.documents.c.url)).scalars())
    assert urls == {f"{base}/a", f"{base}/b"}


def test_the_pipeline_alone_returns_plain_outcomes() -> None:
    pipeline = DocumentPipeline(FakeAnalyzer(), exists=lambda document_id: False)
    [ok, failed] = pipeline.run(
        [
            RawInput("a", b"Ann Lee said the dam leaks.", "text"),
            RawInput("b", b"ANALYSIS-FAILS here.", "text"),
        ]
    )
    assert ok.status == "analyzed" and ok.record is not None and ok.text and ok.words == 6
    assert (failed.status, failed.kind) == ("failed", "analysis")


def test_report_shape(tmp_path: Path, engine: sa.Engine) -> None:
    report: IngestReport = ingest_corpus(
        engine, write_corpus(tmp_path / "c", 2), analyze=FakeAnalyzer(), link=fake_link
    )
    data = report.to_dict()
    assert {
        "ok",
        "stored",
        "unchanged",
        "failed",
        "skipped",
        "claims",
        "words",
        "seconds",
        "documents_per_second",
        "link_seconds",
        "failures",
        "skips",
    } <= set(data)
    assert data["ok"] == 2
