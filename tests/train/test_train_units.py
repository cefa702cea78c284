"""The trained tagger's pure parts: the corpus reader, gold labels, BIO spans, scores (no CRF, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from claimgraph.errors import ConfigError
from claimgraph.train.corpus import parse_ann, read_split
from claimgraph.train.features import CharTokens, gold_labels, paragraphs
from claimgraph.train.model import TaggedSpan, merge_cues, spans_of, tagged_spans
from claimgraph.train.trainer import Prepared, cue_tagger_scores, score

ANN = (
    "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 18;20 25\tit rains\n"
    "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 30 40\tnothing\nE2\tAttribution:T4 Cue:T2\n"
)


def test_parse_ann_joins_discontinuous_content_and_skips_contentless() -> None:
    (only,) = parse_ann(ANN)
    assert only.source == ((0, 5),) and only.cue == ((6, 10),) and only.content == ((11, 18), (20, 25))


def test_reader_refuses_the_test_split(tmp_path: Path) -> None:
    (tmp_path / "data" / "test" / "text").mkdir(parents=True)
    with pytest.raises(ConfigError, match="held out"):
        list(read_split(tmp_path, "test"))


def test_reader_takes_the_first_annotator(tmp_path: Path) -> None:
    text, ann = tmp_path / "data" / "dev" / "text", tmp_path / "data" / "dev" / "attributions"
    text.mkdir(parents=True)
    ann.mkdir(parents=True)
    (text / "a.txt").write_text("Smith said it rains.", encoding="utf-8")
    (ann / "a_aaaa.ann").write_text(
        "T1\tCue 6 10\tsaid\nT2\tContent 11 19\tit rains\nE1\tAttribution:T1 Cue:T1 Content:T2\n",
        encoding="utf-8",
    )
    (ann / "a_bbbb.ann").write_text("", encoding="utf-8")
    (article,) = read_split(tmp_path, "dev")
    assert article.name == "a" and len(article.attributions) == 1


def test_gold_labels_bio_per_paragraph_inner_attribution_dropped() -> None:
    nlp = spacy.blank("en")
    text = "Smith said Jones told him it rains.\nNo one spoke."
    doc = nlp(text)
    outer = (((0, 5),), ((6, 10),), ((11, 34),))
    inner = (((11, 16),), ((17, 21),), ((26, 34),))  # inside the outer content: dropped
    spans = paragraphs(doc)
    assert len(spans) == 2
    labels = gold_labels(doc, spans, [outer, inner])
    assert labels[0] == ["B-SOURCE", "B-CUE", "B-CONTENT"] + ["I-CONTENT"] * 4 + ["O"]
    assert set(labels[1]) == {"O"}


def test_paragraphs_leave_out_boilerplate_inside_a_paragraph() -> None:
    text = "Polls closed at eight.\nWe won big tonight! SIGN UP NOW - Jane Doe\nDonate today.\nCounting on."
    doc = spacy.blank("en")(text)
    prompt = (text.index("SIGN"), text.index(" - Jane"))
    appeal = (text.index("Donate"), text.index("Donate") + len("Donate today."))
    parts = [doc[s:e].text for s, e in paragraphs(doc, [prompt, appeal])]
    assert parts == ["Polls closed at eight.", "We won big tonight!", "- Jane Doe", "Counting on."]


def test_spans_of_bio() -> None:
    labels = ["B-SOURCE", "I-SOURCE", "B-CUE", "I-CONTENT", "I-CONTENT", "O", "B-CONTENT", "B-CONTENT"]
    assert spans_of(labels, 10) == [
        TaggedSpan("SOURCE", 10, 12),
        TaggedSpan("CUE", 12, 13),
        TaggedSpan("CONTENT", 13, 15),
        TaggedSpan("CONTENT", 16, 17),
        TaggedSpan("CONTENT", 17, 18),
    ]


def test_score_token_and_span() -> None:
    gold = [["B-CUE", "B-CONTENT", "I-CONTENT"]]
    predicted = [["B-CUE", "B-CONTENT", "O"]]
    scores = score(gold, predicted)
    assert scores["token/CUE"]["f1"] == 100.0
    assert scores["token/CONTENT"] == {"p": 100.0, "r": 50.0, "f1": 66.7}
    assert scores["span/CONTENT"]["f1"] == 0.0


def test_merge_cues_adds_the_cue_taggers_cues_outside_other_spans() -> None:
    joint = ["B-SOURCE", "B-CUE", "O", "B-CONTENT", "I-CONTENT", "O", "O"]
    # the cue tagger: "told" (joint's cue), "reporters" (0.45: joins it), a content token (0.9: the joint
    # tagger's content stays), and a token after the content (0.6: a cue of its own)
    probability = [0.0, 0.2, 0.45, 0.9, 0.1, 0.6, 0.1]
    assert merge_cues(joint, probability, 0.4) == [
        "B-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT", "B-CUE", "O"
    ]
    # above both probabilities outside spans: the joint tagger's labels, its unconfirmed cue kept
    assert merge_cues(joint, probability, 0.7) == joint


def test_char_tokens_are_those_of_char_span_expand() -> None:
    nlp = spacy.blank("en")
    doc = nlp("  Smith said:\n\n“It  rains,” he added.  \tEnd ")
    tokens = CharTokens(doc)
    for start in range(-1, len(doc.text) + 2):
        for end in range(start + 1, len(doc.text) + 3):
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = range(span.start, span.end) if span is not None else range(0)
            assert tokens(start, end) == expected, (start, end)


@pytest.mark.parametrize("with_cue_tagger", [True, False])
def test_tagged_spans_of_many_paragraphs_are_those_of_each(with_cue_tagger: bool) -> None:
    """The batch form gives what spans_of(merge_cues(...)) gives paragraph by paragraph, on random label
    sequences (I- after O or after another role, B- after B-, one-token paragraphs...)."""
    import random

    import numpy as np

    labels = ("O", "B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CUE", "I-SOURCE")  # a model's order
    rng = random.Random(7)
    lengths = [rng.randint(1, 12) for _ in range(300)]
    offsets = list(np.cumsum([0, *lengths[:-1]]) + 5 * np.arange(len(lengths)))  # (gaps: line breaks)
    codes = [rng.choice([0, 0, 0, *range(len(labels))]) for _ in range(sum(lengths))]
    probability = [round(rng.random(), 2) for _ in codes]
    expected, at = [], 0
    for p, (length, offset) in enumerate(zip(lengths, offsets, strict=True)):
        sequence = [labels[c] for c in codes[at : at + length]]
        if with_cue_tagger:
            chances = probability[at : at + length]
            for span in spans_of(merge_cues(sequence, chances, 0.6), int(offset)):
                if span.role == "CUE":
                    span = TaggedSpan("CUE", span.start, span.end,
                                      max(chances[span.start - offset : span.end - offset]))
                expected.append((p, span))
        else:
            expected += [(p, span) for span in spans_of(sequence, int(offset))]
        at += length
    found = tagged_spans(labels, np.array(codes), np.array(probability) if with_cue_tagger else None,
                         np.array(lengths), np.array(offsets), 0.6)
    assert found == expected
    assert any(s.role == "CUE" and s.probability >= 0.6 for _, s in found) == with_cue_tagger


def test_cue_tagger_kept_only_when_it_adds_to_the_joint_cues_on_dev() -> None:
    gold = [["B-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"]]
    dev = Prepared([[["f"]] * 5], gold)
    joint = [["B-SOURCE", "B-CUE", "O", "B-CONTENT", "I-CONTENT"]]  # misses "reporters"
    joint_f1 = score(gold, joint)["token/CUE"]["f1"]
    scores = cue_tagger_scores(dev, joint, joint_f1, [[0.0, 0.9, 0.42, 0.1, 0.0]], 0.4)
    assert scores is not None and scores["token/CUE"]["f1"] == 100.0
    # a cue tagger that finds nothing more at the threshold is not kept
    assert cue_tagger_scores(dev, joint, joint_f1, [[0.0, 0.9, 0.3, 0.1, 0.0]], 0.4) is None
