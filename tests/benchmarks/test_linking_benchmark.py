"""benchmarks/linking.py on the five story articles: metadata from file names, steps, growth exponents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.linking import main, read_records

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "tests" / "data" / "story"
PATTERN = r"(?P<outlet>[a-z-]+)_(?P<published>\d{4}-\d{2}-\d{2})_"


@pytest.mark.model
def test_linking_benchmark_steps_and_metadata_from_names(tmp_path: Path) -> None:
    from claimgraph.analyze import Analyzer

    analyzer = Analyzer()
    records = tmp_path / "records.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for n, path in enumerate(sorted(STORY.glob("*.txt"))):
            record = analyzer.analyze_text(path.read_text(encoding="utf-8")).to_dict()
            record["path"] = f"/somewhere/outlet-{'ab'[n % 2]}_2025-03-0{n + 1}_{path.stem}.txt"
            out.write(json.dumps(record) + "\n")
        out.write("\n")  # blank lines are skipped
    read = read_records(records, PATTERN)
    assert [r["document"]["outlet"] for r in read] == ["outlet-a", "outlet-b"] * 2 + ["outlet-a"]
    assert read[2]["document"]["published"] == "2025-03-03"

    result_path = tmp_path / "linking.json"
    assert main([str(records), "--meta-from-path", PATTERN, "--json", str(result_path)]) == 0
    steps = json.loads(result_path.read_text())["steps"]
    assert [s["documents"] for s in steps] == [1, 2, 5]  # a quarter, a half and all, rounded down
    assert steps[0]["growth_exponent"] is None and all(s["growth_exponent"] is not None for s in steps[1:])
    assert steps[-1]["claims"] >= steps[0]["claims"] > 0


def test_linking_benchmark_refuses_what_is_not_records(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"document": {"id": "x"}}\nnot json\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad.jsonl:2: not a JSON record"):
        read_records(bad, None)
