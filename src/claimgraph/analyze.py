"""The orchestrator: inputs -> documents -> the analysis record (docs/analysis-json.md).

Steps, for each input:
1. read it (``ingest``): bytes and media type, size checked before reading;
2. clean it (``clean``): exact text for plain text, main text and metadata for HTML, boilerplate blocks;
3. parse it with spaCy (``nlp``), in batches through ``nlp.pipe`` for speed;
4. find attributions, entities and no-comment statements (``attribution``), boilerplate excluded;
5. find time expressions (``temporal``) and attach each to the attributions whose content holds it
   ("about": "content") or whose cue it modifies ("said in October 2022": "about": "statement").

A bad input becomes a record with an error and no document; the others go on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.attribution import DocumentAnalysis, extract_attributions
from claimgraph.clean import clean_input
from claimgraph.clean.dateline import wire_credit
from claimgraph.errors import ClaimgraphError, ConfigError, InputError
from claimgraph.ingest import RawInput, read_input
from claimgraph.ingest.corpus import fetch_article, read_corpus
from claimgraph.ingest.feeds import RemoteInput
from claimgraph.ingest.fetch import Fetcher
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES
from claimgraph.nlp import BATCH_SIZE
from claimgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from claimgraph.records import (
    AnalysisRecord,
    Attribution,
    Document,
    InputFailure,
    Span,
    TimeExpression,
    WireCredit,
)

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from claimgraph.train.model import TaggerAssembly


class Analyzer:
    """Analyze documents with one loaded spaCy pipeline.

    >>> analyzer = Analyzer()
    >>> record = analyzer.analyze_text("The Kremlin denied the report, saying “It’s all untrue.”")

    `attribution_model` is the directory of a trained attribution tagger (``claimgraph train``); without it
    the rules find the attributions.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        batch_size: int = BATCH_SIZE,
        attribution_model: str | Path | None = None,
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.attribution_model = attribution_model
        self._nlp: Language | None = None
        self._tagger: TaggerAssembly | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
        return self._nlp

    @property
    def tagger(self) -> TaggerAssembly | None:
        """The trained attribution tagger, when one was given (loaded once)."""
        if self._tagger is None and self.attribution_model is not None:
            from claimgraph.train.model import load_tagger

            tagger = load_tagger(self.attribution_model)
            width = tagger.vector_width
            if width:  # its token-vector features need a pipeline whose vectors have the same width
                tensor = self.nlp("Vectors.").tensor
                found = tensor.shape[1] if tensor.ndim == 2 else 0
                if found != width:
                    raise ConfigError(
                        f"{self.attribution_model}: trained on {width}-dimensional token vectors "
                        f"({tagger.meta.get('spacy_model')}), the pipeline {self.model} gives {found}: "
                        "analyze with the model it was trained with, or train it again"
                    )
            self._tagger = tagger
        return self._tagger

    # -- single documents ---------------------------------------------------------------------------
    def analyze_text(self, text: str, *, name: str = "-", published: dt.date | None = None) -> AnalysisRecord:
        """Analyze plain text (boilerplate found in it is excluded)."""
        from claimgraph.clean import find_boilerplate

        document = Document(text=text, name=name, published=published, boilerplate=find_boilerplate(text))
        return self.analyze_document(document)

    def analyze_document(self, document: Document) -> AnalysisRecord:
        return next(self.analyze_documents([document]))

    # -- streams ------------------------------------------------------------------------------------
    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[AnalysisRecord]:
        """Analyze documents in order, parsing them in batches.

        A text longer than the pipeline's ``max_length`` (spaCy's guard: the parser needs about 1 GB of
        memory per 100,000 characters) gets a record with an error instead of stopping the stream.
        """
        limit = self.nlp.max_length
        batch: list[Document] = []
        for document in documents:
            if len(document.text) > limit:
                yield from self._parse_and_analyze(batch)
                batch = []
                yield AnalysisRecord(
                    path=document.name,
                    document=document,
                    errors=(
                        InputFailure(
                            "input",
                            f"too long to analyze: {len(document.text):,} characters, the limit is {limit:,} "
                            "(split the text into articles)",
                        ),
                    ),
                )
                continue
            batch.append(document)
            if len(batch) >= self.batch_size:
                yield from self._parse_and_analyze(batch)
                batch = []
        yield from self._parse_and_analyze(batch)

    def _parse_and_analyze(self, documents: list[Document]) -> Iterator[AnalysisRecord]:
        if not documents:
            return
        tagger = self.tagger
        pairs = ((d.text, d) for d in documents)
        parsed = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size)
        if tagger is None:
            for doc, document in parsed:
                yield analyze_parsed(doc, document)
            return
        # the tagger decodes a batch's paragraphs side by side; a batch it fails on goes one by one, so
        # that the failure is the record of the document that caused it
        batch = list(parsed)
        try:
            found: list[DocumentAnalysis | None] = list(
                tagger.extract_many([(doc, _skip(document)) for doc, document in batch])
            )
        except Exception:  # (each document again on its own: the failure becomes its record's error)
            found = [None] * len(batch)
        for (doc, document), analysis in zip(batch, found, strict=True):
            yield analyze_parsed(doc, document, tagger=tagger, found=analysis)

    def analyze_texts(self, items: Iterable[tuple[str, str]]) -> Iterator[AnalysisRecord]:
        """Analyze (name, text) pairs of plain text."""
        from claimgraph.clean import find_boilerplate

        return self.analyze_documents(
            Document(text=text, name=name, boilerplate=find_boilerplate(text)) for name, text in items
        )

    def analyze_inputs(
        self,
        names: Iterable[str],
        *,
        published: dt.date | None = None,
        stdin: BinaryIO | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Iterator[AnalysisRecord]:
        """Read, clean and analyze inputs, one record per article, in order.

        An input is what ``claimgraph ingest`` reads (:func:`claimgraph.ingest.corpus.read_corpus`): a
        text or HTML file, a JSONL file (one article a line), a WARC file, an RSS/Atom feed file, a URL
        list, an http(s) URL, a directory (searched recursively), or ``-`` for standard input. An input that
        cannot be read gives a record whose ``errors`` say why; the others go on.
        """
        ready: list[Document | AnalysisRecord] = []
        fetcher: Fetcher | None = None

        def flush() -> Iterator[AnalysisRecord]:
            documents = [d for d in ready if isinstance(d, Document)]
            analyzed = self.analyze_documents(documents)
            for item in ready:
                yield item if isinstance(item, AnalysisRecord) else next(analyzed)
            ready.clear()

        for name in names:
            items: Iterable[RawInput | RemoteInput | InputError] = (
                [_read_stdin(name, stdin, max_bytes)]
                if name == "-"
                else read_corpus([name], max_bytes=max_bytes)
            )
            for item in items:
                try:
                    if isinstance(item, RemoteInput):
                        fetcher = fetcher or Fetcher()
                        item = fetch_article(fetcher, item)
                    document: Document | AnalysisRecord = (
                        failed_record(item.name or name, "input", item.reason)
                        if isinstance(item, InputError)
                        else clean_input(item, published=published)
                    )
                except InputError as err:
                    document = failed_record(err.name or name, "input", err.reason)
                ready.append(document)
                if len(ready) >= self.batch_size:
                    yield from flush()
        yield from flush()


def _read_stdin(name: str, stdin: BinaryIO | None, max_bytes: int) -> RawInput | InputError:
    try:
        return read_input(name, stdin=stdin, max_bytes=max_bytes)
    except InputError as err:
        return err


def failed_record(name: str, kind: str, message: str) -> AnalysisRecord:
    """The record of an input that could not be analyzed."""
    return AnalysisRecord(path=name, document=None, errors=(InputFailure(kind, message),))


def _skip(document: Document) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in document.boilerplate]


def analyze_parsed(
    doc: Doc,
    document: Document,
    *,
    tagger: TaggerAssembly | None = None,
    found: DocumentAnalysis | None = None,
) -> AnalysisRecord:
    """Steps 4 and 5 on a parsed document (step 4 by the trained `tagger` when given, else the rules;
    `found`: step 4's result when already there)."""
    from claimgraph.temporal import extract_times

    skip = _skip(document)
    text = doc.text  # (spaCy joins the tokens at every call)
    try:
        if found is None:
            found = (
                tagger.extract(doc, boilerplate=skip)
                if tagger is not None
                else extract_attributions(doc, boilerplate=skip, text=text)
            )
        times = [
            t
            for t in extract_times(doc, published=document.published, text=text)
            if not any(s <= t.start < e for s, e in skip)
        ]
    except ClaimgraphError as err:
        return AnalysisRecord(
            path=document.name, document=document, errors=(InputFailure("analysis", str(err)),)
        )
    except Exception as err:  # a bug on one document's text must not stop a corpus: it is that record's error
        log.debug("analysis of %s failed", document.name, exc_info=True)
        return AnalysisRecord(
            path=document.name,
            document=document,
            errors=(InputFailure("analysis", f"internal error ({type(err).__name__}: {err})"),),
        )
    attributions = attach_times(doc, found.attributions, times)
    return AnalysisRecord(
        path=document.name,
        document=document,
        entities=found.entities,
        attributions=attributions,
        no_comment=found.no_comment,
        times=tuple(times),
        wire=_wire(text, found),
    )


def _wire(text: str, found: DocumentAnalysis) -> WireCredit | None:
    """The agency a dateline credits, with its entity (a mention inside the parentheses)."""
    credit = wire_credit(text)
    if credit is None:
        return None
    start, end = credit
    entity = next(
        (e.id for e in found.entities for m in e.mentions if start <= m.start and m.end <= end), None
    )
    return WireCredit(Span.of(text, start, end), entity)


def attach_times(
    doc: Doc, attributions: Iterable[Attribution], times: list[TimeExpression]
) -> tuple[Attribution, ...]:
    """Give each attribution the times in its content and the times that date its statement (a deadline on
    the cue is no statement time but part of what is said: "demanded the reports by Dec. 15")."""
    from claimgraph.temporal import is_deadline

    # The head chain of each time expression (its root and up to three heads), computed once.
    chains: list[list[int]] = []
    deadlines: list[bool] = []
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        chain: list[int] = []
        deadlines.append(span is not None and is_deadline(span.root))
        if span is not None:
            token = span.root
            for _ in range(4):
                chain.append(token.i)
                if token.head.i == token.i:
                    break
                token = token.head
        chains.append(chain)
    out = []
    for a in attributions:
        mine: list[TimeExpression] = []
        cue_tokens = _cue_token_ids(doc, a)
        for t, chain, deadline in zip(times, chains, deadlines, strict=True):
            if any(c.start <= t.start and t.end <= c.end for c in a.content):
                mine.append(t)
            elif cue_tokens and not cue_tokens.isdisjoint(chain) and _modifies(doc, chain, cue_tokens, a):
                mine.append(t if deadline else replace(t, about="statement"))
        out.append(replace(a, times=tuple(mine)) if mine else a)
    return tuple(out)


def _cue_token_ids(doc: Doc, a: Attribution) -> set[int]:
    if a.cue is None:
        return set()
    span = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    return {t.i for t in span} if span is not None else set()


def _modifies(doc: Doc, chain: list[int], cue_tokens: set[int], a: Attribution) -> bool:
    """True when the time expression hangs on the cue ("reported Thursday", "later on Friday denied"),
    following its head chain until it reaches the cue, enters the content, or passes another verb ("the
    agency “disputes the conclusions” and would publish a response next week": next week is the
    publishing's, not the disputing's)."""
    for k, i in enumerate(chain):
        if i in cue_tokens:
            return True
        idx = doc[i].idx
        if any(c.start <= idx < c.end for c in a.content):
            return False
        if k and doc[i].pos_ in ("VERB", "AUX"):
            return False
    return False


def parse_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option value, or None."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClaimgraphError(f"--published: {value!r} is not a date (use YYYY-MM-DD)") from None
