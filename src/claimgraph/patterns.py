"""Regular expressions and helpers over them shared by the stages (cleaning, attribution).

Written by hand: no library of the field reads datelines; and Python's ``re`` has no public way to ask what
text a pattern needs, so its own parser (``re._parser``) is read, and anything it cannot answer gives the safe
answer "nothing certain".
"""

from __future__ import annotations

import re

# A wire-style dateline opening a paragraph, matched at its start: "WASHINGTON (AP) — ", "LONDON, Oct 5
# (Reuters) - ", "CAMBRIDGE, Mass., Dec. 11 (UPI) -- ", "MOSCOW — "; a press release's "SAN JOSE, Calif.,
# Oct. 28, 2026 /PRNewswire/ -- ". Group ``credit``: the agency in parentheses, whose copy the text is. (A
# hyphen counts only after the agency: "US - Mexico talks" is no dateline.)
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [^—–\n()]{1,40}?)?"
    r"(?: \((?P<credit>[A-Za-z][A-Za-z.&' -]{1,30})\) ?(?:[—–]+|-{1,2})| [—–]+"
    r"| /[A-Za-z][A-Za-z. -]{1,28}/ (?:-{1,2}|[—–]+)) "
)


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
