"""Helpers over compiled regular expressions shared by the stages (cleaning, attribution).

Written by hand: Python's ``re`` has no public way to ask what text a pattern needs; its own parser
(``re._parser``) is read, and anything it cannot answer gives the safe answer "nothing certain".
"""

from __future__ import annotations

import re


def literal_opening(pattern: re.Pattern[str], *, ignore_case: bool = False) -> str:
    """Literal text at the start of every match of `pattern`, after any zero-width opening ("^", "\\b");
    "" when none is certain.

    A pattern that ignores case has no certain text unless `ignore_case` is set: then its literal
    characters are returned lower-cased, for a test against lower-cased text (true of all text except
    words spelled with Unicode compatibility letters, a long "ſ" for an "s", which ``re`` folds and
    ``str.lower`` does not).
    """
    if pattern.flags & re.IGNORECASE and not ignore_case:
        return ""
    try:
        from re import _parser  # type: ignore[attr-defined]  # the parser of Python's own re module

        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (ImportError, AttributeError, re.error):
        return ""
    out: list[str] = []
    for op, value in parsed:
        if op == _parser.AT and not out:
            continue  # a zero-width opening: the literals after it are still in every match
        if op != _parser.LITERAL:
            break
        out.append(chr(value))
    text = "".join(out)
    return text.lower() if pattern.flags & re.IGNORECASE else text
