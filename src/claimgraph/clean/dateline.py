"""The wire credit of a dateline: "WASHINGTON (AP) — ..." says that the text is the Associated Press's copy,
whichever paper printed it, so that linking does not count two papers running one wire story as two
confirmations.

Written by hand: a regular expression over the opening lines (no library of the field reads datelines).
"""

from __future__ import annotations

import re

# Capitals opening a line (the place), optionally a comma and a date or a state, then the credit in
# parentheses and a dash: "WASHINGTON (AP) — ", "LONDON, Oct 5 (Reuters) - ", "CAMBRIDGE, Mass. (UPI) --".
_CREDIT = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [^—–\n()]{1,40}?)?"
    r" \((?P<credit>[A-Za-z][A-Za-z.&' -]{0,30})\) ?(?:[—–]+|-{1,2}) ",
    re.MULTILINE,
)
OPENING = 2000  # characters: a dateline opens the story, after at most a headline, a byline and a date


def wire_credit(text: str) -> tuple[int, int] | None:
    """The character range of the agency a dateline near the start of `text` credits, or None."""
    found = _CREDIT.search(text, 0, min(len(text), OPENING))
    return (found.start("credit"), found.end("credit")) if found else None
