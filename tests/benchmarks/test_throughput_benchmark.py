"""benchmarks/throughput.py end to end on three small texts: it runs and reports what the docs quote."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.model
def test_throughput_benchmark_reports_ratios_and_memory(tmp_path: Path) -> None:
    corpus = tmp_path / "texts"
    corpus.mkdir()
    for n, text in enumerate((ROOT / "tests" / "data" / "story").glob("*.txt")):
        if n < 3:
            (corpus / f"{n}.txt").write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "throughput.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "throughput.py"), str(corpus), "--workers", "1", "2",
               "--repeat", "1", "--json", str(out)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    result = json.loads(out.read_text())
    assert result["n_texts"] == 3 and result["repeat"] == 1
    assert result["bare_spacy"]["words_per_second"] > 0
    for workers in ("1", "2"):
        run = result["ingest"][workers]
        assert run["stored"] == 3 and run["failed"] == 0
        assert run["words_per_second"] > 0
    assert len(result["ingest"]["2"]["peak_rss_mb"]["workers"]) == 2  # one peak per worker process
    ratios = result["ratios"]
    assert ratios["ingest_vs_bare"] > 0 and ratios["scaling_efficiency_2"] > 0
    assert ratios["peak_rss_mb_per_worker"] > 100  # a process holding the model
    assert result["linking"]["all"]["documents"] == 3
