"""``claimgraph``: the command line. Each command is a thin wrapper over a library function."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Take news reports apart: who claims what, citing whom, who denies it, and when.")


class AnalyzeFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class InfoFormat(str, Enum):
    table = "table"
    json = "json"


def _fail(message: str) -> None:
    typer.echo(f"claimgraph: {message}", err=True)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Text (.txt) or HTML files; - reads standard input.")],
    format: Annotated[AnalyzeFormat, typer.Option("--format", "-f", help="table for people; json or jsonl "
                      "for programs (docs/analysis-json.md).")] = AnalyzeFormat.table,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD, the reference for "
                         "relative times when the input states none.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use (package name or path).")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")] = 10 * 1024 * 1024,
) -> None:
    """Analyze news articles: attributions, sources, stance, hedges, no-comment and times.

    Exit status: 0 when every input was analyzed, 1 when any input failed (each failure is one line on
    standard error; the other inputs are still analyzed and printed), 2 for bad options.
    """
    from claimgraph.analyze import Analyzer, parse_date

    try:
        reference = parse_date(published)
    except ClaimgraphError as err:
        _fail(str(err))
        raise typer.Exit(2) from None
    analyzer = Analyzer(model) if model else Analyzer()
    console = Console()
    failed = 0
    records: list[dict[str, Any]] = []
    try:
        for record in analyzer.analyze_inputs(paths, published=reference, stdin=sys.stdin.buffer,
                                              max_bytes=max_bytes):
            if record.errors:
                failed += 1
                for error in record.errors:
                    _fail(f"{record.path}: {error.message}")
            data = record.to_dict()
            if format is AnalyzeFormat.jsonl:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            elif format is AnalyzeFormat.json:
                records.append(data)
            elif record.document is not None:
                from claimgraph.cli.render import render_record

                render_record(data, console)
    except ClaimgraphError as err:
        _fail(str(err))
        raise typer.Exit(2) from None
    if format is AnalyzeFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    if failed:
        raise typer.Exit(1)


def collect_info(model: str | None = None) -> dict[str, Any]:
    """Versions of claimgraph, spaCy and the model in use."""
    import spacy

    from claimgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline

    name = model or DEFAULT_MODEL
    nlp = load_pipeline(name)
    return {
        "version": __version__,
        "spacy_version": spacy.__version__,
        "spacy_model": name,
        "spacy_model_version": nlp.meta.get("version"),
        "pipeline": list(nlp.pipe_names),
        "python_version": ".".join(str(x) for x in sys.version_info[:3]),
        "resources": str(Path(__file__).resolve().parent.parent / "resources"),
    }


@app.command()
def info(
    format: Annotated[InfoFormat, typer.Option("--format", "-f", help="table or json.")] = InfoFormat.table,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to describe.")] = None,
) -> None:
    """Versions of claimgraph, spaCy and the spaCy model."""
    try:
        data = collect_info(model)
    except ClaimgraphError as err:
        _fail(str(err))
        raise typer.Exit(2) from None
    if format is InfoFormat.json:
        typer.echo(json.dumps(data, indent=2))
        return
    from rich.table import Table

    table = Table(show_header=False)
    for key, value in data.items():
        table.add_row(key, ", ".join(value) if isinstance(value, list) else str(value))
    Console().print(table)


def main() -> None:
    app()
