"""Export: the store as files other tools read (docs/cli.md, ``claimgraph export``).

``jsonl``, ``csv``, ``parquet``: one file per table; ``brat``: standoff annotations per document;
``claimreview``: schema.org ClaimReview JSON-LD skeletons per claim.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from claimgraph.errors import ConfigError
from claimgraph.export.brat import export_brat
from claimgraph.export.claimreview import export_claimreview
from claimgraph.export.tables import export_csv, export_jsonl, export_parquet

EXPORTERS: dict[str, Callable[[sa.Engine, Path], list[Path]]] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "parquet": export_parquet,
    "brat": export_brat,
    "claimreview": export_claimreview,
}


def export_store(engine: sa.Engine, format: str, out: Path) -> list[Path]:
    """Write the store to ``out`` (created if needed) in ``format``; the files written.

    Raises:
        ConfigError: an unknown format, or ``out`` exists and is not a directory.
    """
    if format not in EXPORTERS:
        raise ConfigError(f"--format: {format!r} is not one of {', '.join(EXPORTERS)}")
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out: {out} exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    return EXPORTERS[format](engine, out)


__all__ = ["EXPORTERS", "export_brat", "export_claimreview", "export_csv", "export_jsonl", "export_parquet",
           "export_store"]
