"""Which language an article is in, to skip what the English pipeline cannot read.

py3langid (a maintained fork of langid.py) is used because it ships its model in the wheel (4.5 MB
installed, nothing downloaded at run time), is deterministic, and classifies an article in well under a
millisecond. Short texts are not judged: below :data:`MIN_WORDS` words a guess is noise ("Elon Musk" comes
out as Hausa), so they pass as English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Fewer words than this are not judged.
MIN_WORDS = 20
#: A text is skipped only when the identifier is at least this sure of another language.
MIN_CONFIDENCE = 0.9
_SAMPLE_CHARS = 2500  # plenty for a confident guess; the cost grows with the sample


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str  # ISO 639-1 code
    confidence: float  # normalized probability, 0..1


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess | None:
    """The language of ``text``, or None when it is too short to tell."""
    if len(text.split(None, MIN_WORDS)) < MIN_WORDS:
        return None
    language, confidence = _identifier().classify(text[:_SAMPLE_CHARS])
    return LanguageGuess(str(language), float(confidence))


def foreign_language(text: str, accepted: tuple[str, ...] = ("en",)) -> LanguageGuess | None:
    """The guess when ``text`` is surely in a language not ``accepted``; None when it may be read."""
    guess = detect_language(text)
    if guess is None or guess.language in accepted or guess.confidence < MIN_CONFIDENCE:
        return None
    return guess
