"""Scoring of attribution extraction against gold annotations: pure functions, no I/O, no spaCy.

An attribution here is three roles, each a tuple of character-offset fragments into one article's text:
``source`` (may be empty), ``cue`` and ``content`` (a PolNeAR content may be discontinuous). The benchmark
(``benchmarks/attribution.py``) and a CI quality gate both build these from records and call the functions
below, so the numbers mean the same thing everywhere.

Metrics (micro-averaged: counts are summed over articles before P/R/F1 are taken):

* Token level, per role. Tokens are the regex ``\\w+|[^\\w\\s]`` over the raw text (not spaCy tokens, so
  the numbers do not move when the model or its tokenizer changes). A token is a role token when it shares at
  least one character with a fragment of that role; role tokens are pooled over all attributions of the
  article, and a predicted role token is a true positive when it is a gold token of the same role there.
* Exact span, per role. Each fragment is stripped of surrounding whitespace, punctuation and quote marks
  (anything Unicode calls punctuation, so “”"'‘’«» too); fragments of one mention separated only by such
  characters are joined; each distinct mention (its tuple of stripped fragments) counts once per article.
* Attribution level. A prediction matches a gold attribution, one-to-one, greedily by best Jaccard, when
  their content token sets have Jaccard >= 0.5. "With source" additionally requires the sources to agree:
  both have source tokens and these intersect, or neither has a source (PolNeAR's "Attribution-no-source";
  a prediction that names a source the gold does not have, or misses the gold's source, does not agree).
  The "with source" matching is computed on its own, so a prediction may pair with a different gold there.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

Fragment = tuple[int, int]  # (start, end) character offsets, end exclusive

ROLES: tuple[str, ...] = ("source", "cue", "content")
MATCH_THRESHOLD = 0.5

_TOKEN = re.compile(r"\w+|[^\w\s]")

# Cue lemmas that report evidence rather than speech ("the poll showed", "investigators found"): the error
# analysis counts a missed cue of these apart, since covering them is a choice about what counts as a claim.
EVIDENTIAL_CUES: frozenset[str] = frozenset({
    "show", "find", "reveal", "indicate", "suggest", "confirm", "demonstrate", "prove", "document",
    "conclude", "estimate", "according", "accord", "report", "detail", "determine", "discover", "poll",
})
# Pronouns that, as a gold source, mean the speaker is named elsewhere (the analyzer must follow
# coreference or pick the nearest mention) — used to label source disagreements "speaker_coreference".
_PRONOUNS: frozenset[str] = frozenset({
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "his", "their", "its",
    "who", "which", "that", "this", "those", "these", "one", "both", "some", "many", "others", "himself",
    "herself", "themselves",
})


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution as the scorer sees it: fragments per role, plus what the error analysis uses."""

    source: tuple[Fragment, ...] = ()
    cue: tuple[Fragment, ...] = ()
    content: tuple[Fragment, ...] = ()
    cue_lemma: str | None = None  # lower-cased lemma of the cue's head word
    cue_nominal: bool = False  # the cue's head is a noun ("claims", "statement")
    id: str = ""

    def fragments(self, role: str) -> tuple[Fragment, ...]:
        if role == "source":
            return self.source
        if role == "cue":
            return self.cue
        if role == "content":
            return self.content
        raise ValueError(f"unknown role {role!r}; expected one of {ROLES}")


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives, and the scores they give (0 when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


class Match(NamedTuple):
    gold: int  # index into the gold attributions
    predicted: int  # index into the predicted attributions
    jaccard: float


@dataclass(frozen=True, slots=True)
class TokenIndex:
    """The tokens of one text, to turn character fragments into token-index sets."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> TokenIndex:
        spans = [m.span() for m in _TOKEN.finditer(text)]
        return cls(tuple(s for s, _ in spans), tuple(e for _, e in spans))

    def covered(self, fragments: Iterable[Fragment]) -> frozenset[int]:
        """Indices of the tokens sharing at least one character with any fragment."""
        out: set[int] = set()
        for start, end in fragments:
            if end <= start:
                continue
            first = bisect.bisect_right(self.ends, start)  # first token ending after `start`
            last = bisect.bisect_left(self.starts, end)  # first token starting at or after `end`
            out.update(range(first, last))
        return frozenset(out)


def _strippable(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def normalize_mention(text: str, fragments: Iterable[Fragment]) -> tuple[Fragment, ...]:
    """Fragments stripped of surrounding whitespace/punctuation/quotes, sorted, and joined where only such
    characters separate them; fragments that strip to nothing are dropped."""
    stripped: list[Fragment] = []
    for start, end in sorted(fragments):
        while start < end and _strippable(text[start]):
            start += 1
        while end > start and _strippable(text[end - 1]):
            end -= 1
        if start < end:
            stripped.append((start, end))
    joined: list[Fragment] = []
    for start, end in stripped:
        if joined and (start <= joined[-1][1] or all(_strippable(c) for c in text[joined[-1][1]:start])):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def sources_agree(gold: frozenset[int], predicted: frozenset[int]) -> bool:
    """Both name a source and the two share a token, or neither names one."""
    if not gold and not predicted:
        return True
    return bool(gold & predicted)


def score_role_tokens(index: TokenIndex, gold: Sequence[Attribution], predicted: Sequence[Attribution],
                      role: str) -> Counts:
    gold_tokens = index.covered(f for a in gold for f in a.fragments(role))
    predicted_tokens = index.covered(f for a in predicted for f in a.fragments(role))
    return Counts(tp=len(gold_tokens & predicted_tokens), fp=len(predicted_tokens - gold_tokens),
                  fn=len(gold_tokens - predicted_tokens))


def score_role_spans(text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution],
                     role: str) -> Counts:
    def mentions(attributions: Sequence[Attribution]) -> set[tuple[Fragment, ...]]:
        found = {normalize_mention(text, a.fragments(role)) for a in attributions}
        found.discard(())
        return found

    gold_spans, predicted_spans = mentions(gold), mentions(predicted)
    return Counts(tp=len(gold_spans & predicted_spans), fp=len(predicted_spans - gold_spans),
                  fn=len(gold_spans - predicted_spans))


def match_attributions(index: TokenIndex, gold: Sequence[Attribution], predicted: Sequence[Attribution], *,
                       with_source: bool = False, threshold: float = MATCH_THRESHOLD) -> list[Match]:
    """One-to-one matching, greedy by best content Jaccard (ties: earlier gold, then earlier prediction)."""
    gold_content = [index.covered(a.content) for a in gold]
    predicted_content = [index.covered(a.content) for a in predicted]
    if with_source:
        gold_source = [index.covered(a.source) for a in gold]
        predicted_source = [index.covered(a.source) for a in predicted]
    candidates: list[Match] = []
    for g, g_tokens in enumerate(gold_content):
        for p, p_tokens in enumerate(predicted_content):
            if not g_tokens & p_tokens:
                continue
            score = jaccard(g_tokens, p_tokens)
            if score < threshold:
                continue
            if with_source and not sources_agree(gold_source[g], predicted_source[p]):
                continue
            candidates.append(Match(g, p, score))
    candidates.sort(key=lambda m: (-m.jaccard, m.gold, m.predicted))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches: list[Match] = []
    for match in candidates:
        if match.gold in used_gold or match.predicted in used_predicted:
            continue
        used_gold.add(match.gold)
        used_predicted.add(match.predicted)
        matches.append(match)
    return sorted(matches)


def _match_counts(matches: Sequence[Match], n_gold: int, n_predicted: int) -> Counts:
    return Counts(tp=len(matches), fp=n_predicted - len(matches), fn=n_gold - len(matches))


@dataclass(slots=True)
class ArticleScore:
    """All counts of one article, keyed by metric name, and the attribution matchings behind them."""

    counts: dict[str, Counts] = field(default_factory=dict)
    matches: list[Match] = field(default_factory=list)
    matches_with_source: list[Match] = field(default_factory=list)


METRICS: tuple[str, ...] = (
    *(f"token/{role}" for role in ROLES),
    *(f"span/{role}" for role in ROLES),
    "attribution/content",
    "attribution/content+source",
)


def score_article(text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution]) -> ArticleScore:
    index = TokenIndex.of(text)
    score = ArticleScore()
    for role in ROLES:
        score.counts[f"token/{role}"] = score_role_tokens(index, gold, predicted, role)
        score.counts[f"span/{role}"] = score_role_spans(text, gold, predicted, role)
    score.matches = match_attributions(index, gold, predicted)
    score.matches_with_source = match_attributions(index, gold, predicted, with_source=True)
    score.counts["attribution/content"] = _match_counts(score.matches, len(gold), len(predicted))
    score.counts["attribution/content+source"] = _match_counts(score.matches_with_source, len(gold),
                                                               len(predicted))
    return score


def sum_counts(scores: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    total = {metric: Counts() for metric in METRICS}
    for counts in scores:
        for metric, value in counts.items():
            total[metric] = total.get(metric, Counts()) + value
    return total


# ---- error analysis -------------------------------------------------------------------------------------

def classify_missed(index: TokenIndex, missed: Attribution, predicted: Sequence[Attribution],
                    predicted_cue_lemmas: frozenset[str]) -> str:
    """Why a gold attribution has no match: the first that applies of
    ``content_boundary`` (some prediction's content overlaps it, below the threshold),
    ``cue_not_covered:{nominal,evidential,verbal}`` (its cue lemma is never predicted as a cue in the run),
    ``missed`` (the attribution was missed entirely)."""
    content = index.covered(missed.content)
    if any(content & index.covered(p.content) for p in predicted):
        return "content_boundary"
    lemma = (missed.cue_lemma or "").lower()
    if lemma and lemma not in predicted_cue_lemmas:
        if lemma in EVIDENTIAL_CUES:
            return "cue_not_covered:evidential"
        return "cue_not_covered:nominal" if missed.cue_nominal else "cue_not_covered:verbal"
    return "missed"


def classify_spurious(index: TokenIndex, spurious: Attribution, gold: Sequence[Attribution]) -> str:
    """Why a prediction has no match: ``content_boundary`` when its content overlaps some gold content,
    else ``false_positive``."""
    content = index.covered(spurious.content)
    if any(content & index.covered(g.content) for g in gold):
        return "content_boundary"
    return "false_positive"


def classify_source(text: str, index: TokenIndex, gold: Attribution, predicted: Attribution) -> str | None:
    """For a content match: None when the sources agree exactly (after normalization), else
    ``source_boundary`` (they overlap but differ), ``source_missing`` / ``source_spurious`` (one side has
    none), ``speaker_coreference`` (disjoint: the prediction names another mention than the gold, typically
    a name where the gold has the pronoun nearest the cue, or the other way round)."""
    gold_tokens, predicted_tokens = index.covered(gold.source), index.covered(predicted.source)
    if not gold_tokens and not predicted_tokens:
        return None
    if not predicted_tokens:
        return "source_missing"
    if not gold_tokens:
        return "source_spurious"
    if gold_tokens & predicted_tokens:
        if normalize_mention(text, gold.source) == normalize_mention(text, predicted.source):
            return None
        return "source_boundary"
    return "speaker_coreference"


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in _PRONOUNS
