"""Across documents: entities, claims, independent corroboration, disputes and a timeline.

:func:`link_corpus` turns analysis records (docs/analysis-json.md) into a :class:`CorpusGraph`. Pure: no
files, no network, no database; the store persists what it returns. Steps:

1. entities (:mod:`.entities`): document entities merged into corpus entities, each merge with its reason;
   people's merges and splits applied last;
2. statements (:mod:`.claims`): each top-level attribution with its cited sources and continued quotes;
3. claims (:mod:`.claims`): assertions of the same proposition grouped (content overlap, blocked);
4. sources (:mod:`.corroboration`): each assertion traced to its original source, repeats marked;
5. denials (:mod:`.disputes`): linked to the claims they deny, else a claim of their own (``denied``);
6. contradictions (:mod:`.disputes`): claims stating opposite things, linked both ways with a reason;
7. no-comments: a party that did not respond, on the claims of that document that mention it;
8. status and independent counts (:mod:`.corroboration`), then the timeline (:mod:`.timeline`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from claimgraph.link.claims import Statement, Weights, build_statements, group_statements
from claimgraph.link.corroboration import (
    SourceContext,
    claim_status,
    known_by_surname,
    mark_independent,
    relayed_outlets,
    trace_sources,
)
from claimgraph.link.disputes import (
    ClaimIndex,
    ClaimView,
    DenialLink,
    count_contradictions,
    denial_targets,
    find_contradiction,
)
from claimgraph.link.entities import EntityResolution, is_description, is_pronoun, resolve_entities
from claimgraph.link.model import (
    Claim,
    ClaimSource,
    CorpusEntity,
    CorpusGraph,
    Dispute,
    EntityOverrides,
    TimelineEvent,
    ref,
)
from claimgraph.link.timeline import build_timeline, timeline_of
from claimgraph.link.words import name_key, shorten

__all__ = [
    "Claim",
    "ClaimSource",
    "CorpusEntity",
    "CorpusGraph",
    "Dispute",
    "EntityOverrides",
    "TimelineEvent",
    "link_corpus",
    "resolve_entities",
    "timeline_of",
]


@dataclass(slots=True)
class _Draft:
    """A claim being built."""

    id: str
    statements: list[Statement]
    sources: list[ClaimSource] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    denied_only: bool = False


def _order(statement: Statement, position: Mapping[str, int]) -> tuple[str, str, int]:
    return (statement.published or "9999-12-31", statement.document, position[statement.ref])


def _claim_id(first_ref: str) -> str:
    return "C" + hashlib.sha1(first_ref.encode("utf-8")).hexdigest()[:10]


def _source_of(statement: Statement, context: SourceContext, stance: str) -> ClaimSource:
    top = statement.top
    entity = context.entity(statement.document, top)
    name = (
        (context.names.get(entity, "") if entity else "")
        or (top.get("source") or {}).get("text")
        or "unknown"
    )
    return ClaimSource(
        attribution=statement.ref,
        document=statement.document,
        entity=entity,
        name=name,
        kind=top.get("source_kind") or "unknown",
        stance=stance,  # type: ignore[arg-type]
        outlet=statement.outlet,
        original=f"entity:{entity}" if entity else None,
        independent=False,
    )


def _traced(
    statement: Statement, context: SourceContext, relayed: Mapping[str, Mapping[str, str]], stance: str
) -> ClaimSource:
    """The statement's outermost source, traced (repeats, original), with another stance."""
    top = trace_sources(statement, context, relayed.get(statement.document, {}))[0]
    return replace(top, stance=stance)  # type: ignore[arg-type]


#: Claims about an entity beyond this many are not paired through that entity alone (see step 6).
CONTRADICTION_MAX_GROUP = 400


def _by_name(entities: Sequence[CorpusEntity]) -> dict[str, str]:
    """Name key -> corpus entity, for the keys of names and proper-name aliases only one entity has."""
    holders: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type not in ("PERSON", "ORG", "MEDIA"):
            continue
        for name in (e.name, *e.aliases):
            if not is_description(name) and not is_pronoun(name) and (key := name_key(name)):
                holders[key].add(e.id)
    return {key: next(iter(ids)) for key, ids in holders.items() if len(ids) == 1}


def _wires(
    records: Sequence[Mapping[str, Any]], entity_of: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Document id -> the corpus entity of the wire its dateline credits; and the names of the credits that
    have no entity (the model tagged nothing in the parentheses), known as ``wire:<name key>``."""
    out: dict[str, str] = {}
    unnamed: dict[str, str] = {}
    for record in records:
        doc_id = record["document"]["id"]
        wire = record["document"].get("wire")
        if not wire:
            continue
        entity = entity_of.get(ref(doc_id, wire["entity"])) if wire.get("entity") else None
        if entity is None:
            entity = "wire:" + name_key(wire["text"])
            unnamed.setdefault(entity, wire["text"])
        out[doc_id] = entity
    return out, unnamed


def link_corpus(
    records: Sequence[Mapping[str, Any]], *, overrides: EntityOverrides | None = None
) -> CorpusGraph:
    """The claim graph of analyzed documents (records of docs/analysis-json.md; failed ones are skipped)."""
    records = [r for r in records if r.get("document")]
    # 1. entities
    resolution: EntityResolution = resolve_entities(records, overrides=overrides)
    wire_of, wire_names = _wires(records, resolution.entity_of)
    names = {**wire_names, **{e.id: e.name for e in resolution.entities}}
    context = SourceContext(
        entity_of=resolution.entity_of,
        media=resolution.media,
        outlet_of=resolution.outlet_of,
        names=names,
        wire_of=wire_of,
        by_name=_by_name(resolution.entities),
    )
    # 2. statements, and the outlets each document relays
    statements: list[Statement] = []
    relayed: dict[str, dict[str, str]] = {}
    document_entities: dict[str, frozenset[str]] = {}
    position: dict[str, int] = {}
    for record in records:
        doc_id = record["document"]["id"]
        relayed[doc_id] = relayed_outlets(record, context)
        document_entities[doc_id] = frozenset(
            resolution.entity_of[ref(doc_id, e["id"])]
            for e in record.get("entities") or []
            if ref(doc_id, e["id"]) in resolution.entity_of
        )
        for s in build_statements(record, resolution.entity_of):
            position[s.ref] = len(position)
            statements.append(s)
    assertions = [s for s in statements if not s.denial]
    denials = [s for s in statements if s.denial]
    # 3. claims
    drafts: list[_Draft] = []
    clashes: list[tuple[int, int, str]] = []
    draft_of: dict[int, _Draft] = {}
    for group in group_statements(assertions, clashes=clashes):
        members = sorted((assertions[i] for i in group), key=lambda s: _order(s, position))
        drafts.append(_Draft(_claim_id(members[0].ref), members))
        draft_of.update((i, drafts[-1]) for i in group)
    # 4. sources
    cited_outlets: dict[str, set[str]] = defaultdict(set)
    for d in drafts:
        # a headline restates its story: its source is no other original than the body's own statement of
        # the same claim ("Vela insist Delgado is not for sale" over the club president's "Tomas is not for
        # sale")
        traced = [(s, trace_sources(s, context, relayed[s.document])) for s in d.statements]
        body = {  # (the first body statement of each document)
            s.document: sources[0].original for s, sources in reversed(traced) if sources and not s.headline
        }
        restating = []  # (after the body's sources: those count)
        for s, sources in traced:
            for source in sources:
                if s.headline and s.document in body:
                    restating.append(replace(source, original=body[s.document]))
                    continue
                d.sources.append(source)
                if source.repeats and source.original and source.original.startswith("via:"):
                    cited_outlets[s.document].add(source.original[4:])
        d.sources.extend(restating)
    # 5. denials
    weights = Weights.of(statements)
    views = [
        ClaimView(
            d.id,
            tuple(d.statements),
            frozenset(s.original[4:] for s in d.sources if s.original and s.original.startswith("via:")),
            frozenset(s.document for s in d.statements),
            tuple(s.published for s in d.statements if s.published),
        )
        for d in drafts
    ]
    by_id = {d.id: d for d in drafts}
    claim_index = ClaimIndex(views, weights)
    previous: dict[tuple[str, str | None], list[DenialLink]] = {}
    cited = {k: frozenset(v) for k, v in cited_outlets.items()}
    for denial in sorted(denials, key=lambda s: _order(s, position)):
        key = (denial.document, context.entity(denial.document, denial.top))
        links = denial_targets(
            denial,
            views,
            media=resolution.media,
            document_entities=document_entities,
            cited_outlets=cited,
            previous=previous.get(key, ()),
            weights=weights,
            outlet_names=names,
            index=claim_index,
        )
        source = _source_of(denial, context, "denies")
        if not links:
            draft = _Draft(_claim_id(denial.ref), [denial], [source], denied_only=True)
            drafts.append(draft)
            by_id[draft.id] = draft
            continue
        previous[key] = links
        for link in links:
            target = by_id[link.claim]
            target.sources.append(source)
            target.disputes.append(
                Dispute(
                    claim=target.id,
                    by=denial.ref,
                    kind="denial",
                    reason=f"{source.name} denies: {shorten(denial.text, 80)} ({link.reason})",
                )
            )
    # 6. contradictions, between claims about the same participants
    def contradict(a: _Draft, sa: Statement, b: _Draft, sb: Statement, reason: str) -> None:
        """Claims `a` and `b` dispute each other; each gets the other's statement as contradicting it."""
        a.disputes.append(Dispute(claim=a.id, by=b.id, kind="contradiction", reason=reason))
        b.disputes.append(Dispute(claim=b.id, by=a.id, kind="contradiction", reason=reason))
        a.sources.append(_traced(sb, context, relayed, "contradicts"))
        b.sources.append(_traced(sa, context, relayed, "contradicts"))

    claims_of_entity: dict[str, list[_Draft]] = defaultdict(list)
    for d in drafts:
        if not d.denied_only:
            for e in sorted({e for s in d.statements for e in s.entities}):  # (an order not left to hashing)
                claims_of_entity[e].append(d)
    # A contradiction is about the same participants: claims sharing two entities (or one, when a claim
    # names only one) are compared. Pairs are counted first, so a frequent entity ("Trump" in a politics
    # corpus) does not make every claim meet every other one through it alone.
    entity_count = {d.id: len({e for s in d.statements for e in s.entities}) for d in drafts}
    shared: dict[tuple[str, str], int] = defaultdict(int)
    by_id = {d.id: d for d in drafts}
    for group_drafts in claims_of_entity.values():
        if len(group_drafts) > CONTRADICTION_MAX_GROUP:
            continue  # too common to bring claims together on its own; the pair still meets via others
        for x, a in enumerate(group_drafts):
            for b in group_drafts[x + 1 :]:
                shared[(min(a.id, b.id), max(a.id, b.id))] += 1
    for (id_a, id_b), count in shared.items():
        a, b = by_id[id_a], by_id[id_b]
        if count < 2 and entity_count[a.id] > 1 and entity_count[b.id] > 1:
            continue
        for sa in a.statements:
            found = next(((sb, r) for sb in b.statements if (r := find_contradiction(sa, sb))), None)
            if found is None:
                continue
            sb, reason = found
            contradict(a, sa, b, sb, reason)
            break
    # ... and between claims that nearly say the same words, one of them negated ("the explosion was caused
    # by a gas leak" vs "the blast was not caused by a gas leak"), which grouping kept apart
    for i, j, reason in sorted(clashes):
        a, b = draft_of[i], draft_of[j]
        if a is b or any(x.by == b.id for x in a.disputes):
            continue
        contradict(a, assertions[i], b, assertions[j], reason)
    # ... and between statements of one story that count the same thing differently ("about 12,000 gallons
    # leaked" vs "only 3,000 gallons leaked"), which grouping kept apart for their other words
    for i, j, reason in count_contradictions(assertions, document_entities, resolution.media):
        a, b = draft_of[i], draft_of[j]
        if a is b or any(x.by == b.id for x in a.disputes):
            continue
        contradict(a, assertions[i], b, assertions[j], reason)
    # 7. no-comments (on the claims of the same document)
    drafts_in: dict[str, list[_Draft]] = defaultdict(list)
    for d in drafts:
        if not d.denied_only:
            for document in dict.fromkeys(s.document for s in d.statements):
                drafts_in[document].append(d)
    for record in records:
        doc_id = record["document"]["id"]
        for index, nc in enumerate(record.get("no_comment") or [], start=1):
            entity = resolution.entity_of.get(ref(doc_id, nc["entity"])) if nc.get("entity") else None
            if entity is None:
                continue
            for d in drafts_in.get(doc_id, ()):
                # (not a claim the entity makes itself in the document: its silence is about something else)
                if any(s.document == doc_id and entity in s.entities for s in d.statements) and not any(
                    s.document == doc_id and s.speaker == entity for s in d.statements
                ):
                    entity_type = resolution.by_id[entity].type
                    d.sources.append(
                        ClaimSource(
                            attribution=ref(doc_id, f"nc{index}"),
                            document=doc_id,
                            entity=entity,
                            name=names[entity],
                            kind="person" if entity_type == "PERSON" else "organization",
                            stance="no_comment",
                            outlet=record["document"].get("outlet"),
                            independent=False,
                        )
                    )
    # 8. status, counts, claim_of
    claims: list[Claim] = []
    claim_of: dict[str, str] = {}
    for d in drafts:
        independent, sources = mark_independent(known_by_surname(d.sources))
        status = claim_status(asserted=not d.denied_only, disputed=bool(d.disputes), independent=independent)
        documents = tuple(dict.fromkeys(s.document for s in d.statements))
        dates = [s.published for s in d.statements if s.published]
        claims.append(
            Claim(
                id=d.id,
                summary=shorten(d.statements[0].text),
                status=status,
                independent_sources=independent,
                first_seen=min(dates) if dates else None,
                documents=documents,
                sources=tuple(sources),
                disputes=tuple(d.disputes),
                entities=tuple(sorted({e for s in d.statements for e in s.entities})),
            )
        )
        for s in d.statements:
            for r in s.refs:
                claim_of[r] = d.id
    claims.sort(key=lambda c: (c.first_seen or "9999-12-31", c.id))
    # on the timeline a denial (or contradiction) that is no statement of a claim of its own belongs to the
    # claim it disputes: a claim's timeline tells when it was denied
    disputing = dict(claim_of)
    for claim in claims:
        for source in claim.sources:
            disputing.setdefault(source.attribution, claim.id)
    timeline = build_timeline(records, entity_of=resolution.entity_of, claim_of=disputing)
    return CorpusGraph(
        entities=resolution.entities,
        claims=tuple(claims),
        timeline=timeline,
        entity_of=dict(resolution.entity_of),
        claim_of=claim_of,
        unresolved_overrides=resolution.unresolved,
    )
