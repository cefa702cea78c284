"""A third story end to end, through the analyzer: four fictional outlets on a solvent spill into a river
(tests/data/story-spill). Expected graph, worked out by hand from the articles:

- "About 12,000 gallons of an industrial solvent leaked ...": state environmental officials in the Riverton
  Gazette; the Valley Post relays it ("..., the Riverton Gazette reported, citing state environmental
  officials"): one independent original in two documents. The company's "only 3,000 gallons leaked" (in
  the Lakeshore Times' copy of an AP story) contradicts it, and its chief executive's "The 12,000-gallon
  figure is simply wrong" (Capital Ledger) denies it: ``contested``. The company did not respond to
  questions in the Gazette: a no-comment on this claim, which names it, and not on its own statement there.
- "the same valve had failed twice in the past month": an engineer at the plant who spoke on condition of
  anonymity, an unnamed source; the company denied that the valve had failed before.
- The headline "Chemical maker disputes spill estimate" is the company's; "Regulators fine Halvorsen ..."
  and "Halvorsen said it would appeal the fine" are the one organization Halvorsen Chemicals, no person.
- "Riverton spill: what we know" is a headline, nobody's claim.
"""

from __future__ import annotations

import pytest
from link_records import analyze_story, claim_with

from claimgraph.link import CorpusGraph, link_corpus
from conftest import DATA

STORY = DATA / "story-spill"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def graph(analyzer) -> CorpusGraph:  # type: ignore[no-untyped-def]
    return link_corpus(analyze_story(analyzer, STORY))


def test_the_officials_figure_relayed_once_and_disputed_by_the_company(graph: CorpusGraph) -> None:
    leak = claim_with(graph, "About 12,000 gallons of an industrial solvent leaked")
    assert (leak.status, leak.independent_sources, len(leak.documents)) == ("contested", 1, 2)
    asserting = {(s.name, s.outlet, s.repeats) for s in leak.sources if s.stance == "asserts"}
    assert ("state environmental officials", "Riverton Gazette", None) in asserting
    assert all(repeats == "Riverton Gazette" for _, outlet, repeats in asserting if outlet == "Valley Post")
    company = claim_with(graph, "only 3,000 gallons leaked")
    contradictions = [d for d in leak.disputes if d.kind == "contradiction" and d.by == company.id]
    assert contradictions and "12,000" in contradictions[0].reason
    (denial,) = [d for d in leak.disputes if d.kind == "denial"]
    assert "12,000-gallon figure" in denial.reason and "denies the count" in denial.reason
    assert {(s.name, s.stance) for s in leak.sources if s.stance != "asserts"} >= {
        ("Paul Brandt", "denies"),
        ("Halvorsen Chemicals", "contradicts"),
        ("Halvorsen Chemicals", "no_comment"),
    }


def test_the_company_is_silent_on_what_others_say_not_on_its_own_words(graph: CorpusGraph) -> None:
    own = claim_with(graph, "it was cooperating with regulators")
    assert [s.stance for s in own.sources] == ["asserts"]


def test_an_unnamed_engineer_is_denied_by_the_company(graph: CorpusGraph) -> None:
    valve = claim_with(graph, "the same valve had failed twice")
    (engineer,) = [s for s in valve.sources if s.stance == "asserts"]
    assert (engineer.kind, engineer.entity) == ("anonymous", None)
    assert [(s.name, s.stance) for s in valve.sources if s.stance == "denies"] == [
        ("Halvorsen Chemicals", "denies")
    ]


def test_headlines_speak_for_the_company_or_for_no_one(graph: CorpusGraph) -> None:
    estimate = claim_with(graph, "spill estimate")
    assert [s.name for s in estimate.sources] == ["Halvorsen Chemicals"]
    appeal = claim_with(graph, "it would appeal the fine")
    assert [(s.name, s.kind) for s in appeal.sources] == [("Halvorsen Chemicals", "organization")]
    assert not [c for c in graph.claims if "what we know" in c.summary]
    names = {e.name for e in graph.entities}
    assert "Chemical" not in names and "fine Halvorsen" not in names
