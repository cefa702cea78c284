"""Throughput of `claimgraph ingest` against a bare spaCy parse, on the same texts, in one run.

    python benchmarks/throughput.py [PATH] [--limit N] [--workers 1 2] [--repeat 2] [--json OUT]

PATH is a PolNeAR checkout or bare git directory (its dev split is used, never test; the texts go to a
temporary folder and are never committed), or a folder of .txt files; without it, examples/*.txt and
tests/data/story/*.txt repeated to about 50,000 words (each copy made distinct, so none is skipped as
already stored). Measured:

- bare spaCy: ``nlp.pipe`` over the texts with the same model, in a fresh process (after a warm-up on a few
  texts), as each ingest run is;
- ``claimgraph ingest --workers N --no-link`` as a subprocess on a fresh SQLite store, for each N: documents/s
  and words/s from the run's own clock (which starts once the models are loaded), and the peak RSS of each
  process (psutil, sampled every 0.1 s): the parent, and with N > 1 each worker;
- linking apart: ``link_corpus`` over the first half of the stored records and over all of them, to see
  whether it grows faster than linearly.

Ratios are what to watch: ingest (per process) / bare, and the scaling efficiency rate(N) / (N * rate(1)).
As in benchmarks/speed.py, the configurations are timed in alternating rounds (drift in machine load hits
all of them) and each keeps its best of --repeat rounds; peak RSS is the highest seen in any round.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.attribution import MODEL, REPO, git_commit, write_results
from benchmarks.speed import count_words, load_texts

DEFAULT_WORDS = 50_000
TARGETS = {"ingest_vs_bare": 0.85, "scaling_efficiency": 0.85, "peak_rss_mb_per_worker": 600}


def default_texts() -> tuple[str, list[tuple[str, str]]]:
    files = sorted((REPO / "examples").glob("*.txt"))
    files += sorted((REPO / "tests" / "data" / "story").glob("*.txt"))
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    words = sum(count_words(t) for _, t in texts) or 1
    return "examples + tests/data/story, repeated", texts * max(1, DEFAULT_WORDS // words)


def distinct(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each repeated text made unique (ingest skips a text it has stored)."""
    seen: dict[str, int] = {}
    out = []
    for name, text in texts:
        copy = seen.get(text, 0)
        seen[text] = copy + 1
        out.append((f"{copy:03d}-{name}", text if copy == 0 else f"{text}\n\nArchive copy {copy}.\n"))
    return out


def bare_parse(corpus: Path, model: str) -> float:
    """Seconds for nlp.pipe over the texts of ``corpus``, in this process (after a warm-up on a few)."""
    import spacy

    from claimgraph.nlp.pipeline import resolve_model

    texts = [f.read_text(encoding="utf-8") for f in sorted(corpus.glob("*.txt"))]
    nlp = spacy.load(resolve_model(model))
    for _ in nlp.pipe(texts[:8]):
        pass
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - started


def run_bare(corpus: Path, model: str) -> float:
    """:func:`bare_parse` in a fresh process, as each ingest run is: a process that has parsed the texts
    once has their words in its vocabulary and its lemmatizer's cache, and parses them again faster."""
    command = [sys.executable, str(Path(__file__).resolve()), "--bare-only", str(corpus), "--model", model]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def run_ingest(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """One `claimgraph ingest` run: its JSON report and the peak RSS (MB) of each of its processes."""
    import psutil

    command = [str(Path(sys.executable).parent / "claimgraph"), "ingest", "--db", str(db), "--workers",
               str(workers), "--no-link", "--quiet", "--format", "json", str(corpus)]
    peaks: dict[int, float] = {}
    names: dict[int, str] = {}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, subprocess.Popen(command, stdout=out) as process:
        parent = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                for proc in [parent, *parent.children(recursive=True)]:
                    rss = proc.memory_info().rss / 2**20
                    peaks[proc.pid] = max(peaks.get(proc.pid, 0.0), rss)
                    names.setdefault(proc.pid, "parent" if proc.pid == process.pid else "worker")
            except psutil.Error:
                pass
            time.sleep(0.1)
        wall = time.perf_counter() - started
        out.seek(0)
        report = json.loads(out.read())
    if process.returncode not in (0, 1):
        raise SystemExit(f"throughput: ingest --workers {workers} exited {process.returncode}")
    # multiprocessing's resource tracker is a child too; it is small and not a worker
    workers_rss = sorted((round(v) for p, v in peaks.items() if names[p] == "worker" and v > 200),
                         reverse=True)
    return {"report": report, "wall_seconds": round(wall, 2),
            "peak_rss_mb": {"parent": round(peaks.get(process.pid, 0.0)), "workers": workers_rss}}


def max_peaks(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The higher peak RSS of two rounds, for the parent and for each worker (largest first)."""
    workers = [max(x, y) for x, y in itertools.zip_longest(a["workers"], b["workers"], fillvalue=0)]
    return {"parent": max(a["parent"], b["parent"]), "workers": sorted(workers, reverse=True)}


def time_linking(db: Path) -> dict[str, Any]:
    from claimgraph.link import link_corpus
    from claimgraph.store import load_records, open_store

    engine = open_store(str(db))
    records = load_records(engine)
    engine.dispose()
    out: dict[str, Any] = {}
    for label, part in (("half", records[: len(records) // 2]), ("all", records)):
        started = time.perf_counter()
        link_corpus(part)
        out[label] = {"documents": len(part), "seconds": round(time.perf_counter() - started, 3)}
    if out["half"]["seconds"] > 0:
        out["growth"] = round(out["all"]["seconds"] / out["half"]["seconds"], 2)  # 2.0 = linear
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, nargs="?", help="PolNeAR (dev split is used) or a folder of .txt")
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2, help="timed rounds per configuration (best is kept)")
    parser.add_argument("--json", type=Path, help="default benchmarks/results/throughput.json")
    # one bare round, run by run_bare in a process of its own
    parser.add_argument("--bare-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--model", default=MODEL, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_only:
        print(bare_parse(args.bare_only, args.model))
        return 0

    description, texts = load_texts(args.path, args.limit) if args.path else default_texts()
    texts = distinct(texts[: args.limit] if args.limit else texts)
    words = sum(count_words(t) for _, t in texts)
    print(f"throughput: {len(texts)} texts, {words} words from {description}", file=sys.stderr)

    bare_seconds = float("inf")
    best: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        for n, (name, text) in enumerate(texts):
            (corpus / f"{n:05d}-{Path(name).stem}.txt").write_text(text, encoding="utf-8")
        for round_number in range(args.repeat):
            bare_seconds = min(bare_seconds, run_bare(corpus, MODEL))
            for workers in args.workers:
                db = Path(scratch) / f"w{workers}-{round_number}.db"
                run = run_ingest(corpus, db, workers)
                report = run.pop("report")
                seconds = report["seconds"]
                run.update({"documents_per_second": round(report["stored"] / seconds, 2),
                            # the same word count as the bare parse (\w+ words of the documents stored)
                            "words_per_second": round(words * report["stored"] / len(texts) / seconds),
                            "stored": report["stored"], "failed": report["failed"],
                            "skipped": report["skipped"], "seconds": seconds})
                print(f"round {round_number + 1}, ingest --workers {workers}: "
                      f"{run['documents_per_second']} docs/s, {run['words_per_second']} words/s, "
                      f"peak RSS {run['peak_rss_mb']}", file=sys.stderr)
                kept = best.get(workers)
                peaks = max_peaks(kept["peak_rss_mb"], run["peak_rss_mb"]) if kept else run["peak_rss_mb"]
                if kept is None or run["words_per_second"] > kept["words_per_second"]:
                    best[workers] = run
                best[workers]["peak_rss_mb"] = peaks
        result: dict[str, Any] = {
            "benchmark": "throughput", "texts": description, "n_texts": len(texts), "words": words,
            "model": MODEL, "cpus": os.cpu_count(), "repeat": args.repeat,
            "bare_spacy": {"seconds": round(bare_seconds, 3),
                           "documents_per_second": round(len(texts) / bare_seconds, 2),
                           "words_per_second": round(words / bare_seconds)},
            "ingest": {str(workers): run for workers, run in best.items()},
        }
        print(f"bare spaCy (best of {args.repeat}): {result['bare_spacy']['words_per_second']} words/s",
              file=sys.stderr)
        result["linking"] = time_linking(Path(scratch) / f"w{args.workers[0]}-0.db")

    bare_rate = result["bare_spacy"]["words_per_second"]
    ingest = result["ingest"]
    ratios: dict[str, Any] = {}
    if "1" in ingest:
        ratios["ingest_vs_bare"] = round(ingest["1"]["words_per_second"] / bare_rate, 3)
        for workers in args.workers:
            if workers > 1:
                ratios[f"scaling_efficiency_{workers}"] = round(
                    ingest[str(workers)]["words_per_second"] / (workers * ingest["1"]["words_per_second"]), 3)
    rss = [r for run in ingest.values()
           for r in (run["peak_rss_mb"]["workers"] or [run["peak_rss_mb"]["parent"]])]
    ratios["peak_rss_mb_per_worker"] = max(rss) if rss else None
    result["ratios"] = ratios
    result["targets"] = TARGETS
    result.update({"python": sys.version.split()[0], "commit": git_commit(REPO),
                   "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
    for key, value in ratios.items():
        print(f"{key:28} {value}", file=sys.stderr)
    print(f"linking: {result['linking']}", file=sys.stderr)
    write_results(result, args.json, "throughput.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
