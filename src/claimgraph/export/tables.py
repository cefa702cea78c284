"""Every table of the store as files: JSONL, CSV or Parquet, one file per table (``<table>.<ext>``).

The tables and columns are those of :mod:`claimgraph.store.schema` (docs/cli.md lists them). JSON columns
(``aliases``, ``content``, ``record``, ...) are nested values in JSONL, JSON text in CSV and Parquet (Parquet
could hold them as nested types, but their shapes vary by row: an ``anonymous`` object or null, spans with
optional fields; JSON text keeps one column type that every reader understands).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from claimgraph.store import schema


def _rows(engine: sa.Engine, table: sa.Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    with engine.connect() as connection:
        for row in connection.execute(sa.select(table).order_by(*order)):
            yield dict(row._mapping)


def _is_json(column: sa.Column[Any]) -> bool:
    return isinstance(column.type, sa.JSON)


def _flat(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row with its JSON columns as JSON text."""
    return {name: json.dumps(value, ensure_ascii=False) if _is_json(table.c[name]) and value is not None
            else value for name, value in row.items()}


def export_jsonl(engine: sa.Engine, out: Path) -> list[Path]:
    written = []
    for table in schema.DATA_TABLES:
        path = out / f"{table.name}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in _rows(engine, table):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def export_csv(engine: sa.Engine, out: Path) -> list[Path]:
    written = []
    for table in schema.DATA_TABLES:
        path = out / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(table.columns.keys()))
            writer.writeheader()
            for row in _rows(engine, table):
                writer.writerow(_flat(table, row))
        written.append(path)
    return written


def arrow_type(column: sa.Column[Any]) -> Any:
    """The Arrow type a column is written as."""
    import pyarrow as pa

    kind = column.type
    if isinstance(kind, sa.Boolean):
        return pa.bool_()
    if isinstance(kind, sa.Integer):
        return pa.int64()
    if isinstance(kind, sa.Float):
        return pa.float64()
    return pa.string()  # text, labels and JSON text


def export_parquet(engine: sa.Engine, out: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = []
    for table in schema.DATA_TABLES:
        arrow_schema = pa.schema([pa.field(c.name, arrow_type(c), nullable=bool(c.nullable))
                                  for c in table.columns])
        rows = [_flat(table, row) for row in _rows(engine, table)]
        columns = {c.name: [row[c.name] for row in rows] for c in table.columns}
        path = out / f"{table.name}.parquet"
        pq.write_table(pa.Table.from_pydict(columns, schema=arrow_schema), path)
        written.append(path)
    return written
