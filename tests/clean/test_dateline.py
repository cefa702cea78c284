"""Wire credits of datelines: the agency a story's dateline names is whose copy it is."""

from __future__ import annotations

import pytest

from claimgraph.clean.dateline import wire_credit


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Senate to vote on border bill\n\nWASHINGTON (AP) — The Senate will vote", "AP"),
        ("LONDON, Oct 5 (Reuters) - Britain's economy grew", "Reuters"),
        ("CAMBRIDGE, Mass., Dec. 11 (UPI) -- Researchers said", "UPI"),
        ("KYIV (Global Wire) — Russian drones struck", "Global Wire"),
        # no credit: a dateline without an agency, a press release's distributor, words that only look so
        ("MOSCOW — The Kremlin said", None),
        ("SAN JOSE, Calif., Oct. 28, 2026 /PRNewswire/ -- Acme today announced", None),
        ("US - Mexico talks (AP) — resume", None),
        ("The mayor (a Democrat) — who won in May — said", None),
    ],
)
def test_wire_credit(text: str, credit: str | None) -> None:
    found = wire_credit(text)
    assert (text[found[0] : found[1]] if found else None) == credit


def test_a_credit_deep_in_the_text_is_no_dateline() -> None:
    text = "x" * 3000 + "\nWASHINGTON (AP) — The Senate"
    assert wire_credit(text) is None


@pytest.mark.model
def test_the_record_names_the_wire_and_its_entity(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Senate to vote\n\nWASHINGTON (AP) — The Senate will vote on the bill next week, two aides said."
    record = analyzer.analyze_text(text).to_dict()
    wire = record["document"]["wire"]
    assert (wire["text"], text[wire["start"] : wire["end"]]) == ("AP", "AP")
    (agency,) = [e for e in record["entities"] if e["id"] == wire["entity"]]
    assert agency["name"] == "AP"
    assert analyzer.analyze_text("The Senate will vote next week, two aides said.").to_dict()["document"][
        "wire"
    ] is None
