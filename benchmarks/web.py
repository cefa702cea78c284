"""Speed of the web UI on a 10,000-document store: p50/p95 of each kind of page (article, claim, document
list, entity, claim list, entity list, source graph, free-text search).

    .venv/bin/python benchmarks/web.py [--documents 10000] [--requests 200] [--db PATH] [--json OUT]

1. Analyze and link a few real articles (the seed and the story of tests/data/story) once.
2. Clone them into ``--documents`` synthetic documents: each clone's text is the original with a line of its
   own appended (so offsets stay valid and the id, the text's hash, is new), its outlet and date varied;
   the claim graph is cloned with them (each group of clones gets its own claims, sharing the corpus
   entities, as a real corpus does). Written straight into the store's tables (a fast path: the analysis
   of 10,000 articles is not what is measured here).
3. Request pages in-process through httpx's ASGI transport (no network, no server), timing each.

Target: p95 < 100 ms for each page kind on the project's machine (docs/benchmarks.md, "Web").
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimgraph.records import text_id  # noqa: E402
from claimgraph.store import open_store, schema  # noqa: E402
from claimgraph.store.writes import (  # noqa: E402
    _attribution_rows,
    _entity_rows,
    _mention_rows,
    _no_comment_rows,
    index_stored_entity_events,
    write_entity_index,
)

OUTLETS = [
    "The Harbor Ledger",
    "Bay Courier",
    "Coast Daily News",
    "Meridian Gazette",
    "Tidewater Tribune",
    "Northern Star",
    "The Evening Post",
    "Capital Wire",
    "Valley Herald",
    "Metro Dispatch",
]


def real_records(folder: Path) -> tuple[list[dict[str, Any]], Any]:
    """The analysis records of the seed and the story, and their linked graph."""
    from claimgraph.analyze import Analyzer
    from claimgraph.batch import ingest_corpus
    from claimgraph.link import link_corpus
    from claimgraph.store import load_records

    sys.path.insert(0, str(ROOT / "tests" / "web"))
    sys.path.insert(0, str(ROOT / "tests"))
    from web_fixtures import SEED, story_jsonl

    engine = open_store(str(folder / "real.db"))
    ingest_corpus(
        engine,
        [story_jsonl(folder / "story.jsonl"), str(SEED)],
        analyze=Analyzer().analyze_documents,
        link=link_corpus,
        published=dt.date(2024, 10, 25),
    )
    records = load_records(engine)
    engine.dispose()
    return records, link_corpus(records)


def _new_id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:10]


def clone_record(record: dict[str, Any], n: int, rng: random.Random) -> dict[str, Any]:
    text = record.get("text") or record["_text"]
    new_text = f"{text}\n\n(Synthetic copy {n} for the web benchmark.)"
    out = json.loads(json.dumps(record))
    out["document"]["id"] = text_id(new_text)
    out["document"]["outlet"] = rng.choice(OUTLETS)
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 730))
    out["document"]["published"] = day.isoformat()
    out["document"]["title"] = f"{record['document'].get('title') or 'Report'} #{n}"
    out["_text"] = new_text
    return out


def build_store(db: Path, documents: int, seed: int = 7) -> dict[str, Any]:
    """A store of ``documents`` synthetic documents and their cloned claim graph; what was written."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        records, graph = real_records(Path(folder))
    engine = open_store(str(db))
    # the stored text of each real document: read back from a record (text-only inputs carry no "text")
    for record in records:
        record.setdefault("_text", _text_of(record))
    groups = (documents + len(records) - 1) // len(records)
    now = dt.datetime.now(dt.UTC).isoformat()
    written = 0
    with engine.begin() as connection:
        connection.execute(
            schema.corpus_entities.insert(),
            [
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "aliases": list(e.aliases),
                    "documents": e.documents * groups,
                    "merge_reasons": list(e.merge_reasons),
                }
                for e in graph.entities
            ],
        )
        for group in range(groups):
            clones: dict[str, dict[str, Any]] = {}
            for record in records:
                if written >= documents:
                    break
                clone = clone_record(record, written, rng)
                clones[record["document"]["id"]] = clone
                written += 1
            doc_rows, entity_rows, mention_rows, attribution_rows, no_comment_rows = [], [], [], [], []
            for clone in clones.values():
                document_id = clone["document"]["id"]
                data = {k: v for k, v in clone.items() if k != "_text"}
                doc_rows.append(
                    {
                        "id": document_id,
                        "url": None,
                        "outlet": clone["document"]["outlet"],
                        "title": clone["document"]["title"],
                        "published": clone["document"]["published"],
                        "language": "en",
                        "path": f"synthetic/{document_id[:12]}.txt",
                        "revision_of": None,
                        "ingested_at": now,
                        "text": clone["_text"],
                        "record": data,
                    }
                )
                entity_rows += _entity_rows(document_id, data)
                mention_rows += _mention_rows(document_id, data)
                attribution_rows += _attribution_rows(document_id, data)
                no_comment_rows += _no_comment_rows(document_id, data)
            for table, rows in (
                (schema.documents, doc_rows),
                (schema.entities, entity_rows),
                (schema.mentions, mention_rows),
                (schema.attributions, attribution_rows),
                (schema.no_comment, no_comment_rows),
            ):
                if rows:
                    connection.execute(table.insert(), rows)
            _write_graph_group(
                connection,
                graph,
                group,
                {k: v["document"]["id"] for k, v in clones.items()},
                {v["document"]["id"]: v["document"]["outlet"] for v in clones.values()},
            )
    with engine.begin() as connection:  # the events of every entity in the whole timeline's order
        index_stored_entity_events(connection)
    engine.dispose()
    return {"documents": written, "groups": groups, "claims": len(graph.claims) * groups}


def _text_of(record: dict[str, Any]) -> str:
    """The text a record's offsets index: the record's own (HTML) or the story/seed file it came from."""
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    sys.path.insert(0, str(ROOT / "tests"))
    from web_fixtures import SEED, STORY

    candidates = [SEED.read_text(encoding="utf-8")]
    candidates += [p.read_text(encoding="utf-8") for p in sorted(STORY.glob("*.txt"))]
    for text in candidates:
        if text_id(text) == record["document"]["id"]:
            return text
    raise SystemExit(f"cannot find the text of {record['document']['id']}")


def _write_graph_group(
    connection: sa.Connection, graph: Any, group: int, doc_map: dict[str, str], outlets: dict[str, str]
) -> None:
    claim_ids = {c.id: _new_id("C", c.id, group) for c in graph.claims}
    claims, sources, disputes, members = [], [], [], []
    for c in graph.claims:
        if not all(d in doc_map for d in c.documents):
            continue
        claims.append(
            {
                "id": claim_ids[c.id],
                "summary": c.summary,
                "status": c.status,
                "independent_sources": c.independent_sources,
                "first_seen": c.first_seen,
                "documents": [doc_map[d] for d in c.documents],
                "entities": list(c.entities),
            }
        )
        for n, s in enumerate(c.sources):
            document = doc_map[s.document]
            local = s.attribution.partition("#")[2]
            sources.append(
                {
                    "claim_id": claim_ids[c.id],
                    "n": n,
                    "attribution": f"{document}#{local}",
                    "document_id": document,
                    "entity_id": s.entity,
                    "name": s.name,
                    "kind": s.kind,
                    "stance": s.stance,
                    "outlet": outlets[document],
                    "repeats": s.repeats,
                    "original": s.original,
                    "independent": s.independent,
                }
            )
        for n, d in enumerate(c.disputes):
            by = claim_ids.get(d.by) or (lambda doc, local: f"{doc_map.get(doc, doc)}#{local}")(
                *d.by.partition("#")[::2]
            )
            disputes.append(
                {
                    "claim_id": claim_ids[c.id],
                    "n": n,
                    "disputed": claim_ids.get(d.claim, d.claim),
                    "by": by,
                    "kind": d.kind,
                    "reason": d.reason,
                }
            )
    for e in graph.entities:
        for member in e.members:
            document, _, local = member.partition("#")
            if document in doc_map:
                members.append(
                    {
                        "member": f"{doc_map[document]}#{local}",
                        "entity_id": e.id,
                        "document_id": doc_map[document],
                        "local_id": local,
                    }
                )
    events = []
    base = group * (len(graph.timeline) + 1)
    for n, t in enumerate(graph.timeline):
        if t.document not in doc_map:
            continue
        local = (t.attribution or "").partition("#")[2]
        events.append(
            {
                "n": base + n,
                "when": t.when,
                "kind": t.kind,
                "text": t.text,
                "summary": t.summary,
                "document_id": doc_map[t.document],
                "attribution": f"{doc_map[t.document]}#{local}" if local else None,
                "claim_id": claim_ids.get(t.claim or ""),
                "entities": list(t.entities),
            }
        )
    for table, rows in (
        (schema.claims, claims),
        (schema.claim_sources, sources),
        (schema.disputes, disputes),
        (schema.entity_members, members),
        (schema.timeline, events),
    ):
        if rows:
            connection.execute(table.insert(), rows)
    write_entity_index(connection, claims, events)


async def measure(db: Path, requests: int, seed: int = 11) -> dict[str, dict[str, float]]:
    import httpx

    from claimgraph.web import create_app

    engine = open_store(str(db), create=False)
    with engine.connect() as connection:
        document_ids = list(connection.execute(sa.select(schema.documents.c.id)).scalars())
        claim_ids = list(connection.execute(sa.select(schema.claims.c.id)).scalars())
        outlets = list(connection.execute(sa.select(schema.documents.c.outlet).distinct()).scalars())
        entity_ids = list(connection.execute(sa.select(schema.corpus_entities.c.id)).scalars())
    rng = random.Random(seed)
    pages = {
        "article": lambda: f"/documents/{rng.choice(document_ids)}",
        "claim": lambda: f"/claims/{rng.choice(claim_ids)}",
        "list": lambda: rng.choice(
            [
                "/documents",
                f"/documents?page={rng.randint(2, 400)}",
                f"/documents?outlet={rng.choice(outlets).replace(' ', '+')}",
                "/documents?denials=yes",
                "/documents?from=2024-01-01&to=2024-03-31",
            ]
        ),
        "entity": lambda: f"/entities/{rng.choice(entity_ids)}",
        "claims": lambda: rng.choice(
            [
                "/claims",
                f"/claims?page={rng.randint(2, 100)}",
                "/claims?status=contested",
                f"/claims?entity={rng.choice(entity_ids)}",
            ]
        ),
        "entities": lambda: rng.choice(["/entities", "/entities?name=Musk", "/entities?page=2"]),
        "graph": lambda: "/graph",
        # free-text search: a substring scan of titles and texts (not indexed)
        "search": lambda: "/documents?q="
        + rng.choice(["Kremlin", "Musk", "denied", "spokesman", "zzzz-none"]),
    }
    transport = httpx.ASGITransport(app=create_app(engine))
    results: dict[str, dict[str, float]] = {}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://127.0.0.1:8000", headers={"accept": "text/html"}
    ) as client:
        for kind, path_of in pages.items():
            for _ in range(10):  # warm up
                await client.get(path_of())
            times = []
            for _ in range(requests):
                path = path_of()
                start = time.perf_counter()
                response = await client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: {response.status_code}")
            times.sort()
            results[kind] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
                "max_ms": round(times[-1], 1),
                "requests": requests,
            }
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="Requests per page kind.")
    parser.add_argument("--db", type=Path, help="Keep the generated store here (default: a temp file).")
    parser.add_argument("--json", type=Path, help="Write the results here.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "web-bench.db"
        if db.exists():
            db.unlink()
        start = time.perf_counter()
        built = build_store(db, args.documents)
        built["build_seconds"] = round(time.perf_counter() - start, 1)
        results = asyncio.run(measure(db, args.requests))
    out = {
        "store": built,
        "pages": results,
        "target_p95_ms": 100,
        "met": all(r["p95_ms"] < 100 for r in results.values()),
    }
    print(json.dumps(out, indent=2))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
