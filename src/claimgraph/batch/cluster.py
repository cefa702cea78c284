"""Running the pipeline on an existing Dask cluster (``claimgraph ingest --engine dask --scheduler ADDRESS``).

The client (the machine running ``claimgraph ingest``) reads the inputs as a stream and submits them in
partitions of ``partition_size`` inputs, at most two partitions per worker thread in flight (memory stays
flat on the client however large the corpus). Each task runs the same per-document pipeline as local
workers (:mod:`claimgraph.batch.pipeline`) on a Dask worker, whose spaCy model is loaded on its first task
and kept for the worker's life (a cached pipeline per process), and writes its outcomes as one Parquet file
in the staging directory: one row per input, with the analysis record as JSON. The client reads each
partition as it completes, stores its rows in per-document transactions (idempotent by document id: a
partition merged twice changes nothing) and deletes it.

The staging directory must be reachable by the workers and the client under the same name: a shared
filesystem path, or an object store URI that pyarrow understands (``s3://bucket/prefix``). Workers ask the
store whether a document is already there only when the store is a server (PostgreSQL) they may reach; a
SQLite file stays on the client, and a rerun re-analyzes what it stored (merging it changes nothing).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import pyarrow as pa
import pyarrow.fs
import pyarrow.parquet as pq

from claimgraph.batch.pipeline import DocumentPipeline, Outcome, WorkItem
from claimgraph.batch.workers import PipelineFactory, chunked
from claimgraph.errors import ConfigError

PARQUET_SCHEMA = pa.schema(
    [
        ("input", pa.string()),
        ("status", pa.string()),
        ("kind", pa.string()),
        ("reason", pa.string()),
        ("document_id", pa.string()),
        ("record", pa.string()),
        ("text", pa.string()),
    ]
)

_PIPELINES: dict[bytes, DocumentPipeline] = {}


def worker_pipeline(factory: PipelineFactory) -> DocumentPipeline:
    """The pipeline of this worker process, built (and its model loaded) on the first task only.

    Each task brings its own unpickled copy of the factory, so the cache is keyed by the factory's pickle
    (the same run sends the same bytes), not by identity.
    """
    key = hashlib.sha256(pickle.dumps(factory)).digest()
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = factory()
    return pipeline


def analyze_partition(factory: PipelineFactory, items: list[WorkItem], path: str) -> dict[str, Any]:
    """A Dask task: run the pipeline over ``items`` and write their outcomes to the Parquet file ``path``."""
    outcomes = list(worker_pipeline(factory).run(items))
    table = pa.Table.from_pylist([_row(o) for o in outcomes], schema=PARQUET_SCHEMA)
    filesystem, where = pyarrow.fs.FileSystem.from_uri(path)
    pq.write_table(table, where, filesystem=filesystem, compression="zstd")
    return {"path": path, "rows": len(outcomes)}


def _row(outcome: Outcome) -> dict[str, Any]:
    return {
        "input": outcome.input,
        "status": outcome.status,
        "kind": outcome.kind,
        "reason": outcome.reason,
        "document_id": outcome.document_id,
        "record": json.dumps(outcome.record, ensure_ascii=False) if outcome.record is not None else None,
        "text": outcome.text,
    }


def read_partition(path: str) -> Iterator[Outcome]:
    """The outcomes of one staged Parquet partition."""
    filesystem, where = pyarrow.fs.FileSystem.from_uri(path)
    table = pq.read_table(where, filesystem=filesystem, schema=PARQUET_SCHEMA)
    for row in table.to_pylist():
        yield Outcome(
            row["input"],
            row["status"],
            row["kind"] or "",
            row["reason"] or "",
            row["document_id"],
            json.loads(row["record"]) if row["record"] is not None else None,
            row["text"],
        )


def _staging_uri(staging: str) -> str:
    if "://" in staging:
        return staging.rstrip("/")
    from pathlib import Path

    path = Path(staging).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path.as_uri()


def run_dask(
    items: Iterable[WorkItem],
    factory: PipelineFactory,
    *,
    scheduler: str,
    staging: str,
    partition_size: int = 32,
    keep_staging: bool = False,
) -> Iterator[Outcome]:
    """The outcome of every input, analyzed on the Dask cluster at ``scheduler``, merged as they finish."""
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise ConfigError(
            "the dask engine needs dask[distributed]: pip install 'dask[distributed]'"
        ) from None
    if factory.db_url is not None and factory.db_url.startswith("sqlite"):
        factory = replace(factory, db_url=None)  # a SQLite file is the client's: workers cannot share it
    staging_uri = _staging_uri(staging)
    run = uuid.uuid4().hex[:12]
    try:
        client = Client(scheduler, timeout="30s")
    except OSError as err:
        raise ConfigError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({err})") from None
    with client:
        threads = max(1, sum(client.nthreads().values()))
        limit = 2 * threads
        pending = as_completed()
        chunks = chunked(items, partition_size)
        filesystem, _ = pyarrow.fs.FileSystem.from_uri(staging_uri)

        names: dict[Any, list[str]] = {}  # future key -> the inputs of its partition

        def submit(number: int, chunk: list[WorkItem]) -> None:
            path = f"{staging_uri}/{run}-{number:06d}.parquet"
            future = client.submit(analyze_partition, factory, chunk, path, pure=False)
            names[future.key] = [item.name for item in chunk]
            pending.add(future)

        def merge(future: Any) -> Iterator[Outcome]:
            inputs = names.pop(future.key)
            try:
                result = future.result()
            except Exception as err:  # noqa: BLE001 - a lost partition costs its inputs, not the run
                for name in inputs:
                    yield Outcome(
                        name, "failed", "worker", f"the Dask task failed: {type(err).__name__}: {err}"
                    )
                return
            yield from _merge(result, filesystem, keep_staging)

        for number, chunk in enumerate(chunks):
            if pending.count() >= limit:
                yield from merge(next(pending))
            submit(number, chunk)
        for future in pending:
            yield from merge(future)


def _merge(result: dict[str, Any], filesystem: Any, keep_staging: bool) -> Iterator[Outcome]:
    yield from read_partition(result["path"])
    if not keep_staging:
        filesystem.delete_file(pyarrow.fs.FileSystem.from_uri(result["path"])[1])
