"""The Dask engine on a LocalCluster of 2 worker processes: analyze there, stage Parquet, merge here."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from claimgraph.batch import ingest_corpus
from claimgraph.batch.cluster import PARQUET_SCHEMA, read_partition
from claimgraph.errors import ConfigError
from claimgraph.store import open_store, schema
from store_fakes import FakeAnalyzer, fake_link

distributed = pytest.importorskip("distributed")


def test_dask_engine_stores_every_document_once_and_merging_is_idempotent(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(7):
        (corpus / f"{n}.txt").write_text(
            f"Ann Lee said dam {n} leaks.\nBob Stone denied that dam {n} leaks.\n", encoding="utf-8"
        )
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bad.txt").write_text("ANALYSIS-FAILS in this one.", encoding="utf-8")
    staging = tmp_path / "staging"
    engine = open_store(str(tmp_path / "dask.db"))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        report = ingest_corpus(
            engine,
            [str(corpus)],
            analyze=FakeAnalyzer(),
            link=fake_link,
            engine_name="dask",
            scheduler=cluster.scheduler_address,
            staging=str(staging),
            partition_size=3,
        )
        assert len(report.stored) == 7 and report.claims is not None
        assert sorted(Path(f.input).name for f in report.failures) == ["bad.txt", "empty.txt"]
        assert list(staging.iterdir()) == []  # each partition was merged, then deleted
        with distributed.Client(cluster.scheduler_address) as client:
            # the pipeline (and so the model) was built once per worker process, whatever the task count
            built = client.run(lambda: len(__import__("claimgraph.batch.cluster").batch.cluster._PIPELINES))
        assert set(built.values()) <= {0, 1} and sum(built.values()) >= 1
        again = ingest_corpus(
            engine,
            [str(corpus)],
            analyze=FakeAnalyzer(),
            link=None,
            engine_name="dask",
            scheduler=cluster.scheduler_address,
            staging=str(staging),
        )
    assert len(again.stored) == 0 and again.unchanged == 7  # merged by document id: nothing twice
    with engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar() == 7
    engine.dispose()


def test_partitions_hold_one_row_per_input_with_the_record_as_json(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {
            "input": "a.txt",
            "status": "analyzed",
            "kind": "",
            "reason": "",
            "document_id": "d1",
            "record": '{"path": "a.txt", "document": {"id": "d1"}}',
            "text": "Hi.",
        },
        {
            "input": "b.txt",
            "status": "failed",
            "kind": "input",
            "reason": "empty file",
            "document_id": None,
            "record": None,
            "text": None,
        },
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA), tmp_path / "p.parquet")
    ok, failed = read_partition((tmp_path / "p.parquet").as_uri())
    assert ok.record == {"path": "a.txt", "document": {"id": "d1"}} and ok.text == "Hi."
    assert (failed.status, failed.reason, failed.record) == ("failed", "empty file", None)


def test_dask_engine_needs_a_scheduler_and_staging(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "x.db"))
    with pytest.raises(ConfigError, match="--scheduler"):
        ingest_corpus(engine, [], analyze=FakeAnalyzer(), link=None, engine_name="dask")
    engine.dispose()
