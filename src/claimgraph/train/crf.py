"""Linear-chain CRF inference in NumPy, on the weights of models trained with python-crfsuite.

crfsuite trains the tagger (``claimgraph train``) and reads its features as strings: converting ~50 strings
per token for it and looking each one up in the model's string database cost more than the rest of the
trained tagger together (docs/benchmarks.md, "Speed"). Here the weights are read once from the model file
into arrays, a token's score is the sum of its features' rows (:mod:`claimgraph.train.columns` finds them
without building strings), and Viterbi decoding and the forward-backward marginals run on many paragraphs at
once (all those of a batch of documents).

Written by hand: crfsuite has no API to its weights but a text dump rounded to six decimals, and no library
reads its model format. The format (crfsuite's ``crf1d_model.c`` and ``cqdb.c``): a 48-byte header of
little-endian uint32 (magic ``lCRF``, size, type ``FOMC``, version, counts, offsets of the features, of the
label and attribute string databases and of two reference tables); features of 20 bytes (type 0 = state:
attribute id -> label id, type 1 = transition: label id -> label id; then a float64 weight); a string
database (``CQDB``) keeps, after a 24-byte header and 256 hash-table references, records of (id, size,
NUL-terminated string) and a backward array of each id's record offset. The decoders are the textbook
recursions crfsuite runs (``crf1d_context.c``): no start or end transitions; scores are sums of the state
weights of the token's attributes (each worth 1) and of the transition weights. Both are checked against
python-crfsuite's own output in the tests.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4s9I")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_CQDB_HEADER = struct.Struct("<4s5I")
_CQDB_TABLES = 256


class CRFFormatError(ValueError):
    """A file that is not a crfsuite CRF1d model."""


@dataclass(frozen=True)
class CRFWeights:
    """A crfsuite model's weights: ``state[attribute, label]`` and ``transition[from_label, to_label]``."""

    labels: tuple[str, ...]
    attributes: tuple[str, ...]
    state: np.ndarray
    transition: np.ndarray

    @classmethod
    def read(cls, path: str | Path) -> CRFWeights:
        data = Path(path).read_bytes()
        if len(data) < _HEADER.size:
            raise CRFFormatError(f"{path}: too short for a crfsuite model")
        magic, _, kind, _, _, n_labels, n_attrs, off_features, off_labels, off_attrs, _, _ = (
            _HEADER.unpack_from(data)
        )
        if magic != b"lCRF" or kind != b"FOMC":
            raise CRFFormatError(f"{path}: not a crfsuite CRF1d model (magic {magic!r}, type {kind!r})")
        labels = _strings(data, off_labels, n_labels, path)
        attributes = _strings(data, off_attrs, n_attrs, path)
        chunk, _, n_features = struct.unpack_from("<4sII", data, off_features)
        if chunk != b"FEAT":
            raise CRFFormatError(f"{path}: no feature chunk where the header says")
        features = np.frombuffer(data, dtype=_FEATURE, count=n_features, offset=off_features + 12)
        state = np.zeros((n_attrs, n_labels))
        transition = np.zeros((n_labels, n_labels))
        is_state = features["type"] == 0
        s, t = features[is_state], features[~is_state]
        np.add.at(state, (s["src"], s["dst"]), s["weight"])
        np.add.at(transition, (t["src"], t["dst"]), t["weight"])
        return cls(tuple(labels), tuple(attributes), state, transition)


def _strings(data: bytes, offset: int, count: int, path: str | Path) -> list[str]:
    """The strings of a CQDB database at `offset`, by id."""
    chunk, _, _, _, bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(data, offset)
    if chunk != b"CQDB" or bwd_size < count:
        raise CRFFormatError(f"{path}: damaged string database at {offset}")
    records = np.frombuffer(data, dtype="<u4", count=count, offset=offset + bwd_offset)
    out = []
    for record in records.tolist():
        start = offset + record + 8  # (the record's id and size come first)
        out.append(data[start : data.index(b"\0", start)].decode("utf-8"))
    return out


def _by_length(lengths: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The sequences longest first, and for each step how many of them are still running: the recursions
    then work on a shrinking prefix of the batch (views, no masks)."""
    order = np.argsort(-lengths, kind="stable")
    running = np.searchsorted(-lengths[order], -np.arange(int(lengths.max(initial=0))), side="left")
    return order, running.tolist()


def viterbi(scores: np.ndarray, lengths: np.ndarray, transition: np.ndarray) -> np.ndarray:
    """Best label ids of a batch of sequences: `scores` [sequences, max length, labels] (state scores,
    padded), `lengths` per sequence; the padding of the result is -1."""
    n, steps, _ = scores.shape
    order, running = _by_length(lengths)
    scores = scores[order]
    best = scores[:, 0, :].copy()
    back = np.zeros(scores.shape, dtype=np.intp)
    for t in range(1, steps):
        k = running[t]  # the sequences longer than t
        candidates = best[:k, :, None] + transition  # [sequence, from, to]
        back[:k, t] = candidates.argmax(axis=1)
        best[:k] = candidates.max(axis=1) + scores[:k, t]
    out = np.full((n, steps), -1, dtype=np.intp)
    label = best.argmax(axis=1)  # each sequence's last label (kept until the walk back reaches its end)
    for t in range(steps - 1, -1, -1):
        k = running[t]
        out[:k, t] = label[:k]
        if t > 0:
            label[:k] = back[np.arange(k), t, label[:k]]
    result: np.ndarray = np.empty_like(out)
    result[order] = out
    return result


def marginals(scores: np.ndarray, lengths: np.ndarray, transition: np.ndarray) -> np.ndarray:
    """Each token's marginal probability of each label, [sequences, max length, labels] (padding 0), by the
    scaled forward-backward recursions."""
    n, steps, _ = scores.shape
    order, running = _by_length(lengths)
    scores = scores[order]
    sorted_lengths = lengths[order]
    state = np.exp(scores - scores.max(axis=2, keepdims=True))  # (the padding is never read)
    edge = np.exp(transition)
    alpha = np.zeros_like(state)
    beta = np.zeros_like(state)
    alpha[:, 0] = state[:, 0] / state[:, 0].sum(axis=1, keepdims=True)
    for t in range(1, steps):
        k = running[t]
        a = (alpha[:k, t - 1] @ edge) * state[:k, t]
        alpha[:k, t] = a / a.sum(axis=1, keepdims=True)
    beta[np.arange(n), sorted_lengths - 1] = 1.0
    for t in range(steps - 2, -1, -1):
        k = running[t + 1]  # the sequences with a step after t
        b = (beta[:k, t + 1] * state[:k, t + 1]) @ edge.T
        beta[:k, t] = b / b.sum(axis=1, keepdims=True)
    product = alpha * beta
    total = product.sum(axis=2, keepdims=True)
    out: np.ndarray = np.zeros_like(product)
    out[order] = np.divide(product, total, out=np.zeros_like(product), where=total > 0)
    return out
