"""Records: the frozen dataclasses every stage passes along.

Offsets are always character offsets (Python ``str`` indices) into ``Document.text``. ``to_dict`` methods
produce exactly the shapes of ``docs/analysis-json.md``; nothing else in the package builds those dicts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SourceKind = Literal["person", "organization", "anonymous", "implicit", "unknown"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["assert", "deny"]
BoilerplateKind = Literal["appeal", "subscription", "newsletter", "cookie", "social", "related", "advert",
                          "navigation", "copyright", "credits", "disclaimer", "other"]

SOURCE_KINDS: tuple[str, ...] = ("person", "organization", "anonymous", "implicit", "unknown")


def text_id(text: str) -> str:
    """The document id: sha256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A block that is not the article's own reporting: a donation appeal, a cookie notice, ..."""

    start: int
    end: int
    kind: str
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "kind": self.kind}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """An article ready for analysis: its text and what is known about it."""

    text: str
    name: str = "-"
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str = "en"
    extracted: bool = False  # True when `text` was extracted from markup (HTML): the record then carries it
    boilerplate: tuple[Boilerplate, ...] = ()

    @property
    def id(self) -> str:
        return text_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A participant of the document, with every mention resolved to it."""

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type,
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass(frozen=True, slots=True)
class AnonymousSource:
    """What the text tells about an unnamed source."""

    count: int | str | None
    descriptors: tuple[str, ...] = ()
    status: tuple[str, ...] = ()        # current, former
    affiliations: tuple[str, ...] = ()  # U.S., European, intelligence, ...
    role: str | None = None             # officials, source, people familiar with the matter

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "descriptors": list(self.descriptors), "status": list(self.status),
                "affiliations": list(self.affiliations), "role": self.role}


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression normalized against the publication date.

    ``value`` is ISO 8601 at the precision the text gives ("2022-10", "2024-10-24", "2021"), a
    comparison for open intervals ("< 2022", "> 2022-10") or an interval ("2022-10/2024"); None when
    it cannot be normalized (no reference date for a relative expression).
    """

    start: int
    end: int
    text: str
    value: str | None
    type: str           # date | month | year | before | after | interval | relative | duration
    about: str = "content"  # content (inside what is claimed) | statement (when it was said)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "type": self.type, "about": self.about}


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    text: str
    lemma: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "lemma": self.lemma}


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who (source) says (cue) what (content)."""

    id: str
    source: Span | None
    cue: Cue | None
    content: tuple[Span, ...]
    source_kind: str = "unknown"
    source_entity: str | None = None
    parent: str | None = None
    continues: str | None = None  # a quotation with no cue continuing this attribution's speaker
    relation: str | None = None   # how it hangs on `parent`: "cites" (source chain) | "nested" (inside it)
    anonymous: AnonymousSource | None = None
    quote: str = "indirect"
    stance: str = "assert"
    hedges: tuple[str, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    confidence: float = 0.5
    rule: str = ""  # which rule found it: for error analysis, not part of the contract
    source_phrase: Span | None = None  # `source` with what describes it (PolNeAR's extent); None: the same
    negated: bool = False  # the cue is negated ("did not deny", "never said"): not said, not denied

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parent": self.parent,
            "relation": self.relation,
            "continues": self.continues,
            "source": self.source.to_dict() if self.source else None,
            "source_phrase": (self.source_phrase or self.source).to_dict() if self.source else None,
            "source_entity": self.source_entity,
            "source_kind": self.source_kind,
            "anonymous": self.anonymous.to_dict() if self.anonymous else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": [c.to_dict() for c in self.content],
            "quote": self.quote,
            "stance": self.stance,
            "negated": self.negated,
            "hedges": list(self.hedges),
            "times": [t.to_dict() for t in self.times],
            "confidence": round(self.confidence, 2),
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class WireCredit:
    """The agency a wire dateline credits ("WASHINGTON (AP) —"): the document is that agency's copy."""

    span: Span
    entity: str | None = None  # the document entity of the agency, when it has one

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "entity": self.entity}


@dataclass(frozen=True, slots=True)
class NoComment:
    """Someone did not respond, declined to comment, could not be reached."""

    entity: str | None
    span: Span
    subject: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "span": self.span.to_dict(),
                "subject": self.subject.to_dict() if self.subject else None}


@dataclass(frozen=True, slots=True)
class InputFailure:
    """Why one input produced no analysis."""

    kind: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message}


@dataclass(frozen=True, slots=True)
class AnalysisRecord:
    """One analyzed input: the line of `claimgraph analyze --format jsonl`."""

    path: str
    document: Document | None
    entities: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    no_comment: tuple[NoComment, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    errors: tuple[InputFailure, ...] = field(default_factory=tuple)
    wire: WireCredit | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.errors

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        out: dict[str, Any] = {"path": self.path, "document": doc.to_dict() if doc else None}
        if doc is not None:
            out["document"]["wire"] = self.wire.to_dict() if self.wire else None
        if doc is not None and doc.extracted:
            out["text"] = doc.text
        out["boilerplate"] = [b.to_dict() for b in doc.boilerplate] if doc else []
        out["entities"] = [e.to_dict() for e in self.entities]
        out["attributions"] = [a.to_dict() for a in self.attributions]
        out["no_comment"] = [n.to_dict() for n in self.no_comment]
        out["times"] = [t.to_dict() for t in self.times]
        out["errors"] = [e.to_dict() for e in self.errors]
        return out
