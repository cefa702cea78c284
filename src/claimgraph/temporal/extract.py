"""Find the time expressions of a parsed document and normalize them.

Candidates come from two places, then are cut to size:

1. spaCy's ``DATE`` and ``TIME`` entities;
2. the patterns below, for what the small English model misses or cuts badly (a weekday it did not tag, a
   year after "before" it tagged without the preposition, "earlier this month", "N years ago");

overlapping candidates are joined, then each span is trimmed of whitespace and punctuation (an abbreviation's
own full stop stays: "Oct.", "p.m."), widened to a preceding "before/after/since/until/into/prior to"
("before 2022", "into this year"), and "between X" is widened to "between X and Y" only when Y follows right
after "and" ("between 2019 and 2021"); when the "and" comes far later -- "between October 2022 -- when he
proposed ... -- and into this year" -- "between" is dropped and X and Y stay two expressions. A clock time
joined to a day by "on"/"at" ("3 p.m. on Monday") becomes one expression.

Each span is normalized by :func:`claimgraph.temporal.normalize.normalize_time`; spans it does not take as a
time point -- frequency words ("daily briefing"), ages ("65 years old"), unit compounds ("24-hour news
cycle"), vague stretches ("recent years") -- are left out. ``about`` is always "content": whether a time
dates the statement or what is claimed is the caller's decision.

Speed: one regex pass over the text per call, and ``normalize_time`` is cached by (text, publication date),
so dateparser runs once per distinct span; see :mod:`claimgraph.temporal.normalize` for the numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from spacy.tokens import Doc, Token

from claimgraph.records import TimeExpression
from claimgraph.temporal.normalize import normalize_time

_ENTITY_LABELS: Final = frozenset({"DATE", "TIME"})
# Names a time word may be part of ("USA TODAY", "Good Morning America", "the Sunday Times")
_NAME_LABELS: Final = frozenset({"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"})

_MONTH: Final = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
                 r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_YEAR: Final = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY: Final = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# What the small model misses or cuts; each pattern says why it exists.
_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    # weekdays the model leaves untagged, with their modifier ("last Friday") and part of day
    re.compile(r"(?:\b(?:last|next|this(?: past| coming)?)\s+)?\b" + _WEEKDAY
               + r"(?:\s+(?:morning|afternoon|evening|night))?\b"),
    # "Oct. 3", "October 3, 2022", "April 2021": a month name counts only with a day or a year
    re.compile(r"\b" + _MONTH + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+" + _YEAR + r")?|\s+" + _YEAR
               + r")\b(?!-)"),
    re.compile(r"\b\d{1,2}\s+" + _MONTH + r"(?:\s+" + _YEAR + r")?\b"),
    # a range of years whose second year the model leaves untagged ("served from 2010 to 2014")
    re.compile(r"\b(?:from|between)\s+" + _YEAR + r"\s+(?:to|and|through|until)\s+" + _YEAR + r"\b",
               re.IGNORECASE),
    # relative day and calendar words
    re.compile(r"\b(?:yesterday|today|tonight|tomorrow|last night)\b", re.IGNORECASE),
    re.compile(r"\b(?:(?:earlier|later|early|late)\s+)?(?:this|last|next)\s+(?:week|month|year)\b",
               re.IGNORECASE),
    re.compile(r"\b(?:(?:over|during)\s+)?(?:the|this past|last|this|next|this coming)\s+weekend\b",
               re.IGNORECASE),
    re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of)\s+"
               r"(?:days|weeks|months|years|decades|day|week|month|year|decade)\s+ago\b", re.IGNORECASE),
    # seasons, quarters, early/mid/late with a year
    re.compile(r"\b(?:(?:early|mid|late)[\s-]+|(?:spring|summer|fall|autumn|winter)\s+(?:of\s+)?)" + _YEAR
               + r"\b", re.IGNORECASE),
)

# Text one of which must be in a window for a pattern of _PATTERNS to match there (in the lower-cased window
# when the pattern ignores case), tested first: a substring test is much faster than a regex scan. (Words
# spelled with Unicode compatibility letters, a long "ſ" for an "s", match a pattern that ignores case but
# not this test; news text does not use them.)
_NEEDS: Final[tuple[tuple[str, ...], ...]] = (
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    (),
    (),
    ("from", "between"),
    ("yesterday", "today", "tonight", "tomorrow", "last night"),
    ("week", "month", "year"),
    ("weekend",),
    ("ago",),
    ("early", "mid", "late", "spring", "summer", "fall", "autumn", "winter"),
)

# A bare year after a preposition ("in 2019", "since 2010"): the model sometimes drops it or keeps only the
# year. Years are found first and the word before each checked (a pattern opening with a look-behind makes
# re try every position).
_BARE_YEAR = re.compile(r"\b" + _YEAR + r"\b(?!-)")
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|of|by|since|after|until|before|during) \Z")
_LONGEST_PREPOSITION = len("during ") + 1

# Words right before a span that belong to the expression.
_OPEN_BEFORE = re.compile(r"\b(?:before|after|since|until|till|into|prior to|as early as)\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"^(?:between|from)\s+", re.IGNORECASE)
_OPENER = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_PAIR_JOIN = re.compile(r"\s+(?:and|to|through|until)\s+(?:into\s+)?|\s*[-\u2013]\s*", re.IGNORECASE)
_CLOCK_JOIN = re.compile(r",?\s+(?:on|at)\s+|,?\s+", re.IGNORECASE)

_TRIM: Final = " \t\r\n\u00a0\"'\u201c\u201d\u2018\u2019,;:!?()[]{}\u2014\u2013-"
_KEEP_FINAL_STOP = re.compile(r"(?:\b[ap]\.m|\b[A-Za-z]{3,4})\.$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM + ".":
        start += 1
    while end > start:
        char = text[end - 1]
        keep_stop = char == "." and _KEEP_FINAL_STOP.search(text[start:end]) is not None
        if keep_stop or char not in _TRIM + ".":
            break
        end -= 1
    return start, end


def _candidates(doc: Doc, text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, is_clock) spans from entities and patterns, overlapping ones joined."""
    dates: list[tuple[int, int, bool]] = []
    names: list[tuple[int, int]] = []  # where a pattern's match is a word of a name ("USA TODAY")
    for ent in doc.ents:
        label, ent_start, ent_end = ent.label_, ent.start_char, ent.end_char
        if label in _ENTITY_LABELS:
            if ent_start >= start and ent_end <= end:
                dates.append((ent_start, ent_end, label == "TIME"))
        elif label in _NAME_LABELS and ent_end > start and ent_start < end:
            names.append((ent_start, ent_end))
    found = list(dates)
    window = text[start:end]
    lowered = window.lower()
    for pattern, needs in zip(_PATTERNS, _NEEDS, strict=True):
        searched = lowered if pattern.flags & re.IGNORECASE else window
        if needs and not any(n in searched for n in needs):
            continue
        found.extend((start + m.start(), start + m.end(), False) for m in pattern.finditer(window))
    if len(found) > len(dates):  # a pattern's match inside a name is part of the name
        found = dates + [
            f
            for f in found[len(dates):]
            if not any(s <= f[0] and f[1] <= e and _part_of_name(text, f[0], f[1], s, e) for s, e in names)
            and not _in_capitals(text, f[0], f[1])
        ]
    for m in _BARE_YEAR.finditer(window):
        at = m.start()
        before = max(0, at - _LONGEST_PREPOSITION)
        if at and window[at - 1] == " " and _PREPOSITION_BEFORE.search(window, before, at):
            found.append((start + at, start + m.end(), False))
    found.sort()
    joined: list[tuple[int, int, bool]] = []
    for span_start, span_end, clock in found:
        if joined and span_start < joined[-1][1]:
            last = joined[-1]
            joined[-1] = (last[0], max(last[1], span_end), last[2] and clock)
        else:
            joined.append((span_start, span_end, clock))
    return joined


_NAME_WORD_BEFORE = re.compile(r"[A-Z][\w’'.&-]*[ \t]+$")
_NAME_WORD_AFTER = re.compile(r"^[ \t]+[A-Z]")
_QUOTES = "\"“”‘’'"


def _part_of_name(text: str, start: int, end: int, name_start: int, name_end: int) -> bool:
    """Whether a time word inside a name the model found is a word of that name: next to another
    capitalized word of it ("Saturday Night Live", "The Tonight Show", "Lopez Tonight") or quoted alone
    (NBC's “Today”), not a date the model swallowed into a longer span ("Sunday on Fox News")."""
    if _NAME_WORD_BEFORE.search(text, name_start, start) or _NAME_WORD_AFTER.match(text[end:name_end]):
        return True
    return start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES


_CAPITAL_WORD_BEFORE = re.compile(r"\b[A-Z]{2,}[ \t]+$")
_CAPITAL_WORD_AFTER = re.compile(r"^[ \t]+[A-Z]{2,}\b")


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether a match in capitals has a word in capitals next to it: a name the model did not tag ("told USA
    TODAY"), not a time."""
    word = text[start:end]
    if not (word.isupper() and len(word) > 1):
        return False
    before = _CAPITAL_WORD_BEFORE.search(text, max(0, start - 20), start)
    return bool(before or _CAPITAL_WORD_AFTER.match(text[end : end + 20]))


def _join_pairs(text: str, spans: list[tuple[int, int, bool]], start: int) -> list[tuple[int, int]]:
    """Widen spans to "between X and Y" / "before X" and join "3 p.m. on Monday"; drop a lone "between"."""
    trimmed = [(*_trim(text, s, e), clock) for s, e, clock in spans]
    out: list[tuple[int, int]] = []
    index = 0
    while index < len(trimmed):
        span_start, span_end, clock = trimmed[index]
        following = trimmed[index + 1] if index + 1 < len(trimmed) else None
        gap = text[span_end:following[0]] if following is not None else ""
        # "3 p.m. on Monday", "Monday at 3 p.m.": one time
        if following is not None and (clock or following[2]) and _CLOCK_JOIN.fullmatch(gap):
            out.append((span_start, following[1]))
            index += 2
            continue
        inside = text[span_start:span_end]
        head = _BETWEEN.match(inside)
        opener = _OPENER.search(text, max(start, span_start - 12), span_start)
        paired = " and " in inside or " to " in inside
        # "between 2019" + "and 2021": the model's cut; joined only when the partner follows right away
        if (head or opener) and not paired and following is not None and _PAIR_JOIN.fullmatch(gap):
            out.append((span_start if head or opener is None else opener.start(), following[1]))
            index += 2
            continue
        if head is not None and not paired:
            span_start += head.end()  # "between October 2022" with no partner close by: the date alone
        elif opener is not None and paired:
            span_start = opener.start()  # "from" + the model's "2019 to 2021"
        elif (widen := _OPEN_BEFORE.search(text, max(start, span_start - 20), span_start)) is not None:
            span_start = widen.start()
        out.append((span_start, span_end))
        index += 1
    return out


def _expressions(text: str, spans: Iterable[tuple[int, int]],
                 published: dt.date | None) -> list[TimeExpression]:
    out: list[TimeExpression] = []
    for span_start, span_end in spans:
        if span_end <= span_start:
            continue
        surface = text[span_start:span_end]
        value, kind = normalize_time(surface, published=published)
        if kind == "unknown" or _is_age(text, span_end):
            continue
        out.append(TimeExpression(span_start, span_end, surface, value, kind))
    return out


_AGE_AFTER = re.compile(r"^[\s-]*old\b", re.IGNORECASE)


def _is_age(text: str, span_end: int) -> bool:
    """"65 years" + " old" when the entity stopped short of "old"."""
    return bool(_AGE_AFTER.match(text, span_end, min(len(text), span_end + 6)))


def extract_times(doc: Doc, *, published: dt.date | None, start: int = 0,
                  end: int | None = None, text: str | None = None) -> list[TimeExpression]:
    """The time expressions in ``doc.text[start:end]``, in text order, normalized against ``published``
    (`text`: ``doc.text``, when the caller has it).

    Spans are character offsets into ``doc.text``. Never raises on odd text: a span that cannot be read is
    left out.
    """
    text = doc.text if text is None else text
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    spans = _join_pairs(text, _candidates(doc, text, start, end), start)
    spans = [(s, e) for s, e in spans if start <= s and e <= end]
    found = _expressions(text, spans, published)
    if published is not None:
        found = [_forward_if_future(doc, t, published) for t in found]
    return found


# "will", and "would" of reported plans ("said talks would resume in April": the next April)
_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "would", "'d", "’d"}
_OWN_YEAR = re.compile(r"\b\d{4}\b")


def _forward_if_future(doc: Doc, t: TimeExpression, published: dt.date) -> TimeExpression:
    """A bare month or weekday in a future-tense clause is the next one, not the last one.

    The normalizer reads "April" and "Friday" as past (news reports what happened); "the sale will be
    announced in April" in an article of March 2025 means April 2025. Hand-written: dateparser has no tense.
    """
    if t.value is None or _OWN_YEAR.search(t.text) or t.type not in ("month", "date", "interval", "before",
                                                                     "after"):
        return t
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not _in_future_clause(span.root):
        return t
    if t.type in ("before", "after"):  # "before November": the bound moves as its month or day would
        sign, _, bound = t.value.partition(" ")
        kind = "month" if len(bound) == 7 else "date" if len(bound) == 10 else None
        if kind is None:
            return t
        moved = _forward_if_future(doc, replace(t, value=bound, type=kind), published)
        return replace(t, value=f"{sign} {moved.value}")
    try:
        if t.type == "month" and len(t.value) == 7:
            year, month = int(t.value[:4]), int(t.value[5:7])
            if (year, month) < (published.year, published.month):
                return replace(t, value=f"{year + 1}-{month:02d}")
        elif t.type == "interval" and len(t.value) == 21 and _MONTH_WORD.search(t.text):
            # "in late May": a part of a month, moved a year on when it is wholly past
            first, last = (dt.date.fromisoformat(v) for v in t.value.split("/"))
            if last < published:
                return replace(t, value=f"{_next_year(first)}/{_next_year(last)}")
        elif t.type == "date" and len(t.value) == 10:
            day = dt.date.fromisoformat(t.value)
            if (
                day < published
                and any(w.lower().rstrip(".,") in _WEEKDAYS for w in t.text.split())
                and not _MONTH_WORD.search(t.text)
            ):  # "Friday", "Thursday morning" (not "Thursday, Oct. 24": its month says which)
                while day <= published:
                    day += dt.timedelta(days=7)
                return replace(t, value=day.isoformat())
            if day < published and _MONTH_WORD.search(t.text):  # "scheduled for Nov. 3": the next one
                return replace(t, value=_next_year(day))
    except ValueError:
        return t
    return t


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTH_WORD = re.compile(r"\b" + _MONTH, re.IGNORECASE)


def _next_year(day: dt.date) -> str:
    """The same day a year later (28 February for a 29th)."""
    try:
        return day.replace(year=day.year + 1).isoformat()
    except ValueError:
        return day.replace(year=day.year + 1, day=28).isoformat()


# Verbs whose infinitive is still to come: "expected to close by June", "plans to vote in April".
_INTENDING = frozenset({
    "expect", "plan", "intend", "aim", "hope", "schedule", "set", "want", "seek", "promise", "pledge", "vow",
    "agree", "prepare", "decide", "propose", "threaten",
})


# Verbs that set a deadline: "demanded the reports by Dec. 15", "ordered them to leave by Friday".
_DEMANDING = frozenset({
    "demand", "order", "ask", "require", "give", "set", "urge", "request", "instruct", "direct", "tell",
    "leave",
})


def is_deadline(token: Token) -> bool:
    """Whether a time is a deadline someone set: "by"/"until" on a verb of demanding or on what it
    demands ("ordered the company to pay by Friday")."""
    prep = token if token.lower_ in ("by", "until") else token.head if token.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("by", "until"):
        return False
    verb = prep.head
    return verb.lemma_.lower() in _DEMANDING or (
        verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in _DEMANDING
    )


def _in_future_clause(token: Token) -> bool:
    """Whether the time's clause, or one it hangs in, is in the future tense; a past-tense verb on the way up
    ends the search ("will testify about the contract she signed in January": that January is past), a
    present one does not ("will introduce a bill when the legislature returns in January")."""
    if is_deadline(token):
        return True  # "demanded the reports by Dec. 15", "gave them until Friday": a deadline is to come
    for _ in range(6):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.children) or (
                token.lower_ == "going" and any(c.dep_ == "xcomp" for c in token.children)):
            return True
        if (
            token.dep_ == "xcomp"
            and token.head.lemma_.lower() in _INTENDING
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            return True
        if _headline_infinitive(token):
            return True  # "Trump to visit China in April, White House says"
        if token.lemma_.lower() in _EXPECTING and token.tag_ in ("VBP", "VBZ"):
            return True  # "Markets now expect the first cut in September": what is expected is to come
        if token.lemma_.lower() in _SCHEDULED and any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in _PRESENT_BE for c in token.children
        ):
            return True  # "The meeting is scheduled for Nov. 3", "the trial is set for June"
        if token.lower_ in _PRESENT_BE and any(
            c.dep_ == "acomp" and c.lemma_.lower() in _SCHEDULED for c in token.children
        ):
            return True  # "the report is due in April" (on the way up from "due", or hung on "is")
        if token.tag_ == "VBD" or token.head.i == token.i:
            return False
        token = token.head
    return False


def _headline_infinitive(token: Token) -> bool:
    """A headline's "X to do Y" (what will happen): an infinitive in a sentence with no finite verb but a
    closing "says" ("Trump to visit China in April, White House says"; not "He went there to see the show
    in April", "To celebrate in April, the team bought a cake")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    return not any(
        t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.lemma_ not in ("say", "report")
        for t in token.sent
    )


# Verbs whose present tense looks ahead whatever their object: "expect the first cut in September"
_EXPECTING = frozenset({"expect", "anticipate", "forecast", "predict", "project", "foresee"})
_SCHEDULED = frozenset({"schedule", "slate", "due", "set", "plan"})
_PRESENT_BE = frozenset({"is", "are", "'s", "’s", "'re", "’re"})
