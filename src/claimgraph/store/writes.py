"""Writing to the store: one document per transaction, the claim graph replaced in one transaction.

Documents are immutable: the id is the sha256 of the text, so storing a text that is already there changes
nothing, and the same URL with a different text is a new document whose ``revision_of`` names the latest
earlier revision. Only the latest revision of each URL is linked (a corrected article is one report, not two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import sqlalchemy as sa

from claimgraph.link.model import CorpusGraph, EntityOverrides
from claimgraph.records import AnalysisRecord
from claimgraph.store import schema

StoreOutcome = Literal["stored", "unchanged"]
OverrideAction = Literal["merge", "split"]


class Linker(Protocol):
    """What :func:`claimgraph.link.link_corpus` is: analysis-record dicts in, the claim graph out."""

    def __call__(self, records: list[dict[str, Any]], *,
                 overrides: EntityOverrides | None = None) -> CorpusGraph:
        ...


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What storing one analysis record did."""

    id: str
    outcome: StoreOutcome
    revision_of: str | None = None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def document_exists(engine: sa.Engine, document_id: str) -> bool:
    with engine.connect() as connection:
        found = connection.execute(sa.select(schema.documents.c.id).where(
            schema.documents.c.id == document_id)).first()
    return found is not None


def store_record(engine: sa.Engine, record: AnalysisRecord) -> StoredDocument:
    """Store one analyzed document with its entities, mentions, attributions and no-comments.

    One transaction: the document is stored whole or not at all. Errors stored earlier for the same input
    are cleared (it has now gone through).

    Raises:
        ValueError: the record has no document (a failed input: use :func:`record_error`).
    """
    document = record.document
    if document is None:
        raise ValueError(f"{record.path}: a failed input has no document to store")
    return store_analysis(engine, record.to_dict(), document.text)


def store_analysis(engine: sa.Engine, data: dict[str, Any], text: str) -> StoredDocument:
    """:func:`store_record` from the record's dict (``AnalysisRecord.to_dict()``) and the document's text.

    What worker processes and the Dask engine send back: plain data, no dataclasses. Idempotent by document
    id, also when two writers race (the loser's insert hits the primary key and changes nothing).
    """
    document = data.get("document")
    if not document:
        raise ValueError(f"{data.get('path')}: a failed input has no document to store")
    document_id = document["id"]
    documents = schema.documents
    try:
        with engine.begin() as connection:
            if connection.execute(sa.select(documents.c.id).where(documents.c.id == document_id)).first():
                return StoredDocument(document_id, "unchanged")
            url = document.get("url")
            revision_of = _latest_revision(connection, url) if url else None
            connection.execute(documents.insert().values(
                id=document_id, url=url, outlet=document.get("outlet"), title=document.get("title"),
                published=document.get("published"), language=document.get("language"), path=data["path"],
                revision_of=revision_of, ingested_at=_now(), text=text, record=data))
            _insert(connection, schema.entities, _entity_rows(document_id, data))
            _insert(connection, schema.mentions, _mention_rows(document_id, data))
            _insert(connection, schema.attributions, _attribution_rows(document_id, data))
            _insert(connection, schema.no_comment, _no_comment_rows(document_id, data))
            connection.execute(schema.errors.delete().where(schema.errors.c.input == data["path"]))
    except sa.exc.IntegrityError:
        if document_exists(engine, document_id):  # another writer stored it first
            return StoredDocument(document_id, "unchanged")
        raise
    return StoredDocument(document_id, "stored", revision_of)


def _latest_revision(connection: sa.Connection, url: str) -> str | None:
    """The newest document at ``url`` that no other document revises."""
    documents = schema.documents
    newer = schema.documents.alias("newer")
    row = connection.execute(
        sa.select(documents.c.id)
        .where(documents.c.url == url)
        .where(~sa.exists().where(newer.c.revision_of == documents.c.id))
        .order_by(documents.c.ingested_at.desc(), documents.c.id)
        .limit(1)).first()
    return row[0] if row else None


def _insert(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(table.insert(), rows)


def _span(prefix: str, span: dict[str, Any] | None) -> dict[str, Any]:
    span = span or {}
    return {f"{prefix}start": span.get("start"), f"{prefix}end": span.get("end"),
            f"{prefix}text": span.get("text")}


def _entity_rows(document_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"document_id": document_id, "entity_id": e["id"], "name": e["name"], "type": e["type"]}
            for e in data["entities"]]


def _mention_rows(document_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"document_id": document_id, "entity_id": e["id"], "n": n, **_span("", m)}
            for e in data["entities"] for n, m in enumerate(e["mentions"])]


def _attribution_rows(document_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for a in data["attributions"]:
        cue = a["cue"] or {}
        rows.append({
            "document_id": document_id, "attribution_id": a["id"], "parent": a["parent"],
            "continues": a.get("continues"), **_span("source_", a["source"]),
            "source_entity": a["source_entity"], "source_kind": a["source_kind"], "anonymous": a["anonymous"],
            "cue_start": cue.get("start"), "cue_end": cue.get("end"), "cue_text": cue.get("text"),
            "cue_lemma": cue.get("lemma"), "content": a["content"],
            "content_text": " … ".join(c["text"] for c in a["content"]), "quote": a["quote"],
            "stance": a["stance"], "hedges": a["hedges"], "times": a["times"], "confidence": a["confidence"],
            "rule": a.get("rule")})
    return rows


def _no_comment_rows(document_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"document_id": document_id, "n": n, "entity_id": c["entity"], **_span("", c["span"]),
             **_span("subject_", c["subject"])} for n, c in enumerate(data["no_comment"])]


def record_error(engine: sa.Engine, name: str, kind: str, message: str, *,
                 document_id: str | None = None) -> None:
    """Remember that an input failed, and why (once: the same failure again adds nothing)."""
    errors = schema.errors
    with engine.begin() as connection:
        same = connection.execute(sa.select(errors.c.id).where(
            errors.c.input == name, errors.c.kind == kind, errors.c.message == message)).first()
        if same is None:
            connection.execute(errors.insert().values(input=name, kind=kind, message=message,
                                                      document_id=document_id, occurred_at=_now()))


# -- the claim graph --------------------------------------------------------------------------------------
def load_records(engine: sa.Engine) -> list[dict[str, Any]]:
    """The analysis records to link: the latest revision of each document, in the order they were stored."""
    documents = schema.documents
    newer = schema.documents.alias("newer")
    query = (sa.select(documents.c.record)
             .where(~sa.exists().where(newer.c.revision_of == documents.c.id))
             .order_by(documents.c.ingested_at, documents.c.id))
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(query)]


def load_overrides(engine: sa.Engine) -> EntityOverrides:
    """Every merge and split people asked for, oldest first."""
    table = schema.entity_overrides
    with engine.connect() as connection:
        rows = connection.execute(sa.select(table.c.action, table.c.a, table.c.b).order_by(table.c.id)).all()
    return EntityOverrides(merges=tuple((a, b) for action, a, b in rows if action == "merge"),
                           splits=tuple((a, b) for action, a, b in rows if action == "split"))


def add_override(engine: sa.Engine, action: OverrideAction, a: str, b: str) -> bool:
    """Store a merge or split; False when the same one is already stored."""
    table = schema.entity_overrides
    with engine.begin() as connection:
        if connection.execute(sa.select(table.c.id).where(
                table.c.action == action, table.c.a == a, table.c.b == b)).first():
            return False
        connection.execute(table.insert().values(action=action, a=a, b=b, created_at=_now()))
    return True


def replace_graph(engine: sa.Engine, graph: CorpusGraph) -> None:
    """Replace the stored claim graph with ``graph``, in one transaction (readers see the old or the new)."""
    with engine.begin() as connection:
        _write_graph(connection, graph)


def _write_graph(connection: sa.Connection, graph: CorpusGraph) -> None:
    for table in schema.GRAPH_TABLES:
        connection.execute(table.delete())
    _insert(connection, schema.corpus_entities, [
        {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "documents": e.documents,
         "merge_reasons": list(e.merge_reasons)} for e in graph.entities])
    _insert(connection, schema.entity_members, list(_member_rows(graph)))
    claims = [
        {"id": c.id, "summary": c.summary, "status": c.status,
         "independent_sources": c.independent_sources, "first_seen": c.first_seen,
         "documents": list(c.documents), "entities": list(c.entities)}
        for c in graph.claims]
    _insert(connection, schema.claims, claims)
    _insert(connection, schema.claim_sources, [
        {"claim_id": c.id, "n": n, "attribution": s.attribution, "document_id": s.document,
         "entity_id": s.entity, "name": s.name, "kind": s.kind, "stance": s.stance, "outlet": s.outlet,
         "repeats": s.repeats, "original": s.original, "independent": s.independent}
        for c in graph.claims for n, s in enumerate(c.sources)])
    _insert(connection, schema.disputes, [
        {"claim_id": c.id, "n": n, "disputed": d.claim, "by": d.by, "kind": d.kind, "reason": d.reason}
        for c in graph.claims for n, d in enumerate(c.disputes)])
    events = [
        {"n": n, "when": t.when, "kind": t.kind, "text": t.text, "summary": t.summary,
         "document_id": t.document, "attribution": t.attribution, "claim_id": t.claim,
         "entities": list(t.entities)} for n, t in enumerate(graph.timeline)]
    _insert(connection, schema.timeline, events)
    write_entity_index(connection, claims, events)
    involved = {c.id: {*c.entities, *(s.entity for s in c.sources if s.entity)} for c in graph.claims}
    write_entity_events(connection, events, involved)


def write_entity_index(
    connection: sa.Connection, claims: Iterable[Mapping[str, Any]], events: Iterable[Mapping[str, Any]]
) -> None:
    """Fill ``claim_entities`` and ``timeline_entities`` from claim and timeline rows (their ``entities``
    lists), as stored: the entity pages and filters read these, not the JSON lists."""
    _insert(connection, schema.claim_entities, [
        {"claim_id": c["id"], "entity_id": e} for c in claims for e in dict.fromkeys(c["entities"])])
    _insert(connection, schema.timeline_entities, [
        {"n": t["n"], "entity_id": e} for t in events for e in dict.fromkeys(t["entities"])])


def write_entity_events(
    connection: sa.Connection, events: Iterable[Mapping[str, Any]], involved: Mapping[str, Iterable[str]]
) -> None:
    """Fill ``entity_events`` from timeline rows (``n``, ``when``, ``kind``, ``claim_id``, ``entities``) and
    the entities each claim is about or by (`involved`, by claim id): each event under every entity it
    names or its claim involves, with its place in :func:`~claimgraph.store.schema.timeline_order`."""
    ordered = sorted(events, key=lambda t: schema.timeline_order(t["when"], t["kind"], t["n"]))
    rows: list[dict[str, Any]] = []
    for ordinal, event in enumerate(ordered):
        claim = event.get("claim_id")
        entities = {*event["entities"], *(involved.get(claim, ()) if claim else ())}
        rows.extend({"entity_id": e, "ordinal": ordinal, "n": event["n"]} for e in sorted(entities))
    _insert(connection, schema.entity_events, rows)


def index_stored_entity_events(connection: sa.Connection) -> None:
    """Fill ``entity_events`` anew from the stored timeline, claim entities and claim sources (a store
    migrating to schema version 5, or a graph written table by table)."""
    t, ce, s = schema.timeline, schema.claim_entities, schema.claim_sources
    involved: dict[str, set[str]] = {}
    for claim_id, entity_id in connection.execute(sa.select(ce.c.claim_id, ce.c.entity_id)):
        involved.setdefault(claim_id, set()).add(entity_id)
    for claim_id, entity_id in connection.execute(
        sa.select(s.c.claim_id, s.c.entity_id).where(s.c.entity_id.is_not(None))
    ):
        involved.setdefault(claim_id, set()).add(entity_id)
    events = [row._asdict() for row in connection.execute(
        sa.select(t.c.n, t.c.when, t.c.kind, t.c.claim_id, t.c.entities))]
    connection.execute(schema.entity_events.delete())
    write_entity_events(connection, events, involved)


def _member_rows(graph: CorpusGraph) -> Iterable[dict[str, Any]]:
    seen: set[str] = set()
    for entity in graph.entities:
        for member in entity.members:
            if member in seen:  # a member belongs to one entity; keep the first if linking gave it twice
                continue
            seen.add(member)
            document_id, _, local_id = member.partition("#")
            yield {"member": member, "entity_id": entity.id, "document_id": document_id, "local_id": local_id}


@dataclass(frozen=True, slots=True)
class OverrideOutcome:
    """What asking for a merge or split did."""

    stored: bool                     # False: already stored, or it named nothing (see ``unresolved``)
    unresolved: tuple[str, ...]      # linking's reasons why overrides named nothing (this one's first)
    graph: CorpusGraph | None        # the new graph, when it was relinked


def apply_override(engine: sa.Engine, link: Linker, action: OverrideAction, a: str,
                   b: str) -> OverrideOutcome:
    """Link with a new merge or split; store it and the new graph together, unless it names nothing.

    The override is checked before it is stored (a typo is refused, not kept to puzzle later runs); the
    override and the graph it gives are written in one transaction.
    """
    stored = load_overrides(engine)
    if (a, b) in (stored.merges if action == "merge" else stored.splits):
        return OverrideOutcome(False, (), None)
    overrides = (EntityOverrides(merges=(*stored.merges, (a, b)), splits=stored.splits) if action == "merge"
                 else EntityOverrides(merges=stored.merges, splits=(*stored.splits, (a, b))))
    graph = link(load_records(engine), overrides=overrides)
    unresolved = tuple(getattr(graph, "unresolved_overrides", ()))
    # link_corpus names an unresolved override "<action> 'A' 'B': reason"
    mine = tuple(u for u in unresolved if u.startswith(f"{action} {a!r} {b!r}"))
    if mine:
        return OverrideOutcome(False, mine + tuple(u for u in unresolved if u not in mine), None)
    with engine.begin() as connection:
        connection.execute(schema.entity_overrides.insert().values(action=action, a=a, b=b,
                                                                   created_at=_now()))
        _write_graph(connection, graph)
    return OverrideOutcome(True, unresolved, graph)


def relink(engine: sa.Engine, link: Linker) -> CorpusGraph:
    """Link the stored records again (with the stored overrides) and replace the claim graph."""
    graph = link(load_records(engine), overrides=load_overrides(engine))
    replace_graph(engine, graph)
    return graph
