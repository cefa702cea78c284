"""``claimgraph train``: fit the attribution tagger on a corpus's train split, select on its dev split.

Steps: parse every article with the analyzer's spaCy pipeline and run the rules on it (their output is a
feature, as are the pipeline's token vectors); turn gold attributions into BIO labels per paragraph; fit a
linear-chain CRF (L-BFGS, elastic-net regularization) with python-crfsuite; score token and span F1 per
role on dev and keep the best of the candidate settings that fit in the time budget; then, with the chosen
setting, fit a second CRF on the cue labels alone and keep it when its added cues raise dev cue F1
(``claimgraph.train.model.merge_cues``).
CPU only.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.attribution import extract_attributions
from claimgraph.attribution.lexicon import load_lexicon
from claimgraph.errors import ConfigError
from claimgraph.train.corpus import Article, read_split
from claimgraph.train.features import (
    FEATURE_VERSION,
    ROLES,
    doc_features,
    gold_labels,
    paragraphs,
    token_vectors,
    vector_names,
)
from claimgraph.train.model import (
    CUE_MODEL_FILE,
    CUE_THRESHOLD,
    META_FILE,
    MODEL_FILE,
    merge_cues,
    spans_of,
)


def require_crfsuite() -> Any:
    """python-crfsuite, which trains the taggers (tagging needs only NumPy: claimgraph.train.crf)."""
    try:
        import pycrfsuite  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise ConfigError(
            "training the attribution tagger needs python-crfsuite: pip install 'claimgraph[train]'"
        ) from None
    return pycrfsuite


def items(features: list[list[str]], vectors: np.ndarray) -> Any:
    """One paragraph as crfsuite takes it: each token's feature strings (value 1) and its token-vector
    features (the vector's values, :func:`claimgraph.train.features.token_vectors`)."""
    pycrfsuite = require_crfsuite()
    names = vector_names(vectors.shape[1]) if vectors.ndim == 2 else []
    if not names:
        return pycrfsuite.ItemSequence(features)
    return pycrfsuite.ItemSequence(
        [
            {**dict.fromkeys(strings, 1.0), **dict(zip(names, row, strict=True))}
            for strings, row in zip(features, vectors.tolist(), strict=True)
        ]
    )


def cue_marginals(tagger: Any, paragraph: Any) -> list[float]:
    """Each token's marginal probability of being a cue (``B-CUE`` or ``I-CUE``) under a cue tagger (an
    open ``pycrfsuite.Tagger``) in `paragraph` (:func:`items`), for choosing the cue tagger's threshold on
    dev (tagging uses :func:`claimgraph.train.crf.marginals`)."""
    tagger.set(paragraph)
    marginal = tagger.marginal
    return [marginal("B-CUE", i) + marginal("I-CUE", i) for i in range(len(paragraph))]


#: Candidate regularizations (c1, c2), tried in order while the time budget lasts; dev picks the best.
#: (0.1, 0.1) first: dev chose it in every full run recorded in docs/benchmarks.md, so a run the budget cuts
#: short on a busy machine, where the second candidate does not fit, still gets it.
CANDIDATES: tuple[tuple[float, float], ...] = ((0.1, 0.1), (0.05, 0.01))
DEFAULT_EPOCHS = 150  # L-BFGS iterations (each one a pass over the training set)
DEFAULT_MAX_MINUTES = 25.0


@dataclass
class Prepared:
    """Features and labels of one split: one item per paragraph."""

    features: list[list[list[str]]] = field(default_factory=list)
    labels: list[list[str]] = field(default_factory=list)
    articles: int = 0
    tokens: int = 0
    vectors: list[np.ndarray] = field(default_factory=list)  # the tokens' vectors ([token, dimension])

    @property
    def vector_width(self) -> int:
        return self.vectors[0].shape[1] if self.vectors else 0

    def items(self) -> Iterable[Any]:
        """Each paragraph as crfsuite takes it (:func:`items`)."""
        for xs, vs in zip(self.features, self.vectors, strict=True):
            yield items(xs, vs)


def prepare(articles: Iterable[Article], nlp: Any, *, batch_size: int = 16) -> Prepared:
    """Parse, run the rules, and build features and gold labels for each paragraph."""
    lex = load_lexicon()
    out = Prepared()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        rules = extract_attributions(doc, lexicon=lex)
        spans = paragraphs(doc)
        out.features.extend(doc_features(doc, spans, lex, rules.attributions))
        out.vectors.extend(token_vectors(doc, spans))
        out.labels.extend(
            gold_labels(doc, spans, [(g.source, g.cue, g.content) for g in article.attributions])
        )
        out.articles += 1
        out.tokens += sum(e - s for s, e in spans)
    return out


def score(gold: Sequence[list[str]], predicted: Sequence[list[str]]) -> dict[str, dict[str, float]]:
    """Token and exact-span precision, recall and F1 per role (percent)."""
    counts = {f"{unit}/{role}": [0, 0, 0] for unit in ("token", "span") for role in ROLES}  # tp, fp, fn
    for g, p in zip(gold, predicted, strict=True):
        for a, b in zip(g, p, strict=True):
            ra, rb = a.partition("-")[2], b.partition("-")[2]
            if rb and rb == ra:
                counts[f"token/{rb}"][0] += 1
            else:
                if rb:
                    counts[f"token/{rb}"][1] += 1
                if ra:
                    counts[f"token/{ra}"][2] += 1
        gs = {(s.role, s.start, s.end) for s in spans_of(list(g), 0)}
        ps = {(s.role, s.start, s.end) for s in spans_of(list(p), 0)}
        for role in ROLES:
            c = counts[f"span/{role}"]
            gr, pr = {x for x in gs if x[0] == role}, {x for x in ps if x[0] == role}
            c[0] += len(gr & pr)
            c[1] += len(pr - gr)
            c[2] += len(gr - pr)
    out = {}
    for name, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[name] = {"p": round(100 * precision, 1), "r": round(100 * recall, 1), "f1": round(100 * f1, 1)}
    return out


def _mean_f1(scores: dict[str, dict[str, float]]) -> float:
    return sum(v["f1"] for v in scores.values()) / len(scores)


def probe(train: Prepared, work: Path, *, every: int = 10, iterations: int = 4) -> tuple[float, float]:
    """Seconds to load the whole training set into crfsuite, and seconds per L-BFGS iteration over it,
    measured on every `every`-th paragraph (crfsuite cannot be stopped mid-training, so the time budget
    is turned into an iteration count beforehand)."""
    sample = Prepared(train.features[::every], train.labels[::every], vectors=train.vectors[::every])
    stamps: list[float] = []
    started = time.perf_counter()
    fit(
        sample,
        work / "probe.crfsuite",
        c1=CANDIDATES[0][0],
        c2=CANDIDATES[0][1],
        iterations=iterations,
        on_iteration=lambda num, loss: stamps.append(time.perf_counter()),
    )
    if len(stamps) < 2:
        return (time.perf_counter() - started) * every, (time.perf_counter() - started) * every
    per_iteration = (stamps[-1] - stamps[0]) / (len(stamps) - 1)
    return max(0.0, stamps[0] - started - per_iteration) * every, per_iteration * every


def fit(
    train: Prepared,
    path: Path,
    *,
    c1: float,
    c2: float,
    iterations: int,
    on_iteration: Callable[[int, float], None] | None = None,
) -> None:
    """Fit a CRF on `train` and write it to `path`."""
    pycrfsuite = require_crfsuite()

    class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc, name-defined]
        def message(self, message: str) -> None:  # parse crfsuite's log without printing it
            if self.logparser.feed(message) == "iteration":
                self.on_iteration(self.logparser.last_log, self.logparser.last_iteration)

        def on_iteration(self, log: str, info: dict[str, Any]) -> None:
            if on_iteration is not None:
                on_iteration(int(info.get("num", 0)), float(info.get("loss", 0.0)))

    trainer = _Trainer(verbose=True)  # verbose makes crfsuite report iterations (to on_iteration)
    for paragraph, ys in zip(train.items(), train.labels, strict=True):
        trainer.append(paragraph, ys)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(path))


def cues_only(data: Prepared) -> Prepared:
    """The same paragraphs with every label but the cues' turned to ``O`` (to train the cue tagger)."""
    labels = [[label if label.endswith("-CUE") else "O" for label in ys] for ys in data.labels]
    return Prepared(data.features, labels, data.articles, data.tokens, data.vectors)


def cue_probabilities(path: Path, data: Prepared) -> list[list[float]]:
    """Per paragraph, each token's marginal probability of being a cue under the cue tagger at `path`."""
    tagger = require_crfsuite().Tagger()
    tagger.open(str(path))
    try:
        return [cue_marginals(tagger, paragraph) for paragraph in data.items()]
    finally:
        tagger.close()


def cue_tagger_scores(
    dev: Prepared,
    joint: list[list[str]],
    joint_cue_f1: float,
    probabilities: list[list[float]],
    threshold: float = CUE_THRESHOLD,
) -> dict[str, dict[str, float]] | None:
    """Dev scores of the joint tagger's labels with the cue tagger's cues added (``merge_cues``), or None
    when that does not raise token-level cue F1 over the joint tagger's own (`joint_cue_f1`, scored when
    the joint tagger was chosen)."""
    merged = [merge_cues(j, p, threshold) for j, p in zip(joint, probabilities, strict=True)]
    scores = score(dev.labels, merged)
    return scores if scores["token/CUE"]["f1"] > joint_cue_f1 else None


def predict(path: Path, data: Prepared) -> list[list[str]]:
    tagger = require_crfsuite().Tagger()
    tagger.open(str(path))
    try:
        return [list(tagger.tag(paragraph)) for paragraph in data.items()]
    finally:
        tagger.close()


class _Progress:
    """Counts CRF iterations and logs every tenth."""

    def __init__(self, name: str, log: Callable[[str], None], minutes: Callable[[], float]) -> None:
        self.name, self.log, self.minutes = name, log, minutes
        self.count = 0

    def iteration(self, num: int, loss: float) -> None:
        self.count = num
        if num % 10 == 0:
            self.log(f"  {self.name}: iteration {num}, loss {loss:.1f} ({self.minutes():.1f} min)")


def train(
    polnear: Path,
    out: Path,
    *,
    epochs: int = DEFAULT_EPOCHS,
    max_minutes: float = DEFAULT_MAX_MINUTES,
    model: str | None = None,
    limit: int | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train on `polnear`'s train split, select on dev, write the model to `out`; returns its metadata."""
    from claimgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline

    require_crfsuite()
    if epochs < 1:
        raise ConfigError("--epochs must be at least 1")
    started = time.perf_counter()
    deadline = started + 60 * max_minutes

    def minutes() -> float:
        return (time.perf_counter() - started) / 60

    nlp = load_pipeline(model or DEFAULT_MODEL)
    train_data = prepare(read_split(polnear, "train", limit=limit), nlp)
    log(
        f"train: {train_data.articles} articles, {len(train_data.features)} paragraphs, "
        f"{train_data.tokens} tokens ({minutes():.1f} min)"
    )
    dev_data = prepare(read_split(polnear, "dev", limit=limit), nlp)
    log(f"dev: {dev_data.articles} articles, {len(dev_data.features)} paragraphs ({minutes():.1f} min)")
    if not train_data.features or not dev_data.features:
        raise ConfigError(f"{polnear}: no annotated articles in train or dev")

    out = out.expanduser()
    out.mkdir(parents=True, exist_ok=True)
    best: tuple[float, Path, dict[str, Any]] | None = None
    tried: list[dict[str, Any]] = []
    work = Path(tempfile.mkdtemp(prefix="claimgraph-train-"))
    try:
        load_seconds, iteration_seconds = probe(train_data, work)
        for k, (c1, c2) in enumerate(CANDIDATES):
            # as many iterations as the budget leaves (a dev prediction and some slack kept aside)
            left = deadline - time.perf_counter() - load_seconds - 3 * max_minutes
            iterations = min(epochs, int(left / iteration_seconds)) if iteration_seconds > 0 else epochs
            if k > 0 and iteration_seconds > 0:  # time for this candidate and the cue tagger (less than one)
                iterations = min(epochs, int((left - load_seconds) / (2 * iteration_seconds)))
            if iterations < 1 or (k > 0 and iterations < epochs):
                if k == 0:
                    raise ConfigError(
                        f"--max-minutes {max_minutes} leaves no time to train (one iteration takes "
                        f"about {iteration_seconds:.0f} s after {load_seconds:.0f} s of loading)"
                    )
                break  # a further candidate is tried only when it can run all its iterations
            fit_started = time.perf_counter()
            progress = _Progress(f"c1={c1} c2={c2}", log, minutes)
            path = work / f"candidate-{k}.crfsuite"
            fit(train_data, path, c1=c1, c2=c2, iterations=iterations, on_iteration=progress.iteration)
            fit_seconds = time.perf_counter() - fit_started
            scores = score(dev_data.labels, predict(path, dev_data))
            log(
                f"candidate c1={c1} c2={c2}: {progress.count} iterations in {fit_seconds / 60:.1f} min, "
                f"dev mean F1 {_mean_f1(scores):.1f} "
                + " ".join(f"{name} {v['f1']}" for name, v in scores.items())
            )
            info = {
                "c1": c1,
                "c2": c2,
                "iterations": progress.count,
                "fit_minutes": round(fit_seconds / 60, 2),
                "dev": scores,
            }
            tried.append(info)
            if best is None or _mean_f1(scores) > best[0]:
                best = (_mean_f1(scores), path, info)
        assert best is not None
        shutil.copyfile(best[1], out / MODEL_FILE)
        left = deadline - time.perf_counter() - load_seconds
        iterations = min(epochs, int(left / iteration_seconds)) if iteration_seconds > 0 else epochs
        cue_info = _train_cue_model(train_data, dev_data, best, work, out, iterations, log, minutes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    meta = {
        "kind": "claimgraph attribution tagger (linear-chain CRF, python-crfsuite)",
        "feature_version": FEATURE_VERSION,
        "token_vectors": train_data.vector_width,
        "labels": [f"{t}-{r}" for r in ROLES for t in "BI"] + ["O"],
        "spacy_model": model or DEFAULT_MODEL,
        "corpus": str(polnear),
        "splits": {"train": train_data.articles, "dev": dev_data.articles},
        "selected": best[2],
        "candidates": tried,
        "cue_model": cue_info,
        "epochs": epochs,
        "train_minutes": round(minutes(), 2),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "note": "trained on a corpus without a license (PolNeAR): keep it local, never commit or share it",
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log(f"model written to {out} in {minutes():.1f} min (c1={best[2]['c1']} c2={best[2]['c2']})")
    return meta


def _train_cue_model(
    train_data: Prepared,
    dev_data: Prepared,
    best: tuple[float, Path, dict[str, Any]],
    work: Path,
    out: Path,
    iterations: int,
    log: Callable[[str], None],
    minutes: Callable[[], float],
) -> dict[str, Any] | None:
    """Fit the cue tagger with the chosen regularization for `iterations` (what the time budget leaves) and
    write it next to the model when it adds to the joint tagger's cues on dev; its metadata, or None."""
    (out / CUE_MODEL_FILE).unlink(missing_ok=True)
    if iterations < 1:
        log("cue tagger: no time left in --max-minutes; the joint tagger's cues are used")
        return None
    c1, c2 = best[2]["c1"], best[2]["c2"]
    path = work / "cue.crfsuite"
    fit_started = time.perf_counter()
    progress = _Progress("cue tagger", log, minutes)
    fit(cues_only(train_data), path, c1=c1, c2=c2, iterations=iterations, on_iteration=progress.iteration)
    fit_minutes = (time.perf_counter() - fit_started) / 60
    joint_cue_f1 = best[2]["dev"]["token/CUE"]["f1"]
    joint = predict(best[1], dev_data)
    scores = cue_tagger_scores(dev_data, joint, joint_cue_f1, cue_probabilities(path, dev_data))
    if scores is None:
        log(f"cue tagger: {progress.count} iterations in {fit_minutes:.1f} min, no better on dev; not kept")
        return None
    shutil.copyfile(path, out / CUE_MODEL_FILE)
    log(
        f"cue tagger: {progress.count} iterations in {fit_minutes:.1f} min, threshold {CUE_THRESHOLD}, "
        f"dev token cue F1 {joint_cue_f1} -> {scores['token/CUE']['f1']}"
    )
    return {
        "c1": c1,
        "c2": c2,
        "iterations": progress.count,
        "fit_minutes": round(fit_minutes, 2),
        "threshold": CUE_THRESHOLD,
        "dev": scores,
    }
