"""The attribution rules' word lists, loaded once from ``resources/attribution.json`` and validated.

Rules read like data: every list in the JSON file says why it exists (its ``why`` field); this module only
turns them into frozensets, dicts and compiled regexes, and fails loudly when the file is malformed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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
    anonymity_markers: frozenset[str]
    anonymous_status: dict[str, str]
    anonymous_affiliations: frozenset[str]
    published_roles: frozenset[str]
    count_words: dict[str, int | str | None]
    epithets: dict[str, str]
    media_words: frozenset[str]
    known_organizations: dict[str, str]
    no_comment: tuple[re.Pattern[str], ...]
    no_comment_by_no_one: tuple[re.Pattern[str], ...]
    institutions: frozenset[str]
    organization_heads: frozenset[str]
    title_openers: frozenset[str]
    company_name_words: frozenset[str]
    business_epithets: frozenset[str]
    asked_asides: frozenset[str]


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


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The validated lexicon (loaded once per process)."""
    raw = resources.files("claimgraph.resources").joinpath("attribution.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    hedges = sorted((tuple(h.split()) for h in _words(data, "hedges")), key=len, reverse=True)
    return Lexicon(
        reporting_verbs=_words(data, "reporting_verbs"),
        weak_verbs=_words(data, "weak_verbs"),
        quote_only_verbs=_words(data, "quote_only_verbs"),
        object_content_verbs=_words(data, "object_content_verbs"),
        extended_verbs=_words(data, "extended_verbs"),
        xcomp_content_verbs=_words(data, "xcomp_content_verbs"),
        prep_content_verbs={k: frozenset(v) for k, v in _entries(data, "prep_content_verbs").items()},
        human_nouns=_words(data, "human_nouns"),
        nominal_cues=_words(data, "nominal_cues"),
        cited_reasons=_words(data, "cited_reasons"),
        denial_verbs=_words(data, "denial_verbs"),
        denial_phrases=_patterns(data, "denial_phrases"),
        hedges=tuple(hedges),
        cueless_hedges=_words(data, "cueless_hedges"),
        anonymous_nouns=_words(data, "anonymous_nouns"),
        anonymity_markers=_words(data, "anonymity_markers"),
        anonymous_status=dict(_entries(data, "anonymous_status")),
        anonymous_affiliations=_words(data, "anonymous_affiliations"),
        published_roles=_words(data, "published_roles"),
        count_words=dict(_entries(data, "count_words")),
        epithets=dict(_entries(data, "epithets")),
        media_words=_words(data, "media_words"),
        known_organizations=dict(_entries(data, "known_organizations")),
        no_comment=_patterns(data, "no_comment"),
        no_comment_by_no_one=_patterns(data, "no_comment_by_no_one"),
        institutions=_words(data, "institutions"),
        organization_heads=_words(data, "organization_heads"),
        title_openers=_words(data, "title_openers"),
        company_name_words=_words(data, "company_name_words"),
        business_epithets=_words(data, "business_epithets"),
        asked_asides=_words(data, "asked_asides"),
    )
