"""Claim grouping: content terms, similarity, blocking, and no grouping across a contradiction."""

from __future__ import annotations

import random

import pytest
from link_records import Attr, Ent, record

from claimgraph.link import link_corpus
from claimgraph.link.claims import (
    GROUP_THRESHOLD,
    Statement,
    Weights,
    build_statements,
    candidate_pairs,
    group_statements,
    similarity,
)
from claimgraph.link.model import Mentions
from claimgraph.link.words import content_terms, stem


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("agreed", "agr"),
        ("agreement", "agr"),
        ("agrees", "agr"),
        ("agree", "agr"),
        ("conversations", "convers"),
        ("talks", "talk"),
        ("talk", "talk"),
        ("is", "is"),
        # a consonant doubled before the suffix: one again, so that "planned" meets "plans"
        ("planned", "plan"),
        ("plans", "plan"),
        ("cutting", "cut"),
        ("called", "call"),
        ("added", "add"),
    ],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_content_terms_drop_function_and_reporting_words() -> None:
    assert content_terms("The officials said that the port has not agreed to the sale") == {
        "official",
        "port",
        "agr",
        "sal",
    }


S = Statement.of
PAIRS = [
    # same proposition, reworded (shared entities and rare words)
    (
        S(
            "The Meridian Port Authority has agreed to sell the North Pier to Calloway Logistics",
            entities={"MPA", "NP", "CL"},
        ),
        S(
            "Calloway Logistics will buy the North Pier from the Meridian Port Authority",
            entities={"MPA", "NP", "CL"},
        ),
        True,
    ),
    (
        S("Calloway Logistics will hire 200 dock workers at the North Pier", entities={"CL", "NP"}),
        S("the company would hire 200 dock workers at the pier"),
        True,
    ),
    # same participants, another proposition
    (
        S("Musk held secret talks with Putin", entities={"M", "P"}),
        S("Putin asked Musk to not activate Starlink over Taiwan", entities={"M", "P", "S", "T"}),
        False,
    ),
    (
        S("The sale would be announced in April"),
        S("The Meridian Port Authority has agreed to sell the North Pier", entities={"MPA", "NP"}),
        False,
    ),
    # the seed's closest pair of different propositions (0.27 in the seed corpus)
    (
        S("Musk and Putin had only one phone call, in which they discussed space", entities={"M", "P"}),
        S("he had discussed space with Putin in April 2021", entities={"M", "P"}),
        False,
    ),
]
# idf over the table, as over a corpus: two statements alone would make every shared word common.
WEIGHTS = Weights.of([s for a, b, _ in PAIRS for s in (a, b)])


@pytest.mark.parametrize(("a", "b", "same"), PAIRS)
def test_similarity_threshold(a: Statement, b: Statement, same: bool) -> None:
    assert (similarity(a, b, WEIGHTS) >= GROUP_THRESHOLD) is same


def test_a_contradiction_is_never_grouped() -> None:
    a = S("The Meridian Port Authority has agreed to sell the North Pier", entities={"MPA", "NP"})
    b = S("No agreement to sell the North Pier has been signed", entities={"NP"})
    assert group_statements([a, b], threshold=0.1) == [[0], [1]]


def test_denials_are_not_grouped_with_assertions() -> None:
    a = S("Musk held secret talks with Putin", entities={"M", "P"})
    b = S("Musk held secret talks with Putin", entities={"M", "P"}, stance="deny")
    assert group_statements([a, b]) == [[0], [1]]


def test_candidate_pairs_only_statements_that_can_be_similar_enough() -> None:
    statements = [S("alpha beta gamma"), S("alpha beta delta"), S("alpha epsilon"), S("zeta theta")]
    weights = Weights.of(statements)
    # 0 and 1 share their two commoner words (similarity 0.43); 2 shares only "alpha", the commonest
    assert similarity(statements[0], statements[1], weights) >= GROUP_THRESHOLD
    assert candidate_pairs(statements, weights) == {(0, 1)}


def test_candidate_pairs_lose_no_pair_that_reaches_the_threshold() -> None:
    rng = random.Random(7)
    vocabulary = [f"word{k}" for k in range(14)]
    statements = [S(" ".join(rng.sample(vocabulary, rng.randint(1, 5)))) for _ in range(120)]
    weights = Weights.of(statements)
    for threshold in (0.3, 0.4, 0.6):
        similar = {
            (i, j)
            for i in range(len(statements))
            for j in range(i + 1, len(statements))
            if similarity(statements[i], statements[j], weights) >= threshold
        }
        candidates = candidate_pairs(statements, weights, threshold)
        assert similar and similar <= candidates
        assert len(candidates) < len(statements) * (len(statements) - 1) // 2  # not every pair


def test_blocking_keeps_grouping_subquadratic() -> None:
    statements = [S(f"word{i} other{i} thing{i}") for i in range(400)]
    assert candidate_pairs(statements, Weights.of(statements)) == set()
    assert len(group_statements(statements)) == 400


def test_statements_keep_cited_children_and_continuations_but_not_nested_speech() -> None:
    text = (
        "The port has agreed to sell the pier, the Harbor Ledger reported, citing two officials. "
        "“It is done,” Reyes said. “We signed.”"
    )
    rec = record(
        text,
        outlet="Bay Courier",
        published="2025-03-04",
        entities=[Ent("Harbor Ledger", "ORG"), Ent("Reyes", "PERSON")],
        attributions=[
            Attr(
                "the Harbor Ledger",
                "The port has agreed to sell the pier",
                entity="Harbor Ledger",
                kind="organization",
                cue="reported",
            ),
            Attr(
                "two officials",
                "The port has agreed to sell the pier",
                kind="anonymous",
                parent=0,
                rule="citing",
                cue="citing",
            ),
            Attr(
                "The port", "to sell the pier", kind="organization", parent=0, rule="complement", cue="agreed"
            ),
            Attr("Reyes", "“It is done,”", entity="Reyes"),
            Attr(None, "“We signed.”", kind="implicit", continues=3, rule="continuation"),
        ],
    )
    first, second = build_statements(rec, {})
    assert [a["id"] for a in first.cited] == ["a2"]  # a3 ("agreed to") is nested, not cited
    assert second.text == "“It is done,” “We signed.”" and second.refs[-1].endswith("#a5")


def test_mentions_within_spans_match_the_plain_definition() -> None:
    rng = random.Random(3)
    for _ in range(200):
        mentions = []
        for _k in range(rng.randint(0, 12)):
            start = rng.randint(0, 90)
            mentions.append({"start": start, "end": start + rng.randint(1, 12)})
        entities = [{"id": f"e{k}", "mentions": [m]} for k, m in enumerate(mentions)]
        record = {"document": {"id": "d"}, "entities": entities}
        entity_of = {f"d#e{k}": f"E{k % 4}" for k in range(len(mentions)) if k % 5}  # some unresolved
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 100) for _ in range(rng.randint(0, 3)))]
        plain = {
            entity_of[f"d#e{k}"]
            for k, m in enumerate(mentions)
            if f"d#e{k}" in entity_of and any(s <= m["start"] and m["end"] <= t for s, t in spans)
        }
        assert Mentions(record, entity_of).within(spans) == plain


def test_an_attribution_with_a_negated_cue_is_no_statement() -> None:
    text = "The Kremlin denied the report. The ministry did not deny the report. Peskov said they met."
    rec = record(
        text,
        outlet="Daily",
        published="2024-10-25",
        attributions=[
            Attr("The Kremlin", "the report", kind="organization", stance="deny", cue="denied"),
            Attr("The ministry", "the report", kind="organization", cue="did not deny", negated=True),
            Attr("Peskov", "they met"),
        ],
    )
    statements = build_statements(rec, {})
    assert [(s.top["id"], s.denial) for s in statements] == [("a1", True), ("a3", False)]


def _cause(owner_says: str) -> dict:  # type: ignore[type-arg]
    """An article where officials give the blast's cause and the plant's owner says `owner_says`."""
    officials = "the explosion at the chemical plant was caused by a gas leak"
    return record(
        f"Officials said {officials}. The plant's owner said {owner_says}.",
        outlet="The Courier",
        published="2025-05-03",
        attributions=[
            Attr("Officials", officials, kind="unknown"),
            Attr("The plant's owner", owner_says, cue="said"),
        ],
    )


def test_similar_statements_that_contradict_are_two_claims_that_dispute_each_other() -> None:
    from claimgraph.link import link_corpus

    # no named entity in either: similar words alone make them about one thing
    graph = link_corpus([_cause("the explosion at the plant was not caused by a gas leak")])
    assert sorted(c.status for c in graph.claims) == ["contested", "contested"]
    first, second = graph.claims
    assert [d.by for d in first.disputes] == [second.id] and [d.by for d in second.disputes] == [first.id]
    assert first.disputes[0].reason.startswith("negation:")
    assert {s.stance for s in first.sources} == {"asserts", "contradicts"}


def test_what_happened_in_march_and_in_april_are_two_claims() -> None:
    from claimgraph.link import link_corpus

    def report(outlet: str, month: str, value: str) -> dict:  # type: ignore[type-arg]
        text = f"Sales at the chain rose 5% in {month}, the company said."
        return record(
            text,
            outlet=outlet,
            published="2025-05-02",
            attributions=[Attr("the company", f"Sales at the chain rose 5% in {month}", kind="organization",
                               times=((month, value, "content"),))],
        )

    graph = link_corpus([report("The Ledger", "March", "2025-03"), report("The Post", "April", "2025-04"),
                         report("The Sun", "March", "2025-03")])
    assert sorted(len(c.sources) for c in graph.claims) == [1, 2]  # March twice, April once
    assert all(not c.disputes for c in graph.claims)  # two months, no contradiction


def test_similar_statements_one_of_them_negated_are_never_one_claim() -> None:
    from claimgraph.link import link_corpus

    toll = record(
        "At least 12 people were killed in the explosion at the chemical plant, police said.",
        outlet="The Ledger",
        published="2025-05-02",
        attributions=[Attr("police", "At least 12 people were killed in the explosion at the chemical plant",
                           kind="organization")],
    )
    # few words in common: two claims, and no dispute the rules can vouch for
    graph = link_corpus([toll, _cause("the blast was not caused by a gas leak")])
    leak = [c for c in graph.claims if "leak" in c.summary]
    assert len(leak) == 2 and all(c.status == "single-source" for c in leak)


def test_an_assertion_of_a_mere_thing_is_no_statement() -> None:
    text = ("Apple wants Fanstream. Others welcomed the idea. Prices rose. The Kremlin denied the report. "
            "Analysts expected 3%. Critics mocked Trump's answers.")
    rec = record(
        text,
        outlet="Daily",
        published="2024-10-25",
        attributions=[
            Attr("Apple", "Fanstream", kind="organization", cue="wants"),
            Attr("Others", "the idea", kind="unknown", cue="welcomed"),
            Attr(None, "Prices rose", kind="implicit"),  # two words, a proposition
            Attr("The Kremlin", "the report", kind="organization", stance="deny", cue="denied"),  # a denial
            Attr("Analysts", "3%", kind="anonymous", cue="expected"),  # a number
            Attr("Critics", "Trump's answers", kind="anonymous", cue="mocked"),  # a thing, after a possessive
        ],
    )
    assert [s.text for s in build_statements(rec, {})] == ["Prices rose", "the report", "3%"]


def test_a_business_by_name_and_by_its_own_pronoun_or_description_makes_one_claim() -> None:
    # "the company" is a mention of Acme Shipping, and "it" opening what Acme said is Acme: the claims
    # weigh the entity once, not its name's words beside it
    ledger = record(
        "Acme Shipping plans to cut about 900 jobs at its Newport port next year, two people said.",
        outlet="The Ledger",
        published="2025-05-01",
        entities=[Ent("Acme Shipping", "ORG"), Ent("Newport", "GPE")],
        attributions=[
            Attr("two people", "Acme Shipping plans to cut about 900 jobs at its Newport port next year",
                 kind="anonymous"),
        ],
    )
    courier = record(
        "The Ledger reported that the company would cut about 900 jobs next year.",
        outlet="The Courier",
        published="2025-05-02",
        entities=[Ent("Acme Shipping", "ORG", ("the company",)), Ent("Ledger", "ORG")],
        attributions=[
            Attr("The Ledger", "the company would cut about 900 jobs next year", entity="Ledger",
                 kind="organization", cue="reported"),
        ],
    )
    post = record(
        "Acme Shipping said it would cut about 900 jobs at the Newport port.",
        outlet="The Post",
        published="2025-05-03",
        entities=[Ent("Acme Shipping", "ORG"), Ent("Newport", "ORG")],  # typed a business here
        attributions=[
            Attr("Acme Shipping", "it would cut about 900 jobs at the Newport port", entity="Acme Shipping",
                 kind="organization"),
        ],
    )
    graph = link_corpus([ledger, courier, post])
    assert len(graph.claims) == 1
    (newport,) = [e for e in graph.entities if e.name == "Newport"]
    assert (newport.type, newport.documents) == ("GPE", 2)


def test_a_refusal_is_no_claim_and_no_denial() -> None:
    text = "A judge denied the request to unseal the file. The company denied the report."
    rec = record(
        text,
        outlet="Daily",
        published="2024-10-25",
        attributions=[
            Attr("A judge", "the request to unseal the file", cue="denied"),  # stance assert: a refusal
            Attr("The company", "the report", kind="organization", stance="deny", cue="denied"),
        ],
    )
    assert [s.text for s in build_statements(rec, {})] == ["the report"]
