"""Contradiction rules and denial linking, as tables."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from link_records import Attr, Ent, record

from claimgraph.link import link_corpus
from claimgraph.link.claims import Statement, Weights, similarity
from claimgraph.link.disputes import (
    DENIAL_THRESHOLD,
    ClaimIndex,
    ClaimView,
    count_clash,
    count_contradictions,
    denial_targets,
    find_contradiction,
    is_generic,
)

S = Statement.of
MP = {"musk", "putin"}

CONTRADICTIONS = [
    # quantity
    (
        "Musk and Putin had only one phone call",
        MP,
        "the billionaire was having regular conversations with Putin's deputy",
        MP,
        "quantity: 'only one' vs 'regular'",
    ),
    (
        "Putin had only one conversation with Musk",
        MP,
        "Musk spoke with Putin several times",
        MP,
        "quantity: 'only one' vs 'several'",
    ),
    (
        "Musk met Putin just once",
        MP,
        "Musk repeatedly met Putin",
        MP,
        "quantity: 'just once' vs 'repeatedly'",
    ),
    ("Musk and Putin had only one phone call", MP, "Putin had only one call with Musk", MP, None),
    (
        "Musk and Putin had only one phone call",
        MP,
        "Trump held regular rallies",
        {"trump"},
        None,
    ),  # not the same thing
    # negation
    (
        "No agreement to sell the North Pier has been signed",
        {"pier"},
        "The Port Authority has agreed to sell the North Pier",
        {"pier", "port"},
        "negation",
    ),
    (
        "Putin asked Musk to not activate Starlink over Taiwan",
        MP | {"starlink", "taiwan"},
        "Musk held secret talks with Putin throughout the war in Ukraine",
        MP | {"ukraine"},
        None,
    ),
    (
        "The minister never met the envoy in Paris",
        {"minister", "envoy"},
        "The minister met the envoy in Paris",
        {"minister", "envoy"},
        "negation",
    ),
    ("The minister did not resign", {"minister"}, "The minister resigned", {"minister"}, "negation"),
    # time
    (
        "it happened before 2022",
        MP,
        "the talks took place from October 2022",
        MP,
        "time: 'before 2022' vs '2022-10'",
    ),
    ("it happened before 2022", MP, "he discussed space with Putin in April 2021", MP, None),
    ("they spoke after 2023", MP, "they spoke with Musk in 2021", MP, "time"),
]
TIMES = {
    "before 2022": "< 2022",
    "October 2022": "2022-10",
    "April 2021": "2021-04",
    "after 2023": "> 2023",
    "in 2021": "2021",
}


def _statement(text: str, entities: set[str]) -> Statement:
    times = [TIMES[k] for k in TIMES if k in text]
    return S(text, entities=entities, times=times)


@pytest.mark.parametrize(("a", "ea", "b", "eb", "expected"), CONTRADICTIONS)
def test_contradiction_rules(a: str, ea: set[str], b: str, eb: set[str], expected: str | None) -> None:
    found = find_contradiction(_statement(a, ea), _statement(b, eb))
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected.split(":")[0] in found
        if ":" in expected and "quantity" in expected:
            assert expected in found
        # symmetric
        assert find_contradiction(_statement(b, eb), _statement(a, ea)) is not None


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("the allegations in WSJ’s report", True),
        ("“It’s all untrue.”", True),
        ("the Harbor Ledger's report", True),
        ("that it had agreed to sell the North Pier", False),
        # one word besides "report" states no proposition
        ("layoff report", True),
        ("it happened", True),
    ],
)
def test_generic_denials(text: str, generic: bool) -> None:
    assert is_generic(S(text), ["WSJ", "Harbor Ledger"]) is generic


def _view(cid: str, statements: list[Statement], originals: set[str]) -> ClaimView:
    return ClaimView(
        cid,
        tuple(statements),
        frozenset(originals),
        frozenset(s.document for s in statements),
        tuple(s.published for s in statements if s.published),
    )


def test_denial_naming_an_outlet_denies_that_outlets_claims_of_the_story() -> None:
    wsj_claim = _view(
        "C1", [S("Musk held talks with Putin", entities={"musk", "putin"}, document="d1")], {"WSJ"}
    )
    other = _view("C2", [S("Musk said he discussed space", entities={"musk"}, document="d1")], set())
    denial = S("the allegations in WSJ's report", entities={"WSJ"}, document="d1", stance="deny")
    links = denial_targets(
        denial,
        [wsj_claim, other],
        media=frozenset({"WSJ"}),
        document_entities={},
        cited_outlets={},
        outlet_names={"WSJ": "The Wall Street Journal"},
    )
    assert [link.claim for link in links] == ["C1"]
    assert "The Wall Street Journal" in links[0].reason


def test_denial_in_another_document_needs_the_same_story() -> None:
    claim = _view(
        "C1", [S("the port agreed to sell the pier", entities={"port", "pier"}, document="d1")], {"LEDGER"}
    )
    denial = S("the Harbor Ledger's report", entities={"LEDGER"}, document="d2", stance="deny")
    same = {"d1": frozenset({"port", "pier", "LEDGER"}), "d2": frozenset({"port", "pier", "LEDGER"})}
    other = {"d1": frozenset({"port", "pier", "LEDGER"}), "d2": frozenset({"mayor", "LEDGER"})}
    names = {"LEDGER": "Harbor Ledger"}
    kwargs = {"media": frozenset({"LEDGER"}), "cited_outlets": {}, "outlet_names": names}
    assert denial_targets(denial, [claim], document_entities=same, **kwargs)  # type: ignore[arg-type]
    assert not denial_targets(denial, [claim], document_entities=other, **kwargs)  # type: ignore[arg-type]


def test_propositional_denial_links_by_content() -> None:
    claim = _view(
        "C1", [S("The Port Authority agreed to sell the North Pier to Calloway", document="d1")], set()
    )
    denial = S("that it had agreed to sell the North Pier", document="d2", stance="deny")
    assert [
        link.claim
        for link in denial_targets(denial, [claim], media=frozenset(), document_entities={}, cited_outlets={})
    ] == ["C1"]


def test_a_denial_does_not_deny_a_claim_that_already_says_it_negated() -> None:
    plan = _view(
        "C1", [S("Atlantic Terminals plans to cut 900 jobs at the Newport port", document="d1")], set()
    )
    no_plan = _view("C2", [S("There is no plan to cut jobs at the Newport port", document="d2")], set())
    denial = S("a report that it plans to cut 900 jobs at the Newport port", document="d2", stance="deny")
    links = denial_targets(denial, [plan, no_plan], media=frozenset(), document_entities={}, cited_outlets={})
    assert [link.claim for link in links] == ["C1"]


def test_a_short_denial_about_the_denier_denies_the_claim_about_it_that_holds_its_words() -> None:
    # "Acme denied it plans any cuts": "it" is Acme; the claim about Acme holds "plan" and "cut", though
    # it says much more (weighted Jaccard under the threshold)
    claim = _view(
        "C1",
        [S("Acme plans to cut about 900 jobs at its Newport container port next year",
           entities={"acme", "newport"}, document="d1")],
        set(),
    )
    strike = _view("C2", [S("the union will strike over plans to cut jobs", document="d1")], set())
    denial = S("it plans any cuts", entities={"acme"}, document="d2", stance="deny")
    story = {"d1": frozenset({"acme", "newport", "union"}), "d2": frozenset({"acme", "newport"})}
    elsewhere = {"d1": frozenset({"acme", "newport"}), "d2": frozenset({"acme", "springfield"})}
    kwargs = {"media": frozenset(), "cited_outlets": {}}
    links = denial_targets(denial, [claim, strike], document_entities=story, **kwargs)  # type: ignore[arg-type]
    assert [link.claim for link in links] == ["C1"]
    assert not denial_targets(denial, [claim], document_entities=elsewhere, **kwargs)  # type: ignore[arg-type]


def test_a_denial_of_nothing_we_have_links_nothing() -> None:
    denial = S("that it had agreed to sell the South Pier", document="d2", stance="deny")
    assert denial_targets(denial, [], media=frozenset(), document_entities={}, cited_outlets={}) == []


def test_claim_index_offers_every_claim_a_denial_can_be_similar_to() -> None:
    rng = random.Random(11)
    vocabulary = [f"word{k}" for k in range(12)]

    def statement(k: int, stance: str = "assert") -> Statement:
        words = rng.sample(vocabulary, rng.randint(1, 4))
        return Statement.of(" ".join(words), document=f"d{k}", stance=stance)

    claims = [
        ClaimView(f"C{k}", tuple(statement(k) for _ in range(1 + k % 2)), frozenset(), frozenset(), ())
        for k in range(80)
    ]
    denials = [statement(100 + k, "deny") for k in range(30)]
    weights = Weights.of([s for c in claims for s in c.statements] + denials)
    index = ClaimIndex(claims, weights)
    offered = found = 0
    for denial in denials:
        similar = [
            c for c in claims if max(similarity(denial, s, weights) for s in c.statements) >= DENIAL_THRESHOLD
        ]
        candidates = index.candidates(denial)
        assert set(map(id, similar)) <= set(map(id, candidates))
        assert candidates == [c for c in claims if any(c is x for x in candidates)]  # in the claims' order
        offered += len(candidates)
        found += len(similar)
    assert 0 < found <= offered < len(claims) * len(denials)  # not every claim for every denial


@pytest.mark.parametrize(
    ("claim_dates", "denial_date", "same_story"),
    [
        (["2024-10-01"], "2024-10-31", True),  # 30 days: the edge of the story window
        (["2024-10-01"], "2024-11-01", False),
        (["2024-10-01"], "2024-09-01", True),
        (["2024-10-01"], "2024-08-31", False),
        (["2024-01-01", "2024-06-01", "2024-10-20"], "2024-11-05", True),  # near one of them
        (["2024-01-01", "2024-06-01"], "2024-11-05", False),
        (["2024-01-01", "someday"], "2024-11-05", True),  # a date that is not one: it may be close
        (["2024-01-01T10:00:00+00:00"], "2024-01-30", True),  # a timestamp counts by its date
        (["2024-01-01"], None, True),  # an undated denial: nothing says it is another story
    ],
)
def test_a_denial_elsewhere_is_of_the_same_story_within_the_window(
    claim_dates: list[str], denial_date: str | None, same_story: bool
) -> None:
    statements = [
        replace(S("the port agreed to sell the pier", entities={"port", "pier"}, document=f"d{k}"),
                published=date)
        for k, date in enumerate(claim_dates)
    ]
    claim = _view("C1", statements, {"LEDGER"})
    denial = replace(S("the Harbor Ledger's report", entities={"LEDGER"}, document="dx", stance="deny"),
                     published=denial_date)
    both = frozenset({"port", "pier", "LEDGER"})
    entities = {**{s.document: both for s in statements}, "dx": both}
    links = denial_targets(denial, [claim], media=frozenset({"LEDGER"}), document_entities=entities,
                           cited_outlets={}, outlet_names={"LEDGER": "Harbor Ledger"})
    assert bool(links) is same_story


def test_an_outlet_denial_finds_the_same_claims_through_the_index() -> None:
    rng = random.Random(5)
    outlets = ["WSJ", "AP", "REUTERS"]
    claims = [
        _view(
            f"C{k}",
            [replace(S(f"claim number {k} about the pier", entities={"pier", "port"}, document=f"d{k % 7}"),
                     published=f"2024-{1 + k % 12:02d}-01")],
            set(rng.sample(outlets, rng.randint(0, 2))),
        )
        for k in range(60)
    ]
    media = frozenset(outlets)
    entities = {f"d{k}": frozenset({"pier", "port"}) for k in range(7)} | {"dx": frozenset({"pier", "port"})}
    weights = Weights.of([s for c in claims for s in c.statements])
    index = ClaimIndex(claims, weights)
    linked = 0
    for outlet in outlets:
        denial = replace(S(f"the {outlet} report", entities={outlet}, document="dx", stance="deny"),
                         published="2024-05-20")
        kwargs = {"media": media, "document_entities": entities, "cited_outlets": {}, "weights": weights,
                  "outlet_names": {o: o for o in outlets}}
        plain = denial_targets(denial, claims, **kwargs)  # type: ignore[arg-type]
        indexed = denial_targets(denial, claims, index=index, **kwargs)  # type: ignore[arg-type]
        assert plain == indexed  # same claims, same order, same reasons
        linked += len(plain)
    assert 0 < linked < len(claims)  # some claims of the story, not every claim


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("12 people were killed in the blast", "15 people were killed in the blast", "number: 12 vs 15"),
        ("Twelve people were killed in the blast", "12 people were killed in the blast", None),
        ("At least 12 people were killed in it", "15 people were killed in it", None),  # a bound
        ("1,200 workers lost their jobs", "1,500 workers lost their jobs", "number: 1,200 vs 1,500 workers"),
        ("the plant lost $12 billion in 2023", "the plant lost $15 billion in 2024", None),  # amounts, years
        # a qualified number allows a range: "about" is roughly it, "at least" and "more than" bound it
        ("about 12,000 gallons of solvent leaked", "only 3,000 gallons of solvent leaked",
         "number: about 12,000 vs only 3,000 gallons"),
        ("about 12,000 gallons of solvent leaked", "11,000 gallons of solvent leaked", None),
        ("at least 12 people were killed in it", "10 people were killed in it",
         "number: at least 12 vs 10 people"),
        ("more than 40 people were hurt in it", "40 people were hurt in it",
         "number: more than 40 vs 40 people"),
        ("fewer than 30 people were hurt in it", "12 people were hurt in it", None),
        # a number in millions
        ("about 2 million customers were hit", "5 million customers were hit",
         "number: about 2 million vs 5 million customers"),
        ("about 2 million customers were hit", "2.1 million customers were hit", None),
        # an increment is not the total, and a share or a margin is no count
        ("900 more jobs will go", "300 jobs will go", None),
        ("one-third of voters back her", "two-thirds of voters back her", None),
        ("she leads by 13 points in it", "she leads by 6 points in it", None),
    ],
)
def test_similar_statements_that_count_differently_contradict(a: str, b: str, expected: str | None) -> None:
    # the number rule is for statements claim grouping found similar; it never fires on its own
    assert find_contradiction(S(a), S(b)) is None
    found = find_contradiction(S(a), S(b), similar=True)
    assert found == expected if expected is None else expected in (found or "")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a short statement that says nothing the other does not
        ("About 12,000 gallons of solvent leaked into the Mill River on Sunday", "only 3,000 gallons leaked",
         "number: about 12,000 vs only 3,000 gallons"),
        # ... not one that says more of its own (another place, another poll)
        ("About 12,000 gallons of solvent leaked into the Mill River", "3,000 gallons leaked into a creek",
         None),
        # ... nor what may happen against what did
        ("Acme cut 300 jobs at the plant", "Acme plans to cut 900 jobs at the plant", None),
        # ... nor a count the two do not share in words besides its noun
        ("12 people were killed", "3 people were injured", None),
    ],
)
def test_statements_of_a_story_that_count_the_same_thing_differently(
    a: str, b: str, expected: str | None
) -> None:
    assert count_clash(S(a), S(b)) == expected
    assert (count_clash(S(b), S(a)) is None) == (expected is None)  # either way round


def test_count_contradictions_are_within_one_story() -> None:
    gazette = replace(S("About 12,000 gallons of solvent leaked into the Mill River", document="d1"),
                      published="2026-11-17")
    ledger = replace(S("only 3,000 gallons leaked", document="d2"), published="2026-11-18")
    months_later = replace(S("only 3,000 gallons leaked", document="d3"), published="2027-03-01")
    elsewhere = replace(S("only 3,000 gallons leaked", document="d4"), published="2026-11-18")
    story = frozenset({"halvorsen", "mill river", "ohio epa"})
    entities = {"d1": story, "d2": story, "d3": story, "d4": frozenset({"halvorsen", "acme"})}
    pairs = count_contradictions([gazette, ledger, months_later, elsewhere], entities, frozenset())
    assert pairs == [(0, 1, "number: about 12,000 vs only 3,000 gallons")]


def test_a_denial_of_a_figure_denies_the_claims_stating_it() -> None:
    epa = _view("C1", [S("the leak had released about 12,000 gallons", entities={"epa"}, document="d1")],
                set())
    other = _view("C2", [S("only 3,000 gallons leaked", entities={"halvorsen"}, document="d1")], set())
    denial = S("The 12,000-gallon figure is simply wrong", document="d1", stance="deny")
    kwargs = {"media": frozenset(), "document_entities": {}, "cited_outlets": {}}
    links = denial_targets(denial, [epa, other], **kwargs)  # type: ignore[arg-type]
    assert [(link.claim, link.reason) for link in links] == [("C1", "denies the count (12,000 gallon)")]
    index = ClaimIndex([epa, other], Weights.of([denial, *epa.statements, *other.statements]))
    assert denial_targets(denial, [epa, other], index=index, **kwargs) == links  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("the blast was not caused by a gas leak", True),
        ("she didn't send the emails", True),
        # a contrastive "not" names what the statement is not, and negates nothing it says
        ("Clinton is a work horse, not a show horse", False),
        ("Cruz is not only right on the issues, he is also electable", False),
        ("Not one, but two Republican candidates would defeat her", False),
        ("I was born at night but not last night", False),
        # a double negative asserts
        ("she won't rule out a female running mate", False),
        ("There is no doubt that he lied", False),
    ],
)
def test_a_contrastive_not_is_no_negation(text: str, negated: bool) -> None:
    from claimgraph.link.words import has_negation

    assert has_negation(text) is negated
    # and so no contradiction with the plain statement
    plain, contrast = S("Clinton is a work horse", entities={"clinton"}), S(text, entities={"clinton"})
    if not negated:
        assert "negation" not in (find_contradiction(plain, contrast, similar=True) or "")


def test_denying_that_denies_what_was_said_just_before_not_the_deniers_own_words() -> None:
    text = (
        "The United Auto Workers said Acme will cut 800 jobs at the plant. Eric Welter said the company told "
        "union leaders a second shift would be eliminated. Acme denied that, saying the second shift would "
        "continue."
    )
    rec = record(
        text,
        outlet="Flint Journal",
        published="2026-03-03",
        entities=[Ent("Acme", "ORG"), Ent("Eric Welter", "PERSON"), Ent("United Auto Workers", "ORG")],
        attributions=[
            Attr("The United Auto Workers", "Acme will cut 800 jobs at the plant",
                 entity="United Auto Workers", kind="organization"),
            Attr("Eric Welter", "the company told union leaders a second shift would be eliminated",
                 entity="Eric Welter"),
            Attr("Acme", "that", entity="Acme", kind="organization", stance="deny", cue="denied"),
            Attr("Acme", "the second shift would continue", entity="Acme", kind="organization", cue="saying"),
        ],
    )
    graph = link_corpus([rec])
    disputed = {c.summary for c in graph.claims if any(d.kind == "denial" for d in c.disputes)}
    assert disputed == {"the company told union leaders a second shift would be eliminated"}


def test_denying_the_report_denies_what_was_reported_before_not_the_deniers_spokesman() -> None:
    text = (
        "At least three people were killed in a drone attack near Kharkiv, Ukrainian officials said. "
        "The Kremlin denied the report. Kremlin spokesman Dmitry Peskov said Russia only strikes military "
        "targets. The attack was the third this month, according to the energy ministry."
    )
    rec = record(
        text,
        outlet="Daily Ledger",
        published="2026-10-01",
        entities=[Ent("Kremlin", "ORG"), Ent("Dmitry Peskov", "PERSON")],
        attributions=[
            Attr("Ukrainian officials", "At least three people were killed in a drone attack near Kharkiv",
                 kind="anonymous"),
            Attr("The Kremlin", "the report", entity="Kremlin", kind="organization", stance="deny",
                 cue="denied"),
            Attr("Kremlin spokesman Dmitry Peskov", "Russia only strikes military targets",
                 entity="Dmitry Peskov"),
            Attr("the energy ministry", "The attack was the third this month", kind="organization",
                 cue="according to"),
        ],
    )
    graph = link_corpus([rec])
    disputed = {c.summary for c in graph.claims if any(d.kind == "denial" for d in c.disputes)}
    assert disputed == {"At least three people were killed in a drone attack near Kharkiv"}


def test_a_generic_denial_denies_what_its_document_relays_from_the_outlets_it_cites() -> None:
    relayed = _view("C1", [S("Acme will cut 900 jobs", entities={"acme", "newport"}, document="d2")], {"AP"})
    elsewhere = _view(
        "C2", [S("Newport voters back the mayor", entities={"newport", "mayor"}, document="d1")], {"AP"}
    )
    story = {"d1": frozenset({"acme", "newport", "mayor"}), "d2": frozenset({"acme", "newport", "mayor"})}
    cited = {"d2": frozenset({"AP"})}
    kwargs = {"media": frozenset({"AP"}), "document_entities": story, "cited_outlets": cited}
    generic = S("the report", document="d2", stance="deny")
    links = denial_targets(generic, [relayed, elsewhere], **kwargs)  # type: ignore[arg-type]
    assert [link.claim for link in links] == ["C1"]
    # a denial of a proposition no claim states links nothing through the outlets its document cites
    unmatched = S("that it ever sold the pier", document="d2", stance="deny")
    assert denial_targets(unmatched, [relayed, elsewhere], **kwargs) == []  # type: ignore[arg-type]


def test_a_denial_naming_an_outlet_and_saying_more_denies_that_outlets_claims_on_it() -> None:
    donors = S("half of the donors Clinton met gave to the foundation", entities={"clinton"}, document="d1")
    meetings = _view("C1", [donors], {"AP"})
    poll = _view("C2", [S("Clinton leads by 5 points in Ohio", entities={"clinton", "ohio"}, document="d1")],
                 {"AP"})
    denial = S("the AP report was misleading because it left out hundreds of meetings with donors",
               entities={"AP", "clinton"}, document="d2", stance="deny")
    story = {"d1": frozenset({"clinton", "ohio", "foundation"}), "d2": frozenset({"clinton", "ohio"})}
    links = denial_targets(denial, [meetings, poll], media=frozenset({"AP"}), document_entities=story,
                           cited_outlets={}, outlet_names={"AP": "AP"})
    assert [link.claim for link in links] == ["C1"]


def test_a_denial_about_the_denier_denies_claims_about_it_only() -> None:
    # "Acme denied a report that it plans to cut 900 jobs": not the union's threat over those plans
    plan = _view("C1", [S("Acme plans to cut about 900 jobs at the port", entities={"acme"}, document="d1")],
                 set())
    threat = _view("C2", [S("the union will strike over reported plans to cut 900 jobs at the port",
                            document="d2")], set())
    denial = S("a report that it plans to cut 900 jobs at the port", entities={"acme"}, document="d3",
               stance="deny", source_entity="acme")
    links = denial_targets(denial, [plan, threat], media=frozenset(), document_entities={}, cited_outlets={})
    assert [link.claim for link in links] == ["C1"]


def test_calling_someones_plan_a_fantasy_denies_their_claims_not_the_rest_of_the_story() -> None:
    text = (
        "Gov. Ellen Marsh said the state budget would be balanced without new taxes. The Legislative Budget "
        "Office projected a $1.2 billion shortfall in 2027. Tom Ruiz called the governor's plan a fantasy."
    )
    rec = record(
        text,
        outlet="Capital Ledger",
        published="2026-03-10",
        entities=[
            Ent("Ellen Marsh", "PERSON", mentions=("the governor",)),
            Ent("Legislative Budget Office", "ORG"),
            Ent("Tom Ruiz", "PERSON"),
        ],
        attributions=[
            Attr("Gov. Ellen Marsh", "the state budget would be balanced without new taxes",
                 entity="Ellen Marsh"),
            Attr("The Legislative Budget Office", "a $1.2 billion shortfall in 2027",
                 entity="Legislative Budget Office", kind="organization", cue="projected"),
            Attr("Tom Ruiz", "the governor's plan a fantasy", entity="Tom Ruiz", stance="deny", cue="called"),
        ],
    )
    graph = link_corpus([rec])
    disputed = {c.summary for c in graph.claims if any(d.kind == "denial" for d in c.disputes)}
    assert disputed == {"the state budget would be balanced without new taxes"}
