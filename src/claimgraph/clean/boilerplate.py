"""Boilerplate inside the article text: publisher appeals, paywall and newsletter prompts, cookie notices, ...

Hand-written on purpose. trafilatura and htmldate remove page furniture (menus, footers, many boxes) from
HTML, but no library finds what stays *inside* the extracted text, and plain-text inputs have no markup at
all: the Moscow Times' "A Message from The Moscow Times: Dear readers, ..." appeal arrives as ordinary
paragraphs after the news. Left in, its sentences ("The authorities claim our work ...") would be reported as
claims of the article.

How it works, paragraph by paragraph (a paragraph is one line of the text, trimmed of whitespace):

1. Each paragraph is scored with the phrase rules of ``resources/boilerplate.json`` (data, not code: each
   rule says why it is there). ``start`` rules can open a block of their kind; ``extend`` rules (weaker
   signals such as the publisher's "our work") only continue one.
2. A paragraph that reads like ordinary reporting (an attribution verb: "said", "told", "claim") opens a
   block only on two start hits (or one of a rule marked ``reporting_ok``, like "Read more:" before a
   headline), so a news paragraph quoting a plea ("'Please support us,' she said") or
   reporting one ("Republicans urged supporters to donate") stays news.
3. An open block extends over following paragraphs that carry signals of its kind and over short UI lines
   ("Continue", "Not ready to support today?", "Remind me later.") until ordinary reporting resumes.
4. A block opening after at least eight words of its paragraph that carry no signal of its kind covers
   only the sentence of its first phrase (or the phrase on, when no sentence ends before it), up to a
   sentence end or a dash: a sign-up prompt that text extraction ran into the end of an embedded post or
   a news paragraph takes the prompt, not the post.

Offsets are exact character offsets into the text; no span starts or ends with whitespace.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from claimgraph.patterns import literal_opening
from claimgraph.records import Boilerplate, Span

RuleRole = Literal["start", "extend"]

BOILERPLATE_KINDS: tuple[str, ...] = ("appeal", "subscription", "newsletter", "cookie", "social", "related",
                                      "advert", "copyright", "navigation", "credits", "disclaimer")

_RESOURCE = "boilerplate.json"
_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\n]+")
# A long paragraph is prose; one start hit in it is more likely a mention than an appeal.
_LONG_PARAGRAPH_WORDS = 80


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """One pattern of the resource file, compiled."""

    kind: str
    pattern: re.Pattern[str]
    why: str
    role: RuleRole = "start"
    max_words: int | None = None
    reporting_ok: bool = False  # opens a block even in a paragraph with attribution verbs

    def count_matches(self, paragraph: str, words: int) -> int:
        """How often the rule matches the paragraph (0 when the paragraph is too long for the rule)."""
        if self.max_words is not None and words > self.max_words:
            return 0
        return sum(1 for _ in self.pattern.finditer(paragraph))


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """All rules of the resource file, compiled and validated."""

    phrases: tuple[PhraseRule, ...]
    ui_lines: tuple[PhraseRule, ...]
    reporting: tuple[PhraseRule, ...]
    markup: tuple[PhraseRule, ...]
    # A fast necessary condition for any phrase or UI-line rule to match (see _screen_patterns): a paragraph
    # that passes none of these opens and continues no block, so the rules are not counted there. Each
    # pattern comes with the literal text it opens with ("" when it opens with anything else).
    screen: tuple[tuple[re.Pattern[str], str], ...] | None = None

    def may_match(self, paragraph: str) -> bool:
        """False only when no phrase or UI-line rule can match ``paragraph``."""
        if self.screen is None:
            return True
        lowered = paragraph.lower()
        # a pattern can match only where its opening text is (a substring test is much faster than re)
        return any(opening in lowered and pattern.search(lowered) for pattern, opening in self.screen)


def compile_rules(data: Mapping[str, Any]) -> BoilerplateRules:
    """Compile and validate the rules of a loaded resource file.

    Raises:
        ValueError: an unknown kind or role, a pattern that does not compile, an entry without a "why".
    """
    kinds = _require_mapping(data, "kinds")
    markup = _require_mapping(data, "markup")
    phrases = tuple(rule for kind, entries in kinds.items()
                    for rule in _compile_entries(kind, entries, f"kinds.{kind}"))
    markup_rules = tuple(rule for kind, entries in markup.items()
                         for rule in _compile_entries(kind, entries, f"markup.{kind}"))
    ui_lines = _compile_entries("ui", _require_list(data, "ui_lines"), "ui_lines")
    return BoilerplateRules(
        phrases=phrases,
        ui_lines=ui_lines,
        reporting=_compile_entries("reporting", _require_list(data, "reporting"), "reporting"),
        markup=markup_rules,
        screen=_screen_patterns((*phrases, *ui_lines)),
    )


def _screen_patterns(rules: Iterable[PhraseRule]) -> tuple[tuple[re.Pattern[str], str], ...] | None:
    """Each rule's pattern without its leading ``\\b``, case-sensitive, for lower-cased text, and the literal
    text it opens with (:func:`~claimgraph.patterns.literal_opening`).

    Python's ``re`` cannot skip ahead to a pattern that opens with ``\\b`` or ignores case, so it tries
    every position; a literal opening lets it jump to candidates, about five times faster over news text.
    Dropping an opening assertion only widens what matches, and the resource's patterns are written in
    lower case, so a paragraph a rule matches always passes the screen. A pattern with an upper-case
    letter outside an escape would break that: then there is no screen (None), only the rules.
    """
    patterns = []
    for rule in rules:
        source = rule.pattern.pattern
        if re.search(r"(?<!\\)[A-Z]", source):
            return None
        pattern = re.compile(source.removeprefix("\\b"))
        patterns.append((pattern, literal_opening(pattern)))
    return tuple(patterns)


def load_rules() -> BoilerplateRules:
    """Read and compile ``claimgraph/resources/boilerplate.json``."""
    source = resources.files("claimgraph").joinpath("resources", _RESOURCE).read_text(encoding="utf-8")
    return compile_rules(json.loads(source))



def split_paragraphs(text: str) -> tuple[Span, ...]:
    """The paragraphs of ``text``: each non-blank line, trimmed of surrounding whitespace."""
    paragraphs = []
    for line in _LINE.finditer(text):
        span = trim_span(text, line.start(), line.end())
        if span is not None:
            paragraphs.append(Span.of(text, span[0], span[1]))
    return tuple(paragraphs)


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` moved inwards past whitespace; None when only whitespace is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def find_boilerplate(text: str) -> tuple[Boilerplate, ...]:
    """The boilerplate blocks of ``text``, sorted and non-overlapping."""
    blocks: list[Boilerplate] = []
    current: Boilerplate | None = None
    for paragraph in split_paragraphs(text):
        score = _score_paragraph(paragraph.text, RULES)
        if current is not None and score.continues(current.kind):
            current = Boilerplate(current.start, paragraph.end, current.kind, current.reason)
            continue
        if current is not None:
            blocks.append(current)
            current = None
        opening = score.opening_rule()
        if opening is not None:
            start, end = _opening_bounds(paragraph.text, opening, RULES)
            block = Boilerplate(paragraph.start + start, paragraph.start + end, opening.kind, opening.why)
            if end < len(paragraph.text):
                blocks.append(block)  # a prompt inside a paragraph: what follows it is not part of it
            else:
                current = block
    if current is not None:
        blocks.append(current)
    return merge_boilerplate(text, blocks)


# A block opens mid-paragraph when this many words of the paragraph come before its first phrase and
# carry no signal of its kind: a prompt run into the end of a news paragraph (an embedded post followed
# by "SIGN UP FOR OUR NEWSLETTER" on one line, as text extraction often leaves it) takes the prompt, not
# the post.
_LEAD_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")
_SENTENCE_OR_DASH = re.compile(r"[.!?…][\"”’')\]]*(?=\s)|\s[—–―-]\s")


def _opening_bounds(paragraph: str, rule: PhraseRule, rules: BoilerplateRules) -> tuple[int, int]:
    """The part of `paragraph` that the block `rule` opens covers: all of it, or (see
    :data:`_LEAD_WORDS`) from the sentence of the rule's first match to the end of that sentence or a dash
    after it; from the match itself when what precedes that sentence is too short to be a lead of its own
    (one long sentence, an embedded post and a prompt run together)."""
    whole = (0, len(paragraph))
    match = rule.pattern.search(paragraph)
    if match is None:
        return whole
    start = max((m.end() for m in _SENTENCE_END.finditer(paragraph, 0, match.start())), default=0)
    if len(_WORD.findall(paragraph, 0, start)) < _LEAD_WORDS:
        start = match.start()  # no sentence of its own: the prompt starts at the phrase
    lead = paragraph[:start]
    if len(_WORD.findall(lead)) < _LEAD_WORDS or any(
        r.kind == rule.kind and r.pattern.search(lead) for r in rules.phrases
    ):
        return whole
    after = _SENTENCE_OR_DASH.search(paragraph, match.end())
    if after is None:
        return start, len(paragraph)
    return start, after.start() if after.group()[0].isspace() else after.end()  # before a dash


def merge_boilerplate(text: str, blocks: Iterable[Boilerplate]) -> tuple[Boilerplate, ...]:
    """Sorted, non-overlapping blocks with no whitespace at their edges.

    Overlapping blocks become one, of the kind of the longer; blocks of one kind separated by nothing but
    whitespace become one.
    """
    merged: list[Boilerplate] = []
    for block in sorted(blocks, key=lambda b: (b.start, -b.end)):
        span = trim_span(text, block.start, block.end)
        if span is None:
            continue
        block = Boilerplate(span[0], span[1], block.kind, block.reason)
        if merged:
            last = merged[-1]
            touching = block.kind == last.kind and not text[last.end:block.start].strip()
            if block.start < last.end or touching:
                longer = last if last.end - last.start >= block.end - block.start else block
                merged[-1] = Boilerplate(last.start, max(last.end, block.end), longer.kind, longer.reason)
                continue
        merged.append(block)
    return tuple(merged)


@dataclass(frozen=True, slots=True)
class _ParagraphScore:
    starts: dict[str, list[PhraseRule]] = field(default_factory=dict)  # kind -> start rules that matched
    hits: dict[str, int] = field(default_factory=dict)                 # kind -> matches of all its rules
    words: int = 0
    ui_line: bool = False
    reporting: bool = False

    def opening_rule(self) -> PhraseRule | None:
        """The rule that opens a block here, or None when this paragraph opens none."""
        guarded = self.reporting or self.words > _LONG_PARAGRAPH_WORDS
        best: list[PhraseRule] = []
        for rules in self.starts.values():  # kinds in resource order: ties go to the first
            needed = 2 if guarded and not any(rule.reporting_ok for rule in rules) else 1
            if len(rules) >= needed and len(rules) > len(best):
                best = rules
        return best[0] if best else None

    def continues(self, kind: str) -> bool:
        """Whether this paragraph continues an open block of ``kind``."""
        if self.ui_line:
            return True
        needed = 2 if self.reporting else 1
        return self.hits.get(kind, 0) >= needed


# A transcript line ("TAPPER: And obviously, you're supporting Donald Trump, ..."): somebody speaking, so it
# is reporting; an appeal's phrases in it ("you're supporting") do not make it boilerplate on their own.
_SPEAKER_LABEL = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}: ")


def _score_paragraph(paragraph: str, rules: BoilerplateRules) -> _ParagraphScore:
    words = len(_WORD.findall(paragraph))
    if not rules.may_match(paragraph):
        return _ParagraphScore(words=words)  # no hits: opens and continues nothing
    score = _ParagraphScore(
        words=words,
        ui_line=any(rule.count_matches(paragraph, words) for rule in rules.ui_lines),
        reporting=_SPEAKER_LABEL.match(paragraph) is not None
        or any(rule.count_matches(paragraph, words) for rule in rules.reporting),
    )
    for rule in rules.phrases:
        count = rule.count_matches(paragraph, words)
        if not count:
            continue
        score.hits[rule.kind] = score.hits.get(rule.kind, 0) + count
        if rule.role == "start":
            score.starts.setdefault(rule.kind, []).extend([rule] * count)
    return score


def _compile_entries(kind: str, entries: Any, where: str) -> tuple[PhraseRule, ...]:
    if kind not in BOILERPLATE_KINDS and kind not in ("ui", "reporting"):
        known = ", ".join(BOILERPLATE_KINDS)
        raise ValueError(f"{_RESOURCE}: {where}: unknown kind {kind!r}; known: {known}")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{_RESOURCE}: {where}: expected a non-empty list of rules")
    return tuple(_compile_entry(kind, entry, f"{where}[{index}]") for index, entry in enumerate(entries))


def _compile_entry(kind: str, entry: Any, where: str) -> PhraseRule:
    if not isinstance(entry, dict):
        raise ValueError(f"{_RESOURCE}: {where}: expected an object with 'pattern' and 'why'")
    unknown = set(entry) - {"pattern", "why", "role", "max_words", "reporting_ok"}
    if unknown:
        raise ValueError(f"{_RESOURCE}: {where}: unknown fields {sorted(unknown)}")
    pattern, why = entry.get("pattern"), entry.get("why")
    if not isinstance(pattern, str) or not pattern:
        raise ValueError(f"{_RESOURCE}: {where}: 'pattern' must be a non-empty string")
    if not isinstance(why, str) or not why.strip():
        raise ValueError(f"{_RESOURCE}: {where}: 'why' must say why the rule exists")
    role = entry.get("role", "start")
    if role not in ("start", "extend"):
        raise ValueError(f"{_RESOURCE}: {where}: 'role' must be 'start' or 'extend', not {role!r}")
    max_words = entry.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or isinstance(max_words, bool)
                                  or max_words <= 0):
        raise ValueError(f"{_RESOURCE}: {where}: 'max_words' must be a positive integer")
    reporting_ok = entry.get("reporting_ok", False)
    if not isinstance(reporting_ok, bool):
        raise ValueError(f"{_RESOURCE}: {where}: 'reporting_ok' must be true or false")
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"{_RESOURCE}: {where}: bad pattern {pattern!r}: {error}") from None
    return PhraseRule(kind, compiled, why.strip(), role, max_words, reporting_ok)


def _require_mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{_RESOURCE}: '{key}' must be an object of kind -> rules")
    return value


def _require_list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ValueError(f"{_RESOURCE}: '{key}' must be a list of rules")
    return value


# Compiled once at import, so a broken resource file fails loudly and early.
RULES = load_rules()
