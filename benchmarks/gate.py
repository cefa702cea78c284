"""Attribution quality gate: claimgraph on the project's own gold set, against pinned floors.

    python benchmarks/gate.py [--details] [--update [--allow-lower]] [--floors PATH] [--json OUT]

Two corpora are scored with benchmarks/scoring.py: ``gold`` (the hand-written sentences and short articles
in benchmarks/gate/gold/, one file per construction) and ``seed`` (examples/moscow-times-musk-putin.txt with
its annotation tests/data/seed-gold.json). Every metric of scoring.METRICS is taken on top-level
attributions, plus ``chain/content+source`` for cited sources ("..., citing Y"). The floors, the epsilon and
the sha256 of the gold set are pinned in benchmarks/gate/floors.json; benchmarks/gate/README.md says how to
raise or lower them.

Exit status: 0 when the gate passes (or the floors were re-pinned), 1 when it fails (or re-pinning was
refused).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scoring import (
    METRICS,
    Attribution,
    Counts,
    Fragment,
    TokenIndex,
    match_attributions,
    score_article,
    sum_counts,
)

REPO = Path(__file__).resolve().parent.parent
GATE_DIR = REPO / "benchmarks" / "gate"
GOLD_DIR = GATE_DIR / "gold"
FLOORS_PATH = GATE_DIR / "floors.json"
SEED_TEXT = REPO / "examples" / "moscow-times-musk-putin.txt"
SEED_GOLD = REPO / "tests" / "data" / "seed-gold.json"
SEED_PUBLISHED = dt.date(2024, 10, 25)  # the article's date; attributions do not depend on it

DEFAULT_EPSILON = 0.5  # points (scores are percentages)
CORPORA: tuple[str, ...] = ("gold", "seed")
CHAIN_METRIC = "chain/content+source"
GATE_METRICS: tuple[str, ...] = (*METRICS, CHAIN_METRIC)
STATISTICS: tuple[str, ...] = ("precision", "recall", "f1")

_ITEM_KEYS = frozenset({"id", "text", "attributions", "note"})
_ATTRIBUTION_KEYS = frozenset({"source", "cue", "content", "children", "note"})
_SUBSTRING_KEYS = frozenset({"text", "occurrence"})


class GoldError(ValueError):
    """A gold file that cannot be read as the format in benchmarks/gate/README.md describes."""


# ---- the gold set -----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Child:
    """A cited source ("..., citing Y"): an attribution hanging off the top-level one at ``parent``."""

    parent: int  # index into the item's top-level attributions
    attribution: Attribution


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    group: str
    text: str
    attributions: tuple[Attribution, ...]  # top level only: what the scores are taken on
    children: tuple[Child, ...] = ()


def locate(text: str, needle: str, occurrence: int | None = None) -> Fragment:
    """Offsets of ``needle`` in ``text``. Where the needle begins (ends) with a word character, a match must
    begin (end) at a word boundary, so "she" never matches inside "shelter". Without ``occurrence`` the needle
    must occur exactly once; with it, the occurrence-th match (1-based) is taken."""
    if not needle:
        raise GoldError("empty substring")
    pattern = re.escape(needle)
    if re.match(r"\w", needle):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", needle):
        pattern += r"(?!\w)"
    found = [m.span() for m in re.finditer(pattern, text)]
    if not found:
        raise GoldError(f"{needle!r} does not occur in the text")
    if occurrence is None:
        if len(found) > 1:
            raise GoldError(f"{needle!r} occurs {len(found)} times: give "
                            f'{{"text": {json.dumps(needle, ensure_ascii=False)}, "occurrence": N}}')
        return found[0]
    if not 1 <= occurrence <= len(found):
        raise GoldError(f"{needle!r} occurs {len(found)} times, occurrence {occurrence} asked")
    return found[occurrence - 1]


def _fragment(text: str, value: Any) -> Fragment:
    if isinstance(value, str):
        return locate(text, value)
    if isinstance(value, dict) and set(value) <= _SUBSTRING_KEYS and isinstance(value.get("text"), str):
        occurrence = value.get("occurrence")
        if occurrence is not None and not isinstance(occurrence, int):
            raise GoldError(f"occurrence must be an integer: {value!r}")
        return locate(text, value["text"], occurrence)
    raise GoldError(f"a substring is a string or {{\"text\": ..., \"occurrence\": N}}, not {value!r}")


def _fragments(text: str, value: Any) -> tuple[Fragment, ...]:
    """null, one substring, or a list of substrings (fragments of one discontinuous span)."""
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(_fragment(text, v) for v in value)
    return (_fragment(text, value),)


def _attribution(text: str, data: Any, where: str) -> Attribution:
    if not isinstance(data, dict):
        raise GoldError(f"{where}: an attribution is an object with source, cue and content")
    unknown = set(data) - _ATTRIBUTION_KEYS
    if unknown:
        raise GoldError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(_ATTRIBUTION_KEYS)})")
    if "content" not in data:
        raise GoldError(f"{where}: an attribution needs a content")
    try:
        content = _fragments(text, data["content"])
        if not content:
            raise GoldError("content is empty")
        return Attribution(source=_fragments(text, data.get("source")), cue=_fragments(text, data.get("cue")),
                           content=content)
    except GoldError as error:
        raise GoldError(f"{where}: {error}") from None


def parse_gold_file(data: Any, name: str) -> list[GoldItem]:
    """The items of one gold file (its format: benchmarks/gate/README.md), substrings turned into offsets."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise GoldError(f"{name}: expected an object with a list of items")
    group = str(data.get("group") or name)
    items = []
    for position, item in enumerate(data["items"]):
        where = f"{name} item {item.get('id', position) if isinstance(item, dict) else position}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or "id" not in item:
            raise GoldError(f"{where}: an item is an object with id, text and attributions")
        if set(item) - _ITEM_KEYS:
            raise GoldError(f"{where}: unknown keys {sorted(set(item) - _ITEM_KEYS)}")
        text = item["text"]
        top: list[Attribution] = []
        children: list[Child] = []
        for i, entry in enumerate(item.get("attributions", [])):
            top.append(_attribution(text, entry, f"{where} attribution {i + 1}"))
            for j, child in enumerate(entry.get("children", [])):
                child_where = f"{where} attribution {i + 1} child {j + 1}"
                children.append(Child(i, _attribution(text, child, child_where)))
        items.append(GoldItem(str(item["id"]), group, text, tuple(top), tuple(children)))
    return items


def gold_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    return sorted(gold_dir.glob("*.json"))


def load_gold(gold_dir: Path = GOLD_DIR) -> list[GoldItem]:
    items: list[GoldItem] = []
    for path in gold_files(gold_dir):
        items += parse_gold_file(json.loads(path.read_text(encoding="utf-8")), path.name)
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise GoldError(f"item id {item.id!r} is used twice")
        seen.add(item.id)
    if not items:
        raise GoldError(f"no gold items in {gold_dir}")
    return items


def load_seed(text_path: Path = SEED_TEXT, gold_path: Path = SEED_GOLD) -> GoldItem:
    """The seed article and its annotation (offsets already; ``parent`` links make the children)."""
    text = text_path.read_text(encoding="utf-8")
    data = json.loads(gold_path.read_text(encoding="utf-8"))

    def span(value: dict[str, Any] | None) -> tuple[Fragment, ...]:
        return ((value["start"], value["end"]),) if value else ()

    def attribution(entry: dict[str, Any]) -> Attribution:
        return Attribution(source=span(entry.get("source")), cue=span(entry.get("cue")),
                           content=tuple((c["start"], c["end"]) for c in entry["content"]), id=entry["id"])

    top = [a for a in data["attributions"] if a.get("parent") is None]
    position = {a["id"]: i for i, a in enumerate(top)}
    children = tuple(Child(position[a["parent"]], attribution(a))
                     for a in data["attributions"] if a.get("parent") is not None)
    return GoldItem("seed", "seed", text, tuple(attribution(a) for a in top), children)


def gold_sha256(paths: Iterable[Path], root: Path = REPO) -> str:
    """One hash over the files in sorted order of their path (relative to the repository), path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.resolve().relative_to(root).as_posix()):
        digest.update(path.resolve().relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def corpus_paths() -> list[Path]:
    """What the pinned hash covers: the gold files, the seed annotation and the seed text it indexes."""
    return [*gold_files(), SEED_GOLD, SEED_TEXT]


# ---- predictions and scores -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Prediction:
    attributions: tuple[Attribution, ...]  # top level
    children: tuple[Child, ...]


def _span(value: Mapping[str, Any] | None) -> tuple[Fragment, ...]:
    return ((int(value["start"]), int(value["end"])),) if value else ()


def _attribution_of(item: Mapping[str, Any]) -> Attribution:
    cue = item.get("cue")
    lemma = (cue.get("lemma") or cue.get("text") or "").lower() if cue else None
    return Attribution(source=_span(item.get("source")), cue=_span(cue),
                       content=tuple((int(c["start"]), int(c["end"])) for c in item.get("content", [])),
                       cue_lemma=lemma or None, id=str(item.get("id", "")))


def prediction_from_record(record: Mapping[str, Any]) -> Prediction:
    """Top-level attributions of an analysis record, as they are, and the cited sources hanging directly
    off one of them (``relation`` "cites"; nested speech is not a source chain). Unlike the PolNeAR benchmark, a quotation continuing an earlier speaker stays its own
    attribution, as the gold here (and the seed's annotation) has it."""
    items = record.get("attributions", [])
    top = [_attribution_of(item) for item in items if item.get("parent") is None]
    position = {a.id: i for i, a in enumerate(top)}
    children = tuple(Child(position[item["parent"]], _attribution_of(item))
                     for item in items if item.get("parent") in position and item.get("relation") == "cites")
    return Prediction(tuple(top), children)


def score_chain(text: str, gold: GoldItem, predicted: Prediction, parent_matches: Sequence[Any]) -> Counts:
    """Cited sources: a predicted child matches a gold child (content and source, as scoring does) only when
    it hangs off the prediction that the gold child's parent was matched to (content+source matching)."""
    index = TokenIndex.of(text)
    parent_of = {m.gold: m.predicted for m in parent_matches}
    matches = match_attributions(index, [c.attribution for c in gold.children],
                                 [c.attribution for c in predicted.children], with_source=True)
    tp = sum(1 for m in matches
             if parent_of.get(gold.children[m.gold].parent) == predicted.children[m.predicted].parent)
    return Counts(tp=tp, fp=len(predicted.children) - tp, fn=len(gold.children) - tp)


def score_item(gold: GoldItem, predicted: Prediction) -> dict[str, Counts]:
    score = score_article(gold.text, gold.attributions, predicted.attributions)
    counts = dict(score.counts)
    counts[CHAIN_METRIC] = score_chain(gold.text, gold, predicted, score.matches_with_source)
    return counts


def percentages(counts: Counts) -> dict[str, float]:
    return {"precision": round(100 * counts.precision, 2), "recall": round(100 * counts.recall, 2),
            "f1": round(100 * counts.f1, 2)}


Scores = dict[str, dict[str, dict[str, float]]]  # corpus -> metric -> statistic -> percent


def flatten(scores: Mapping[str, Mapping[str, Mapping[str, float]]]) -> dict[str, float]:
    """``{"gold": {"token/source": {"f1": 90.0}}}`` -> ``{"gold/token/source/f1": 90.0}``."""
    return {f"{corpus}/{metric}/{stat}": value for corpus, metrics in scores.items()
            for metric, stats in metrics.items() for stat, value in stats.items()}


def nest(flat: Mapping[str, float]) -> Scores:
    out: Scores = {}
    for key, value in flat.items():
        corpus, rest = key.split("/", 1)
        metric, stat = rest.rsplit("/", 1)
        out.setdefault(corpus, {}).setdefault(metric, {})[stat] = value
    return out


@dataclass(slots=True)
class Evaluation:
    """What one run found: summed counts per corpus, and per item (for --details and per-group lines)."""

    counts: dict[str, dict[str, Counts]]
    items: list[tuple[GoldItem, Prediction, dict[str, Counts]]] = field(default_factory=list)

    def scores(self) -> Scores:
        return {corpus: {metric: percentages(c) for metric, c in metrics.items()}
                for corpus, metrics in self.counts.items()}


def evaluate(analyzer: Any = None, gold: Sequence[GoldItem] | None = None,
             seed: GoldItem | None = None) -> Evaluation:
    """Run claimgraph's Analyzer over the gold set and the seed article and score both."""
    if analyzer is None:
        from claimgraph.analyze import Analyzer

        analyzer = Analyzer()
    gold = load_gold() if gold is None else gold
    seed = load_seed() if seed is None else seed
    records = analyzer.analyze_texts((item.id, item.text) for item in gold)
    items = []
    for item, record in zip(gold, records, strict=True):
        predicted = prediction_from_record(record.to_dict())
        items.append((item, predicted, score_item(item, predicted)))
    (seed_record,) = analyzer.analyze_inputs([str(SEED_TEXT)], published=SEED_PUBLISHED)
    seed_data = seed_record.to_dict()
    if seed_data.get("errors"):
        raise RuntimeError(f"the seed example failed: {seed_data['errors']}")
    seed_prediction = prediction_from_record(seed_data)
    seed_counts = score_item(seed, seed_prediction)
    items.append((seed, seed_prediction, seed_counts))
    counts = {"gold": sum_counts(c for _, _, c in items[:-1]), "seed": sum_counts([seed_counts])}
    return Evaluation(counts=counts, items=items)


# ---- floors -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Floors:
    """The pinned floors file: scores (percent) no run may fall below by more than ``epsilon`` points."""

    floors: dict[str, float]  # flat keys: corpus/metric/statistic
    epsilon: float = DEFAULT_EPSILON
    gold_sha256: str | None = None

    @classmethod
    def read(cls, path: Path) -> Floors:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(floors=flatten(data["floors"]), epsilon=float(data.get("epsilon", DEFAULT_EPSILON)),
                   gold_sha256=data.get("gold_sha256"))

    def to_json(self) -> dict[str, Any]:
        return {
            "about": "Floors of the attribution quality gate (benchmarks/gate.py): percent scores per "
                     "corpus, metric and statistic. The gate fails when a score falls below its floor by "
                     "more than epsilon points, or when the gold set no longer hashes to gold_sha256. "
                     "Re-pin with `python benchmarks/gate.py --update` (see benchmarks/gate/README.md).",
            "epsilon": self.epsilon,
            "gold_sha256": self.gold_sha256,
            "floors": nest(self.floors),
        }

    def write(self, path: Path) -> None:
        """JSON with one line per corpus and metric, so that a re-pin reads well in a diff."""
        data = self.to_json()
        head = ",\n".join(f" {json.dumps(k)}: {json.dumps(data[k], ensure_ascii=False)}"
                          for k in ("about", "epsilon", "gold_sha256"))
        corpora = []
        for corpus, metrics in data["floors"].items():
            rows = ",\n".join(f"   {json.dumps(m)}: {json.dumps(stats)}" for m, stats in metrics.items())
            corpora.append(f"  {json.dumps(corpus)}: {{\n{rows}\n  }}")
        text = "{\n" + head + ',\n "floors": {\n' + ",\n".join(corpora) + "\n }\n}\n"
        assert json.loads(text) == data
        path.write_text(text, encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Failure:
    key: str  # corpus/metric/statistic, or "gold_sha256"
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


@dataclass(frozen=True, slots=True)
class GateResult:
    scores: dict[str, float]  # flat keys
    floors: Floors
    sha256: str
    failures: tuple[Failure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures

    def report(self) -> str:
        if self.passed:
            return "quality gate passed"
        return "quality gate FAILED:\n" + "\n".join(f"  {f}" for f in self.failures)


def check_scores(scores: Mapping[str, float], floors: Floors, sha256: str) -> GateResult:
    """Compare flat scores with the floors. Fails on a changed gold set, on a metric that is no longer
    computed, and on a score below its floor by more than epsilon. A score without a floor is not checked."""
    failures = []
    if floors.gold_sha256 != sha256:
        pinned = (floors.gold_sha256 or "none")[:12]
        failures.append(Failure("gold_sha256", f"the gold set changed (sha256 {sha256[:12]}…, pinned "
                                f"{pinned}…): check the scores, then re-pin with "
                                "`python benchmarks/gate.py --update`"))
    for key, floor in sorted(floors.floors.items()):
        score = scores.get(key)
        if score is None:
            failures.append(Failure(key, f"no score (floor {floor:.2f}): the metric is no longer computed"))
        elif score < floor - floors.epsilon:
            failures.append(Failure(key, f"{score:.2f} is below the floor {floor:.2f} by {floor - score:.2f} "
                                    f"points (epsilon {floors.epsilon:g})"))
    return GateResult(dict(scores), floors, sha256, tuple(failures))


class LoweringRefused(Exception):
    """--update would lower floors, and --allow-lower was not given."""

    def __init__(self, lowered: Mapping[str, tuple[float, float]]) -> None:
        self.lowered = dict(lowered)
        lines = "\n".join(f"  {key}: {old:.2f} -> {new:.2f}"
                          for key, (old, new) in sorted(self.lowered.items()))
        super().__init__(f"re-pinning would lower {len(lowered)} floor(s):\n{lines}\n"
                         "lower them on purpose with --update --allow-lower")


def update_floors(scores: Mapping[str, float], floors: Floors | None, sha256: str, *,
                  allow_lower: bool = False) -> Floors:
    """Floors at the current scores and the current gold hash. Refused (LoweringRefused) when any score is
    below its floor, unless ``allow_lower``. Floors of metrics no longer computed are dropped."""
    old = floors.floors if floors else {}
    lowered = {key: (old[key], value) for key, value in scores.items() if key in old and value < old[key]}
    if lowered and not allow_lower:
        raise LoweringRefused(lowered)
    epsilon = floors.epsilon if floors else DEFAULT_EPSILON
    return Floors(floors=dict(scores), epsilon=epsilon, gold_sha256=sha256)


# ---- output -----------------------------------------------------------------------------------------------

def format_table(scores: Mapping[str, float], floors: Floors | None) -> str:
    """Metrics as rows, P / R / F1 per corpus; a score below its floor by more than epsilon is marked '!',
    and the F1 floor follows in brackets."""
    nested = nest(scores)
    header = f"{'metric':28}" + "".join(f"{corpus + '  P / R / F1  [F1 floor]':>40}" for corpus in CORPORA)
    lines = [header, "-" * len(header)]
    for metric in GATE_METRICS:
        cells = []
        for corpus in CORPORA:
            stats = nested.get(corpus, {}).get(metric, {})
            parts = []
            for stat in STATISTICS:
                value = stats.get(stat)
                floor = floors.floors.get(f"{corpus}/{metric}/{stat}") if floors else None
                below = value is not None and floor is not None and floors is not None and (
                    value < floor - floors.epsilon)
                mark = "!" if below else " "
                parts.append(f"{value:6.1f}{mark}" if value is not None else "     - ")
            f1_floor = floors.floors.get(f"{corpus}/{metric}/f1") if floors else None
            cells.append(" /".join(parts) + (f" [{f1_floor:5.1f}]" if f1_floor is not None else " [  -  ]"))
        lines.append(f"{metric:28}" + "".join(f"{cell:>40}" for cell in cells))
    return "\n".join(lines)


def format_groups(evaluation: Evaluation) -> str:
    """attribution/content+source counts per gold group (not gated; says where to look)."""
    groups: dict[str, list[dict[str, Counts]]] = {}
    sizes: dict[str, int] = {}
    for item, _, counts in evaluation.items:
        groups.setdefault(item.group, []).append(counts)
        sizes[item.group] = sizes.get(item.group, 0) + len(item.attributions)
    lines = [f"{'group':18}{'items':>6}{'gold':>6}{'tp':>5}{'fp':>5}{'fn':>5}{'F1':>8}"
             "   attribution/content+source"]
    for group, group_counts in groups.items():
        total = sum_counts(group_counts)["attribution/content+source"]
        lines.append(f"{group:18}{len(group_counts):6}{sizes[group]:6}{total.tp:5}{total.fp:5}{total.fn:5}"
                     f"{100 * total.f1:8.1f}")
    return "\n".join(lines)


def _describe(text: str, a: Attribution) -> str:
    def show(fragments: Sequence[Fragment]) -> str:
        return " … ".join(text[s:e] for s, e in fragments) if fragments else "∅"

    return f"source={show(a.source)!r} cue={show(a.cue)!r} content={show(a.content)!r}"


def format_details(evaluation: Evaluation) -> str:
    """Per item: gold and predictions that differ (unmatched, or matched with another source, cue or content
    span), for reviewing the gold and reporting claimgraph's errors."""
    lines = []
    for item, predicted, _ in evaluation.items:
        score = score_article(item.text, item.attributions, predicted.attributions)
        problems = []
        matched = {m.gold: m.predicted for m in score.matches}
        for g, gold in enumerate(item.attributions):
            if g not in matched:
                problems.append(f"  missed     {_describe(item.text, gold)}")
                continue
            found = predicted.attributions[matched[g]]
            if _describe(item.text, gold) != _describe(item.text, found):
                problems.append(f"  gold       {_describe(item.text, gold)}\n"
                                f"  predicted  {_describe(item.text, found)}")
        for p, pred in enumerate(predicted.attributions):
            if p not in matched.values():
                problems.append(f"  spurious   {_describe(item.text, pred)}")
        chain = score_chain(item.text, item, predicted, score.matches_with_source)
        if chain.fp or chain.fn:
            gold_children = [_describe(item.text, c.attribution) for c in item.children]
            predicted_children = [_describe(item.text, c.attribution) for c in predicted.children]
            problems.append(f"  chain      gold {gold_children}\n             predicted {predicted_children}")
        if problems:
            shown = item.text if len(item.text) < 200 else item.text[:199] + "…"
            lines.append(f"{item.id}: {shown!r}\n" + "\n".join(problems))
    return "\n".join(lines) if lines else "no disagreements"


# ---- the gate ---------------------------------------------------------------------------------------------

def run_gate(analyzer: Any = None, floors_path: Path = FLOORS_PATH,
             evaluation: Evaluation | None = None) -> GateResult:
    """Score claimgraph and compare with the pinned floors (what CI and the test suite call)."""
    evaluation = evaluate(analyzer) if evaluation is None else evaluation
    scores, sha256 = flatten(evaluation.scores()), gold_sha256(corpus_paths())
    if not floors_path.exists():
        missing = Failure("floors", f"no floors pinned ({floors_path} is missing): run "
                          "`python benchmarks/gate.py --update`")
        return GateResult(scores, Floors(floors={}), sha256, (missing,))
    return check_scores(scores, Floors.read(floors_path), sha256)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--floors", type=Path, default=FLOORS_PATH,
                        help="the floors file (default: %(default)s)")
    parser.add_argument("--update", action="store_true",
                        help="re-pin floors and gold hash to the current scores (refused if any goes down)")
    parser.add_argument("--allow-lower", action="store_true", help="with --update: lower floors on purpose")
    parser.add_argument("--details", action="store_true", help="print every disagreement with the gold")
    parser.add_argument("--json", type=Path, help="also write the scores and the gate's verdict here")
    parser.add_argument("--model", help="spaCy model for claimgraph (default: claimgraph's default)")
    args = parser.parse_args(argv)
    if args.allow_lower and not args.update:
        parser.error("--allow-lower only makes sense with --update")

    try:
        gold = load_gold()
    except GoldError as error:
        print(f"gold set error: {error}", file=sys.stderr)
        return 1
    analyzer = None
    if args.model:
        from claimgraph.analyze import Analyzer

        analyzer = Analyzer(args.model)
    evaluation = evaluate(analyzer, gold=gold)
    result = run_gate(floors_path=args.floors, evaluation=evaluation)
    n_gold = sum(len(item.attributions) for item, _, _ in evaluation.items[:-1])
    print(f"gold set: {len(gold)} items, {n_gold} top-level attributions; seed: "
          f"{len(evaluation.items[-1][0].attributions)} attributions; sha256 {result.sha256[:12]}…")
    print(format_table(result.scores, result.floors if args.floors.exists() else None))
    print()
    print(format_groups(evaluation))
    if args.details:
        print()
        print(format_details(evaluation))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"scores": nest(result.scores), "gold_sha256": result.sha256,
                                         "passed": result.passed,
                                         "failures": [str(f) for f in result.failures]}, indent=1) + "\n",
                             encoding="utf-8")
    print()
    if args.update:
        current = Floors.read(args.floors) if args.floors.exists() else None
        try:
            updated = update_floors(result.scores, current, result.sha256, allow_lower=args.allow_lower)
        except LoweringRefused as refused:
            print(str(refused))
            return 1
        updated.write(args.floors)
        print(f"floors re-pinned in {args.floors}")
        return 0
    print(result.report())
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
