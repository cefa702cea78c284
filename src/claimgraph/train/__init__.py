"""Trained attribution taggers (optional): a CRF over spaCy token features and the rules' own output, or a
fine-tuned transformer (``claimgraph.train.transformer``); both go through one assembly
(``claimgraph.train.model``).

The rules (``claimgraph.attribution``) stay the default. ``claimgraph train --polnear PATH --out DIR [--kind
transformer]`` trains a model on a brat corpus in PolNeAR's layout; ``Analyzer(attribution_model=DIR)``
(``claimgraph analyze --attribution-model DIR``) uses it, of the kind its ``meta.json`` names. The CRF needs
the ``[train]`` extra (python-crfsuite) to train; its tagging reads the model's weights and decodes with
NumPy (``claimgraph.train.crf``). The transformer needs ``[transformer-train]`` (torch) to train and
``[transformer]`` (tokenizers, safetensors) to tag; its encoder runs in NumPy.

PolNeAR has no license: a model trained on it is never committed or shipped; it lives in the directory its
user chooses (default ``~/.cache/claimgraph/models/attribution-crf``).
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_MODEL_DIR = Path("~/.cache/claimgraph/models/attribution-crf")
DEFAULT_TRANSFORMER_DIR = Path("~/.cache/claimgraph/models/attribution-transformer")

__all__ = ["DEFAULT_MODEL_DIR", "DEFAULT_TRANSFORMER_DIR"]
