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
- Two apostrophes ('') are a straight double quote, as in the New York Times' archive text
  (''It's all untrue,'' he said.); a quote they open, they close.
- Single quotes (' ‘ ’), mostly apostrophes ("Musk’s", "don’t", "the '80s", "voters' doubts"), quote only as
  the British press uses them ('We inherited a broken system,' he said.): outside every double quotation,
  within a paragraph, opened after a space or an opening bracket right before a letter (not an elision:
  'em, 'n'), closed right after a word or its punctuation and before a space, punctuation or the end (not a
  plural's possessive: "the players' union"), around at least two words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "“«„"
_CLOSE = "”»"
_STRAIGHT = '"'
_TWO_APOSTROPHES = "''"
#: Dashes: em, en, horizontal bar (epigraph style: “...” ― Name), figure dash, hyphen.
DASHES = "—–―‒-"
_OPENING_CONTEXT = " \t\n([{/" + DASHES


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: offsets include the quote marks; `inner_*` exclude them."""

    start: int
    end: int
    mark: int = 1  # characters of each quote mark: 2 for two apostrophes
    closed: bool = True  # False: runs on into the next paragraph, with no closing mark here

    @property
    def inner_start(self) -> int:
        return self.start + self.mark

    @property
    def inner_end(self) -> int:
        return self.end - self.mark if self.closed else self.end


def find_quotes(text: str) -> list[Quote]:
    """All balanced quotations of `text`, in order, never nested, never across a paragraph break."""
    quotes: list[Quote] = []
    open_at: int | None = None
    open_mark = 1
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        mark = 2 if char == "'" and text.startswith(_TWO_APOSTROPHES, i) and text[i + 2 : i + 3] != "'" else 1
        if char == "\n":
            if open_at is not None and _next_paragraph_opens_quote(text, i):
                end = i
                while end > open_at + open_mark and text[end - 1].isspace():
                    end -= 1
                quotes.append(Quote(open_at, end, open_mark, closed=False))
            open_at = None  # unbalanced: drop it
        elif char in _OPEN:
            open_at, open_mark = i, 1  # a second opening mark restarts: the first was unbalanced
        elif char in _CLOSE:
            if open_at is not None and open_mark == 1:
                quotes.append(Quote(open_at, i + 1))
                open_at = None
        elif char == _STRAIGHT or mark == 2:
            opening = i == 0 or text[i - 1].isspace() or text[i - 1] in _OPENING_CONTEXT  # no-break space too
            if open_at is None and opening:
                open_at, open_mark = i, mark
            elif open_at is not None and not opening and open_mark == mark:
                quotes.append(Quote(open_at, i + mark, mark))
                open_at = None
            elif open_at is not None and opening:
                open_at, open_mark = i, mark
        i += mark
    if "'" in text or "‘" in text or "’" in text:
        single = _single_quotes(text, quotes)
        if single:
            quotes = sorted(quotes + single, key=lambda q: q.start)
    return quotes


_SINGLE_MARKS = re.compile("['‘’\n]")
_SINGLE_OPEN = "'‘"
_SINGLE_CLOSE = "'’"
_CLOSING_CONTEXT = ".,;:!?)]}" + DASHES
_ELISIONS = ("em ", "n'", "n’", "til ", "cause ", "tis ", "twas ", "bout ", "round ")


def _single_quotes(text: str, taken: list[Quote]) -> list[Quote]:
    """Quotations in single marks (see the module's rules), none overlapping a quotation in `taken`."""
    out: list[Quote] = []
    spans = [(q.start, q.end) for q in taken]
    open_at: int | None = None
    n = len(text)
    for match in _SINGLE_MARKS.finditer(text):
        i = match.start()
        char = text[i]
        if char == "\n":
            open_at = None  # a quote open at a paragraph's end is dropped
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if before == "'" or after == "'":
            continue  # two apostrophes: a double quote (find_quotes)
        opening = (
            char in _SINGLE_OPEN
            and (before.isspace() or before in _OPENING_CONTEXT)
            and after.isalpha()
            and not text.startswith(_ELISIONS, i + 1)
        )
        closing = _closes(text, i) and not (
            # "'The players' union is strong,' he said": a plural's possessive (a word in lower case after
            # it) closes only when no other mark can close in the paragraph ("'two words' here")
            before == "s" and after == " " and text[i + 2 : i + 3].islower() and _closes_later(text, i + 1)
        )
        if open_at is not None and closing:
            inner = text[open_at + 1 : i]
            if " " in inner.strip() and not any(s < i + 1 and open_at < e for s, e in spans):
                out.append(Quote(open_at, i + 1))
            open_at = None
        elif opening:
            open_at = i
    return out


def _closes(text: str, i: int) -> bool:
    """Whether the single mark at `i` can close a quotation: right after a word or its punctuation, before
    a space, punctuation or the end."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (
        text[i] in _SINGLE_CLOSE
        and (before.isalnum() or before in ".,!?")
        and (after.isspace() or after in _CLOSING_CONTEXT or after in _CLOSE)
    )


def _closes_later(text: str, start: int) -> bool:
    """Whether a single mark after `start`, in the same paragraph, can close a quotation."""
    end = text.find("\n", start)
    marks = _SINGLE_MARKS.finditer(text, start, len(text) if end < 0 else end)  # (no line break inside)
    return any(_closes(text, m.start()) for m in marks)


def _next_paragraph_opens_quote(text: str, newline: int) -> bool:
    j = newline + 1
    while j < len(text) and text[j] in " \t\r\n":
        j += 1
    return j < len(text) and (text[j] in (*_OPEN, _STRAIGHT) or text.startswith(_TWO_APOSTROPHES, j))
