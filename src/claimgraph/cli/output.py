"""Printing query results: JSON as is, CSV through the csv module, tables with Rich.

A :class:`Column` names a header and how to get its cell from a row; lists become ``; ``-joined text in CSV
and tables (JSON keeps them as lists).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    cell: Callable[[dict[str, Any]], Any]
    width: int | None = None  # a ratio for the table; None lets Rich decide


def field(name: str, header: str | None = None, width: int | None = None) -> Column:
    return Column(header or name, lambda row: row.get(name), width)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_csv(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([_text(c.cell(row)) for c in columns])


def print_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[Column], *, title: str | None = None
) -> None:
    table = Table(title=title, title_justify="left", expand=True, show_lines=False)
    for c in columns:
        table.add_column(c.header, ratio=c.width, overflow="fold")
    for row in rows:
        table.add_row(*(_text(c.cell(row)) for c in columns))
    Console().print(table)


def print_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    format: QueryFormat,
    *,
    title: str | None = None,
    data: Any = None,
) -> None:
    """``rows`` in ``format``; ``data`` is what JSON prints when it is not the rows themselves."""
    if format is QueryFormat.json:
        print_json(rows if data is None else data)
    elif format is QueryFormat.csv:
        print_csv(rows, columns)
    else:
        print_table(rows, columns, title=title)
