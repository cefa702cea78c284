"""How linking grows with the corpus: ``link_corpus`` over the first 1/4, 1/2 and all of a set of records.

    python benchmarks/linking.py RECORDS.jsonl [--meta-from-path REGEX] [--steps 3] [--json OUT]

RECORDS.jsonl holds analysis records (docs/analysis-json.md), e.g. from ``claimgraph analyze -f jsonl``
over a folder of articles. Texts analyzed from bare files have no outlet or date; ``--meta-from-path`` takes
them from each record's ``path`` with a regular expression with named groups ``outlet`` and ``published``
(PolNeAR's file names: ``'(?P<outlet>[a-z-]+)_(?P<published>\\d{4}-\\d{2}-\\d{2})_'``), so that outlets,
story windows and timelines are exercised as in a real corpus. Nothing here is committed with its data:
PolNeAR has no license.

Printed per step: documents, claims, seconds, and the growth exponent between steps (log of the time ratio
over log of the size ratio: 1 is linear, 2 quadratic). Linking runs over the whole store after each
ingest (docs/scale.md), so this is the cost a user waits for after adding documents to a corpus that size.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.attribution import REPO, git_commit, write_results
from claimgraph.link import link_corpus


def read_records(path: Path, meta_from_path: str | None) -> list[dict[str, Any]]:
    pattern = re.compile(meta_from_path) if meta_from_path else None
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{number}: not a JSON record ({e.msg})") from None
            if not record.get("document"):
                continue  # a failed input
            if pattern is not None:
                found = pattern.search(Path(str(record.get("path") or "")).name)
                if found:
                    record["document"].update({k: v for k, v in found.groupdict().items() if v})
            records.append(record)
    return records


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=Path, help="JSONL of analysis records")
    parser.add_argument("--meta-from-path", help="regex with named groups outlet / published over file names")
    parser.add_argument("--steps", type=int, default=3, help="halvings below the whole set (default 3)")
    parser.add_argument("--json", type=Path, help="results file (default benchmarks/results/linking.json)")
    args = parser.parse_args(argv)
    records = read_records(args.records, args.meta_from_path)
    if not records:
        raise SystemExit(f"{args.records}: no analysis records")
    sizes = sorted({max(1, len(records) >> k) for k in range(max(1, args.steps))})
    rows: list[dict[str, Any]] = []
    previous: tuple[int, float] | None = None  # documents and unrounded seconds of the step before
    print(f"{'documents':>10} {'claims':>8} {'seconds':>8} {'growth':>7}")
    for n in sizes:
        started = time.perf_counter()
        graph = link_corpus(records[:n])
        seconds = time.perf_counter() - started
        growth = None
        if previous is not None and seconds > 0 and previous[1] > 0:
            growth = math.log(seconds / previous[1]) / math.log(n / previous[0])
        previous = (n, seconds)
        rows.append({"documents": n, "claims": len(graph.claims), "seconds": round(seconds, 3),
                     "growth_exponent": None if growth is None else round(growth, 2)})
        shown = "" if growth is None else f"{growth:.2f}"
        print(f"{n:>10} {len(graph.claims):>8} {seconds:>8.2f} {shown:>7}")
    result = {"commit": git_commit(REPO), "records": str(args.records), "steps": rows}
    path = write_results(result, args.json, "linking.json")
    return 0 if path.is_file() else 1


if __name__ == "__main__":
    raise SystemExit(main())
