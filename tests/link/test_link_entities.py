"""Entity resolution across documents: the merge rules as tables, overrides, ids."""

from __future__ import annotations

import pytest
from link_records import Ent, record

from claimgraph.link.entities import initials, looks_like_media, match_names, resolve_entities
from claimgraph.link.model import EntityOverrides
from claimgraph.link.words import name_key


@pytest.mark.parametrize(
    ("a", "b", "kind", "merged"),
    [
        ("Dmitri Peskov", "Dmitry Peskov", "PERSON", True),  # transliteration
        ("Sergei Kiriyenko", "Sergey Kiriyenko", "PERSON", True),
        ("Alexei Navalny", "Alexey Navalny", "PERSON", True),
        ("Vladimir Putin", "Vladimir Putn", "PERSON", True),  # typo
        ("John Smith", "Jane Smith", "PERSON", False),  # different given names (80 < 90)
        ("Mark Smith", "Mary Smith", "PERSON", False),  # 90 overall, but given names at 75
        ("Dan Smith", "Don Smith", "PERSON", False),
        ("Donald Trump", "Donald Trump Jr", "PERSON", False),  # a subset: never by spelling
        ("Meridian Port Authority", "Meridian Port Authorities", "ORG", True),
        ("Meridian Gazette", "Meridian Port Authority", "ORG", False),
        ("Elon Musk", "Musk", "PERSON", False),  # surnames are decided corpus-wide
    ],
)
def test_spelling_rule(a: str, b: str, kind: str, merged: bool) -> None:
    assert (match_names(a, b, kind) is not None) is merged


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Wall Street Journal", "wall street journal"),
        ("the Harbor Ledger's", "harbor ledger"),
        ("U.S.", "us"),
        ("Dmitri Peskóv", "dmitri peskov"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("name", "mentions", "media"),
    [
        ("Wall Street Journal", (), True),
        ("Harbor Ledger", (), True),
        ("Reuters", (), True),
        ("Acme Shipping", ("the newspaper",), True),  # called "the newspaper" in its own document
        ("Kremlin", (), False),
        ("Calloway Logistics", ("the company",), False),
        ("Xinhua News Agency", (), True),
        ("Daily Express", (), True),
        # a government agency and a bank are no outlets, though outlets' names end in the same words
        ("International Atomic Energy Agency", (), False),
        ("American Express", (), False),
        ("Occupational Safety and Health Administration", ("the agency",), False),
    ],
)
def test_media(name: str, mentions: tuple[str, ...], media: bool) -> None:
    assert looks_like_media(name, mentions) is media


def test_initials_skip_function_words() -> None:
    assert initials("The Wall Street Journal") == "wsj"
    assert initials("Bank of England") == "be"


def _corpus(*docs: list[Ent]) -> list[dict]:  # type: ignore[type-arg]
    out = []
    for i, ents in enumerate(docs):
        text = f"Document {i}: " + "; ".join(m for e in ents for m in (e.name, *e.mentions)) + "."
        out.append(record(text, outlet=None, published=f"2024-10-{20 + i}", entities=ents))
    return out


def _clusters(records: list[dict], overrides: EntityOverrides | None = None) -> set[frozenset[str]]:  # type: ignore[type-arg]
    res = resolve_entities(records, overrides=overrides)
    names = {}
    for rec in records:
        for e in rec["entities"]:
            names[f"{rec['document']['id']}#{e['id']}"] = e["name"]
    return {frozenset(names[m] for m in e.members if m in names) for e in res.entities}


def test_aliases_surnames_initialisms_and_short_names_merge() -> None:
    records = _corpus(
        [
            Ent("Elon Musk", "PERSON", ("Musk", "the billionaire")),
            Ent("Wall Street Journal", "ORG", ("WSJ",)),
        ],
        [Ent("Musk", "PERSON"), Ent("WSJ", "ORG"), Ent("Calloway Logistics", "ORG")],
        [Ent("Journal", "ORG"), Ent("Calloway", "ORG"), Ent("Dmitri Peskov", "PERSON")],
        [Ent("Dmitry Peskov", "PERSON")],
    )
    assert _clusters(records) == {
        frozenset({"Elon Musk", "Musk"}),
        frozenset({"Wall Street Journal", "WSJ", "Journal"}),
        frozenset({"Calloway Logistics", "Calloway"}),
        frozenset({"Dmitri Peskov", "Dmitry Peskov"}),
    }
    res = resolve_entities(records)
    musk = next(e for e in res.entities if e.name == "Elon Musk")
    assert musk.documents == 2 and "the billionaire" in musk.aliases and "Musk" in musk.aliases
    wsj = next(e for e in res.entities if e.name == "Wall Street Journal")
    assert wsj.type == "MEDIA"
    assert any("initialism" in r or "mention" in r for r in wsj.merge_reasons)
    assert any("short name 'Journal'" in r for r in wsj.merge_reasons)


def test_a_known_outlet_is_no_short_name_of_what_is_named_after_it() -> None:
    records = _corpus([Ent("AP", "ORG")], [Ent("AP-GfK Poll", "ORG"), Ent("Reuters", "ORG")])
    assert _clusters(records) == {frozenset({"AP"}), frozenset({"AP-GfK Poll"}), frozenset({"Reuters"})}


def test_ambiguous_surname_and_type_stay_apart() -> None:
    records = _corpus(
        [Ent("John Smith", "PERSON")],
        [Ent("Jane Smith", "PERSON")],
        [Ent("Smith", "PERSON")],
        [Ent("Musk", "ORG")],
        [Ent("Elon Musk", "PERSON")],
    )
    clusters = _clusters(records)
    assert frozenset({"Smith"}) in clusters  # "Smith" could be either: left alone
    assert frozenset({"John Smith"}) in clusters and frozenset({"Jane Smith"}) in clusters
    assert frozenset({"Musk"}) in clusters  # an ORG never joins a PERSON


def test_outlet_is_an_entity_and_meets_its_mentions() -> None:
    a = record(
        "Two officials told the Harbor Ledger.",
        outlet="The Harbor Ledger",
        published="2025-03-03",
        entities=[Ent("Harbor Ledger", "ORG")],
    )
    b = record(
        "The Harbor Ledger reported it.",
        outlet="Bay Courier",
        published="2025-03-04",
        entities=[Ent("Harbor Ledger", "ORG")],
    )
    res = resolve_entities([a, b])
    ledger = next(e for e in res.entities if e.name == "Harbor Ledger")
    assert ledger.type == "MEDIA" and ledger.documents == 2
    assert res.outlet_of[a["document"]["id"]] == ledger.id
    assert res.outlet_of[b["document"]["id"]] != ledger.id


def test_ids_are_stable_and_come_from_the_earliest_member() -> None:
    records = _corpus([Ent("Elon Musk", "PERSON")], [Ent("Musk", "PERSON")])
    first = resolve_entities(records)
    again = resolve_entities(list(reversed(records)))
    assert {e.id for e in first.entities} == {e.id for e in again.entities}


def test_overrides_merge_and_split() -> None:
    records = _corpus(
        [Ent("Elon Musk", "PERSON", ("Musk",))], [Ent("Musk", "PERSON")], [Ent("E. R. Musk", "PERSON")]
    )
    assert frozenset({"E. R. Musk"}) in _clusters(records)
    merged = _clusters(records, EntityOverrides(merges=(("E. R. Musk", "Elon Musk"),)))
    assert merged == {frozenset({"Elon Musk", "Musk", "E. R. Musk"})}
    res = resolve_entities(records)
    musk = next(e for e in res.entities if e.name == "Elon Musk")
    split = EntityOverrides(splits=((musk.id, "Musk"),))
    assert frozenset({"Musk"}) in _clusters(records, split)
    reasons = [r for e in resolve_entities(records, overrides=split).entities for r in e.merge_reasons]
    assert any(r.startswith("split by a person") for r in reasons)


def test_an_override_naming_nothing_is_reported_not_raised() -> None:
    records = _corpus([Ent("Elon Musk", "PERSON")])
    res = resolve_entities(records, overrides=EntityOverrides(merges=(("Nobody", "Elon Musk"),)))
    assert res.unresolved and "not found" in res.unresolved[0]


def test_a_companys_legal_form_does_not_split_it() -> None:
    records = _corpus(
        [Ent("Acme Corporation", "ORG")],
        [Ent("Acme Corp.", "ORG")],
        [Ent("Acme", "ORG"), Ent("Acme Health", "ORG")],
    )
    acme = frozenset({"Acme Corporation", "Acme Corp.", "Acme"})
    assert _clusters(records) == {acme, frozenset({"Acme Health"})}
