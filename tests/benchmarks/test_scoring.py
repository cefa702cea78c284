"""Scoring of attributions (benchmarks/scoring.py) on tiny hand-made articles."""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/ sits at the repository root, outside the installed package; no conftest.py here, since
# tests/ has no __init__.py and a second conftest would shadow tests/conftest.py's module name.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pytest
from benchmarks.attribution import annotator_agreement  # noqa: E402
from benchmarks.polnear import PolnearError, parse_ann, read_annotators, read_split  # noqa: E402
from benchmarks.scoring import (  # noqa: E402
    Attribution,
    Counts,
    TokenIndex,
    classify_missed,
    classify_source,
    classify_spurious,
    jaccard,
    match_attributions,
    normalize_mention,
    score_article,
)

TEXT = 'The mayor said "the bridge will open in May." Critics disagreed, he added.'


def span(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return (start, start + len(piece))


def attribution(source: str | None, cue: str, content: str, **extra: object) -> Attribution:
    return Attribution(
        source=(span(TEXT, source),) if source else (),
        cue=(span(TEXT, cue),),
        content=(span(TEXT, content),),
        **extra,
    )  # type: ignore[arg-type]


GOLD = attribution("The mayor", "said", '"the bridge will open in May."')


def test_tokens_are_words_and_punctuation() -> None:
    index = TokenIndex.of("He said: “no.”")
    assert len(index.starts) == 7  # He said : “ no . ”
    assert index.covered([(3, 5)]) == {1}  # part of "said" still counts the token


def test_gold_scored_against_itself_is_perfect() -> None:
    score = score_article(TEXT, [GOLD], [GOLD])
    assert all(c.f1 == 1.0 for c in score.counts.values())


def test_jaccard_below_half_is_no_match() -> None:
    # gold content "a b c d e" (5 tokens); prediction "a b" shares 2 of 5 -> Jaccard 0.4: no match
    index = TokenIndex.of("a b c d e f")
    gold = Attribution(content=((0, 9),))
    predicted = Attribution(content=((0, 3),))
    assert jaccard(index.covered(gold.content), index.covered(predicted.content)) == pytest.approx(0.4)
    assert match_attributions(index, [gold], [predicted]) == []
    assert classify_spurious(index, predicted, [gold]) == "content_boundary"
    assert classify_missed(index, gold, [predicted], frozenset()) == "content_boundary"
    counts = score_article("a b c d e f", [gold], [predicted]).counts
    assert counts["attribution/content"] == Counts(fp=1, fn=1)


def test_jaccard_of_half_matches() -> None:
    index = TokenIndex.of("a b c d")
    gold = Attribution(content=((0, 7),))
    assert [m.gold for m in match_attributions(index, [gold], [Attribution(content=((0, 3),))])] == [0]


def test_matching_is_one_to_one_and_prefers_best_jaccard() -> None:
    index = TokenIndex.of("a b c d e f")
    gold = [Attribution(content=((0, 7),)), Attribution(content=((0, 11),))]  # a-d, a-f
    predicted = [Attribution(content=((0, 11),))]
    matches = match_attributions(index, gold, predicted)
    assert [(m.gold, m.predicted) for m in matches] == [(1, 0)]


def test_with_source_needs_overlapping_sources() -> None:
    wrong_source = attribution("Critics", "said", '"the bridge will open in May."')
    score = score_article(TEXT, [GOLD], [wrong_source])
    assert score.counts["attribution/content"] == Counts(tp=1)
    assert score.counts["attribution/content+source"] == Counts(fp=1, fn=1)
    index = TokenIndex.of(TEXT)
    assert classify_source(TEXT, index, GOLD, wrong_source) == "speaker_coreference"


def test_no_source_agrees_only_with_no_source() -> None:
    gold = attribution(None, "said", '"the bridge will open in May."')
    sourced = attribution("The mayor", "said", '"the bridge will open in May."')
    assert score_article(TEXT, [gold], [gold]).counts["attribution/content+source"].f1 == 1.0
    assert score_article(TEXT, [gold], [sourced]).counts["attribution/content+source"].f1 == 0.0


def test_exact_spans_ignore_quotes_and_count_once() -> None:
    unquoted = attribution("The mayor", "said", "the bridge will open in May")
    score = score_article(TEXT, [GOLD], [unquoted, unquoted])
    assert score.counts["span/content"] == Counts(tp=1)
    assert score.counts["span/source"] == Counts(tp=1)
    shorter = attribution("mayor", "said", "the bridge will open")
    assert score_article(TEXT, [GOLD], [shorter]).counts["span/content"] == Counts(fp=1, fn=1)


def test_token_counts_pool_roles_over_the_article() -> None:
    predicted = attribution("The mayor", "said", "the bridge will open in May")
    counts = score_article(TEXT, [GOLD], [predicted]).counts["token/content"]
    assert counts == Counts(tp=6, fp=0, fn=3)  # missed: the two quote marks and the full stop
    assert counts.precision == 1.0 and counts.recall == pytest.approx(6 / 9)


def test_discontinuous_fragments_joined_across_punctuation() -> None:
    text = '"We will win," he said, "and soon."'
    fragments = (span(text, '"We will win,"'), span(text, '"and soon."'))
    assert len(normalize_mention(text, fragments)) == 2
    assert normalize_mention("a, b", ((0, 1), (3, 4))) == ((0, 4),)


def test_missed_attribution_categories() -> None:
    index = TokenIndex.of(TEXT)
    critics = attribution("Critics", "disagreed", "Critics disagreed", cue_lemma="disagree")
    assert classify_missed(index, critics, [], frozenset({"say"})) == "cue_not_covered:verbal"
    assert classify_missed(index, critics, [], frozenset({"disagree"})) == "missed"
    nominal = Attribution(content=critics.content, cue_lemma="statement", cue_nominal=True)
    assert classify_missed(index, nominal, [], frozenset()) == "cue_not_covered:nominal"
    evidential = Attribution(content=critics.content, cue_lemma="show")
    assert classify_missed(index, evidential, [], frozenset()) == "cue_not_covered:evidential"


def test_source_boundary_and_missing() -> None:
    index = TokenIndex.of(TEXT)
    assert classify_source(TEXT, index, GOLD, attribution("mayor", "said", "May")) == "source_boundary"
    assert classify_source(TEXT, index, GOLD, attribution(None, "said", "May")) == "source_missing"
    assert classify_source(TEXT, index, GOLD, GOLD) is None


ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    'T3\tContent 15 26;27 45\t"the bridge will open in May."\n'  # brat joins fragments with a space
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tAttribution-no-source 54 63\tdisagreed\n"
    "E2\tAttribution-no-source:T5\n"
    "#1\tAnnotatorNotes T1\ta note\n"
)


def test_parse_brat_standoff() -> None:
    attributions, skipped, mismatches = parse_ann(ANN, TEXT)
    assert (skipped, mismatches) == (1, 0)  # E2 has no content
    [only] = attributions
    assert only.source == ((0, 9),) and only.cue == ((10, 14),) and only.content == ((15, 26), (27, 45))
    assert parse_ann(ANN, "xx" + TEXT)[2] == 5  # every text-bound span is off


def test_read_split_takes_first_annotator_and_refuses_test(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for folder in ("text", "attributions"):
        (tmp_path / "data" / "dev" / folder).mkdir(parents=True)
    (tmp_path / "data" / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "data" / "dev" / "attributions" / "a_ffff.ann").write_text("", encoding="utf-8")
    (tmp_path / "data" / "dev" / "attributions" / "a_0abc.ann").write_text(ANN, encoding="utf-8")
    [article] = read_split(tmp_path, "dev")
    assert article.annotator == "0abc" and len(article.attributions) == 1
    with pytest.raises(PolnearError):
        list(read_split(tmp_path, "test"))


# a second annotator: the mayor's content without its first fragment, and "Critics disagreed, he added."
ANN_OTHER = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    'T3\tContent 27 45\twill open in May."\n'
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    "T4\tSource 65 67\the\n"
    "T5\tCue 68 73\tadded\n"
    "T6\tContent 46 63\tCritics disagreed\n"
    "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n"
)


def test_annotator_agreement_scores_each_annotator_against_the_others(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for folder in ("text", "attributions"):
        (tmp_path / "data" / "dev" / folder).mkdir(parents=True)
    for stem in ("a", "b"):
        (tmp_path / "data" / "dev" / "text" / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "data" / "dev" / "attributions" / "a_0abc.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "data" / "dev" / "attributions" / "a_1def.ann").write_text(ANN_OTHER, encoding="utf-8")
    (tmp_path / "data" / "dev" / "attributions" / "b_0abc.ann").write_text(ANN, encoding="utf-8")  # one only
    [versions] = list(read_annotators(tmp_path, "dev"))
    assert [v.annotator for v in versions] == ["0abc", "1def"]
    assert [len(v.attributions) for v in versions] == [1, 2]
    counts, n = annotator_agreement([versions])
    assert n == 1
    # the mayor's attributions match (content Jaccard 6/9); "he added" is extra one way and missed the other
    assert counts["attribution/content"] == Counts(tp=2, fp=1, fn=1)
    assert counts["token/cue"] == Counts(tp=2, fp=1, fn=1)
    # 9 content tokens against 8, 6 shared: (6, 2, 3) one way, (6, 3, 2) the other
    assert counts["token/content"] == Counts(tp=12, fp=5, fn=5)
    with pytest.raises(PolnearError):
        list(read_annotators(tmp_path, "test"))
