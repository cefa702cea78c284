"""The wire credit of a dateline: "WASHINGTON (AP) — ..." says that the text is the Associated Press's copy,
whichever paper printed it, so that linking does not count two papers running one wire story as two
confirmations. The dateline is :data:`claimgraph.patterns.DATELINE`, which attribution reads too.
"""

from __future__ import annotations

from claimgraph.patterns import DATELINE

OPENING = 2000  # characters: a dateline opens the story, after at most a headline, a byline and a date


def wire_credit(text: str) -> tuple[int, int] | None:
    """The character range of the agency a dateline opening a line near the start of `text` credits, or
    None."""
    end = min(len(text), OPENING)
    start = 0
    while start < end:
        found = DATELINE.match(text, start, end)
        if found is not None and found.group("credit"):
            return found.start("credit"), found.end("credit")
        start = text.find("\n", start, end) + 1
        if start == 0:
            break
    return None
