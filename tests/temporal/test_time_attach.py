"""Which attribution a time belongs to: inside its content, or dating its statement (the whole analyzer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2025, 6, 12)  # a Thursday


def _times(analyzer: Any, text: str) -> dict[str, list[tuple[str, str | None, str]]]:
    record = analyzer.analyze_text(text, published=PUBLISHED)
    return {
        (a.cue.text if a.cue else "-"): [(t.text, t.value, t.about) for t in a.times]
        for a in record.attributions
    }


def test_a_time_hanging_on_the_cue_dates_the_statement(analyzer: Any) -> None:
    times = _times(analyzer, "The ministry denied on Wednesday that it had paid the bribes.")
    assert times["denied"] == [("Wednesday", "2025-06-11", "statement")]


def test_a_time_of_another_verb_joined_to_the_cue_is_not_the_statements(analyzer: Any) -> None:
    text = (
        'A spokesman said the agency "disputes several of the audit\'s conclusions" and would publish a '
        "full response next week."
    )
    times = _times(analyzer, text)
    assert times["said"] == [("next week", "2025-W25", "content")]
    assert times["disputes"] == []  # next week is when it publishes, not when it disputes


def test_a_deadline_on_the_cue_is_what_is_demanded_not_when(analyzer: Any) -> None:
    times = _times(analyzer, "The senator demanded the reports by June 30.")
    assert times["demanded"] == [("June 30", "2025-06-30", "content")]
