"""The per-document pipeline every engine runs: fetch -> clean -> language -> (already stored?) -> analyze.

It runs where the work is done (the main process, a worker process, a Dask worker) and returns plain data,
an :class:`Outcome` per input, which the parent stores. Nothing here writes to the store: one writer keeps
per-document transactions simple on SQLite and PostgreSQL alike.

Steps, for each input:
1. a URL is fetched (:class:`~claimgraph.ingest.fetch.Fetcher`: guard, robots.txt, retries, size cap);
2. cleaned into a Document, the metadata the corpus gave (JSONL, feed) winning over what the page says,
   since whoever collected the corpus knew where each article came from;
3. skipped when it is surely not in an accepted language (the English pipeline cannot read it);
4. skipped as unchanged when its text is already stored (the id is the text's hash), when the pipeline
   can ask the store: a rerun after a crash analyzes only what is missing;
5. analyzed in batches (``nlp.pipe``); when a batch fails, its documents are analyzed one by one so one bad
   document costs only itself.

Any exception in steps 1-5 is the failure of that document (its kind and message are kept), never of the
run.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal

from claimgraph.batch.language import foreign_language
from claimgraph.clean import clean_input
from claimgraph.errors import InputError
from claimgraph.ingest.corpus import fetch_article
from claimgraph.ingest.feeds import RemoteInput
from claimgraph.ingest.fetch import Fetcher, FetchOptions
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES, RawInput
from claimgraph.nlp import BATCH_SIZE
from claimgraph.records import AnalysisRecord, Document

Analyze = Callable[[Iterable[Document]], Iterable[AnalysisRecord]]
WorkItem = RawInput | RemoteInput
OutcomeStatus = Literal["analyzed", "unchanged", "failed", "skipped"]

#: Testing hook: seconds to sleep per document before analyzing it (the crash-and-rerun test uses it to
#: kill a run midway). Unset in normal use.
DELAY_ENV = "CLAIMGRAPH_TEST_DOCUMENT_DELAY"

# Run once through every step before a process takes work (DocumentPipeline.warm_up): the language model,
# dateparser's locale and time-zone tables and the lazily compiled patterns load here, not on the first
# real document. It has what those need: a quotation, a reporting verb, dates absolute and relative.
_WARM_UP_TEXT = (
    "Officials said on Tuesday that the bridge would reopen in March 2021, two weeks later than planned.\n\n"
    '"We are confident in the schedule," the mayor told reporters last week, according to a statement '
    "released by her office on January 5."
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input. ``record`` and ``text`` are set when it was analyzed."""

    input: str
    status: OutcomeStatus
    kind: str = ""  # failed: input | fetch | analysis | error | worker; skipped: language
    reason: str = ""
    document_id: str | None = None
    record: dict[str, Any] | None = None
    text: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split()) if self.text else 0


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    published: dt.date | None = None  # the date of inputs that state none
    outlet: str | None = None  # the outlet of inputs that state none
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch: FetchOptions = field(default_factory=FetchOptions)
    languages: tuple[str, ...] = ("en",)  # empty: no language check
    batch_size: int = BATCH_SIZE  # documents per nlp.pipe call (see claimgraph.nlp)


class DocumentPipeline:
    """Runs the steps over inputs; ``exists(document_id)`` answers step 4 (None: never skip)."""

    def __init__(
        self,
        analyze: Analyze,
        options: PipelineOptions | None = None,
        *,
        exists: Callable[[str], bool] | None = None,
    ) -> None:
        self.analyze = analyze
        self.options = options or PipelineOptions()
        self.exists = exists
        self._fetcher: Fetcher | None = None
        self._delay = float(os.environ.get(DELAY_ENV) or 0)

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(replace(self.options.fetch, max_bytes=self.options.max_bytes))
        return self._fetcher

    def run(self, items: Iterable[WorkItem]) -> Iterator[Outcome]:
        """One outcome per input, in order, analyzing ``batch_size`` documents at a time."""
        batch: list[Document | Outcome] = []
        for item in items:
            batch.append(self.prepare(item))
            if len(batch) >= self.options.batch_size:
                yield from self._finish(batch)
                batch = []
        yield from self._finish(batch)

    def warm_up(self) -> None:
        """Take one built-in article through every step (see ``_WARM_UP_TEXT``), so that loading is not
        timed as, or slowing down, the first documents of a run."""
        from claimgraph.temporal import load_dateparser

        document = self.prepare(RawInput("<warm-up>", _WARM_UP_TEXT.encode(), "text"))
        if isinstance(document, Document):
            for _ in self.analyze([document]):
                pass
        load_dateparser()  # the times above all take the fast path

    # -- steps 1-4 ---------------------------------------------------------------------------------
    def prepare(self, item: WorkItem) -> Document | Outcome:
        """The document to analyze, or the outcome when there is nothing to analyze."""
        try:
            raw = self._fetch(item) if isinstance(item, RemoteInput) else item
            document = clean_document(raw, published=self.options.published, outlet=self.options.outlet)
        except InputError as err:
            return Outcome(
                err.name, "failed", "fetch" if isinstance(item, RemoteInput) else "input", err.reason
            )
        except Exception as err:  # noqa: BLE001 - a library failing on one odd page costs that page only
            return Outcome(item.name, "failed", "error", _describe(err))
        if self.options.languages:
            guess = foreign_language(document.text, self.options.languages)
            if guess is not None:
                return Outcome(
                    document.name,
                    "skipped",
                    "language",
                    f"not in {'/'.join(self.options.languages)}: detected {guess.language} "
                    f"(confidence {guess.confidence:.2f})",
                    document.id,
                )
        if self.exists is not None and self.exists(document.id):
            return Outcome(document.name, "unchanged", document_id=document.id)
        if self._delay:
            time.sleep(self._delay)
        return document

    def _fetch(self, item: RemoteInput) -> RawInput:
        return fetch_article(self.fetcher, item)

    # -- step 5 ------------------------------------------------------------------------------------
    def _finish(self, batch: list[Document | Outcome]) -> Iterator[Outcome]:
        documents = [d for d in batch if isinstance(d, Document)]
        results = self._analyze_stream(documents)
        for entry in batch:
            yield entry if isinstance(entry, Outcome) else _outcome(next(results))

    def _analyze_stream(self, documents: list[Document]) -> Iterator[AnalysisRecord | Outcome]:
        """The analysis of each document, as the analyzer yields it; after a failure, one at a time."""
        done = 0
        try:
            for record in self.analyze(documents) if documents else ():
                done += 1
                yield record
        except Exception:  # noqa: BLE001 - isolate the document that broke the batch
            for document in documents[done:]:
                yield self._analyze_one(document)

    def _analyze_one(self, document: Document) -> AnalysisRecord | Outcome:
        try:
            return next(iter(self.analyze([document])))
        except Exception as err:  # noqa: BLE001
            return Outcome(document.name, "failed", "analysis", _describe(err), document.id)


def _outcome(result: AnalysisRecord | Outcome) -> Outcome:
    if isinstance(result, Outcome):
        return result
    document = result.document
    if document is None or result.errors:
        first = result.errors[0] if result.errors else None
        return Outcome(
            result.path,
            "failed",
            first.kind if first else "analysis",
            "; ".join(e.message for e in result.errors) or "no document",
            document.id if document is not None else None,
        )
    return Outcome(
        result.path, "analyzed", document_id=document.id, record=result.to_dict(), text=document.text
    )


def _describe(err: BaseException) -> str:
    message = str(err).strip().splitlines()[0][:300] if str(err).strip() else ""
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def clean_document(raw: RawInput, *, published: dt.date | None = None, outlet: str | None = None) -> Document:
    """The document of a raw input, with the metadata the corpus gave (JSONL, feed) over what the text says.

    Raises:
        InputError: the input holds no article text (see :func:`claimgraph.clean.clean_input`).
    """
    document = clean_input(raw, published=published)
    return document if document.outlet or not outlet else replace(document, outlet=outlet)


# -- the spaCy analysis, picklable and loaded once per process ------------------------------------
@lru_cache(maxsize=2)
def _analyzer(model: str | None, attribution_model: str | None = None) -> Any:
    from claimgraph.analyze import Analyzer

    if model:
        return Analyzer(model, attribution_model=attribution_model)
    return Analyzer(attribution_model=attribution_model)


@dataclass(frozen=True, slots=True)
class SpacyAnalyze:
    """The analyzer ``ingest`` runs: a picklable stand-in for ``Analyzer(model,
    attribution_model=...).analyze_documents``.

    It crosses to worker processes and Dask workers as a model name (and the directory of a trained
    attribution tagger, which the workers must be able to read); the pipeline is loaded on the first call in
    each process and kept (one load per worker however many documents it analyzes).
    """

    model: str | None = None
    attribution_model: str | None = None

    def __call__(self, documents: Iterable[Document]) -> Iterable[AnalysisRecord]:
        analyzer = _analyzer(self.model, self.attribution_model)
        return analyzer.analyze_documents(documents)  # type: ignore[no-any-return]

    def load(self) -> None:
        """Load the pipeline and the tagger now (a worker does it before taking work, so timing is honest;
        a tagger directory that cannot be read fails here, before any document)."""
        analyzer = _analyzer(self.model, self.attribution_model)
        _ = analyzer.nlp
        _ = analyzer.tagger
