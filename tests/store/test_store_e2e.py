"""End to end through the real analyzer and the real linking: the story of tests/data/story and the seed.

What the graph should say is link's business (tests/link/); here: what the store returns is exactly what
link_corpus computes from the stored records, re-ingesting changes nothing, and real documents export
cleanly (brat offsets index the text, including discontinuous contents).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from claimgraph.batch import ingest_corpus
from claimgraph.export import export_store
from claimgraph.link import link_corpus
from claimgraph.store import load_records, open_store
from claimgraph.store.queries import collect_stats, list_claims, list_entities, list_sources
from conftest import DATA, ROOT, story_jsonl

pytestmark = pytest.mark.model

STORY = DATA / "story"
SEED = ROOT / "examples" / "moscow-times-musk-putin.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, analyzer: Any) -> Iterator[tuple[sa.Engine, list[str]]]:
    folder = tmp_path_factory.mktemp("e2e")
    engine = open_store(str(folder / "e2e.db"))
    paths = [story_jsonl(folder / "story.jsonl"), str(SEED)]

    report = ingest_corpus(
        engine, paths, analyze=analyzer.analyze_documents, link=link_corpus, published=dt.date(2024, 10, 25)
    )
    assert not report.failures and len(report.stored) == 6
    yield engine, paths
    engine.dispose()


def test_the_store_returns_what_linking_computes(corpus: tuple[sa.Engine, list[str]]) -> None:
    engine, _ = corpus
    graph = link_corpus(load_records(engine))
    stored = {c["id"]: c for c in list_claims(engine)}
    assert set(stored) == {c.id for c in graph.claims}
    for claim in graph.claims:
        row = stored[claim.id]
        assert (row["status"], row["independent_sources"], row["first_seen"]) == (
            claim.status,
            claim.independent_sources,
            claim.first_seen,
        )
        assert [(s["attribution"], s["stance"], s["repeats"]) for s in row["sources"]] == [
            (s.attribution, s.stance, s.repeats) for s in claim.sources
        ]
        assert len(row["disputes"]) == len(claim.disputes)
    assert {e["id"] for e in list_entities(engine)} == {e.id for e in graph.entities}


def test_story_and_seed_through_the_queries(corpus: tuple[sa.Engine, list[str]]) -> None:
    engine, _ = corpus
    hire = [c for c in list_claims(engine) if "200 dock workers" in c["summary"]]
    assert [(c["status"], c["independent_sources"]) for c in hire] == [("corroborated", 2)]
    wsj = list_claims(engine, source="Wall Street Journal")
    assert wsj and all(c["status"] == "contested" for c in wsj)
    assert any(d["kind"] == "denial" for c in wsj for d in c["disputes"])
    outlets = {o["outlet"] for o in list_sources(engine)["outlets"]}
    assert {"The Harbor Ledger", "Bay Courier"} <= outlets


def test_an_outlets_sources_are_its_own_citations(corpus: tuple[sa.Engine, list[str]]) -> None:
    # the seed's 14 attributions (its gold): the Journal, the officials it cites, ..., Peskov; not the speech
    # nested in them (Musk "proposed" a deal, Putin "asked" Musk, ...) nor Peskov's continued quotation
    engine, _ = corpus
    (seed,) = [o for o in list_sources(engine)["outlets"] if o["outlet"] == "(unknown outlet)"]  # a bare .txt
    assert (seed["attributions"], seed["named"], seed["anonymous"], seed["other"]) == (14, 9, 4, 1)
    names = {s["name"] for s in list_sources(engine)["sources"]}
    assert not names & {"they", "They", "Vladimir Putin"}


def test_reingesting_changes_nothing(corpus: tuple[sa.Engine, list[str]], analyzer: Any) -> None:
    engine, paths = corpus
    before = collect_stats(engine)
    report = ingest_corpus(engine, paths, analyze=analyzer.analyze_documents, link=link_corpus)
    assert report.stored == [] and report.unchanged == 6
    assert collect_stats(engine) == before


def test_real_documents_export_to_brat(corpus: tuple[sa.Engine, list[str]], tmp_path: Path) -> None:
    engine, _ = corpus
    export_store(engine, "brat", tmp_path)
    textbound = re.compile(r"^T\d+\t\S+ (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
    events = 0
    for ann in tmp_path.glob("*.ann"):
        with ann.with_suffix(".txt").open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        for line in ann.read_text(encoding="utf-8").splitlines():
            if m := textbound.match(line):
                fragments = [tuple(map(int, part.split())) for part in m.group(1).split(";")]
                expected = " ".join(text[a:b] for a, b in fragments).replace("\r", " ").replace("\n", " ")
                assert m.group(2) == expected
            events += line.startswith("E")
    assert events == collect_stats(engine)["attributions"]
