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
    cells = [[_text(c.cell(row)) for c in columns] for row in rows]
    for k, c in enumerate(columns):
        if _atoms([line[k] for line in cells]):
            # ids, dates, statuses and counts are read whole: sized to fit, never folded ("C3ac491 96b0")
            table.add_column(c.header, no_wrap=True)
        else:
            table.add_column(c.header, ratio=c.width, overflow="fold")
    for line in cells:
        table.add_row(*line)
    Console().print(table)


def _atoms(values: Sequence[str], longest: int = 16) -> bool:
    """Whether every value is one short word (an id, a date, a count)."""
    return all(len(v) <= longest and " " not in v for v in values)


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
