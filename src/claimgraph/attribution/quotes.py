"""Quotation spans in running text.

Hand-written because no library pairs quote marks in news text robustly: curly and straight marks are
mixed, quotes run over several sentences of one paragraph, and an unbalanced mark must degrade (the
quote is dropped) rather than fail the document, which is what textacy's direct-quotation extractor does.

Rules:
- “ opens and ” closes; a straight " opens after whitespace, an opening bracket or the start of a
  paragraph, and closes otherwise.
- A paragraph break (newline) closes nothing: a quote still open at the end of a paragraph is dropped,
  except in the news convention for a quotation running over several paragraphs: each paragraph opens with
  a quote mark and only the last one closes. A quote open at a paragraph end whose next paragraph opens a
  quote ends with its paragraph.
- Single quotes are left alone: they are mostly apostrophes ("Musk’s", "don’t").
"""

from __future__ import annotations

from dataclasses import dataclass

_OPEN = "“«„"
_CLOSE = "”»"
_STRAIGHT = '"'
_OPENING_CONTEXT = " \t\n([{—–―-/"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: offsets include the quote marks; `inner_*` exclude them."""

    start: int
    end: int

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1


def find_quotes(text: str) -> list[Quote]:
    """All balanced quotations of `text`, in order, never nested, never across a paragraph break."""
    quotes: list[Quote] = []
    open_at: int | None = None
    for i, char in enumerate(text):
        if char == "\n":
            if open_at is not None and _next_paragraph_opens_quote(text, i):
                end = i
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                quotes.append(Quote(open_at, end))
            open_at = None  # unbalanced: drop it
            continue
        if char in _OPEN:
            open_at = i  # a second opening mark restarts: the first was unbalanced
        elif char in _CLOSE:
            if open_at is not None:
                quotes.append(Quote(open_at, i + 1))
                open_at = None
        elif char == _STRAIGHT:
            opening = i == 0 or text[i - 1].isspace() or text[i - 1] in _OPENING_CONTEXT  # no-break space too
            if open_at is None and opening:
                open_at = i
            elif open_at is not None and not opening:
                quotes.append(Quote(open_at, i + 1))
                open_at = None
            elif open_at is not None and opening:
                open_at = i
    return quotes


def _next_paragraph_opens_quote(text: str, newline: int) -> bool:
    j = newline + 1
    while j < len(text) and text[j] in " \t\r\n":
        j += 1
    return j < len(text) and (text[j] in _OPEN or text[j] == _STRAIGHT)
