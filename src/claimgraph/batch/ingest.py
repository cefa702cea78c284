"""``claimgraph ingest``: read, clean, analyze and store a corpus, then link it.

Steps:
1. read every input as a stream (``ingest.read_corpus``: files, directories, JSONL lines, WARC records,
   feed entries, URL lists); an input that cannot be read is stored in ``errors``, reported, and the run
   goes on;
2. run the per-document pipeline (:mod:`claimgraph.batch.pipeline`: fetch, clean, language, already
   stored?, analyze) here, in worker processes (:mod:`claimgraph.batch.workers`) or on a Dask cluster
   (:mod:`claimgraph.batch.cluster`);
3. store each outcome as it comes, in its own transaction, in this process only (one writer): an analyzed
   document with its analysis, a failure or a skip in ``errors`` with its reason. A crash or a SIGKILL loses
   at most the documents not yet stored, and a rerun analyzes only those (the id is the text's hash);
4. link the stored corpus again and replace the claim graph in one transaction (``link=None`` skips it).
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from claimgraph.batch.pipeline import (
    Analyze,
    Outcome,
    PipelineOptions,
    WorkItem,
    clean_document,
)
from claimgraph.batch.workers import PipelineFactory, run_local
from claimgraph.errors import ConfigError, InputError
from claimgraph.ingest.corpus import read_corpus
from claimgraph.ingest.fetch import Fetcher, FetchOptions
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES
from claimgraph.nlp import BATCH_SIZE
from claimgraph.store import Linker, record_error, relink, store_analysis
from claimgraph.store.queries import SKIPPED_KIND

__all__ = ["Failure", "IngestReport", "OutcomeRecorder", "clean_document", "default_linker", "ingest_corpus"]


@dataclass(frozen=True, slots=True)
class Failure:
    input: str  # the path, PATH:LINE for a JSONL line, FILE#OFFSET for a WARC record, or the URL
    reason: str


@dataclass(slots=True)
class IngestReport:
    """What one run did."""

    stored: list[str] = field(default_factory=list)  # ids of the documents stored by this run
    revisions: int = 0  # of them, new texts at a URL already stored
    unchanged: int = 0  # inputs whose text was already stored
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)  # not in an accepted language
    claims: int | None = None  # claims in the graph after linking
    words: int = 0  # words of the documents analyzed by this run
    seconds: float = 0.0  # reading, analyzing and storing
    link_seconds: float | None = None  # linking, measured apart (it grows with the store)

    @property
    def ok(self) -> int:
        return len(self.stored) + self.unchanged

    def to_dict(self) -> dict[str, Any]:
        rate = len(self.stored) / self.seconds if self.seconds else None
        return {
            "ok": self.ok,
            "stored": len(self.stored),
            "revisions": self.revisions,
            "unchanged": self.unchanged,
            "failed": len(self.failures),
            "skipped": len(self.skipped),
            "claims": self.claims,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(rate, 2) if rate is not None else None,
            "link_seconds": round(self.link_seconds, 3) if self.link_seconds is not None else None,
            "failures": [{"input": f.input, "reason": f.reason} for f in self.failures],
            "skips": [{"input": f.input, "reason": f.reason} for f in self.skipped],
        }


def default_linker() -> Linker:
    """:func:`claimgraph.link.link_corpus`, imported when needed."""
    from claimgraph.link import link_corpus

    linker: Linker = link_corpus
    return linker


class OutcomeRecorder:
    """Stores outcomes one at a time (the single writer of a run) and keeps the report."""

    def __init__(
        self,
        engine: sa.Engine,
        report: IngestReport,
        *,
        on_failure: Callable[[Failure], None] | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
    ) -> None:
        self.engine = engine
        self.report = report
        self.on_failure = on_failure
        self.on_outcome = on_outcome

    def record(self, outcome: Outcome) -> None:
        report = self.report
        if outcome.status == "analyzed":
            assert outcome.record is not None and outcome.text is not None
            stored = store_analysis(self.engine, outcome.record, outcome.text)
            if stored.outcome == "stored":
                report.stored.append(stored.id)
                report.revisions += stored.revision_of is not None
                report.words += outcome.words
            else:
                report.unchanged += 1
        elif outcome.status == "unchanged":
            report.unchanged += 1
        elif outcome.status == "skipped":
            record_error(
                self.engine,
                outcome.input,
                SKIPPED_KIND,
                f"{outcome.kind}: {outcome.reason}",
                document_id=outcome.document_id,
            )
            report.skipped.append(Failure(outcome.input, outcome.reason))
        else:
            record_error(
                self.engine,
                outcome.input,
                outcome.kind or "error",
                outcome.reason,
                document_id=outcome.document_id,
            )
            failure = Failure(outcome.input, outcome.reason)
            report.failures.append(failure)
            if self.on_failure is not None:
                self.on_failure(failure)
        if self.on_outcome is not None:
            self.on_outcome(outcome)


def split_read_errors(
    items: Iterable[WorkItem | InputError], recorder: OutcomeRecorder
) -> Iterator[WorkItem]:
    """The inputs that were read; those that could not be are recorded as failures on the way."""
    for item in items:
        if isinstance(item, InputError):
            recorder.record(Outcome(item.name, "failed", "input", item.reason))
        else:
            yield item


def ingest_corpus(
    engine: sa.Engine,
    paths: Iterable[str],
    *,
    analyze: Analyze,
    link: Linker | None,
    published: dt.date | None = None,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_failure: Callable[[Failure], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    workers: int = 1,
    url_lists: Iterable[str] = (),
    feeds: Iterable[str] = (),
    fetch: FetchOptions | None = None,
    languages: tuple[str, ...] = ("en",),
    batch_size: int = BATCH_SIZE,
    chunk_size: int = 2,
    engine_name: str = "local",
    scheduler: str | None = None,
    staging: str | None = None,
    partition_size: int = 32,
) -> IngestReport:
    """Analyze and store the inputs under ``paths`` (and the URL lists and feeds), then relink the corpus.

    ``analyze`` must be picklable when ``workers > 1`` (:class:`~claimgraph.batch.pipeline.SpacyAnalyze`
    is); ``on_outcome`` is called after each input is stored (the progress bar). ``engine_name="dask"``
    runs the pipeline on the Dask cluster at ``scheduler``, staging Parquet partitions in ``staging``
    (:mod:`claimgraph.batch.cluster`).
    """
    report = IngestReport()
    recorder = OutcomeRecorder(engine, report, on_failure=on_failure, on_outcome=on_outcome)
    fetch = fetch or FetchOptions(max_bytes=max_bytes)
    options = PipelineOptions(
        published=published,
        outlet=outlet,
        max_bytes=max_bytes,
        fetch=fetch,
        languages=languages,
        batch_size=batch_size,
    )
    db_url = engine.url.render_as_string(hide_password=False)
    clock = [time.perf_counter()]

    def ready() -> None:  # time the work, not the model loading
        clock[0] = time.perf_counter()

    items = split_read_errors(
        read_corpus(paths, max_bytes=max_bytes, url_lists=url_lists, feeds=feeds, fetcher=Fetcher(fetch)),
        recorder,
    )
    if engine_name == "dask":
        from claimgraph.batch.cluster import run_dask

        if not scheduler or not staging:
            raise ConfigError("--engine dask needs --scheduler ADDRESS and --staging DIR")
        outcomes = run_dask(
            items,
            PipelineFactory(analyze, options, db_url),
            scheduler=scheduler,
            staging=staging,
            partition_size=partition_size,
        )
    else:
        from claimgraph.store import document_exists

        factory = (
            # in this process: the store is asked directly (the engine is already open)
            PipelineFactory(analyze, options, exists=functools.partial(document_exists, engine))
            if workers <= 1
            else PipelineFactory(analyze, options, db_url)
        )
        outcomes = run_local(items, factory, workers=workers, chunk_size=chunk_size, on_ready=ready)
    for outcome in outcomes:
        recorder.record(outcome)
    started = clock[0]
    report.seconds = time.perf_counter() - started
    finish_run(engine, report, link)
    return report


def finish_run(engine: sa.Engine, report: IngestReport, link: Linker | None) -> None:
    """Step 4: relink the stored corpus, timed apart."""
    if link is None:
        return
    started = time.perf_counter()
    report.claims = len(relink(engine, link).claims)
    report.link_seconds = time.perf_counter() - started
