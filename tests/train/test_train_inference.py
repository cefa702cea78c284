"""NumPy inference of the trained tagger: the same labels and marginals as python-crfsuite, and the same
features as the strings crfsuite is trained on."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from claimgraph.train.crf import CRFFormatError, CRFWeights, marginals, viterbi

pycrfsuite = pytest.importorskip("pycrfsuite")

LABELS = ("O", "B-X", "I-X", "B-Y", "I-Y")


def _random_data(seed: int, n: int) -> list[tuple[list[list[str]], list[str]]]:
    """Sequences whose labels follow their features loosely (so that the weights are not all zero) and
    whose features include "|", "=" and non-ASCII characters, as real ones do."""
    rng = random.Random(seed)
    words = ["said", "Ärger", "a|b", "x=y", "the", "“", "told", "de", "officials", "zürich"]
    data = []
    for _ in range(n):
        length = rng.randint(1, 9)
        xs, ys = [], []
        for i in range(length):
            w = rng.choice(words)
            xs.append([f"w={w}", f"p={i % 3}", "b", *([f"bg={w}|{xs[-1][0][2:]}"] if xs else ["ps"])])
            ys.append(LABELS[(words.index(w) + rng.randint(0, 1)) % len(LABELS)])
        data.append((xs, ys))
    return data


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crf") / "m.crfsuite"
    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in _random_data(1, 200):
        trainer.append(xs, ys)
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 60})
    trainer.train(str(path))
    return path


def _scores(weights: CRFWeights, sequences: list[list[list[str]]]) -> tuple[np.ndarray, np.ndarray]:
    rows = {a: i for i, a in enumerate(weights.attributes)}
    lengths = np.array([len(xs) for xs in sequences])
    out = np.zeros((len(sequences), lengths.max(), len(weights.labels)))
    for k, xs in enumerate(sequences):
        for t, features in enumerate(xs):
            for f in features:
                if f in rows:
                    out[k, t] += weights.state[rows[f]]
    return out, lengths


def test_weights_decode_as_crfsuite_tags(model: Path) -> None:
    weights = CRFWeights.read(model)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    assert weights.labels == tuple(tagger.labels())
    info = tagger.info()
    assert set(weights.attributes) == {a for a, _ in info.state_features}
    assert np.abs(weights.state).sum() > 0 and np.abs(weights.transition).sum() > 0

    sequences = [xs for xs, _ in _random_data(2, 60)]  # of several lengths, decoded side by side
    scores, lengths = _scores(weights, sequences)
    best = viterbi(scores, lengths, weights.transition)
    probabilities = marginals(scores, lengths, weights.transition)
    for k, xs in enumerate(sequences):
        assert [weights.labels[i] for i in best[k, : len(xs)]] == tagger.tag(xs)
        assert (best[k, len(xs) :] == -1).all()
        tagger.set(xs)
        for t in range(len(xs)):
            for j, label in enumerate(weights.labels):
                assert probabilities[k, t, j] == pytest.approx(tagger.marginal(label, t), abs=1e-9)


def test_token_vector_features_weigh_by_their_value(tmp_path: Path) -> None:
    """Real-valued features (the token vectors) count their weight times their value in crfsuite: the NumPy
    scores (string weights plus the vectors times their weights) decode and score exactly as crfsuite."""
    from claimgraph.train.features import vector_names
    from claimgraph.train.trainer import items

    rng = np.random.default_rng(3)
    data = _random_data(4, 120)
    # vectors that carry the label (so that their weights are not zero), and noise
    vectors = [
        rng.normal(size=(len(ys), 3)) + np.array([[LABELS.index(y), 0, 0] for y in ys]) for _, ys in data
    ]
    path = tmp_path / "v.crfsuite"
    trainer = pycrfsuite.Trainer(verbose=False)
    for (xs, ys), vs in zip(data, vectors, strict=True):
        trainer.append(items(xs, vs), ys)
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 60})
    trainer.train(str(path))
    weights = CRFWeights.read(path)
    rows = {a: i for i, a in enumerate(weights.attributes)}
    names = vector_names(3)
    assert set(names) <= set(rows)
    vector_weights = weights.state[[rows[n] for n in names]]
    assert np.abs(vector_weights).sum() > 0

    test = _random_data(5, 40)
    test_vectors = [rng.normal(size=(len(xs), 3)) * 2 for xs, _ in test]
    sequences = [xs for xs, _ in test]
    scores, lengths = _scores(weights, sequences)
    for k, vs in enumerate(test_vectors):
        scores[k, : len(vs)] += vs @ vector_weights
    best = viterbi(scores, lengths, weights.transition)
    probabilities = marginals(scores, lengths, weights.transition)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    changed = 0
    for k, (xs, vs) in enumerate(zip(sequences, test_vectors, strict=True)):
        paragraph = items(xs, vs)
        labels = tagger.tag(paragraph)
        assert [weights.labels[i] for i in best[k, : len(xs)]] == labels
        changed += labels != tagger.tag(xs)  # (without the vectors)
        tagger.set(paragraph)
        for t in range(len(xs)):
            for j, label in enumerate(weights.labels):
                assert probabilities[k, t, j] == pytest.approx(tagger.marginal(label, t), abs=1e-9)
    assert changed  # the vectors decide some labels


def test_not_a_crfsuite_model(tmp_path: Path) -> None:
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"lCRF" + bytes(60))
    with pytest.raises(CRFFormatError, match="bad.crfsuite: not a crfsuite CRF1d model"):
        CRFWeights.read(bad)
    (tmp_path / "short").write_bytes(b"x")
    with pytest.raises(CRFFormatError, match="too short"):
        CRFWeights.read(tmp_path / "short")


@pytest.mark.model
def test_featurizer_scores_are_the_string_features_weights(nlp) -> None:  # type: ignore[no-untyped-def]
    """Every token's score is the sum of the weights of the strings ``doc_features`` writes for it (with
    random weights, a feature found for the wrong token, or missed, changes the sum)."""
    from claimgraph.attribution import extract_attributions
    from claimgraph.attribution.lexicon import load_lexicon
    from claimgraph.attribution.quotes import find_quotes
    from claimgraph.train.columns import FeatureIndex, Featurizer
    from claimgraph.train.features import doc_features, paragraphs, token_vectors, vector_names

    text = (
        "WASHINGTON — The Kremlin denied the allegations on Friday, citing “several anonymous officials.”\n"
        "“It's all untrue,” Dmitry Peskov told reporters, adding that there was only one phone call.\n"
        "\n"
        "Supercalifragilisticexpialidocious-ness, she said, is not a word. "
        "According to the report, İstanbul's mayor | the Mayor of Ankara = rivals.\n"
        "Musk did not respond to the newspaper's request for comment"
    )
    doc = nlp(text)
    lexicon = load_lexicon()
    rules = extract_attributions(doc, lexicon=lexicon).attributions
    quotes = find_quotes(text)
    skip = [(text.index("Super"), text.index("According"))]  # boilerplate inside a paragraph
    spans = paragraphs(doc, skip)
    strings = doc_features(doc, spans, lexicon, rules, quotes=quotes)
    flat = [features for sequence in strings for features in sequence]
    known = sorted({f for features in flat for f in features} | {"w=unknown-here", "bg=a|b|c"})
    # a model trained on other texts knows some of these features and others: leave some out
    names = [n for k, n in enumerate(known) if k % 7 != 3]
    index = FeatureIndex(names)
    weights = np.random.default_rng(0).normal(size=(len(names) + 1, 3))
    weights[-1] = 0.0
    tokens, scores = Featurizer(index, weights, lexicon).scores(doc, spans, rules, quotes)
    assert tokens.tolist() == [i for s, e in spans for i in range(s, e)]
    assert len(flat) == len(tokens)
    for k, features in enumerate(flat):
        expected = sum((weights[index.row(f)] for f in features), np.zeros(3))
        assert scores[k] == pytest.approx(expected, abs=1e-9), doc[int(tokens[k])].text
    assert any(f not in index.rows for features in flat for f in features)  # (some were left out)

    # with the token vectors (doc.tensor, as the trainer writes them): their values times their weights
    width = doc.tensor.shape[1]
    assert width > 0
    vectors = np.concatenate(token_vectors(doc, spans))
    index = FeatureIndex(names + vector_names(width))
    weights = np.random.default_rng(1).normal(size=(len(names) + width + 1, 3))
    weights[-1] = 0.0
    _, scores = Featurizer(index, weights, lexicon, vectors=width).scores(doc, spans, rules, quotes)
    for k, features in enumerate(flat):
        expected = sum((weights[index.row(f)] for f in features), np.zeros(3))
        expected += vectors[k] @ weights[len(names) : len(names) + width]
        assert scores[k] == pytest.approx(expected, abs=1e-9), doc[int(tokens[k])].text
    with pytest.raises(ValueError, match=f"token vectors of {width + 1} dimensions"):
        Featurizer(index, weights, lexicon, vectors=width + 1).scores(doc, spans, rules, quotes)
