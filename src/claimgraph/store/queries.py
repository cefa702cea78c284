"""Reading the store: claims, entities, timeline, sources and counts as plain data (lists and dicts).

Each function is what a CLI command prints (docs/cli.md documents the shapes); tests call them directly.
Names given by people (``--entity Musk``) match a corpus entity's id, name or alias ignoring case, or else
the whole words of a name or alias ("musk" finds "Elon Musk", not "Muskrat").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa

from claimgraph.store import schema
from claimgraph.store.migrations import current_version

CLAIM_STATUSES: tuple[str, ...] = ("single-source", "corroborated", "contested", "denied")
NAMED_KINDS = frozenset({"person", "organization"})
#: The ``errors.kind`` of an input skipped on purpose (``claimgraph.batch.ingest.SKIPPED_KIND``).
SKIPPED_KIND = "skipped"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _name_matches(query: str, names: Iterable[str]) -> bool:
    """Whole-word match: every word of the query, in order, as consecutive words of one of the names."""
    wanted = _words(query)
    if not wanted:
        return False
    for name in names:
        words = _words(name)
        if any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1)):
            return True
    return False


def matching_entities(connection: sa.Connection, query: str) -> set[str]:
    """Ids of the corpus entities ``query`` names: exact id, name or alias first, else whole words."""
    table = schema.corpus_entities
    rows = connection.execute(sa.select(table.c.id, table.c.name, table.c.aliases)).all()
    folded = query.casefold().strip()
    exact = {
        r.id
        for r in rows
        if folded in {r.id.casefold(), r.name.casefold(), *(a.casefold() for a in r.aliases)}
    }
    if exact:
        return exact
    return {r.id for r in rows if _name_matches(query, [r.name, *r.aliases])}


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """``values`` in slices of ``size``: an ``IN`` list per statement (bound parameters are limited)."""
    for k in range(0, len(values), size):
        yield values[k : k + size]


def _outlets(connection: sa.Connection, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Outlet, date, URL and title by document id: of every document, or of those of ``ids``."""
    d = schema.documents
    query = sa.select(d.c.id, d.c.outlet, d.c.published, d.c.url, d.c.title)
    if ids is None:
        rows: list[Any] = list(connection.execute(query))
    else:
        chunks = _chunks(sorted(ids))
        rows = [r for chunk in chunks for r in connection.execute(query.where(d.c.id.in_(chunk)))]
    return {
        r.id: {"outlet": r.outlet, "published": r.published, "url": r.url, "title": r.title} for r in rows
    }


def _entity_names(connection: sa.Connection) -> dict[str, str]:
    table = schema.corpus_entities
    return {row[0]: row[1] for row in connection.execute(sa.select(table.c.id, table.c.name))}


# -- claims -----------------------------------------------------------------------------------------------
def list_claims(
    engine: sa.Engine,
    *,
    entity: str | None = None,
    status: str | None = None,
    source: str | None = None,
    claim: str | None = None,
) -> list[dict[str, Any]]:
    """Claims with their sources and disputes, most independently sourced first.

    ``entity``: claims about the entity (it is mentioned in the content) or sourced to it; ``source``: claims
    one of whose sources is it (an entity, or the mention of an unnamed source: "two officials");
    ``status``: one of :data:`CLAIM_STATUSES`; ``claim``: that claim only.
    """
    c, s, d = schema.claims, schema.claim_sources, schema.disputes
    with engine.connect() as connection:
        query = sa.select(c)
        if status is not None:
            query = query.where(c.c.status == status)
        if claim is not None:
            query = query.where(c.c.id == claim)
        query = query.order_by(c.c.independent_sources.desc(), c.c.first_seen, c.c.id)
        rows = connection.execute(query).all()
        sources: dict[str, list[Any]] = defaultdict(list)
        for row in connection.execute(sa.select(s).order_by(s.c.claim_id, s.c.n)):
            sources[row.claim_id].append(row)
        disputes: dict[str, list[Any]] = defaultdict(list)
        for row in connection.execute(sa.select(d).order_by(d.c.claim_id, d.c.n)):
            disputes[row.claim_id].append(row)
        documents = _outlets(connection)
        names = _entity_names(connection)
        about = matching_entities(connection, entity) if entity is not None else set()
        by = matching_entities(connection, source) if source is not None else set()
    out = []
    for row in rows:
        mine = sources[row.id]
        if entity is not None and not (about & set(row.entities) or about & {x.entity_id for x in mine}):
            continue
        if source is not None and not any(x.entity_id in by or _name_matches(source, [x.name]) for x in mine):
            continue
        out.append(_claim_dict(row, mine, disputes[row.id], documents, names))
    return out


def _claim_dict(
    row: Any,
    sources: Sequence[Any],
    disputes: Sequence[Any],
    documents: dict[str, dict[str, Any]],
    names: dict[str, str],
) -> dict[str, Any]:
    outlets = [documents.get(doc, {}).get("outlet") for doc in row.documents]
    return {
        "id": row.id,
        "summary": row.summary,
        "status": row.status,
        "independent_sources": row.independent_sources,
        "first_seen": row.first_seen,
        "documents": list(row.documents),
        "outlets": sorted({o for o in outlets if o}),
        "entities": [{"id": e, "name": names.get(e, e)} for e in row.entities],
        "sources": [
            {
                "entity": x.name,
                "entity_id": x.entity_id,
                "kind": x.kind,
                "stance": x.stance,
                "document": x.document_id,
                "outlet": x.outlet,
                "repeats": x.repeats,
                "attribution": x.attribution,
                "original": x.original,
                "independent": x.independent,
            }
            for x in sources
        ],
        # "claim" is the other side: the claim disputing this one (or the one this one disputes)
        "disputes": [
            {
                "claim": x.by if x.disputed == row.id else x.disputed,
                "kind": x.kind,
                "reason": x.reason,
                "disputed": x.disputed,
                "by": x.by,
            }
            for x in disputes
        ],
    }


# -- entities ---------------------------------------------------------------------------------------------
def list_entities(engine: sa.Engine, *, name: str | None = None) -> list[dict[str, Any]]:
    """Corpus entities, those in the most documents first; ``name`` keeps those it names."""
    items: list[dict[str, Any]] = page_entities(engine, name=name)["items"]
    return items


def page_entities(
    engine: sa.Engine,
    *,
    name: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    members: bool = True,
) -> dict[str, Any]:
    """A page of :func:`list_entities` (all of them when ``limit`` is None): ``{"total", "limit", "offset",
    "items"}``; only the page's entities have their members read, and none with ``members=False`` (the
    items then have no ``members``)."""
    e, m = schema.corpus_entities, schema.entity_members
    with engine.connect() as connection:
        where = [] if name is None else [e.c.id.in_(sorted(matching_entities(connection, name)))]
        total = int(connection.execute(sa.select(sa.func.count()).select_from(e).where(*where)).scalar() or 0)
        query = sa.select(e).where(*where).order_by(e.c.documents.desc(), e.c.name, e.c.id).offset(offset)
        rows = connection.execute(query.limit(limit) if limit is not None else query).all()
        member_lists: dict[str, list[str]] = defaultdict(list)
        for chunk in _chunks([r.id for r in rows] if members else []):
            chosen = sa.select(m.c.entity_id, m.c.member).where(m.c.entity_id.in_(chunk))
            for row in connection.execute(chosen.order_by(m.c.member)):
                member_lists[row.entity_id].append(row.member)
    items = []
    for r in rows:
        item = {"id": r.id, "name": r.name, "type": r.type, "aliases": list(r.aliases)}
        item["documents"] = r.documents
        if members:
            item["members"] = member_lists[r.id]
        items.append({**item, "merge_reasons": list(r.merge_reasons)})
    return _page(total, limit if limit is not None else total, offset, items)


# -- timeline ---------------------------------------------------------------------------------------------
def _claims_of_entities(ids: set[str]) -> Any:
    """SQL: the ids of the claims about (naming) or sourced to one of the corpus entities ``ids``."""
    ce, s = schema.claim_entities, schema.claim_sources
    return sa.union(
        sa.select(ce.c.claim_id).where(ce.c.entity_id.in_(ids)),
        sa.select(s.c.claim_id).where(s.c.entity_id.in_(ids)),
    )


def list_timeline(
    engine: sa.Engine, *, entity: str | None = None, claim: str | None = None
) -> list[dict[str, Any]]:
    """Dated events and reports in time order; ``entity`` or ``claim`` keeps those involving it
    (:func:`page_timeline` gives a page of them).

    An event involves an entity when the entity is named in it, or when its claim is about or by the entity.
    The filters run in SQL: an entity's events are read, not the whole timeline.
    """
    return _read_timeline(engine, entity, claim, None)[0]


def page_timeline(
    engine: sa.Engine,
    *,
    entity: str | None = None,
    claim: str | None = None,
    limit: int = 100,
    offset: int = 0,
    latest: bool = False,
) -> dict[str, Any]:
    """A page of :func:`list_timeline`: ``{"total", "limit", "offset", "items"}``, the ``limit`` events
    from ``offset`` in time order, or with ``latest`` the last ``limit`` (``offset`` ignored). Only the
    page's events are read whole."""
    window = slice(-limit, None) if latest else slice(offset, offset + limit)
    items, total = _read_timeline(engine, entity, claim, window if limit > 0 else slice(0, 0))
    return _page(total, limit, 0 if latest else offset, items)


def _read_timeline(
    engine: sa.Engine, entity: str | None, claim: str | None, window: slice | None
) -> tuple[list[dict[str, Any]], int]:
    """The events of :func:`list_timeline` (those in `window` of the time order), and how many there are."""
    t = schema.timeline
    with engine.connect() as connection:
        total = -1  # known once the events are read, unless counted first
        if entity is not None and claim is None and window is not None:
            where, total = _entity_window(connection, matching_entities(connection, entity), window)
        else:
            where = _timeline_filter(connection, entity, claim)
        if window is not None and total < 0:
            keys = list(connection.execute(sa.select(t.c.n, t.c.when, t.c.kind).where(*where)))
            total = len(keys)
            keys.sort(key=lambda r: schema.timeline_order(r.when, r.kind, r.n))
            kept = keys[window]
            if len(kept) < total:  # (else every event is kept, and the filter stays as it is)
                where = [t.c.n.in_([r.n for r in kept])]
        rows = connection.execute(sa.select(t).where(*where).order_by(t.c.n)).all()
        total = len(rows) if total < 0 else total
        documents = _outlets(connection, {row.document_id for row in rows})
        names = _entity_names(connection)
    out = []
    for row in rows:
        document = documents.get(row.document_id, {})
        out.append(
            {
                "when": row.when,
                "kind": row.kind,
                "text": row.text,
                "summary": row.summary,
                "document": row.document_id,
                "outlet": document.get("outlet"),
                "published": document.get("published"),
                "attribution": row.attribution,
                "claim": row.claim_id,
                "entities": [names.get(x, x) for x in row.entities],
            }
        )
    out.sort(key=lambda event: schema.timeline_order(event["when"], event["kind"], 0))  # (stable: n order)
    return out, total


def _entity_window(connection: sa.Connection, ids: set[str], window: slice) -> tuple[list[Any], int]:
    """The filter reading `window` of the time-ordered events involving one of the entities `ids`, and how
    many there are, from ``entity_events`` (a range of its key for one entity: no sorting)."""
    ee = schema.entity_events
    if not ids:
        return [sa.false()], 0
    chosen = sa.select(ee.c.ordinal, ee.c.n).where(ee.c.entity_id.in_(sorted(ids)))
    if len(ids) > 1:  # an event involving two of them is one event
        chosen = chosen.distinct()
    total = int(connection.execute(sa.select(sa.func.count()).select_from(chosen.subquery())).scalar() or 0)
    start, stop, _ = window.indices(total)
    if start >= stop:
        return [sa.false()], total
    if window.start is not None and window.start < 0:  # the latest: read from the end
        query = chosen.order_by(ee.c.ordinal.desc()).limit(stop - start).offset(total - stop)
    else:
        query = chosen.order_by(ee.c.ordinal).limit(stop - start).offset(start)
    ns = [row.n for row in connection.execute(query)]
    return [schema.timeline.c.n.in_(ns)], total


def _timeline_filter(connection: sa.Connection, entity: str | None, claim: str | None) -> list[Any]:
    t = schema.timeline
    where: list[Any] = []
    if claim is not None:
        where.append(t.c.claim_id == claim)
    if entity is not None:
        involved = matching_entities(connection, entity)
        te = schema.timeline_entities
        named = sa.select(te.c.n).where(te.c.entity_id.in_(involved))
        of_claims = sa.select(t.c.n).where(t.c.claim_id.in_(_claims_of_entities(involved)))
        where.append(t.c.n.in_(sa.union(named, of_claims)))  # two index lookups, not a scan
    return where


# -- sources ----------------------------------------------------------------------------------------------
def list_sources(engine: sa.Engine) -> dict[str, list[dict[str, Any]]]:
    """Who is cited and how often; per outlet, the share of named and of anonymous sources.

    Counted over the attributions of the latest revision of each document (not only those in claims) that
    are the outlet's sourcing: its top-level attributions and the sources they cite ("..., citing two
    officials"). Speech nested in a statement ("three people said executives plan to ...": the executives)
    is the speaker's, not the outlet's, and a quotation continuing the one before is the same citation.
    ``named`` sources are people and organizations; ``anonymous`` are unnamed ones ("two officials");
    ``other`` are sources the text leaves implicit or unknown.
    """
    a, d, m = schema.attributions, schema.documents, schema.entity_members
    newer = schema.documents.alias("newer")
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(a.c.document_id, a.c.source_entity, a.c.source_text, a.c.source_kind, d.c.outlet)
            .join(d, d.c.id == a.c.document_id)
            .where(~sa.exists().where(newer.c.revision_of == d.c.id))
            .where(sa.or_(a.c.parent.is_(None), a.c.rule == "citing"))
            .where(a.c.continues.is_(None))
        ).all()
        entity_of = {row[0]: row[1] for row in connection.execute(sa.select(m.c.member, m.c.entity_id))}
        names = _entity_names(connection)
    cited: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    per_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    outlet_documents: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        outlet = row.outlet or "(unknown outlet)"
        group = (
            "named"
            if row.source_kind in NAMED_KINDS
            else ("anonymous" if row.source_kind == "anonymous" else "other")
        )
        per_outlet[outlet][group] += 1
        outlet_documents[outlet].add(row.document_id)
        entity_id = entity_of.get(f"{row.document_id}#{row.source_entity}") if row.source_entity else None
        name = names.get(entity_id, "") if entity_id else ""
        name = name or row.source_text or "(unknown)"
        key = (name.casefold(), entity_id, row.source_kind)
        item = cited.setdefault(
            key,
            {
                "name": name,
                "entity": entity_id,
                "kind": row.source_kind,
                "citations": 0,
                "documents": set(),
                "outlets": set(),
            },
        )
        item["citations"] += 1
        item["documents"].add(row.document_id)
        item["outlets"].add(outlet)
    sources = [
        {**item, "documents": len(item["documents"]), "outlets": sorted(item["outlets"])}
        for item in cited.values()
    ]
    sources.sort(key=lambda x: (-x["citations"], x["name"].casefold()))
    outlets = []
    for outlet in sorted(per_outlet):
        counts = per_outlet[outlet]
        total = sum(counts.values())
        outlets.append(
            {
                "outlet": outlet,
                "documents": len(outlet_documents[outlet]),
                "attributions": total,
                "named": counts["named"],
                "anonymous": counts["anonymous"],
                "other": counts["other"],
                "named_share": round(counts["named"] / total, 3),
                "anonymous_share": round(counts["anonymous"] / total, 3),
            }
        )
    return {"sources": sources, "outlets": outlets}


# -- counts -----------------------------------------------------------------------------------------------
def collect_stats(engine: sa.Engine) -> dict[str, int]:
    """How much the store holds. ``entities`` counts corpus entities (after linking)."""
    counted = {
        "documents": schema.documents,
        "attributions": schema.attributions,
        "entities": schema.corpus_entities,
        "claims": schema.claims,
        "errors": schema.errors,
        "disputes": schema.disputes,
        "document_entities": schema.entities,
        "no_comment": schema.no_comment,
        "timeline": schema.timeline,
    }
    with engine.connect() as connection:
        out = {
            name: int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
            for name, table in counted.items()
        }
        # inputs skipped on purpose (not in an accepted language) are kept in `errors` with kind
        # "skipped": they are counted apart, not as errors
        skipped = (
            sa.select(sa.func.count()).select_from(schema.errors).where(schema.errors.c.kind == SKIPPED_KIND)
        )
        out["skipped"] = int(connection.execute(skipped).scalar() or 0)
        out["errors"] -= out["skipped"]
        revisions = (
            sa.select(sa.func.count())
            .select_from(schema.documents)
            .where(schema.documents.c.revision_of.is_not(None))
        )
        out["revisions"] = int(connection.execute(revisions).scalar() or 0)
        out["schema_version"] = current_version(connection)
    return out


# -- pages: one document, one claim, one entity, a page of documents (the web UI and the HTTP API) ----------
# Unlike the listings above, these read only what one page shows, so they stay fast on a large corpus.
def _page(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def list_outlets(engine: sa.Engine) -> list[str]:
    """The outlets of the stored documents, sorted."""
    d = schema.documents
    with engine.connect() as connection:
        rows = connection.execute(sa.select(d.c.outlet).where(d.c.outlet.is_not(None)).distinct()).scalars()
        return sorted(rows, key=str.casefold)


def page_documents(
    engine: sa.Engine,
    *,
    search: str | None = None,
    outlet: str | None = None,
    published_from: str | None = None,
    published_to: str | None = None,
    entity: str | None = None,
    has_denials: bool | None = None,
    limit: int = 25,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of documents, newest first: ``{"total", "limit", "offset", "items"}``.

    ``search``: words in the title or text (a substring, ignoring case); ``published_from``/``_to``:
    ISO dates, inclusive; ``entity``: documents mentioning it (as :func:`matching_entities` names it);
    ``has_denials``: documents with (True) or without (False) a denial.
    """
    d, a, m = schema.documents, schema.attributions, schema.entity_members
    denial = d.c.id.in_(sa.select(a.c.document_id).where(a.c.stance == "deny"))  # ix_attributions_stance
    conditions: list[Any] = []
    if search:
        conditions.append(
            sa.or_(d.c.title.icontains(search, autoescape=True), d.c.text.icontains(search, autoescape=True))
        )
    if outlet:
        conditions.append(d.c.outlet == outlet)
    if published_from:
        conditions.append(d.c.published >= published_from)
    if published_to:
        conditions.append(d.c.published <= published_to)
    if has_denials is not None:
        conditions.append(denial if has_denials else ~denial)
    with engine.connect() as connection:
        if entity:
            wanted = matching_entities(connection, entity)
            conditions.append(d.c.id.in_(sa.select(m.c.document_id).where(m.c.entity_id.in_(wanted))))
        total = connection.execute(sa.select(sa.func.count()).select_from(d).where(*conditions)).scalar()
        rows = connection.execute(
            sa.select(
                d.c.id,
                d.c.title,
                d.c.outlet,
                d.c.published,
                d.c.url,
                d.c.path,
                d.c.revision_of,
                d.c.ingested_at,
                sa.func.substr(d.c.text, 1, 300).label("snippet"),
            )
            .where(*conditions)
            .order_by(
                d.c.published.desc().nulls_last(), d.c.ingested_at.desc(), d.c.id
            )  # ix_documents_published
            .limit(limit)
            .offset(offset)
        ).all()
        ids = [r.id for r in rows]
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        if ids:
            for row in connection.execute(
                sa.select(a.c.document_id, a.c.stance, sa.func.count())
                .where(a.c.document_id.in_(ids))
                .group_by(a.c.document_id, a.c.stance)
            ):
                counts[row[0]][row[1]] = row[2]
    items = [
        {
            "id": r.id,
            "title": r.title,
            "outlet": r.outlet,
            "published": r.published,
            "url": r.url,
            "path": r.path,
            "revision_of": r.revision_of,
            "ingested_at": r.ingested_at,
            "snippet": r.snippet,
            "attributions": sum(counts[r.id].values()),
            "denials": counts[r.id]["deny"],
        }
        for r in rows
    ]
    return _page(int(total or 0), limit, offset, items)


def get_document(engine: sa.Engine, document_id: str) -> dict[str, Any] | None:
    """One stored document: its metadata, ``text``, analysis ``record``, the corpus entities of its own
    entities (``entity_of``: ``{"e1": {"id", "name"}}``) and the claims its attributions belong to
    (``claims``: ``[{"id", "summary", "status", "attributions": ["a1", ...], "stances": [...]}]``); None
    when there is no such document."""
    d, m, e = schema.documents, schema.entity_members, schema.corpus_entities
    s, c = schema.claim_sources, schema.claims
    with engine.connect() as connection:
        row = connection.execute(sa.select(d).where(d.c.id == document_id)).first()
        if row is None:
            return None
        entity_of = {
            r.local_id: {"id": r.entity_id, "name": r.name}
            for r in connection.execute(
                sa.select(m.c.local_id, m.c.entity_id, e.c.name)
                .join(e, e.c.id == m.c.entity_id)
                .where(m.c.document_id == document_id)
            )
        }
        claims: dict[str, dict[str, Any]] = {}
        for r in connection.execute(
            sa.select(s.c.claim_id, s.c.attribution, s.c.stance, c.c.summary, c.c.status)
            .join(c, c.c.id == s.c.claim_id)
            .where(s.c.document_id == document_id)
            .order_by(s.c.claim_id, s.c.n)
        ):
            claim = claims.setdefault(
                r.claim_id,
                {
                    "id": r.claim_id,
                    "summary": r.summary,
                    "status": r.status,
                    "attributions": [],
                    "stances": [],
                },
            )
            claim["attributions"].append(r.attribution.partition("#")[2])
            claim["stances"].append(r.stance)
        newer = connection.execute(sa.select(d.c.id).where(d.c.revision_of == document_id)).scalars().all()
    return {
        "id": row.id,
        "title": row.title,
        "outlet": row.outlet,
        "published": row.published,
        "url": row.url,
        "language": row.language,
        "path": row.path,
        "revision_of": row.revision_of,
        "revised_by": list(newer),
        "ingested_at": row.ingested_at,
        "text": row.text,
        "record": row.record,
        "entity_of": entity_of,
        "claims": list(claims.values()),
    }


def get_claim(engine: sa.Engine, claim_id: str) -> dict[str, Any] | None:
    """One claim as :func:`list_claims` gives it, each source with the ``text`` of its statement (the
    attribution's content, or the no-comment's words), plus its ``timeline``; None when there is none."""
    c, s, d, t = schema.claims, schema.claim_sources, schema.disputes, schema.timeline
    a, n, e, docs = schema.attributions, schema.no_comment, schema.corpus_entities, schema.documents
    with engine.connect() as connection:
        row = connection.execute(sa.select(c).where(c.c.id == claim_id)).first()
        if row is None:
            return None
        sources = connection.execute(sa.select(s).where(s.c.claim_id == claim_id).order_by(s.c.n)).all()
        disputes = connection.execute(sa.select(d).where(d.c.claim_id == claim_id).order_by(d.c.n)).all()
        document_ids = set(row.documents) | {x.document_id for x in sources}
        documents = {
            r.id: {"outlet": r.outlet, "published": r.published, "url": r.url, "title": r.title}
            for r in connection.execute(
                sa.select(docs.c.id, docs.c.outlet, docs.c.published, docs.c.url, docs.c.title).where(
                    docs.c.id.in_(document_ids)
                )
            )
        }
        entity_ids = set(row.entities) | {x.entity_id for x in sources if x.entity_id}
        names = {
            r.id: r.name
            for r in connection.execute(sa.select(e.c.id, e.c.name).where(e.c.id.in_(entity_ids)))
        }
        texts: dict[str, str] = {}
        for document_id in {x.document_id for x in sources}:
            local = [x.attribution.partition("#")[2] for x in sources if x.document_id == document_id]
            for r in connection.execute(
                sa.select(a.c.attribution_id, a.c.content_text).where(
                    a.c.document_id == document_id, a.c.attribution_id.in_(local)
                )
            ):
                texts[f"{document_id}#{r.attribution_id}"] = r.content_text
            for r in connection.execute(sa.select(n.c.n, n.c.text).where(n.c.document_id == document_id)):
                texts[f"{document_id}#nc{r.n + 1}"] = r.text
        events = connection.execute(sa.select(t).where(t.c.claim_id == claim_id).order_by(t.c.n)).all()
    out = _claim_dict(row, sources, disputes, documents, names)
    for source in out["sources"]:
        source["text"] = texts.get(source["attribution"])
        source["published"] = documents.get(source["document"], {}).get("published")
        source["title"] = documents.get(source["document"], {}).get("title")
    out["timeline"] = sorted(
        (
            {
                "when": x.when,
                "kind": x.kind,
                "text": x.text,
                "summary": x.summary,
                "document": x.document_id,
                "outlet": documents.get(x.document_id, {}).get("outlet"),
                "published": documents.get(x.document_id, {}).get("published"),
                "attribution": x.attribution,
                "claim": x.claim_id,
                "entities": [names.get(i, i) for i in x.entities],
            }
            for x in events
        ),
        key=lambda event: schema.timeline_order(event["when"], event["kind"], 0),
    )
    return out


def page_claims(
    engine: sa.Engine,
    *,
    entity: str | None = None,
    status: str | None = None,
    source: str | None = None,
    limit: int = 25,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of :func:`list_claims`: ``{"total", "limit", "offset", "items"}``.

    Without ``source`` (matched by name in Python) the page is cut in SQL and only its claims' sources are
    read.
    """
    if source is not None:
        rows = list_claims(engine, entity=entity, status=status, source=source)
        return _page(len(rows), limit, offset, rows[offset : offset + limit])
    c = schema.claims
    with engine.connect() as connection:
        query = sa.select(c.c.id)
        counted = sa.select(sa.func.count()).select_from(c)
        if status is not None:
            query, counted = query.where(c.c.status == status), counted.where(c.c.status == status)
        if entity is not None:
            wanted = c.c.id.in_(_claims_of_entities(matching_entities(connection, entity)))
            query, counted = query.where(wanted), counted.where(wanted)
        total = int(connection.execute(counted).scalar() or 0)
        ids = (
            connection.execute(
                query.order_by(c.c.independent_sources.desc(), c.c.first_seen, c.c.id)
                .limit(limit)
                .offset(offset)
            )
            .scalars()
            .all()
        )
    items = [get_claim(engine, claim_id) for claim_id in ids]
    return _page(total, limit, offset, [item for item in items if item is not None])


def get_entity(engine: sa.Engine, entity_id: str, *, limit: int | None = None) -> dict[str, Any] | None:
    """One corpus entity as :func:`list_entities` gives it, with ``said`` (the attributions whose source it
    is: ``{"document", "attribution", "text", "stance", "cue", "outlet", "published", "claim"}``),
    ``claims_about`` (claims about it: ``{"id", "summary", "status"}``) and ``claims_by`` (claims it is a
    source of, with its ``stance``); None when there is none. With ``limit``, each of these lists and
    ``members`` holds at most that many, and ``totals`` says how many there are."""
    e, m, a, c, s = (
        schema.corpus_entities,
        schema.entity_members,
        schema.attributions,
        schema.claims,
        schema.claim_sources,
    )
    d = schema.documents
    with engine.connect() as connection:
        row = connection.execute(sa.select(e).where(e.c.id == entity_id)).first()
        if row is None:
            return None
        totals: dict[str, int] = {}

        def read(name: str, query: Any, counted: Any = None) -> Sequence[Any]:
            if limit is None:
                return connection.execute(query).all()
            if counted is None:
                counted = sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
            totals[name] = int(connection.execute(counted).scalar() or 0)
            return connection.execute(query.limit(limit)).all()

        members = read(
            "members",
            sa.select(m.c.document_id, m.c.local_id).where(m.c.entity_id == entity_id).order_by(m.c.member),
        )
        # the attributions whose source is one of its members (joined, not a list of thousands of pairs)
        said_query = (
            sa.select(
                a.c.document_id,
                a.c.attribution_id,
                a.c.content_text,
                a.c.stance,
                a.c.cue_text,
                d.c.outlet,
                d.c.published,
            )
            .join(m, sa.and_(m.c.document_id == a.c.document_id, m.c.local_id == a.c.source_entity))
            .join(d, d.c.id == a.c.document_id)
            .where(m.c.entity_id == entity_id)
            .order_by(d.c.published, a.c.document_id, a.c.attribution_id)
        )
        if limit is None:
            said: Sequence[Any] = connection.execute(said_query).all()
        else:  # counted in the same pass: they are all sorted by date anyway
            said = connection.execute(
                said_query.add_columns(sa.func.count().over().label("total")).limit(limit)
            ).all()
            totals["said"] = int(said[0].total) if said else 0
        refs = [f"{r.document_id}#{r.attribution_id}" for r in said]
        claim_of = {
            r.attribution: r.claim_id
            for chunk in _chunks(refs)
            for r in connection.execute(
                sa.select(s.c.attribution, s.c.claim_id).where(
                    s.c.entity_id == entity_id, s.c.attribution.in_(chunk)
                )
            )
        }
        mine = sa.select(s.c.claim_id, s.c.stance).where(s.c.entity_id == entity_id).distinct().subquery()
        claims_by = read(
            "claims_by",
            sa.select(c.c.id, c.c.summary, c.c.status, mine.c.stance)
            .join(mine, mine.c.claim_id == c.c.id)
            .order_by(c.c.id, mine.c.stance),
            sa.select(sa.func.count()).select_from(mine),  # (each source's claim exists: no join to count)
        )
        ce = schema.claim_entities
        about = read(
            "claims_about",
            # (EXISTS, not IN: the claims are read in the order of ix_claims_independent until the page is
            # full, where an IN list of thousands of claims was collected and sorted)
            sa.select(c.c.id, c.c.summary, c.c.status)
            .where(sa.exists().where(ce.c.claim_id == c.c.id, ce.c.entity_id == entity_id))
            .order_by(c.c.independent_sources.desc(), c.c.id),
            sa.select(sa.func.count()).select_from(ce).where(ce.c.entity_id == entity_id),
        )
    entity = {
        "id": row.id,
        "name": row.name,
        "type": row.type,
        "aliases": list(row.aliases),
        "documents": row.documents,
        "members": [f"{x.document_id}#{x.local_id}" for x in members],
        "merge_reasons": list(row.merge_reasons),
        "said": [
            {
                "document": r.document_id,
                "attribution": r.attribution_id,
                "text": r.content_text,
                "stance": r.stance,
                "cue": r.cue_text,
                "outlet": r.outlet,
                "published": r.published,
                "claim": claim_of.get(f"{r.document_id}#{r.attribution_id}"),
            }
            for r in said
        ],
        "claims_about": [{"id": r.id, "summary": r.summary, "status": r.status} for r in about],
        "claims_by": [
            {"id": r.id, "summary": r.summary, "status": r.status, "stance": r.stance} for r in claims_by
        ],
    }
    return entity if limit is None else {**entity, "totals": totals}


def list_citations(engine: sa.Engine, *, claim: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Who cites whom, from the claim sources: ``{"outlet", "source", "repeats", "kind", "count"}``, one per
    (outlet, source, relayed outlet) with the number of attributions, most first; ``claim`` keeps one
    claim's."""
    s = schema.claim_sources
    count = sa.func.count(sa.distinct(s.c.attribution))  # an attribution in several claims counts once
    query = (
        sa.select(s.c.outlet, s.c.name, s.c.repeats, s.c.kind, count.label("count"))
        .group_by(s.c.outlet, s.c.name, s.c.repeats, s.c.kind)
        .order_by(count.desc(), s.c.outlet, s.c.name)
        .limit(limit)
    )
    if claim is not None:
        query = query.where(s.c.claim_id == claim)
    with engine.connect() as connection:
        return [
            {"outlet": r.outlet, "source": r.name, "repeats": r.repeats, "kind": r.kind, "count": r.count}
            for r in connection.execute(query)
        ]
