"""The Harbor Ledger story end to end: five fictional outlets, one event (tests/data/story).

Expected graph, worked out by hand from the articles:

- P "The Meridian Port Authority has agreed to sell the North Pier to Calloway Logistics for $40 million":
  asserted by the Ledger's two anonymous officials (original ``via:Harbor Ledger``), repeated by the Bay
  Courier ("..., the Harbor Ledger reported on Monday, citing two officials") and Coast Daily News
  ("According to the Harbor Ledger, ..."), both with ``repeats`` = "Harbor Ledger" and not counted again,
  and confirmed independently by Calloway's chief executive Nadia Brandt to the Tidewater Tribune:
  2 independent originals. The Port Authority denied "the Harbor Ledger's report" (Meridian Gazette) and
  its spokesman said "No agreement ... has been signed" (contradiction, negation): ``contested``.
  No-comments: Calloway (Ledger), the Port Authority (Tribune).
- Q "The sale would be announced in April": the Ledger's officials, repeated by the Courier: 1 original;
  denied with the rest of the Ledger's report: ``contested``.
- R Reyes' "No agreement to sell the North Pier has been signed": 1 source, contradicts P: ``contested``.
- H "Calloway Logistics will hire 200 dock workers": council member Ruth Okafor (Gazette) and Brandt
  (Tribune), two named sources of two outlets: ``corroborated``, 2.
"""

from __future__ import annotations

from typing import Any

import pytest
from link_records import Attr, Ent, analyze_story, record, story_metadata

from claimgraph.link import CorpusGraph, link_corpus
from claimgraph.link.model import Claim
from conftest import DATA

STORY = DATA / "story"
METADATA = story_metadata(STORY)


def _text(name: str) -> str:
    return (STORY / name).read_text(encoding="utf-8")


def _meta(name: str) -> dict[str, Any]:
    return next(m for m in METADATA if m["file"] == name)


def _hand_records() -> list[dict[str, Any]]:
    """The story's records as the analyzer should give them, written by hand (no model)."""
    port, pier, calloway, ledger = (
        Ent("Meridian Port Authority", "ORG"),
        Ent("North Pier", "GPE"),
        Ent("Calloway Logistics", "ORG"),
        Ent("Harbor Ledger", "ORG", ("Ledger",)),
    )
    p = "Meridian Port Authority has agreed to sell the North Pier to Calloway Logistics for $40 million"
    q = "The sale would be announced in April"
    anon = {"count": 2, "descriptors": [], "status": [], "affiliations": [], "role": "officials"}

    def rec(
        name: str, entities: list[Ent], attributions: list[Attr], no_comment: list[tuple[str, str]] = ()
    ) -> dict[str, Any]:  # type: ignore[assignment]
        m = _meta(name)
        return record(
            _text(name),
            outlet=m["outlet"],
            published=m["published"],
            entities=entities,
            attributions=attributions,
            no_comment=no_comment,
        )

    return [
        rec(
            "01-harbor-ledger.txt",
            [port, pier, calloway, ledger],
            [
                Attr(
                    "two officials familiar with the negotiations",
                    "The " + p,
                    kind="anonymous",
                    cue="told",
                    anonymous=anon,
                ),
                Attr("the officials", q, kind="anonymous", times=(("April", "2025-04", "content"),)),
            ],
            no_comment=[("Calloway Logistics", "declined to comment")],
        ),
        rec(
            "02-bay-courier.txt",
            [port, pier, calloway, ledger],
            [
                Attr(
                    "the Harbor Ledger",
                    "The " + p,
                    entity="Harbor Ledger",
                    kind="organization",
                    cue="reported",
                    times=(("Monday", "2025-03-03", "statement"),),
                ),
                Attr(
                    "two officials",
                    "The " + p,
                    kind="anonymous",
                    parent=0,
                    rule="citing",
                    cue="citing",
                    anonymous=anon,
                ),
                Attr("the Ledger", q, entity="Harbor Ledger", kind="organization", cue="reported"),
            ],
        ),
        rec(
            "03-coast-daily.txt",
            [ledger, port, pier, calloway],
            [
                Attr(
                    "the Harbor Ledger",
                    "the Meridian Port Authority agreed to sell the North Pier to Calloway "
                    "Logistics for $40 million",
                    entity="Harbor Ledger",
                    kind="organization",
                    cue="According to",
                    rule="according-to",
                )
            ],
        ),
        rec(
            "04-meridian-gazette.txt",
            [
                port,
                Ent("Harbor Ledger", "ORG"),
                pier,
                Ent("Tomas Reyes", "PERSON"),
                calloway,
                Ent("Ruth Okafor", "PERSON"),
            ],
            [
                Attr(
                    "The Meridian Port Authority",
                    "the Harbor Ledger's report",
                    entity="Meridian Port Authority",
                    kind="organization",
                    stance="deny",
                    cue="denied",
                    times=(("Tuesday", "2025-03-04", "statement"),),
                ),
                Attr(
                    "port spokesman Tomas Reyes",
                    '"No agreement to sell the North Pier has been signed,"',
                    entity="Tomas Reyes",
                ),
                Attr(
                    "city council member Ruth Okafor",
                    "Calloway Logistics will hire 200 dock workers at the North Pier",
                    entity="Ruth Okafor",
                ),
            ],
        ),
        rec(
            "05-tidewater-tribune.txt",
            [
                calloway,
                pier,
                port,
                Ent("Nadia Brandt", "PERSON", ("Brandt",)),
                Ent("Tidewater Tribune", "ORG"),
            ],
            [
                Attr(
                    "Calloway chief executive Nadia Brandt",
                    "Calloway Logistics will buy the North Pier from the "
                    "Meridian Port Authority for $40 million",
                    entity="Nadia Brandt",
                    cue="told",
                    times=(("Tuesday", "2025-03-04", "statement"),),
                ),
                Attr("Brandt", "the company would hire 200 dock workers at the pier", entity="Nadia Brandt"),
            ],
            no_comment=[("Meridian Port Authority", "did not respond to a request for comment")],
        ),
    ]


def _claim(graph: CorpusGraph, words: str) -> Claim:
    found = [c for c in graph.claims if any(words in s for s in [c.summary])]
    found = found or [c for c in graph.claims if words.lower() in c.summary.lower()]
    assert len(found) == 1, (words, [c.summary for c in graph.claims])
    return found[0]


def check_story(graph: CorpusGraph) -> None:
    """The expected graph of the module docstring."""
    assert len([c for c in graph.claims if c.status != "denied"]) == 4, [c.summary for c in graph.claims]
    p = _claim(graph, "agreed to sell")
    q = _claim(graph, "announced in April")
    r = _claim(graph, "No agreement")
    h = _claim(graph, "hire 200 dock workers")
    assert (p.status, p.independent_sources, len(p.documents)) == ("contested", 2, 4)
    assert (q.status, q.independent_sources, len(q.documents)) == ("contested", 1, 2)
    assert (r.status, r.independent_sources) == ("contested", 1)
    assert (h.status, h.independent_sources) == ("corroborated", 2)
    assert p.first_seen == "2025-03-03" and h.first_seen == "2025-03-05"

    asserts = [s for s in p.sources if s.stance == "asserts"]
    by_outlet: dict[str | None, list[Any]] = {}
    for s in asserts:
        by_outlet.setdefault(s.outlet, []).append(s)
    assert {s.repeats for s in by_outlet["The Harbor Ledger"]} == {None}
    assert {s.repeats for s in by_outlet["Bay Courier"]} == {"Harbor Ledger"}
    assert {s.repeats for s in by_outlet["Coast Daily News"]} == {"Harbor Ledger"}
    assert {s.repeats for s in by_outlet["Tidewater Tribune"]} == {None}
    independent = [s for s in asserts if s.independent]
    assert sorted(s.outlet or "" for s in independent) == ["The Harbor Ledger", "Tidewater Tribune"]
    assert not any(s.independent for s in by_outlet["Bay Courier"] + by_outlet["Coast Daily News"])
    assert len({s.original for s in asserts}) == 2

    kinds = sorted((d.kind, d.by) for d in p.disputes)
    assert [k for k, _ in kinds] == ["contradiction", "denial"]
    assert dict(kinds)["contradiction"] == r.id
    denial = next(d for d in p.disputes if d.kind == "denial")
    assert "Harbor Ledger" in denial.reason
    denier = next(s for s in p.sources if s.stance == "denies")
    assert denier.name == "Meridian Port Authority" and denier.outlet == "Meridian Gazette"
    assert [d.kind for d in q.disputes] == ["denial"]
    assert [d.kind for d in r.disputes] == ["contradiction"] and r.disputes[0].by == p.id
    assert not h.disputes
    assert {s.name for s in p.sources if s.stance == "no_comment"} == {
        "Calloway Logistics",
        "Meridian Port Authority",
    }
    ledger = [e for e in graph.entities if e.name == "Harbor Ledger"]
    assert len(ledger) == 1 and ledger[0].type == "MEDIA" and ledger[0].documents == 4


def test_story_graph_from_hand_built_records() -> None:
    check_story(link_corpus(_hand_records()))


def test_story_graph_does_not_depend_on_record_order() -> None:
    forward = link_corpus(_hand_records())
    backward = link_corpus(list(reversed(_hand_records())))
    assert [(c.id, c.status, c.independent_sources) for c in forward.claims] == [
        (c.id, c.status, c.independent_sources) for c in backward.claims
    ]


def test_a_denial_with_nothing_to_deny_is_a_denied_claim() -> None:
    (only_denial,) = [r for r in _hand_records() if r["document"]["outlet"] == "Meridian Gazette"]
    graph = link_corpus([only_denial])
    denied = [c for c in graph.claims if c.status == "denied"]
    assert len(denied) == 1 and denied[0].independent_sources == 0
    assert [s.stance for s in denied[0].sources] == ["denies"]


@pytest.fixture(scope="module")
def analyzed(analyzer) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return analyze_story(analyzer, STORY)


@pytest.mark.model
def test_story_graph_from_the_analyzer(analyzed) -> None:  # type: ignore[no-untyped-def]
    check_story(link_corpus(analyzed))
