"""Writes this folder's tiny random BERT token classifier and the logits torch computes for it.

tests/train/test_train_transformer.py checks claimgraph's NumPy encoder against these logits (CI has no
torch). Run once, in the environment `make train-transformer` sets up (torch, transformers):

    .venv-torch/bin/python tests/data/tiny-bert/make_fixture.py
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from tokenizers import Tokenizer
from tokenizers.models import WordPiece
from tokenizers.normalizers import BertNormalizer
from tokenizers.pre_tokenizers import BertPreTokenizer
from transformers import BertConfig, BertForTokenClassification

HERE = Path(__file__).parent
WORDS = ["the", "kremlin", "denied", "report", ",", "saying", "it", "was", "all", "untrue", "."]
WORDS += ["officials", "said", "taxes", "will", "rise", "“", "”", "##s"]
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
TEXTS = ["The Kremlin denied the report, saying “It was all untrue.”", "Officials said taxes will rise."]


def main() -> None:
    torch.manual_seed(7)
    config = BertConfig(
        vocab_size=len(VOCAB),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=32,
        num_labels=7,
    )
    model = BertForTokenClassification(config).eval()
    with torch.no_grad():  # random layer-norm parameters too, so that they are tested
        for name, parameter in model.named_parameters():
            if "LayerNorm" in name or name.endswith("bias"):
                parameter.normal_(mean=1.0 if name.endswith("weight") else 0.0, std=0.2)
    model.save_pretrained(str(HERE), safe_serialization=True)
    tokenizer = Tokenizer(WordPiece({w: i for i, w in enumerate(VOCAB)}, unk_token="[UNK]"))
    tokenizer.normalizer = BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = BertPreTokenizer()
    tokenizer.save(str(HERE / "tokenizer.json"))
    expected = []
    for text in TEXTS:
        pieces = tokenizer.encode(text, add_special_tokens=False).ids
        ids = [VOCAB.index("[CLS]"), *pieces, VOCAB.index("[SEP]")]
        with torch.no_grad():
            logits = model(input_ids=torch.tensor([ids])).logits[0]
        rows = [[round(v, 6) for v in row] for row in logits.tolist()]
        expected.append({"text": text, "ids": ids, "logits": rows})
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
