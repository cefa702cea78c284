"""A bare month or weekday in a future-tense clause is the next one (the normalizer alone reads the past)."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.temporal import extract_times

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2025, 3, 3)  # a Monday


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The sale will be announced in April, officials said.", "2025-04"),
        ("The sale was announced in April.", "2024-04"),
        ("The vote will take place on Friday.", "2025-03-07"),
        ("He resigned on Friday.", "2025-02-28"),
        ("The company is going to report results in January.", "2026-01"),
        ("The law will take effect in April 2024.", "2024-04"),  # its own year: left alone
        ("Officials said talks would resume in April.", "2025-04"),  # a reported plan
        ("He said the vote would take place on Friday.", "2025-03-07"),
        # a deadline someone sets is to come, whatever the tense of the setting
        ("She demanded the reports by Dec. 15.", "2025-12-15"),
        ("The judge ordered the company to pay by Friday.", "2025-03-07"),
        ("The reports were filed by Feb. 15.", "2025-02-15"),
        # a weekday with a part of the day moves as the weekday would; a weekday with its date does not
        ("Crews would begin restoring service Thursday morning.", "2025-03-06"),
        ("Crews restored service Thursday morning.", "2025-02-27"),
        ("The board will meet Thursday, Feb. 27.", "2026-02-27"),
        ("The sale will close in late May.", "2025-05-21/2025-05-31"),  # part of a month
        ("Officials said talks would resume in early April.", "2025-04-01/2025-04-10"),
        ("The sale closed in late May.", "2024-05-21/2024-05-31"),
        ("Prices will keep rising in early March.", "2025-03-01/2025-03-10"),  # not wholly past: as it is
        ("The company said it expected to close the purchase by June.", "2025-06"),  # an intention
        ("The council plans to vote in January.", "2026-01"),
        ("The council voted to close the pier in January.", "2025-01"),  # done: the last January
        # a present-tense clause inside a future one is future; a past-tense one is past
        ("He will introduce a bill to reverse it when the legislature returns in January.", "2026-01"),
        ("She will testify about the contract she signed in January.", "2025-01"),
        # what is expected, now, is to come; what was expected may be past
        ("Markets now expect the first cut in September.", "2025-09"),
        ("Analysts expected a cut in September.", "2024-09"),
        # what is scheduled or due is to come
        ("The meeting is scheduled for Nov. 3.", "2025-11-03"),
        ("The meeting was scheduled for Nov. 3.", "2024-11-03"),
        ("The report is due in April.", "2025-04"),
        ("The vote took place on Feb. 2.", "2025-02-02"),
        # a headline's "X to do Y" is to come; an infinitive of purpose in a told sentence is not
        ("Trump to visit China in April, White House says", "2025-04"),
        ("To celebrate in April, the team bought a cake.", "2024-04"),
        # an open bound moves with its month or day
        ("Nobody wants to hand him a win before November.", "< 2025-11"),
        ("The mine closed before November.", "< 2024-11"),
        ("The bill will not pass before Friday.", "< 2025-03-07"),
        ("The council will not vote until after January.", "> 2026-01"),
    ],
)
def test_future_tense_moves_bare_dates_forward(nlp, text: str, value: str) -> None:  # type: ignore[no-untyped-def]
    (t,) = extract_times(nlp(text), published=PUBLISHED)
    assert t.value == value
