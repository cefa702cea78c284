"""Stance and hedges of an attribution: pure functions over strings and tokens, driven by the lexicon."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from claimgraph.attribution.lexicon import Lexicon
from claimgraph.patterns import literal_opening

#: Words that negate a cue ("did not deny", "has not said", "never claimed", "didn't say").
_NEGATIONS = frozenset({"not", "n't", "n’t", "never", "nt"})


#: First words of a source that is no one: "Nobody denied", "None of them said", "No official denied".
_NO_ONE = frozenset({"nobody", "none", "neither", "noone"})


def is_negated(cue_words: Sequence[str], source_words: Sequence[str] = ()) -> bool:
    """Whether the cue's words negate it, or the source is no one: the source did *not* say, claim or deny
    what follows ("did not deny", "never said", "Nobody denied", "No official denied")."""
    first = source_words[0].lower() if source_words else ""
    return (
        any(w.lower() in _NEGATIONS or w.lower().endswith(("n't", "n’t")) for w in cue_words)
        or first in _NO_ONE
        or (first == "no" and len(source_words) > 1 and source_words[1].isalpha())
    )


def refuses(cue_tokens: Span, lexicon: Lexicon) -> bool:
    """Whether a denial verb refuses something asked for rather than denying a claim ("the judge denied the
    request", "rejects New York Times request to unseal ...", "denied bail": the lexicon's ``requests``): a
    ruling, which PolNeAR annotates as an attribution, but no denial (its stance is ``assert``, and linking
    makes no claim of it)."""
    if not cue_tokens:
        return False
    verb = cue_tokens[-1]
    return verb.lemma_.lower() in ("deny", "reject") and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lexicon.requests for c in verb.children
    )


def find_stance(
    cue_lemma: str | None,
    content_text: str,
    lexicon: Lexicon,
    *,
    negated: bool = False,
    cue_tokens: Span | None = None,
) -> str:
    """``deny`` when the cue is a denial verb or the content itself declares something false; ``assert``
    when the cue is negated ("did not deny the report" denies nothing; the record says ``negated``) or, by
    its `cue_tokens`, refuses something asked for (:func:`refuses`)."""
    if negated or (cue_tokens is not None and refuses(cue_tokens, lexicon)):
        return "assert"
    if cue_lemma and cue_lemma in lexicon.denial_verbs:
        return "deny"
    if cue_lemma in _CALLING_VERBS and _CALLED_FALSE.search(content_text):
        return "deny"  # "called the claim “a cynical lie.”", "dismissed the report as propaganda"
    lowered = None
    for pattern, opening in _with_openings(lexicon.denial_phrases):
        if opening:  # a pattern can match only where the text it opens with is: test that first
            lowered = content_text.lower() if lowered is None else lowered
            if opening not in lowered:
                continue
        if pattern.search(content_text):
            return "deny"
    return "assert"


#: Verbs that name what their object is: "called Trump a fascist", "branded the plan a failure".
NAMING_VERBS = frozenset({"call", "brand", "label", "dub", "deem"})
# ... and those that say it with "as" ("dismissed the report as propaganda"); what makes the object a
# falsehood when it ends their content (not "called the plan absurd": a judgment)
_CALLING_VERBS = NAMING_VERBS | {"dismiss", "describe", "characterize"}
_CALLED_FALSE = re.compile(
    r"\b(?:lie|lies|lying|falsehood|falsehoods|fiction|fantasy|fairy tale|propaganda|disinformation|"
    r"misinformation|slander|smear|hoax|fabrication|fake|false|untrue|baseless|groundless|nonsense)\W*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _with_openings(patterns: tuple[re.Pattern[str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each pattern and the lower-cased literal text every match of it opens with ("" if none)."""
    return tuple((p, literal_opening(p, ignore_case=True)) for p in patterns)


def saying_words(cue_tokens: Iterable[Token]) -> list[str]:
    """The words of a cue that bear on the saying, for :func:`is_negated`: all but a negation of a word
    that is no verb ("not" in "pleaded not guilty" negates the verdict, not the pleading)."""
    return [t.text for t in cue_tokens if not (t.dep_ == "neg" and t.head.pos_ not in ("VERB", "AUX"))]


_DEGREE = frozenset({"more", "less", "most", "least", "as", "equally", "twice", "times"})


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
                if k == 1 and i > 0 and words[i - 1] in _DEGREE:
                    break  # "15% more likely to die": a comparison of odds, not a hedge of the claim
                phrase = " ".join(hedge)
                if phrase not in found:
                    found.append(phrase)
                i += k - 1
                break
        i += 1
    return found


_WORDS = re.compile(r"[\w’']+|[^\w\s]")


def attribution_hedges(content_text: str, cue_tokens: Iterable[Token], lexicon: Lexicon) -> list[str]:
    """The hedges of an attribution: those of its content, then those of its cue (:func:`cue_hedges`)."""
    hedges = find_hedges([w.lower() for w in _WORDS.findall(content_text)], lexicon)
    return hedges + [h for h in cue_hedges(cue_tokens, lexicon) if h not in hedges]


def cue_hedges(cue_tokens: Iterable[Token], lexicon: Lexicon) -> list[str]:
    """Hedge phrases of the cue itself ("is said to"), of the adverbs modifying its words ("The minister
    reportedly told colleagues", "allegedly said": the statement is reported, not witnessed) and of its
    prepositional phrases ("claimed, without evidence, that": the writer says it is not established)."""
    cue = list(cue_tokens)
    words = [t.lower_ for t in cue]
    inside = {t.i for t in cue}
    found = find_hedges(words, lexicon)
    for token in cue:
        for child in token.children:
            if child.i in inside:
                continue
            if child.dep_ == "advmod":
                found += [h for h in find_hedges([child.lower_], lexicon) if h not in found]
            elif child.dep_ == "prep":  # "claimed, without evidence, that ...": the writer's caveat
                words = [t.lower_ for t in child.subtree]
                found += [h for h in find_hedges(words, lexicon) if h not in found]
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
