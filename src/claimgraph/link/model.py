"""Records of the claim graph: what linking analyzed documents produces (pure data, no I/O).

The graph is computed from analysis records (docs/analysis-json.md) by :func:`claimgraph.link.link_corpus`
and persisted by ``claimgraph.store``. Ids are stable: an entity's or a claim's id is derived from its
earliest member, so re-linking the same corpus gives the same ids, and adding documents keeps them unless
a merge joins two (the older id wins).

References to things inside one document are ``"<document id>#<local id>"``: ``"3f2a…#a3"`` is
attribution a3 of that document, ``"3f2a…#e1"`` its entity e1.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

ClaimStatus = Literal["single-source", "corroborated", "contested", "denied"]
SourceStance = Literal["asserts", "denies", "contradicts", "no_comment"]
DisputeKind = Literal["denial", "contradiction"]


def ref(document_id: str, local_id: str) -> str:
    """The corpus-wide reference of a document-local id."""
    return f"{document_id}#{local_id}"


class Mentions:
    """The entity mentions of one analysis record with their corpus entities, sorted by start, to find
    those inside an attribution's content without testing every mention against every attribution."""

    __slots__ = ("starts", "mentions")

    def __init__(self, record: Mapping[str, Any], entity_of: Mapping[str, str]) -> None:
        doc_id = record["document"]["id"]
        self.mentions = sorted(
            (m["start"], m["end"], entity)
            for e in record.get("entities") or []
            if (entity := entity_of.get(ref(doc_id, e["id"])))
            for m in e.get("mentions") or []
        )
        self.starts = [m[0] for m in self.mentions]

    def within(self, spans: Iterable[tuple[int, int]]) -> set[str]:
        """The corpus entities of the mentions lying wholly inside one of `spans` (character ranges)."""
        return {entity for _, _, entity in self.inside(spans)}

    def inside(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """The mentions (start, end, corpus entity) lying wholly inside one of `spans`."""
        found = []
        for start, end in spans:
            for k in range(bisect.bisect_left(self.starts, start), len(self.mentions)):
                mention = self.mentions[k]
                if mention[0] > end:
                    break
                if mention[1] <= end:
                    found.append(mention)
        return found


#: what a source relaying reports no one names ("according to media reports") repeats
UNNAMED_REPORTS = "unnamed reports"

@dataclass(frozen=True, slots=True)
class CorpusEntity:
    """One participant across documents: its aliases and the document entities merged into it."""

    id: str  # "E" + 10 hex digits
    name: str
    type: str  # PERSON | ORG | GPE | MEDIA
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # document entity refs ("<doc>#e1")
    documents: int
    merge_reasons: tuple[str, ...] = ()  # why members were merged ("alias 'WSJ' is the initialism of ...")


@dataclass(frozen=True, slots=True)
class ClaimSource:
    """One attribution backing, denying or contradicting a claim."""

    attribution: str  # "<doc>#a3"
    document: str
    entity: str | None  # corpus entity id of the source, or None (anonymous, unknown)
    name: str  # display name: the entity's name, or the mention text
    kind: str  # source_kind of the record
    stance: SourceStance
    outlet: str | None  # the outlet that published the document
    repeats: str | None = None  # the outlet whose report this one relays (or UNNAMED_REPORTS), or None
    original: str | None = None  # key of the original source this traces back to
    independent: bool = True  # counts toward independent_sources


@dataclass(frozen=True, slots=True)
class Dispute:
    """A denial or contradiction of a claim."""

    claim: str  # the disputed claim's id
    by: str  # the disputing claim's id (or the attribution ref)
    kind: DisputeKind
    reason: str


@dataclass(frozen=True, slots=True)
class Claim:
    """Attributions asserting the same proposition across documents."""

    id: str  # "C" + 10 hex digits
    summary: str
    status: ClaimStatus
    independent_sources: int
    first_seen: str | None  # ISO date: the earliest publication date among its documents
    documents: tuple[str, ...]
    sources: tuple[ClaimSource, ...]
    disputes: tuple[Dispute, ...] = ()
    entities: tuple[str, ...] = ()  # corpus entity ids the claim is about (mentioned in its content)


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated thing: when an event happened (event time) or when something was said (report time)."""

    when: str  # normalized value ("2022-10", "< 2022", "2024-10-24")
    kind: Literal["event", "report"]
    text: str  # the time expression as written
    summary: str  # what happened or what was said
    document: str
    attribution: str | None
    claim: str | None
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityOverrides:
    """Corrections by people: merges and splits that the automatic resolution must respect."""

    merges: tuple[tuple[str, str], ...] = ()  # (entity or alias A, entity or alias B): same participant
    splits: tuple[tuple[str, str], ...] = ()  # (entity id, member ref or alias): take it out into its own


@dataclass(frozen=True, slots=True)
class CorpusGraph:
    entities: tuple[CorpusEntity, ...]
    claims: tuple[Claim, ...]
    timeline: tuple[TimelineEvent, ...]
    entity_of: dict[str, str] = field(default_factory=dict)  # document entity ref -> corpus entity id
    claim_of: dict[str, str] = field(default_factory=dict)  # attribution ref -> claim id
    unresolved_overrides: tuple[str, ...] = ()  # overrides that named nothing in the corpus
