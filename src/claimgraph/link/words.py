"""Words for linking: name keys, content terms, crude stems (no spaCy Doc is available at this stage).

Linking works on analysis records, not parsed Docs, so the content of an attribution is only text. These
helpers turn it into comparable terms: regex tokens, lowercased, stopwords dropped, a light suffix
stripping ("agreed", "agreement", "agrees" -> "agr") that is wrong in places but consistently wrong, which
is all that overlap needs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# a number with its thousands separators or decimals is one token ("12,000", "3.5"), a word keeps its
# apostrophes ("don’t")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")

# Function words and reporting vocabulary: they say nothing about which proposition is claimed.
STOPWORDS: frozenset[str] = frozenset(
    """
a about above after again against all am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself nor of off on once
only other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself also yet still
said says say saying told tell tells telling reported reports report reporting according cited citing
added adding noted noting stated claimed claims claim announced
mr mrs ms dr
""".split()  # noqa: SIM905 (a word list reads better as text)
)

# Negations are not content terms (they would make "agreed" and "no agreement" look less alike than they
# are); contradiction rules look for them separately.
NEGATIONS: frozenset[str] = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "n't",
        "didn't",
        "doesn't",
        "don't",
        "hasn't",
        "haven't",
        "hadn't",
        "wasn't",
        "weren't",
        "isn't",
        "aren't",
        "won't",
        "wouldn't",
        "cannot",
        "can't",
        "couldn't",
    }
)

# Longest first; a suffix is stripped only when at least three letters remain.
_SUFFIXES: tuple[str, ...] = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ingly",
    "ings",
    "ing",
    "edly",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase without accents: "Dmitri Peskóv" -> "dmitri peskov". Cached: the same statement texts are
    compared many times over when linking."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokens(text: str) -> list[str]:
    """Word tokens, folded; "don’t" stays one token."""
    out = []
    for token in _TOKEN.findall(fold(text)):
        if token[0].isdigit():
            out.append(token.replace(",", ""))  # "12,000" -> "12000"
            continue
        token = token.replace("’", "'")
        out.append(token[:-2] if token.endswith("'s") else token)  # possessive, and "it's" -> "it"
    return out


_UNDOUBLED = frozenset({"ed", "edly", "ing", "ings", "ingly", "er", "ers"})


def stem(word: str) -> str:
    """Crude suffix stripping: "conversations" -> "convers", "agreed" -> "agr", "talks" -> "talk"; a
    consonant doubled before the suffix is one again ("planned", "cutting" -> "plan", "cut"; not the l, s
    and z of "called", "passed", "buzzed")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if (
                suffix in _UNDOUBLED
                and len(word) > 3
                and word[-1] == word[-2]
                and word[-1] not in "aeiouylsz"
            ):
                word = word[:-1]
            break
    while word.endswith("e") and len(word) > 3:  # agree, agreed, agreement -> agr
        word = word[:-1]
    return word


def content_terms(text: str) -> set[str]:
    """The stems of the content words of a text (stopwords, negations and one-letter tokens dropped)."""
    out = set()
    for token in tokens(text):
        if token in STOPWORDS or token in NEGATIONS or len(token) < 2 and not token.isdigit():
            continue
        out.add(stem(token))
    return out


# A contrastive negation names what the statement is not, and negates nothing it says: "a work horse, not a
# show horse", "at night but not last night", "not only ... but", "not one, but two".
# A double negative asserts: "won't rule out a female running mate", "there is no doubt that".
_CONTRASTIVE = re.compile(
    r"(?:,|\bbut)\s+not\b|\bnot\s+(?:only|just|one\s*,\s*but)\b"
    r"|\b(?:not|never|wo\s*n['’]t|wo\s*not|won['’]t|did\s*n['’]t|don['’]t|does\s*n['’]t)\s+(?:rule|ruling|ruled)\s+out\b"
    r"|\bno\s+doubt\b",
    re.IGNORECASE,
)


def has_negation(text: str) -> bool:
    """Whether the statement negates what it says (a contrastive "..., not X" does not)."""
    return any(t in NEGATIONS or t.endswith("n't") for t in tokens(_CONTRASTIVE.sub(" ", text)))


@functools.lru_cache(maxsize=1 << 16)  # linking asks for the same names again and again
def name_key(name: str) -> str:
    """The comparison key of a name: folded, no leading "the", no possessive, punctuation dropped.

    "The Wall Street Journal" -> "wall street journal"; "the Harbor Ledger's" -> "harbor ledger";
    "U.S." -> "us".
    """
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    folded = fold(" ".join(words))
    folded = re.sub(r"(?<=\w)\.(?=\w)|\.$", "", folded)  # U.S. -> us
    return " ".join(re.findall(r"[^\W_]+", folded))


def display_name(name: str) -> str:
    """A name as shown: no leading "the", no possessive ("the Harbor Ledger's" -> "Harbor Ledger")."""
    words = name.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    return " ".join(words)


def shorten(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def join_texts(parts: Iterable[str]) -> str:
    return " ".join(p.strip() for p in parts if p.strip())
