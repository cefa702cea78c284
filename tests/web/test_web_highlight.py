"""Highlights of the article view: spans become elements that nest, and crossing spans are split."""

from __future__ import annotations

import hashlib

import pytest

from claimgraph.web.highlight import Mark, Piece, describe_source, layer_marks, record_marks


def mark(start: int, end: int, role: str = "content", anchor: str | None = None) -> Mark:
    return Mark(start, end, "mark", role, (role,), anchor=anchor)


def render(pieces: list[Piece]) -> str:
    """A compact rendering: [role text], with ' for a reopened (split) element."""
    out = []
    for p in pieces:
        if p.kind == "text":
            out.append(p.text)
        elif p.kind == "open":
            assert p.mark is not None
            out.append(f"[{p.mark.role}{'' if p.first else chr(39)} ")
        else:
            out.append("]")
    return "".join(out)


def well_nested(pieces: list[Piece]) -> bool:
    stack = []
    for p in pieces:
        if p.kind == "open":
            stack.append(p.mark)
        elif p.kind == "close" and (not stack or stack.pop() is not p.mark):
            return False
    return not stack


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        # disjoint
        ([mark(0, 3, "source"), mark(4, 8, "cue")], "[source abc]d[cue efgh]ij"),
        # nested: a source inside a content
        ([mark(0, 10, "content"), mark(2, 4, "source")], "[content ab[source cd]efghij]"),
        # same extent: the outer layer (content) outside the inner (source)
        ([mark(2, 4, "source"), mark(2, 4, "content")], "ab[content [source cd]]efghij"),
        # crossing: the later one is split around the earlier one's end
        ([mark(0, 5, "content"), mark(3, 8, "source")], "[content abc[source de]][source' fgh]ij"),
        # three deep, the middle one ending first
        (
            [mark(0, 10, "boilerplate"), mark(1, 6, "content"), mark(4, 9, "cue")],
            "[boilerplate a[content bcd[cue ef]][cue' ghi]j]",
        ),
        # spans outside the text or empty are dropped
        ([mark(5, 5), mark(8, 40), mark(-1, 2)], "abcdefghij"),
    ],
)
def test_layer_marks_nests_and_splits(marks: list[Mark], expected: str) -> None:
    pieces = layer_marks("abcdefghij", marks)
    assert render(pieces) == expected
    assert well_nested(pieces)
    assert "".join(p.text for p in pieces if p.kind == "text") == "abcdefghij"


def test_only_the_first_piece_of_a_split_element_is_its_anchor() -> None:
    pieces = layer_marks("abcdefghij", [mark(0, 5, "content"), mark(3, 8, "source", anchor="a1")])
    opens = [p for p in pieces if p.kind == "open" and p.mark and p.mark.anchor == "a1"]
    assert [p.first for p in opens] == [True, False]


RECORD = {
    "entities": [{"id": "e1", "name": "Wall Street Journal", "type": "ORG", "mentions": []}],
    "boilerplate": [{"start": 60, "end": 70, "kind": "appeal", "reason": "banner"}],
    "attributions": [
        {
            "id": "a1",
            "parent": None,
            "source": {"start": 0, "end": 3, "text": "WSJ"},
            "source_entity": "e1",
            "source_kind": "organization",
            "anonymous": None,
            "cue": {"start": 4, "end": 12, "text": "reported", "lemma": "report"},
            "content": [{"start": 13, "end": 20, "text": "a thing"}],
            "quote": "indirect",
            "stance": "assert",
            "hedges": ["reportedly"],
        },
        {
            "id": "a2",
            "parent": "a1",
            "relation": "cites",
            "source": {"start": 29, "end": 38, "text": "officials"},
            "source_entity": None,
            "source_kind": "anonymous",
            "anonymous": {
                "count": "two",
                "status": ["former"],
                "affiliations": ["U.S."],
                "role": "officials",
            },
            "cue": {"start": 22, "end": 28, "text": "citing", "lemma": "cite"},
            "content": [{"start": 13, "end": 20, "text": "a thing"}],
            "quote": "indirect",
            "stance": "deny",
            "hedges": [],
        },
    ],
    "no_comment": [
        {"span": {"start": 40, "end": 55, "text": "did not respond"}, "subject": None, "entity": "e1"}
    ],
}


def test_record_marks_carry_roles_stances_and_hover_text() -> None:
    marks = record_marks(RECORD, {"e1": "The Wall Street Journal"})
    by = {(m.role, dict(m.attributes).get("data-attribution")): m for m in marks}
    source = by[("source", "a1")]
    assert "resolved entity: The Wall Street Journal" in dict(source.attributes)["title"]
    assert source.anchor == "a1"
    assert "hedged" in by[("content", "a1")].classes
    assert "stance-deny" in by[("cue", "a2")].classes
    officials = dict(by[("source", "a2")].attributes)["title"]
    assert "anonymous source: count two; status former; affiliations U.S.; role officials" in officials
    assert "source chain: a1 Wall Street Journal → a2 officials" in officials
    assert by[("content", "a2")].anchor == "a2"  # a2's first span in the text is its content
    boilerplate = next(m for m in marks if m.role == "boilerplate")
    assert dict(boilerplate.attributes)["data-label"] == "boilerplate: appeal"
    assert next(m for m in marks if m.role == "nocomment").anchor == "nc1"


def test_describe_source_without_entity_says_so() -> None:
    a = {
        "id": "a3",
        "source": {"start": 0, "end": 2, "text": "He"},
        "source_entity": None,
        "source_kind": "person",
        "parent": None,
    }
    assert "resolved entity: none" in describe_source(a, {"a3": a}, {}, {})


def test_describe_source_gives_the_whole_source_phrase_when_it_says_more() -> None:
    a = {
        "id": "a1",
        "source": {"start": 0, "end": 11, "text": "Kerr Putney"},
        "source_phrase": {
            "start": 0,
            "end": 51,
            "text": "Kerr Putney, the Charlotte-Mecklenburg police chief",
        },
        "source_entity": None,
        "source_kind": "person",
        "parent": None,
    }
    assert "described as: Kerr Putney, the Charlotte-Mecklenburg police chief" in describe_source(
        a, {"a1": a}, {}, {}
    )
    same = {**a, "source_phrase": a["source"]}
    assert "described as" not in describe_source(same, {"a1": same}, {}, {})


def test_the_article_page_says_it_is_a_wire_copy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from claimgraph.link import link_corpus
    from claimgraph.store import open_store
    from claimgraph.store.writes import replace_graph, store_analysis
    from claimgraph.web import create_app

    text = "WASHINGTON (AP) — The Senate will vote next week, two aides said."
    record = {
        "path": "-",
        "document": {"id": hashlib.sha256(text.encode()).hexdigest(), "title": "Vote", "outlet": "The Ledger",
                     "published": "2026-11-10", "language": "en", "url": None,
                     "wire": {"text": "AP", "start": 12, "end": 14, "entity": None}},
        "boilerplate": [], "entities": [], "attributions": [], "no_comment": [], "times": [], "errors": [],
    }
    engine = open_store(str(tmp_path / "wire.db"))
    store_analysis(engine, record, text)
    replace_graph(engine, link_corpus([record]))
    page = TestClient(create_app(engine)).get(f"/documents/{record['document']['id']}")
    assert page.status_code == 200 and "AP copy" in page.text
    engine.dispose()
