"""Counting independent originals: the rules of claimgraph.link.corroboration as tables."""

from __future__ import annotations

import pytest
from link_records import Attr, Ent, record

from claimgraph.link import link_corpus
from claimgraph.link.corroboration import claim_status, mark_independent
from claimgraph.link.model import ClaimSource

CLAIM = "the mayor will resign in May"
ANON = {"count": 2, "descriptors": [], "status": [], "affiliations": [], "role": "officials"}


def _doc(outlet: str, sentence: str, attributions: list[Attr], entities: list[Ent], day: int = 1) -> dict:  # type: ignore[type-arg]
    return record(
        sentence, outlet=outlet, published=f"2025-05-0{day}", entities=entities, attributions=attributions
    )


def original(outlet: str = "The Ledger") -> dict:  # type: ignore[type-arg]
    return _doc(
        outlet,
        f"The mayor will resign in May, two officials told the {outlet[4:]}.",
        [Attr("two officials", "The mayor will resign in May", kind="anonymous", cue="told", anonymous=ANON)],
        [Ent(outlet[4:], "ORG")],
    )


def relay(outlet: str, of: str = "Ledger", day: int = 2) -> dict:  # type: ignore[type-arg]
    return _doc(
        outlet,
        f"The mayor will resign in May, the {of} reported, citing two officials.",
        [
            Attr(f"the {of}", "The mayor will resign in May", entity=of, kind="organization", cue="reported"),
            Attr(
                "two officials",
                "The mayor will resign in May",
                kind="anonymous",
                parent=0,
                rule="citing",
                cue="citing",
                anonymous=ANON,
            ),
        ],
        [Ent(of, "ORG")],
        day,
    )


def named(outlet: str, person: str = "Ana Ruiz", day: int = 3) -> dict:  # type: ignore[type-arg]
    return _doc(
        outlet,
        f"The mayor will resign in May, {person} said.",
        [Attr(person, "The mayor will resign in May", entity=person)],
        [Ent(person, "PERSON")],
        day,
    )


def own_anonymous(outlet: str, day: int = 3) -> dict:  # type: ignore[type-arg]
    return _doc(
        outlet,
        "The mayor will resign in May, three aides said.",
        [Attr("three aides", "The mayor will resign in May", kind="anonymous", anonymous=ANON)],
        [],
        day,
    )


def hearsay(outlet: str, reports: str = "media reports", day: int = 3) -> dict:  # type: ignore[type-arg]
    return _doc(
        outlet,
        f"The mayor will resign in May, according to {reports}.",
        [Attr(reports, "The mayor will resign in May", kind="unknown", cue="according to")],
        [],
        day,
    )


def headline_report(outlet: str) -> dict:  # type: ignore[type-arg]
    return _doc(
        outlet,
        "Report: The mayor will resign in May",
        [Attr("Report", "The mayor will resign in May", kind="unknown", cue=":")],
        [],
        3,
    )


@pytest.mark.parametrize(
    ("records", "independent", "status"),
    [
        ([original("The Ledger")], 1, "single-source"),
        ([original("The Ledger"), relay("The Courier"), relay("The Post")], 1, "single-source"),  # repeats
        ([relay("The Courier"), relay("The Post")], 1, "single-source"),  # two relays of one report
        ([original("The Ledger"), named("The Gazette")], 2, "corroborated"),  # own named source
        ([original("The Ledger"), own_anonymous("The Gazette")], 2, "corroborated"),  # own anonymous sources
        ([named("The Gazette"), named("The Tribune")], 1, "single-source"),  # the same person twice
        ([named("The Gazette"), named("The Tribune", "Ben Ode")], 2, "corroborated"),
        ([relay("The Courier"), named("The Gazette"), own_anonymous("The Tribune")], 3, "corroborated"),
        # unnamed reports relay outlets no one names: no original of their own
        ([original("The Ledger"), hearsay("The Post")], 1, "single-source"),
        ([original("The Ledger"), hearsay("The Post", "local media")], 1, "single-source"),
        ([hearsay("The Post"), hearsay("The Sun", "news reports")], 0, "single-source"),
        ([original("The Ledger"), headline_report("The Post")], 1, "single-source"),  # "Report: ..."
        # "the report said" names a document someone issued: a source of its own
        ([original("The Ledger"), hearsay("The Post", "the report")], 2, "corroborated"),
    ],
)
def test_independent_originals(records: list[dict], independent: int, status: str) -> None:  # type: ignore[type-arg]
    graph = link_corpus(records)
    (claim,) = graph.claims
    assert (claim.independent_sources, claim.status) == (independent, status)
    assert sum(s.independent for s in claim.sources) == independent


def test_relays_name_the_outlet_they_repeat() -> None:
    graph = link_corpus([original(), relay("The Courier")])
    (claim,) = graph.claims
    courier = [s for s in claim.sources if s.outlet == "The Courier"]
    assert {s.repeats for s in courier} == {"Ledger"} and not any(s.independent for s in courier)
    ledger = [s for s in claim.sources if s.outlet == "The Ledger"]
    assert [s.repeats for s in ledger] == [None] and ledger[0].independent


def test_agentless_passive_anonymous_source_in_a_relaying_document_is_the_relayed_outlets() -> None:
    text = "The mayor will resign, the Ledger reported. Two aides were cited as saying the council knew."
    rec = record(
        text,
        outlet="The Courier",
        published="2025-05-02",
        entities=[Ent("Ledger", "ORG")],
        attributions=[
            Attr("the Ledger", "The mayor will resign", entity="Ledger", kind="organization", cue="reported"),
            Attr(
                "Two aides",
                "the council knew",
                kind="anonymous",
                rule="passive-quoted",
                cue="cited",
                anonymous=ANON,
            ),
        ],
    )
    graph = link_corpus([rec])
    council = next(c for c in graph.claims if "council" in c.summary)
    assert [s.repeats for s in council.sources] == ["Ledger"]


def _source(original: str | None, repeats: str | None = None, stance: str = "asserts") -> ClaimSource:
    return ClaimSource("d#a1", "d", None, "x", "anonymous", stance, "O", repeats, original)  # type: ignore[arg-type]


def test_mark_independent_prefers_the_source_that_does_not_repeat() -> None:
    count, marked = mark_independent(
        [_source("via:L", "L"), _source("via:L"), _source("entity:K", stance="denies")]
    )
    assert count == 1 and [s.independent for s in marked] == [False, True, False]


@pytest.mark.parametrize(
    ("asserted", "disputed", "independent", "status"),
    [
        (True, True, 2, "contested"),
        (False, True, 0, "denied"),
        (True, False, 2, "corroborated"),
        (True, False, 1, "single-source"),
    ],
)
def test_status(asserted: bool, disputed: bool, independent: int, status: str) -> None:
    assert claim_status(asserted=asserted, disputed=disputed, independent=independent) == status


@pytest.mark.parametrize("reports", ["media reports", "reports in England and Spain"])
def test_unnamed_reports_say_so_and_count_for_nothing(reports: str) -> None:
    graph = link_corpus([original(), hearsay("The Post", reports)])
    (claim,) = graph.claims
    (post,) = [s for s in claim.sources if s.outlet == "The Post"]
    assert (post.repeats, post.original, post.independent) == ("unnamed reports", None, False)


def test_two_outlets_quoting_the_police_have_one_source() -> None:
    def police(outlet: str, mention: str) -> dict:  # type: ignore[type-arg]
        return _doc(
            outlet,
            f"The mayor will resign in May, {mention} said.",
            [Attr(mention, "The mayor will resign in May", kind="organization")],
            [],
        )

    graph = link_corpus([police("The Ledger", "Police"), police("The Post", "the police")])
    (claim,) = graph.claims
    assert (claim.independent_sources, claim.status) == (1, "single-source")


def test_a_surname_the_model_missed_is_the_person_the_claims_other_sources_name() -> None:
    full = named("The Gazette", "Ana Ruiz")
    bare = _doc(
        "The Tribune",
        "The mayor will resign in May, Ms. Ruiz said.",
        [Attr("Ms. Ruiz", "The mayor will resign in May", kind="unknown")],  # no entity in this article
        [],
    )
    other = _doc(
        "The Post",
        "The mayor will resign in May, Ruiz said.",
        [Attr("Ruiz", "The mayor will resign in May", kind="unknown")],
        [],
    )
    graph = link_corpus([full, bare, other])
    (claim,) = graph.claims
    assert (claim.independent_sources, claim.status) == (1, "single-source")  # one person, three outlets
    assert {s.name for s in claim.sources} == {"Ana Ruiz"}


def test_two_outlets_each_quoting_a_spokeswoman_have_two_sources() -> None:
    # "a spokeswoman" in each is someone neither article identifies: not one person by her words
    def spokeswoman(outlet: str) -> dict:  # type: ignore[type-arg]
        return _doc(
            outlet,
            f"The mayor will resign in May, a spokeswoman said. ({outlet})",
            [Attr("a spokeswoman", "The mayor will resign in May")],
            [],
        )

    graph = link_corpus([spokeswoman("The Ledger"), spokeswoman("The Post")])
    (claim,) = graph.claims
    assert (claim.independent_sources, claim.status) == (2, "corroborated")
    assert all(s.original and s.original.startswith("via:") for s in claim.sources)  # each its outlet's


def test_a_spokeswoman_passing_on_what_the_body_said_is_not_a_second_source() -> None:
    # "The port authority said ..., a spokeswoman said": the claim is the authority's, relayed
    direct = _doc(
        "The Ledger",
        "The port authority said it was monitoring the situation.",
        [Attr("The port authority", "it was monitoring the situation", kind="organization")],
        [],
    )
    relayed = _doc(
        "The Post",
        "The port authority said it was monitoring the situation, a spokeswoman said.",
        [
            Attr("a spokeswoman", "The port authority said it was monitoring the situation", cue="said"),
            Attr("The port authority", "it was monitoring the situation", kind="organization", parent=0),
        ],
        [],
    )
    graph = link_corpus([direct, relayed])
    (claim,) = graph.claims
    assert (claim.independent_sources, claim.status) == (1, "single-source")
    assert {s.original for s in claim.sources} == {"name:port authority"}


def test_two_papers_running_one_wire_story_are_one_original() -> None:
    # "WASHINGTON (AP) — ..., two Senate aides said": the AP's aides, whichever paper printed the story
    def copy(outlet: str, headline: str) -> dict:  # type: ignore[type-arg]
        text = f"{headline}\n\nWASHINGTON (AP) — The Senate will vote on the bill next week, two aides said."
        rec = _doc(
            outlet,
            text,
            [Attr("two aides", "The Senate will vote on the bill next week", kind="anonymous",
                  anonymous=ANON)],
            [Ent("AP", "ORG")],
        )
        start = text.index("(AP)") + 1
        rec["document"]["wire"] = {"text": "AP", "start": start, "end": start + 2, "entity": "e1"}
        return rec

    graph = link_corpus([copy("The Ledger", "Senate to vote"), copy("The Post", "Vote set for next week")])
    (claim,) = graph.claims
    assert (claim.independent_sources, claim.status) == (1, "single-source")
    assert {s.repeats for s in claim.sources} == {"AP"}
    # the same story reported by two papers of their own (no wire credit) stays two originals
    for rec in (plain := [copy("The Ledger", "Senate to vote"), copy("The Post", "Vote set for next week")]):
        rec["document"]["wire"] = None
    assert link_corpus(plain).claims[0].independent_sources == 2


def test_a_name_the_model_missed_in_one_article_is_the_entity_named_so_elsewhere() -> None:
    named = _doc(
        "The Ledger",
        "Acme Shipping will cut 900 jobs, Acme said.",
        [Attr("Acme", "Acme Shipping will cut 900 jobs", entity="Acme Shipping", kind="organization")],
        [Ent("Acme Shipping", "ORG", ("Acme",))],
    )
    missed = _doc(
        "The Post",
        "Acme Shipping will cut 900 jobs, Acme said on Friday.",
        [Attr("Acme", "Acme Shipping will cut 900 jobs", kind="unknown")],  # no entity in this article
        [],
    )
    graph = link_corpus([named, missed])
    (claim,) = graph.claims
    assert (claim.independent_sources, claim.status) == (1, "single-source")
    assert {s.name for s in claim.sources} == {"Acme Shipping"}


def test_a_headline_restating_its_story_is_no_second_source() -> None:
    title = "Vela insist Delgado is not for sale"
    text = f"{title}\n\nDelgado is not for sale, club president Ramon Ortega said in a statement."
    story = record(
        text,
        outlet="Daily Courier",
        published="2026-07-03",
        title=title,
        entities=[Ent("Vela", "ORG"), Ent("Ramon Ortega", "PERSON")],
        attributions=[
            Attr("Vela", "Delgado is not for sale", entity="Vela", kind="organization", cue="insist"),
            Attr("club president Ramon Ortega", "Delgado is not for sale, club", entity="Ramon Ortega"),
        ],
    )
    (claim,) = link_corpus([story]).claims
    assert (claim.independent_sources, claim.status) == (1, "single-source")
    assert [(s.name, s.independent) for s in claim.sources] == [("Ramon Ortega", True), ("Vela", False)]

