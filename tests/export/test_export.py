"""Exports of a small stored story (fake analysis and linking): each opens in what reads it."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimgraph.batch import ingest_corpus
from claimgraph.errors import ConfigError
from claimgraph.export import export_store
from claimgraph.export.brat import document_ann
from claimgraph.store import open_store, schema
from claimgraph.store.queries import collect_stats, list_claims
from store_fakes import FakeAnalyzer, fake_link, write_story_jsonl

_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_EVENT = re.compile(r"^(E\d+)\t(\S+):(T\d+)((?: \w+:T\d+)+)$")


@pytest.fixture
def story(tmp_path: Path) -> Iterator[sa.Engine]:
    engine = open_store(str(tmp_path / "story.db"))
    ingest_corpus(
        engine,
        [write_story_jsonl(tmp_path / "story.jsonl", extra=["{broken"])],
        analyze=FakeAnalyzer(),
        link=fake_link,
    )
    yield engine
    engine.dispose()


def row_counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t.name: connection.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in schema.DATA_TABLES
        }


def test_jsonl_one_file_per_table_with_nested_json(story: sa.Engine, tmp_path: Path) -> None:
    out = tmp_path / "jsonl"
    written = export_store(story, "jsonl", out)
    assert {p.name for p in written} == {f"{t.name}.jsonl" for t in schema.DATA_TABLES}
    counts = row_counts(story)
    for table in schema.DATA_TABLES:
        lines = (out / f"{table.name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == counts[table.name], table.name
    entity = json.loads((out / "corpus_entities.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert isinstance(entity["aliases"], list)
    document = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert document["record"]["document"]["id"] == document["id"]


def test_csv_per_table(story: sa.Engine, tmp_path: Path) -> None:
    export_store(story, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        claims = list(csv.DictReader(handle))
    assert len(claims) == 2
    assert set(claims[0]) == set(schema.claims.columns.keys())
    assert isinstance(json.loads(claims[0]["documents"]), list)
    with (tmp_path / "csv" / "errors.csv").open(encoding="utf-8", newline="") as handle:
        assert [row["input"].rsplit(":", 1)[1] for row in csv.DictReader(handle)] == ["4"]


def test_parquet_reads_back_with_counts_and_types(story: sa.Engine, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    export_store(story, "parquet", tmp_path / "parquet")
    counts = row_counts(story)
    for table in schema.DATA_TABLES:
        read = pq.read_table(tmp_path / "parquet" / f"{table.name}.parquet")
        assert read.num_rows == counts[table.name], table.name
        assert read.column_names == list(table.columns.keys())
    claims = pq.read_table(tmp_path / "parquet" / "claims.parquet")
    assert claims.schema.field("independent_sources").type == pa.int64()
    assert claims.schema.field("summary").type == pa.string()
    attributions = pq.read_table(tmp_path / "parquet" / "attributions.parquet")
    assert attributions.schema.field("confidence").type == pa.float64()
    assert attributions.schema.field("source_start").type == pa.int64()
    sources = pq.read_table(tmp_path / "parquet" / "claim_sources.parquet")
    assert sources.schema.field("independent").type == pa.bool_()
    assert sorted(sources.column("stance").to_pylist()) == ["asserts", "asserts", "asserts", "denies"]


Spans = dict[str, tuple[str, list[tuple[int, int]], str]]


def parse_ann(ann: str) -> tuple[Spans, list[tuple[str, dict[str, str]]]]:
    spans, events = {}, []
    for line in ann.splitlines():
        if m := _TEXTBOUND.match(line):
            fragments = [tuple(map(int, part.split())) for part in m.group(3).split(";")]
            spans[m.group(1)] = (m.group(2), fragments, m.group(4))
        elif m := _EVENT.match(line):
            arguments = dict(arg.split(":") for arg in m.group(4).split())
            events.append((m.group(2), {"trigger": m.group(3), **arguments}))
        else:
            assert re.match(r"^A\d+\tStance E\d+ deny$", line), line
    return spans, events  # type: ignore[return-value]


def test_brat_parses_back_and_offsets_index_the_text(story: sa.Engine, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    export_store(story, "brat", out)
    assert (out / "annotation.conf").is_file()
    anns = sorted(out.glob("*.ann"))
    assert len(anns) == collect_stats(story)["documents"]
    total = 0
    for ann in anns:
        with ann.with_suffix(".txt").open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        spans, events = parse_ann(ann.read_text(encoding="utf-8"))
        for label, fragments, annotated in spans.values():
            assert annotated == " ".join(text[s:e] for s, e in fragments), label
        for label, arguments in events:
            assert label == "Attribution"
            assert spans[arguments["trigger"]][1] == spans[arguments["Cue"]][1]
            assert {spans[arguments[role]][0] for role in ("Source", "Cue", "Content")} == {
                "Source",
                "Cue",
                "Content",
            }
        total += len(events)
    assert total == collect_stats(story)["attributions"]


def test_brat_discontinuous_content_and_no_cue() -> None:
    text = "“We will win,” she said, “easily.” Officials: talks failed."
    rows = [
        {
            "attribution_id": "a1",
            "source_start": 15,
            "source_end": 18,
            "cue_start": 19,
            "cue_end": 23,
            "content": [{"start": 1, "end": 12}, {"start": 26, "end": 32}],
            "stance": "assert",
        },
        {
            "attribution_id": "a2",
            "source_start": None,
            "source_end": None,
            "cue_start": None,
            "cue_end": None,
            "content": [{"start": 46, "end": 58}],
            "stance": "deny",
        },
    ]
    ann = document_ann(text, rows)
    assert ann.splitlines() == [
        "T1\tSource 15 18\tshe",
        "T2\tCue 19 23\tsaid",
        "T3\tContent 1 12;26 32\tWe will win easily",
        "T4\tAttribution 19 23\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        "T5\tContent 46 58\ttalks failed",
        "T6\tAttribution-no-source 46 58\ttalks failed",
        "E2\tAttribution-no-source:T6 Content:T5",
        "A1\tStance E2 deny",
    ]


def test_claimreview_skeletons(story: sa.Engine, tmp_path: Path) -> None:
    out = tmp_path / "claimreview"
    written = export_store(story, "claimreview", out)
    claims = {c["id"]: c for c in list_claims(story)}
    assert {p.stem for p in written} == set(claims)
    port = next(c for c in claims.values() if c["summary"] == "the mayor sold the port")
    review = json.loads((out / f"{port['id']}.jsonld").read_text(encoding="utf-8"))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "the mayor sold the port"
    assert review["reviewRating"] is None  # the verdict is the fact-checker's
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2024-03-01"
    assert item["author"] == [
        {"@type": "Person", "name": "Two officials", "description": "anonymous source"},
        {"@type": "Person", "name": "Lena Ortiz"},
    ]
    # appearances: the articles asserting it (the Tribune only reports the denial), oldest first
    assert [(a["@type"], a["publisher"]["name"], a["datePublished"]) for a in item["appearance"]] == [
        ("NewsArticle", "Harbor Ledger", "2024-03-01"),
        ("NewsArticle", "Daily Herald", "2024-03-02"),
    ]
    assert item["appearance"][0]["url"] == "https://ledger.example/port"
    assert item["firstAppearance"] == item["appearance"][0]


def test_unknown_format_and_bad_out(story: sa.Engine, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not one of"):
        export_store(story, "xml", tmp_path / "x")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError, match="not a directory"):
        export_store(story, "csv", tmp_path / "file")


def test_claimreview_author_of_unnamed_reports() -> None:
    from claimgraph.export.claimreview import _author

    relay = {"entity": "media reports", "kind": "unknown", "repeats": "unnamed reports"}
    expected = {"@type": "Organization", "name": "media reports", "description": "unnamed reports"}
    assert _author(relay) == expected
    assert _author({"entity": "Lena Ortiz", "kind": "person", "repeats": None}) == {
        "@type": "Person", "name": "Lena Ortiz"
    }
