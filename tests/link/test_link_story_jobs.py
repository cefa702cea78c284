"""A second story end to end, through the analyzer: four fictional outlets on planned job cuts at a port
(tests/data/story-jobs). Expected graph, worked out by hand from the articles:

- J "Atlantic Terminals plans to cut about 900 jobs ...": the Harbor Ledger's scoop on three unnamed people;
  Metro Daily ("..., the Harbor Ledger reported") and the City Courier ("The Harbor Ledger reported ...,
  citing three people ..., that the company would cut about 900 jobs next year", "the company" being
  Atlantic Terminals) repeat it: one independent original in three documents. Atlantic Terminals denies it
  in the Courier (its headline and "denied a report that it plans to cut 900 jobs") and in Coastal News
  ("has denied it plans any cuts", where "it" is the company), and its spokesman's "There is no plan to cut
  jobs at Newport" contradicts it: ``contested``.
- The spokesman's "There is no plan ..." says what the company's denials say: they do not deny it.
- The union's "it had not been told of any layoffs" is denied by no one.
- Maria Keane's "we will shut the port down", quoted by two outlets: one person, one original.
- "it was monitoring the situation": the port authority in three outlets, once passed on by a spokeswoman
  ("The port authority said ..., a spokeswoman said"): one original, ``single-source``.
- Atlantic Terminals is one organization across the articles, not a news outlet (its name starts with an
  outlet's, The Atlantic's).
"""

from __future__ import annotations

import pytest
from link_records import analyze_story, claim_with

from claimgraph.link import CorpusGraph, link_corpus
from conftest import DATA

STORY = DATA / "story-jobs"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def graph(analyzer) -> CorpusGraph:  # type: ignore[no-untyped-def]
    return link_corpus(analyze_story(analyzer, STORY))


def test_a_scoop_repeated_by_two_outlets_is_one_original_and_contested(graph: CorpusGraph) -> None:
    cuts = claim_with(graph, "plans to cut about 900 jobs")
    assert (cuts.status, cuts.independent_sources, len(cuts.documents)) == ("contested", 1, 3)
    asserting = [s for s in cuts.sources if s.stance == "asserts"]
    assert {s.outlet: s.repeats for s in asserting if s.repeats is None} == {"Harbor Ledger": None}
    assert {s.repeats for s in asserting if s.outlet in ("Metro Daily", "City Courier")} == {"Harbor Ledger"}
    deniers = {(s.name, s.outlet) for s in cuts.sources if s.stance == "denies"}
    assert deniers == {("Atlantic Terminals", "City Courier"), ("Atlantic Terminals", "Coastal News")}
    spokesman = claim_with(graph, "There is no plan to cut jobs")
    assert [(d.kind, d.by) for d in cuts.disputes if d.kind == "contradiction"] == [
        ("contradiction", spokesman.id)
    ]


def test_a_denial_does_not_deny_what_agrees_with_it(graph: CorpusGraph) -> None:
    spokesman = claim_with(graph, "There is no plan to cut jobs")
    assert not [d for d in spokesman.disputes if d.kind == "denial"]
    union = claim_with(graph, "it had not been told of any layoffs")
    assert (union.status, union.disputes) == ("single-source", ())


def test_one_speaker_in_several_outlets_is_one_original(graph: CorpusGraph) -> None:
    keane = claim_with(graph, "we will shut the port down")
    assert (keane.independent_sources, {s.outlet for s in keane.sources}) == (
        1, {"Harbor Ledger", "Coastal News"}
    )
    monitoring = claim_with(graph, "it was monitoring the situation")
    assert (monitoring.status, monitoring.independent_sources) == ("single-source", 1)
    assert {s.outlet for s in monitoring.sources} == {"Harbor Ledger", "City Courier", "Coastal News"}


def test_the_operator_is_one_organization_and_no_outlet(graph: CorpusGraph) -> None:
    (operator,) = [e for e in graph.entities if e.name == "Atlantic Terminals"]
    assert operator.type == "ORG" and operator.documents >= 3
