"""A trained attribution tagger (optional): a CRF over spaCy token features and the rules' own output.

The rules (``claimgraph.attribution``) stay the default. ``claimgraph train --polnear PATH --out DIR`` trains
a model on a brat corpus in PolNeAR's layout; ``Analyzer(attribution_model=DIR)`` (``claimgraph analyze
--attribution-model DIR``) uses it. Training needs the ``[train]`` extra (python-crfsuite); tagging reads the
model's weights and decodes with NumPy (``claimgraph.train.crf``).

PolNeAR has no license: a model trained on it is never committed or shipped; it lives in the directory its
user chooses (default ``~/.cache/claimgraph/models/attribution-crf``).
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_MODEL_DIR = Path("~/.cache/claimgraph/models/attribution-crf")

__all__ = ["DEFAULT_MODEL_DIR"]
