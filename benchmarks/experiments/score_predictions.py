"""Score a word-piece tagger's dev labels (``minilm_tagger.py``) through claimgraph's tagger assembly.

    .venv/bin/python benchmarks/experiments/score_predictions.py PATH_TO_POLNEAR PREDICTIONS.json \
        --attribution-model DIR [--threshold 0.35]

The labels replace the CRF's: each spaCy token of a paragraph takes the label of the word piece that starts
where it starts or that it starts inside (else O), a token left O becomes a cue when the piece's P(cue)
reaches ``--threshold`` (as the CRF's cue tagger does, :func:`claimgraph.train.model.merge_cues`), and
everything after that is the trained tagger's assembly (sources by syntax, contents to cues, the rules'
attributions kept), scored like ``benchmarks/attribution.py``. ``--attribution-model`` is a trained CRF
directory: the assembly needs one loaded, its labels are not used. An experiment, not part of claimgraph.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.attribution import evaluate, print_table, run_ours  # noqa: E402
from benchmarks.polnear import read_split  # noqa: E402

from claimgraph.train import model as tagger  # noqa: E402
from claimgraph.train.features import paragraphs  # noqa: E402


def piece_spans(doc: Any, skip: list[tuple[int, int]], rows: list[list[Any]],
                threshold: float) -> list[tagger.TaggedSpan]:
    starts = [row[0] for row in rows]
    out: list[tagger.TaggedSpan] = []
    for first, end in paragraphs(doc, skip):
        labels, cue = [], []
        for token in doc[first:end]:
            i = bisect.bisect_right(starts, token.idx) - 1
            if i < 0 or token.is_space or (starts[i] != token.idx and rows[i][1] <= token.idx):
                labels.append("O")
                cue.append(0.0)
                continue
            _, _, label, p = rows[i]  # the piece starting here, or the one the token starts inside
            tag, _, role = label.partition("-")
            labels.append("O" if label == "O" else f"{tag}-{role.upper()}")
            cue.append(p)
        if threshold < 1:
            labels = tagger.merge_cues(labels, cue, threshold)
        for span in tagger.spans_of(labels, first):
            if span.role == "CUE":
                span = tagger.TaggedSpan("CUE", span.start, span.end,
                                         max(cue[span.start - first : span.end - first]))
            out.append(span)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("polnear", type=Path)
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--attribution-model", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=0.35)
    args = parser.parse_args()
    predictions = json.loads(args.predictions.read_text(encoding="utf-8"))

    def tag_many(self: Any, items: list[Any]) -> list[list[tagger.TaggedSpan]]:
        return [piece_spans(doc, skip, predictions[hashlib.sha256(doc.text.encode()).hexdigest()],
                            args.threshold) for doc, _, skip, _ in items]

    tagger.AttributionModel._tag_many = tag_many  # type: ignore[method-assign]
    articles = list(read_split(args.polnear, "dev"))
    run = run_ours(articles, attribution_model=args.attribution_model)
    run.name = "word-piece tagger + assembly"
    totals = evaluate(articles, [run], lambda i: articles[i].attributions)
    print_table(f"PolNeAR dev, {len(articles)} articles", totals)


if __name__ == "__main__":
    main()
