"""The seed example linked: the WSJ's claims, relayed by the Moscow Times, contested by the Kremlin and
Peskov."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claimgraph.link import CorpusGraph, link_corpus, timeline_of
from conftest import ROOT

pytestmark = pytest.mark.model

EXAMPLE = ROOT / "examples" / "moscow-times-musk-putin.txt"


@pytest.fixture(scope="module")
def graph(analyzer) -> CorpusGraph:  # type: ignore[no-untyped-def]
    from claimgraph.clean import find_boilerplate
    from claimgraph.records import Document

    text = EXAMPLE.read_text(encoding="utf-8")
    document = Document(
        text=text,
        name=str(EXAMPLE),
        outlet="The Moscow Times",
        published=dt.date(2024, 10, 25),
        boilerplate=find_boilerplate(text),
    )  # the donation appeal is not the article
    record: dict[str, Any] = analyzer.analyze_document(document).to_dict()
    return link_corpus([record])


def _claim(graph: CorpusGraph, words: str):  # type: ignore[no-untyped-def]
    (claim,) = [c for c in graph.claims if words in c.summary]
    return claim


def test_the_talks_claim_rests_on_one_original_the_wsj_officials(graph: CorpusGraph) -> None:
    talks = _claim(graph, "held secret talks")
    asserts = [s for s in talks.sources if s.stance == "asserts"]
    assert {s.repeats for s in asserts} == {"Wall Street Journal"}
    assert talks.independent_sources == 1 and len({s.original for s in asserts}) == 1
    assert any(s.kind == "anonymous" for s in asserts)
    assert talks.status == "contested"


def test_wsj_claims_are_denied_by_the_kremlin(graph: CorpusGraph) -> None:
    wsj = [
        c
        for c in graph.claims
        if any(s.stance == "asserts" and s.repeats == "Wall Street Journal" for s in c.sources)
    ]
    assert len(wsj) >= 6
    for claim in wsj:
        assert claim.status == "contested"
        assert any(d.kind == "denial" and "Kremlin" in d.reason for d in claim.disputes), claim.summary
        assert claim.independent_sources == 1


def test_peskov_contradicts_regular_conversations(graph: CorpusGraph) -> None:
    regular = _claim(graph, "regular conversations")
    one_call = _claim(graph, "only one phone call")
    contradiction = [d for d in regular.disputes if d.kind == "contradiction" and d.by == one_call.id]
    assert contradiction and "'only one' vs 'regular'" in contradiction[0].reason
    assert any(s.stance == "contradicts" and s.name == "Dmitry Peskov" for s in regular.sources)
    assert one_call.status == "contested"
    # Peskov's own claim is not one of the WSJ's: the Kremlin's denial is not linked to it.
    assert not any(d.kind == "denial" for d in one_call.disputes)


def test_before_2022_contradicts_talks_from_october_2022(graph: CorpusGraph) -> None:
    private = _claim(graph, "private conversations")
    assert any("time: 'before 2022' vs 'October 2022'" in d.reason for d in private.disputes)


def test_musk_said_claim_stands_alone(graph: CorpusGraph) -> None:
    space = _claim(graph, "discussed space with Putin in April 2021")
    assert space.status == "single-source" and space.independent_sources == 1
    # his silence ("did not respond to the newspaper's request for comment") is on the WSJ's claims about
    # him, not on what he said himself
    assert not any(s.stance == "no_comment" for s in space.sources)
    talks = _claim(graph, "held secret talks")
    assert any(s.stance == "no_comment" and s.name == "Elon Musk" for s in talks.sources)


def test_entities_and_timeline(graph: CorpusGraph) -> None:
    wsj = next(e for e in graph.entities if e.name == "Wall Street Journal")
    assert wsj.type == "MEDIA" and "WSJ" in wsj.aliases
    musk = next(e for e in graph.entities if e.name == "Elon Musk")
    assert "the billionaire" in musk.aliases
    events = timeline_of(graph, entity="Elon Musk", kind="event")
    assert {"2022-10", "2021-04", "< 2022"} <= {e.when for e in events}
    reports = timeline_of(graph, claim=_claim(graph, "held secret talks").id, kind="report")
    assert [r.when for r in reports][:1] == ["2024-10-24"]  # "reported Thursday", not the publication date
