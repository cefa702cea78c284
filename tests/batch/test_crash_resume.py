"""Fault tolerance for real: `claimgraph ingest` killed with SIGKILL mid-run, run again, every document once.

The run is slowed by the testing hook CLAIMGRAPH_TEST_DOCUMENT_DELAY (seconds per document) so that it can
be killed after a few documents are committed. This uses the real spaCy model (marked ``model``).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

DOCUMENTS = 30


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    for n in range(DOCUMENTS):
        (folder / f"{n:02d}.txt").write_text(
            f"Mayor Ann Lee said on Tuesday that bridge number {n} would reopen in May.\n"
            f"Engineers denied that bridge {n} was safe, the Harbor Ledger reported.\n",
            encoding="utf-8",
        )


def documents(db: Path) -> tuple[int, int]:
    """(rows, distinct ids) in the documents table; (0, 0) before the table exists."""
    try:
        with closing(sqlite3.connect(db, timeout=5)) as connection:
            return connection.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()
    except sqlite3.OperationalError:
        return (0, 0)


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [
        str(Path(sys.executable).parent / "claimgraph"),
        "ingest",
        "--db",
        str(db),
        "--workers",
        "1",
        "--quiet",
        "--format",
        "json",
        str(corpus),
    ]


def test_a_run_killed_with_sigkill_and_run_again_stores_every_document_exactly_once(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "crash.db"
    write_corpus(corpus)
    env = {**os.environ, "CLAIMGRAPH_TEST_DOCUMENT_DELAY": "0.15"}
    with subprocess.Popen(
        ingest_command(corpus, db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as process:
        deadline = time.monotonic() + 60
        try:
            while documents(db)[0] < 3:
                assert process.poll() is None, f"the run ended early with {process.returncode}"
                assert time.monotonic() < deadline, "no document was committed in time"
                time.sleep(0.05)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
    stored, distinct = documents(db)
    assert process.returncode == -signal.SIGKILL
    assert 3 <= stored < DOCUMENTS and stored == distinct

    rerun = subprocess.run(
        ingest_command(corpus, db),
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "CLAIMGRAPH_TEST_DOCUMENT_DELAY"},
    )
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["stored"] == DOCUMENTS - stored and report["unchanged"] == stored and report["failed"] == 0
    assert documents(db) == (DOCUMENTS, DOCUMENTS)
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT count(*) FROM errors").fetchone() == (0,)
        per_document = connection.execute(
            "SELECT count(*) FROM (SELECT document_id FROM attributions GROUP BY document_id)"
        ).fetchone()
    assert per_document == (DOCUMENTS,)  # every document's analysis is there, none half-written
