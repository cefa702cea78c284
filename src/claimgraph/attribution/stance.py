"""Stance and hedges of an attribution: pure functions over strings and tokens, driven by the lexicon."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from claimgraph.attribution.lexicon import Lexicon


def find_stance(cue_lemma: str | None, content_text: str, lexicon: Lexicon) -> str:
    """``deny`` when the cue is a denial verb or the content itself declares something false."""
    if cue_lemma and cue_lemma in lexicon.denial_verbs:
        return "deny"
    if _one_pattern(lexicon.denial_phrases).search(content_text):
        return "deny"
    return "assert"


@lru_cache(maxsize=8)
def _one_pattern(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """The patterns as one alternation (a match of any is a match of it), searched in one pass; each keeps
    its own case-sensitivity."""
    if not patterns:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(
        "|".join(f"(?{'i' if p.flags & re.IGNORECASE else '-i'}:{p.pattern})" for p in patterns)
    )


def find_hedges(words: Sequence[str], lexicon: Lexicon) -> list[str]:
    """Hedge phrases present in a sequence of lower-case words, in order of appearance, without repeats."""
    by_first = _hedges_by_first_word(lexicon)
    found: list[str] = []
    n = len(words)
    i = 0
    while i < n:
        for hedge in by_first.get(words[i], ()):  # longest first
            k = len(hedge)
            if tuple(words[i : i + k]) == hedge:
                phrase = " ".join(hedge)
                if phrase not in found:
                    found.append(phrase)
                i += k - 1
                break
        i += 1
    return found


_INDEX: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _hedges_by_first_word(lexicon: Lexicon) -> dict[str, list[tuple[str, ...]]]:
    index = _INDEX.get(id(lexicon))
    if index is None:
        index = {}
        for hedge in lexicon.hedges:
            index.setdefault(hedge[0], []).append(hedge)
        _INDEX[id(lexicon)] = index
    return index
