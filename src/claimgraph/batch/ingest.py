"""``claimgraph ingest``: read, clean, analyze and store a corpus, then link it.

Steps:
1. read every input (``ingest.read_corpus``: files, directories, JSONL lines); a failure is stored in
   ``errors``, reported, and the run goes on;
2. clean it into a Document, the JSONL metadata (url, outlet, title, published) winning over what the page
   says, since whoever collected the corpus knew where each article came from;
3. skip it when its text is already stored (the id is the text's hash): a rerun after a crash only analyzes
   what is missing, and re-ingesting a corpus changes nothing;
4. analyze in batches (``nlp.pipe``) and store each document in its own transaction, as it comes: a crash
   loses at most the documents not yet stored;
5. link the stored corpus again and replace the claim graph in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa

from claimgraph.clean import clean_input
from claimgraph.errors import InputError
from claimgraph.ingest.corpus import read_corpus
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES, RawInput
from claimgraph.records import AnalysisRecord, Document
from claimgraph.store import Linker, document_exists, record_error, relink, store_record

Analyze = Callable[[Iterable[Document]], Iterable[AnalysisRecord]]


@dataclass(frozen=True, slots=True)
class Failure:
    input: str    # the path, or PATH:LINE for a JSONL line
    reason: str


@dataclass(slots=True)
class IngestReport:
    """What one run did."""

    stored: list[str] = field(default_factory=list)      # ids of the documents stored by this run
    revisions: int = 0                                   # of them, new texts at a URL already stored
    unchanged: int = 0                                   # inputs whose text was already stored
    failures: list[Failure] = field(default_factory=list)
    claims: int | None = None                            # claims in the graph after linking

    def to_dict(self) -> dict[str, Any]:
        return {"stored": len(self.stored), "revisions": self.revisions, "unchanged": self.unchanged,
                "failed": len(self.failures), "claims": self.claims,
                "failures": [{"input": f.input, "reason": f.reason} for f in self.failures]}


def default_linker() -> Linker:
    """:func:`claimgraph.link.link_corpus`, imported when needed."""
    from claimgraph.link import link_corpus

    linker: Linker = link_corpus
    return linker


def ingest_corpus(engine: sa.Engine, paths: Iterable[str], *, analyze: Analyze, link: Linker | None,
                  published: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  on_failure: Callable[[Failure], None] | None = None) -> IngestReport:
    """Analyze and store the inputs under ``paths``, then relink the corpus (unless ``link`` is None)."""
    report = IngestReport()
    pending: set[str] = set()

    def fail(name: str, kind: str, reason: str, document_id: str | None = None) -> None:
        record_error(engine, name, kind, reason, document_id=document_id)
        failure = Failure(name, reason)
        report.failures.append(failure)
        if on_failure is not None:
            on_failure(failure)

    def documents() -> Iterator[Document]:
        for item in read_corpus(paths, max_bytes=max_bytes):
            if isinstance(item, InputError):
                fail(item.name, "input", item.reason)
                continue
            try:
                document = clean_document(item, published=published)
            except InputError as err:
                fail(err.name, "input", err.reason)
                continue
            if document.id in pending or document_exists(engine, document.id):
                report.unchanged += 1
                continue
            pending.add(document.id)
            yield document

    for record in analyze(documents()):
        if record.document is None or record.errors:
            for error in record.errors:
                fail(record.path, error.kind, error.message,
                     record.document.id if record.document is not None else None)
            continue
        stored = store_record(engine, record)
        if stored.outcome == "stored":
            report.stored.append(stored.id)
            report.revisions += stored.revision_of is not None
        else:
            report.unchanged += 1
    if link is not None:
        report.claims = len(relink(engine, link).claims)
    return report


def clean_document(raw: RawInput, *, published: dt.date | None = None) -> Document:
    """The document of a raw input, with the metadata the corpus gave (JSONL) over what the text says.

    Raises:
        InputError: the input holds no article text (see :func:`claimgraph.clean.clean_input`).
    """
    given = raw.metadata
    document = clean_input(raw, published=given.get("published") or published)
    return replace(document,
                   url=raw.url or document.url,
                   title=given.get("title") or document.title,
                   outlet=given.get("outlet") or document.outlet,
                   published=given.get("published") or document.published)
