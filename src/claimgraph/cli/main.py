"""``claimgraph``: the command line. Each command is a thin wrapper over a library function."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from claimgraph import __version__
from claimgraph.cli.output import Column, QueryFormat, field, print_csv, print_json, print_rows, print_table
from claimgraph.errors import ClaimgraphError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Take news reports apart: who claims what, citing whom, who denies it, and when.",
)


class AnalyzeFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class InfoFormat(StrEnum):
    table = "table"
    json = "json"


def _fail(message: str) -> None:
    typer.echo(f"claimgraph: {message}", err=True)


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="What ingest reads: text and HTML files, JSONL (one article a line), WARC, RSS/Atom feed "
            "files, URL lists, http(s):// URLs and directories (searched recursively); - reads standard "
            "input. One record per article."
        ),
    ],
    format: Annotated[
        AnalyzeFormat,
        typer.Option(
            "--format", "-f", help="table for people; json or jsonl for programs (docs/analysis-json.md)."
        ),
    ] = AnalyzeFormat.table,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD, the reference for relative times when the input states none."
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use (package name or path).")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")] = 10
    * 1024
    * 1024,
    nested: Annotated[
        bool,
        typer.Option(
            "--nested", help="Table: also show nested speech (attributions inside another's content)."
        ),
    ] = False,
    attribution_model: Annotated[
        Path | None,
        typer.Option(
            "--attribution-model",
            help="Directory of a trained attribution tagger (claimgraph train); default: the rules.",
        ),
    ] = None,
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
    analyzer = (
        Analyzer(model, attribution_model=attribution_model)
        if model
        else Analyzer(attribution_model=attribution_model)
    )
    console = Console()
    failed = 0
    records: list[dict[str, Any]] = []
    try:
        for record in analyzer.analyze_inputs(
            paths, published=reference, stdin=sys.stdin.buffer, max_bytes=max_bytes
        ):
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
            elif record.document is not None and not record.errors:
                from claimgraph.cli.render import render_record

                render_record(data, console, nested=nested)
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
        "spacy_version": spacy.about.__version__,
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


# -- the store: ingest, corrections, queries, export -------------------------------------------------------
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a SQLite file or a SQLAlchemy URL (default: $CLAIMGRAPH_DB, else ./claimgraph.db).",
    ),
]
QueryFormatOption = Annotated[QueryFormat, typer.Option("--format", "-f", help="table, json or csv.")]


class StatsFormat(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    brat = "brat"
    claimreview = "claimreview"


class ClaimStatusChoice(StrEnum):
    single_source = "single-source"
    corroborated = "corroborated"
    contested = "contested"
    denied = "denied"


class SourcesBy(StrEnum):
    source = "source"
    outlet = "outlet"


@contextlib.contextmanager
def _store(db: str | None, *, create: bool = False) -> Iterator[Any]:
    """The store's engine for the length of a command (disposed after), or exit 2 with the reason."""
    from claimgraph.store import open_store

    try:
        engine = open_store(db, create=create)
    except ClaimgraphError as err:
        _fail(str(err))
        raise typer.Exit(2) from None
    try:
        yield engine
    finally:
        engine.dispose()


def make_analyze(
    model: str | None, attribution_model: Path | None = None
) -> Callable[[Iterable[Any]], Iterable[Any]]:
    """The analysis ``ingest`` runs: the spaCy analyzer's batched ``analyze_documents``, picklable for worker
    processes and Dask workers (the model is loaded once in each)."""
    from claimgraph.batch import SpacyAnalyze

    tagger = str(attribution_model.expanduser().resolve()) if attribution_model else None
    return SpacyAnalyze(model, tagger)


class IngestEngine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Text (.txt) and HTML files, JSONL (one article a "
            "line), WARC/WARC.gz, RSS/Atom feed files (.rss, .atom, .xml), URL lists (.urls, or a .txt "
            "of URLs), http(s):// URLs, and directories (searched recursively)."
        ),
    ] = None,
    db: DbOption = None,
    outlet: Annotated[
        str | None,
        typer.Option(
            help="Outlet (publisher) of inputs that state none: plain text files, pages without a site name."
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD of inputs that state none.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use (package name or path).")] = None,
    attribution_model: Annotated[
        Path | None,
        typer.Option(
            "--attribution-model",
            help="Directory of a trained attribution tagger (claimgraph train) to analyze with; "
            "default: the rules.",
        ),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes", help="Refuse inputs (JSONL lines, WARC records, fetched pages) larger than this."
        ),
    ] = 10 * 1024 * 1024,
    format: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="table or json: what the run did.")
    ] = StatsFormat.table,
    urls: Annotated[
        list[str] | None, typer.Option("--urls", help="A file of URLs to fetch, one a line (repeatable).")
    ] = None,
    feed: Annotated[
        list[str] | None,
        typer.Option("--feed", help="An RSS/Atom feed (URL or file) whose entries to ingest (repeatable)."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-j",
            min=1,
            help="Worker processes (each loads the model once); 1 runs in this process.",
        ),
    ] = 1,
    engine: Annotated[
        IngestEngine,
        typer.Option(
            "--engine", help="local (this machine) or dask (an existing Dask cluster: --scheduler)."
        ),
    ] = IngestEngine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="The Dask scheduler's address (tcp://host:8786), with --engine dask."
        ),
    ] = None,
    staging: Annotated[
        str | None,
        typer.Option(
            "--staging",
            help="Where Dask workers write Parquet partitions: "
            "a path shared with the workers, or s3://bucket/prefix.",
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Fetch from loopback, private and link-local addresses (refused by default).",
        ),
    ] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for a server.")] = 10.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Retries of a failed fetch (with backoff).")
    ] = 2,
    language: Annotated[
        list[str] | None,
        typer.Option(
            "--language",
            help="Languages to keep (ISO 639-1; repeatable); others are skipped. 'any' keeps all.",
        ),
    ] = None,
    no_link: Annotated[bool, typer.Option("--no-link", help="Store only; do not relink the corpus.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyze and store articles, then link the stored corpus into the claim graph.

    Each document is stored in its own transaction; a text already stored is skipped; the same URL with a
    new text is stored as a revision of the old one; an article not in English is skipped with the reason.
    Exit status: 0 when every input was stored or skipped on purpose, 1 when any failed (one line each on
    standard error: `claimgraph: INPUT: REASON`; all are in the errors table), 2 for bad options.
    """
    from claimgraph import batch
    from claimgraph.analyze import parse_date
    from claimgraph.batch.progress import IngestProgress, count_inputs

    try:
        reference = parse_date(published)
    except ClaimgraphError as err:
        _fail(str(err))
        raise typer.Exit(2) from None
    if not paths and not urls and not feed:
        _fail("nothing to ingest: give paths, URLs, --urls FILE or --feed")
        raise typer.Exit(2)
    languages = () if language and "any" in language else tuple(language or ("en",))
    analyze = make_analyze(model, attribution_model)
    if attribution_model is not None:  # a tagger that cannot be loaded stops the run before any input
        try:
            if workers == 1 and engine is IngestEngine.local:
                analyze.load()  # type: ignore[attr-defined]  # this process analyzes: its one load, now
            else:
                from claimgraph.train.model import load_tagger

                load_tagger(attribution_model)  # each worker loads its own: here only the check
        except ClaimgraphError as err:
            _fail(str(err))
            raise typer.Exit(2) from None
    fetch = batch.FetchOptions(
        timeout=timeout, retries=retries, max_bytes=max_bytes, allow_private=allow_private
    )
    show = not quiet and format is not StatsFormat.json
    total = count_inputs(paths or [], urls or []) if show and Console(stderr=True).is_terminal else None
    with _store(db, create=True) as store:
        try:
            with IngestProgress(enabled=show, total=total) as progress:
                report = batch.ingest_corpus(
                    store,
                    paths or [],
                    analyze=analyze,
                    link=None if no_link else batch.default_linker(),
                    published=reference,
                    outlet=outlet,
                    max_bytes=max_bytes,
                    on_failure=lambda f: progress.console.print(
                        f"claimgraph: {f.input}: {f.reason}", markup=False, highlight=False, soft_wrap=True
                    ),
                    on_outcome=progress.advance,
                    workers=workers,
                    url_lists=urls or [],
                    feeds=feed or [],
                    fetch=fetch,
                    languages=languages,
                    engine_name=engine.value,
                    scheduler=scheduler,
                    staging=staging,
                )
        except ClaimgraphError as err:
            _fail(str(err))
            raise typer.Exit(2) from None
    data = report.to_dict()
    if format is StatsFormat.json:
        print_json(data)
    else:
        revisions = f" ({data['revisions']} revisions)" if data["revisions"] else ""
        claims = "not linked" if data["claims"] is None else f"{data['claims']} claims in the graph"
        typer.echo(
            f"ok {data['ok']}: stored {data['stored']} documents{revisions}, {data['unchanged']} "
            f"unchanged; {data['failed']} failed, {data['skipped']} skipped; {claims}"
        )
    if report.failures:
        raise typer.Exit(1)


_CLAIM_COLUMNS = [
    field("id", width=2),
    field("status", width=2),
    Column("indep.", lambda c: c["independent_sources"], 1),
    field("first_seen", "first seen", 2),
    field("summary", width=8),
    Column(
        "sources",
        lambda c: [
            f"{s['entity']} ({s['stance']}, {s['outlet'] or '?'}"
            + (f", repeats {s['repeats']}" if s["repeats"] else "")
            + ")"
            for s in c["sources"]
        ],
        6,
    ),
    Column("disputes", lambda c: [_dispute_cell(c, d) for d in c["disputes"]], 4),
]


def _dispute_cell(claim: dict[str, Any], dispute: dict[str, Any]) -> str:
    """The other side of a dispute for a table: a claim by its id; a denial that is no claim of its own (an
    attribution, ``document#a3``) by the outlet it appeared in, not by a 64-character document id."""
    other = dispute["claim"]
    if "#" in other:
        outlets = [s["outlet"] for s in claim["sources"] if s["attribution"] == other and s["outlet"]]
        other = f"in {outlets[0]}" if outlets else other.rsplit("#", 1)[0][:10]
    return f"{dispute['kind']} {other}: {dispute['reason']}"


@app.command()
def claims(
    entity: Annotated[
        str | None, typer.Option(help="Claims about or by this entity (name, alias or id).")
    ] = None,
    status: Annotated[ClaimStatusChoice | None, typer.Option(help="Only claims with this status.")] = None,
    source: Annotated[
        str | None,
        typer.Option(
            help="Only claims one of whose sources is this (an entity, or "
            "an unnamed source's words: 'two officials')."
        ),
    ] = None,
    format: QueryFormatOption = QueryFormat.table,
    db: DbOption = None,
) -> None:
    """Claims across the stored articles: status, independent sources, sources and disputes."""
    from claimgraph.store.queries import list_claims

    with _store(db) as engine:
        rows = list_claims(engine, entity=entity, status=status.value if status else None, source=source)
    print_rows(rows, _CLAIM_COLUMNS, format, title=f"{len(rows)} claims")


entities_app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    help="Entities across documents; merge and split correct the resolution.",
)
app.add_typer(entities_app, name="entities")

_ENTITY_COLUMNS = [
    field("id", width=2),
    field("name", width=3),
    field("type", width=1),
    field("documents", width=1),
    field("aliases", width=5),
]


@entities_app.callback()
def entities(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Only entities this names (name, alias or id).")] = None,
    format: QueryFormatOption = QueryFormat.table,
    db: DbOption = None,
) -> None:
    """Entities across documents (people, organizations, places, media), those in most documents first."""
    if ctx.invoked_subcommand is not None:
        return
    from claimgraph.store.queries import list_entities

    with _store(db) as engine:
        rows = list_entities(engine, name=name)
    print_rows(rows, _ENTITY_COLUMNS, format, title=f"{len(rows)} entities")


def _override(action: str, a: str, b: str, db: str | None) -> None:
    from claimgraph import batch
    from claimgraph.store import apply_override

    with _store(db) as engine:
        outcome = apply_override(engine, batch.default_linker(), action, a, b)  # type: ignore[arg-type]
    if outcome.graph is None and not outcome.unresolved:
        typer.echo(f"already stored: {action} {a!r} {b!r}")
        return
    if not outcome.stored:
        _fail(f"nothing stored: {outcome.unresolved[0]}")
        raise typer.Exit(1)
    for message in outcome.unresolved:
        _fail(f"warning: an earlier override names nothing now: {message}")
    assert outcome.graph is not None
    typer.echo(
        f"stored {action} {a!r} {b!r}; relinked: {len(outcome.graph.entities)} entities, "
        f"{len(outcome.graph.claims)} claims"
    )


@entities_app.command("merge")
def entities_merge(
    a: Annotated[str, typer.Argument(help="An entity id, name or alias.")],
    b: Annotated[str, typer.Argument(help="Another entity id, name or alias: the same participant.")],
    db: DbOption = None,
) -> None:
    """Say that A and B are the same participant; stored, and kept by every later linking."""
    _override("merge", a, b, db)


@entities_app.command("split")
def entities_split(
    entity: Annotated[str, typer.Argument(help="The entity id.")],
    member: Annotated[
        str,
        typer.Argument(help="A member (<document id>#e1) or an alias to take out into an entity of its own."),
    ],
    db: DbOption = None,
) -> None:
    """Take a member or alias out of an entity it was wrongly merged into; stored and kept."""
    _override("split", entity, member, db)


_TIMELINE_COLUMNS = [
    field("when", width=2),
    field("kind", width=1),
    field("text", width=2),
    field("summary", width=8),
    field("outlet", width=2),
    field("claim", width=2),
]


@app.command()
def timeline(
    entity: Annotated[str | None, typer.Option(help="Events involving this entity.")] = None,
    claim: Annotated[str | None, typer.Option(help="Events of this claim (its id).")] = None,
    format: QueryFormatOption = QueryFormat.table,
    db: DbOption = None,
) -> None:
    """Dated events (when something happened) and reports (when it was said), in time order."""
    from claimgraph.store.queries import list_timeline

    if entity is None and claim is None:
        _fail("timeline: give --entity NAME or --claim ID")
        raise typer.Exit(2)
    with _store(db) as engine:
        rows = list_timeline(engine, entity=entity, claim=claim)
    print_rows(rows, _TIMELINE_COLUMNS, format, title=f"{len(rows)} events")


_SOURCE_COLUMNS = [
    field("name", width=4),
    field("kind", width=2),
    field("citations", width=1),
    field("documents", width=1),
    field("outlets", width=4),
]
_OUTLET_COLUMNS = [
    field("outlet", width=4),
    field("documents", width=1),
    field("attributions", width=1),
    field("named", width=1),
    field("anonymous", width=1),
    field("other", width=1),
    field("named_share", "named share", 1),
    field("anonymous_share", "anonymous share", 1),
]


@app.command()
def sources(
    format: QueryFormatOption = QueryFormat.table,
    by: Annotated[
        SourcesBy, typer.Option(help="For csv: one row per source, or per outlet (table and json show both).")
    ] = SourcesBy.source,
    db: DbOption = None,
) -> None:
    """Who is cited and how often; per outlet, the share of named and anonymous sources."""
    from claimgraph.store.queries import list_sources

    with _store(db) as engine:
        data = list_sources(engine)
    if format is QueryFormat.json:
        print_json(data)
    elif format is QueryFormat.csv:
        print_csv(
            *(
                (data["sources"], _SOURCE_COLUMNS)
                if by is SourcesBy.source
                else (data["outlets"], _OUTLET_COLUMNS)
            )
        )
    else:
        print_table(data["sources"], _SOURCE_COLUMNS, title="sources")
        print_table(data["outlets"], _OUTLET_COLUMNS, title="outlets")


@app.command()
def stats(
    format: Annotated[StatsFormat, typer.Option("--format", "-f", help="table or json.")] = StatsFormat.table,
    db: DbOption = None,
) -> None:
    """How much the store holds: documents, attributions, entities, claims, errors, ..."""
    from claimgraph.store.queries import collect_stats

    with _store(db) as engine:
        data = collect_stats(engine)
    if format is StatsFormat.json:
        print_json(data)
    else:
        print_table([{"what": k, "count": v} for k, v in data.items()], [field("what"), field("count")])


@app.command()
def link(
    db: DbOption = None,
) -> None:
    """Link the stored corpus again: entities, claims, corroboration, disputes, timeline.

    For a large backfill, ingest in several runs with --no-link and link once at the end.
    """
    import time

    from claimgraph.link import link_corpus
    from claimgraph.store import relink

    with _store(db) as engine:
        started = time.perf_counter()
        graph = relink(engine, link_corpus)
    typer.echo(
        f"linked: {len(graph.entities)} entities, {len(graph.claims)} claims, "
        f"{len(graph.timeline)} timeline events in {time.perf_counter() - started:.1f} s"
    )


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv, parquet (one file per table), brat (per document), claimreview (per claim).",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Directory to write into (created if needed).")],
    db: DbOption = None,
) -> None:
    """Export the store for other tools (docs/cli.md describes each format)."""
    from claimgraph.export import export_store

    with _store(db) as engine:
        try:
            written = export_store(engine, format.value, out)
        except ClaimgraphError as err:
            _fail(str(err))
            raise typer.Exit(2) from None
    typer.echo(f"wrote {len(written)} files to {out}")


class TaggerKind(StrEnum):
    crf = "crf"
    transformer = "transformer"


@app.command()
def train(
    polnear: Annotated[
        Path,
        typer.Option(
            "--polnear", help="PolNeAR checkout or bare git directory (train and dev are read; test never)."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Directory for the model (keep it out of any repository: the corpus has no license). "
            "Default: ~/.cache/claimgraph/models/attribution-crf, or attribution-transformer.",
        ),
    ] = None,
    kind: Annotated[
        TaggerKind,
        typer.Option(
            "--kind",
            help="crf: a CRF over spaCy and rule features ([train] extra; about 15 min). transformer: "
            "all-MiniLM-L6-v2 fine-tuned ([transformer-train] extra, torch; about 80 min on 2 cores); "
            "more accurate, slower to tag.",
        ),
    ] = TaggerKind.crf,
    epochs: Annotated[
        float | None,
        typer.Option("--epochs", help="L-BFGS iterations of the CRF (150), or passes over train (3)."),
    ] = None,
    max_minutes: Annotated[
        float,
        typer.Option(
            "--max-minutes",
            help="The CRF's time budget: caps its iterations, the candidates and the cue tagger.",
        ),
    ] = 25.0,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N articles per split.")] = None,
) -> None:
    """Train an attribution tagger for --attribution-model: a CRF (over spaCy and rule features, and a second
    CRF of cues alone) or a transformer. CPU only."""
    from claimgraph.train import DEFAULT_MODEL_DIR, DEFAULT_TRANSFORMER_DIR

    log = lambda line: typer.echo(line, err=True)  # noqa: E731
    try:
        if kind is TaggerKind.transformer:
            from claimgraph.train.transformer import train_transformer

            train_transformer(
                polnear,
                (out or DEFAULT_TRANSFORMER_DIR).expanduser(),
                epochs=3.0 if epochs is None else epochs,
                limit=limit,
                log=log,
            )
        else:
            from claimgraph.train.trainer import train as run_training

            run_training(
                polnear,
                out or DEFAULT_MODEL_DIR,
                epochs=150 if epochs is None else int(epochs),
                max_minutes=max_minutes,
                limit=limit,
                log=log,
            )
    except ClaimgraphError as err:
        _fail(str(err))
        raise typer.Exit(2) from None


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. The default serves this machine only; "
            "anything else exposes the store (and pasting articles) to the network."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline for pasted articles (loaded on the first paste).")
    ] = None,
) -> None:
    """Serve the web UI and HTTP API over the store (docs/web.md): documents, claims, entities, timelines.

    Pages at http://HOST:PORT/, the API under /api/ (OpenAPI at /openapi.json, interactive docs at /docs).
    Creates the database when it does not exist yet (paste articles into it at /analyze).
    """
    import uvicorn

    from claimgraph.web import create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        _fail(f"warning: listening on {host}: anyone who can reach it can read the store and add articles")
    with _store(db, create=True) as engine:
        uvicorn.run(
            create_app(engine, model=model), host=host, port=port, log_level="info", server_header=False
        )


def main() -> None:
    app()
