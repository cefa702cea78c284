"""The attribution rules' word lists, loaded once from ``resources/attribution.json`` and validated.

Rules read like data: every list in the JSON file says why it exists (its ``why`` field); this module only
turns them into frozensets, dicts and compiled regexes, and fails loudly when the file is malformed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any

from claimgraph.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Lexicon:
    reporting_verbs: frozenset[str]
    weak_verbs: frozenset[str]
    quote_only_verbs: frozenset[str]
    object_content_verbs: frozenset[str]
    extended_verbs: frozenset[str]
    xcomp_content_verbs: frozenset[str]
    prep_content_verbs: dict[str, frozenset[str]]
    human_nouns: frozenset[str]
    nominal_cues: frozenset[str]
    cited_reasons: frozenset[str]
    denial_verbs: frozenset[str]
    denial_phrases: tuple[re.Pattern[str], ...]
    hedges: tuple[tuple[str, ...], ...]  # token sequences, longest first
    cueless_hedges: frozenset[str]
    anonymous_nouns: frozenset[str]
    person_nouns: frozenset[str]
    anonymity_markers: frozenset[str]
    anonymous_status: dict[str, str]
    anonymous_affiliations: frozenset[str]
    published_roles: frozenset[str]
    count_words: dict[str, int | str | None]
    epithets: dict[str, str]
    media_words: frozenset[str]
    media_names: frozenset[str]
    requests: frozenset[str]
    known_organizations: dict[str, str]
    no_comment: tuple[re.Pattern[str], ...]
    no_comment_by_no_one: tuple[re.Pattern[str], ...]
    institutions: frozenset[str]
    public_bodies: frozenset[str]
    organization_heads: frozenset[str]
    title_openers: frozenset[str]
    company_name_words: frozenset[str]
    business_epithets: frozenset[str]
    body_epithets: frozenset[str]
    event_nouns: frozenset[str]
    asked_asides: frozenset[str]
    documents: frozenset[str]
    publishing_participles: frozenset[str]
    relations: frozenset[str]
    title_abbreviations: dict[str, str | None]
    legal_forms: frozenset[str]

    def names_outlet(self, words: Sequence[str]) -> bool:
        """Whether lower-cased name words name a news outlet: an outlet's word ends them ("the Harbor
        Ledger", "Xinhua News Agency") or a known outlet's name is among them ("BBC Russian")."""
        return bool(words) and (
            words[-1] in self.media_words
            or " ".join(words[-2:]) in self.media_words
            or any(w in self.media_names for w in words)
        )


def _entries(data: dict[str, Any], key: str) -> Any:
    try:
        block = data[key]
    except KeyError:
        raise ConfigError(f"resources/attribution.json: list {key!r} is missing") from None
    if not isinstance(block, dict) or "why" not in block or "entries" not in block:
        raise ConfigError(f"resources/attribution.json: {key!r} needs 'why' and 'entries'")
    return block["entries"]


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    entries = _entries(data, key)
    if not isinstance(entries, list) or not all(isinstance(e, str) and e == e.lower() for e in entries):
        raise ConfigError(f"resources/attribution.json: {key!r} must be a list of lower-case strings")
    return frozenset(entries)


def _patterns(data: dict[str, Any], key: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for entry in _entries(data, key):
        try:
            out.append(re.compile(entry, re.IGNORECASE))
        except re.error as err:
            raise ConfigError(f"resources/attribution.json: {key!r}: bad pattern {entry!r}: {err}") from None
    return tuple(out)


# How a list of the JSON file becomes a field, by the field's type (mappings are read as dicts).
_LOADERS = {"frozenset[str]": _words, "tuple[re.Pattern[str], ...]": _patterns}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The validated lexicon (loaded once per process): each field from the list of the same name."""
    raw = resources.files("claimgraph.resources").joinpath("attribution.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    values: dict[str, Any] = {}
    for f in fields(Lexicon):
        if f.name == "hedges":  # token sequences, longest first
            phrases = (tuple(h.split()) for h in _words(data, f.name))
            values[f.name] = tuple(sorted(phrases, key=len, reverse=True))
        elif f.name == "prep_content_verbs":
            values[f.name] = {k: frozenset(v) for k, v in _entries(data, f.name).items()}
        elif f.type in _LOADERS:
            values[f.name] = _LOADERS[f.type](data, f.name)
        elif str(f.type).startswith("dict["):
            values[f.name] = dict(_entries(data, f.name))
        else:
            raise TypeError(f"Lexicon.{f.name}: no loader for {f.type}")
    return Lexicon(**values)
