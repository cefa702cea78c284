"""The trained tagger's token scores (the sum of its features' weights), computed with NumPy over documents.

:func:`claimgraph.train.features.doc_features` writes every token's ~50 features as strings, which is what
crfsuite trains on. Tagging needs only the weights those strings name, and almost every template is "a
prefix and a value read off a token at some offset" ("w=" + the token's lowercase form, "-1l=" + the lemma
of the token before, "hd=" + its head's lemma, "|" and its dependency...). spaCy already holds such values
as 64-bit string ids (``doc.to_array``), so :class:`FeatureIndex` keys each known feature by the id of its
value (for a pair, by a mix of the two ids) in a sorted array per family of templates that read the same
kind of value, a document's values are found with one ``searchsorted`` per family, and
:class:`Featurizer` adds each template's weights for its tokens with one ``take``. No feature string is
built.

The features are exactly those of ``doc_features`` (``FEATURE_VERSION``); the tests compare the scores with
the sum of the string features' weights on real documents. Written by hand: this is the tagger's own
feature set, laid out for NumPy. The real-valued token-vector features ("tv0", "tv1", ...: the token's
row of ``doc.tensor``) add the tensor times their weights, one matrix product.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, LOWER, POS, SHAPE, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc

from claimgraph.attribution.lexicon import Lexicon
from claimgraph.attribution.quotes import Quote
from claimgraph.records import Attribution
from claimgraph.train.features import (
    _QUOTE_MARKS,
    CLASS_POS,
    CUE_CLASSES,
    LEX_CLASSES,
    ROLE_LABELS,
    WORD_LENGTH,
    _lex_class,
    rule_role_codes,
    vector_names,
)

#: templates whose value is two values joined by "|"
PAIR_TEMPLATES = frozenset({"dh", "rd", "rq", "hd", "bg", "bg+"})
_IOB = ("", "I", "O", "B")  # spaCy's ENT_IOB codes
# the templates of one kind of value, looked up together (FeatureIndex.family)
WINDOW_WORDS = ("-2w", "-1w", "1w", "2w")
LEMMAS = ("l", "hl", "-1l", "1l")
TAGS = ("p", "hp", "-2p", "-1p", "1p", "2p")
DEPENDENCIES = ("d", "-1d", "1d")
QUOTES = ("q", "-1q", "1q")
CLASSES = ("c", "hc", "gc", "-1c", "1c")
TOP_ROLES = ("r", "-2r", "-1r", "1r", "2r")
#: the templates of each kind of value (Featurizer.scores)
INDEX = {
    "word": ("w",), "lower": WINDOW_WORDS, "lemma": LEMMAS, "pos": TAGS, "tag": ("t",), "dep": DEPENDENCIES,
    "ent": ("e",), "quote": QUOTES, "class": CLASSES, "path": ("cp",), "top": TOP_ROLES, "nested": ("rn",),
    "rule": ("ru",),
}
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)


def _mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One 64-bit key for each pair of 64-bit ids."""
    with np.errstate(over="ignore"):
        return ((a.astype(np.uint64) * _K1) ^ b.astype(np.uint64)) * _K2


def _ids(values: Iterable[str]) -> np.ndarray:
    return np.fromiter((get_string_id(v) for v in values), dtype=np.uint64)


class FeatureIndex:
    """The rows of a weight array named by feature strings (`names`, row i for names[i]; row -1, the last,
    is all zeros, for features a model does not know), searchable by value ids per template."""

    def __init__(self, names: Sequence[str]) -> None:
        self.rows = {name: i for i, name in enumerate(names)}
        singles: dict[str, tuple[list[str], list[int]]] = {}
        pairs: dict[str, tuple[list[str], list[str], list[int]]] = {}
        for i, name in enumerate(names):
            prefix, sep, value = name.partition("=")
            if not sep:
                continue
            if prefix in PAIR_TEMPLATES:  # every "|" might be the one between the two values
                at = value.find("|")
                while at >= 0:
                    a, b, r = pairs.setdefault(prefix, ([], [], []))
                    a.append(value[:at])
                    b.append(value[at + 1 :])
                    r.append(i)
                    at = value.find("|", at + 1)
            else:
                v, r = singles.setdefault(prefix, ([], []))
                v.append(value)
                r.append(i)
        # per template: its known values' ids, sorted, and the row of each
        self._tables: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        keyed = [(p, _ids(v), r) for p, (v, r) in singles.items()]
        keyed += [(p, _mix(_ids(a), _ids(b)), r) for p, (a, b, r) in pairs.items()]
        for prefix, keys, row_ids in keyed:
            order = np.argsort(keys, kind="stable")
            self._tables[prefix] = (keys[order], np.array(row_ids, dtype=np.intp)[order])

    def family(self, templates: tuple[str, ...]) -> _Family:
        """The tables of `templates` whose values are of one kind (the words of the tokens around, say),
        merged so that a document's values are looked up once for all of them (the caller keeps it)."""
        tables = [self._tables.get(t, (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.intp)))
                  for t in templates]
        known = np.unique(np.concatenate([k for k, _ in tables]))
        rows = np.full((len(known) + 1, len(templates)), -1, dtype=np.intp)  # (last row: unknown)
        for j, (k, r) in enumerate(tables):
            rows[np.searchsorted(known, k), j] = r
        return _Family(known, rows)

    def row(self, feature: str) -> int:
        return self.rows.get(feature, -1)


class _Family:
    """Templates sharing one kind of value: their known value ids, sorted, and a row per template for each
    (-1 where that template does not know it)."""

    def __init__(self, known: np.ndarray, rows: np.ndarray) -> None:
        self.known, self.rows = known, rows

    def find(self, keys: np.ndarray) -> np.ndarray:
        """Per value id, its row of the table (the last, all -1, for unknown values)."""
        if not len(self.known):
            return np.full(len(keys), len(self.rows) - 1, dtype=np.intp)
        at = np.minimum(np.searchsorted(self.known, keys), len(self.known) - 1)
        return np.where(self.known[at] == keys, at, len(self.known))


class Featurizer:
    """A tagger's token scores for documents: the weights of each token's features, summed."""

    #: lemma ids remembered (lowercased lemma id, lexicon class code); past this the memory starts again
    CACHE_SIZE = 200_000

    def __init__(self, index: FeatureIndex, weights: np.ndarray, lexicon: Lexicon, vectors: int = 0) -> None:
        """`weights`: a row per feature of `index`, and a last row of zeros; `vectors`: the width of the
        token vectors the model was trained with (0: none)."""
        self.index = index
        self.weights = weights
        self.lexicon = lexicon
        self.vector_width = vectors
        self._vector_weights = weights[[index.row(name) for name in vector_names(vectors)]]
        # per family of templates: [value found, template, label] weights (the last value: unknown)
        self._family_weights: dict[tuple[str, ...], tuple[_Family, list[np.ndarray]]] = {}
        self._lemmas: dict[int, tuple[int, int]] = {}
        self._class_pos = _ids(CLASS_POS)
        self._class_ids = _ids(LEX_CLASSES)
        self._cue_class_codes = [LEX_CLASSES.index(c) for c in CUE_CLASSES]
        self._quote_ids = _ids(("0", "1"))
        self._quote_marks = _ids(_QUOTE_MARKS)
        self._role_ids = _ids(ROLE_LABELS)
        self._cue_codes = (ROLE_LABELS.index("B-CUE"), ROLE_LABELS.index("I-CUE"))

    def _lemma_info(self, doc: Doc, lemma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The id of each token's lowercased lemma and the lexicon class code of that lemma."""
        distinct, inverse = np.unique(lemma, return_inverse=True)
        cache = self._lemmas
        if len(cache) > self.CACHE_SIZE:
            cache.clear()
        lowered, classes = [], []
        strings = doc.vocab.strings
        for key in distinct.tolist():
            known = cache.get(key)
            if known is None:
                text = strings[key].lower()
                known = cache[key] = (get_string_id(text), LEX_CLASSES.index(_lex_class(text, self.lexicon)))
            lowered.append(known[0])
            classes.append(known[1])
        inverse = inverse.reshape(-1)
        return (np.array(lowered, dtype=np.uint64)[inverse], np.array(classes, dtype=np.intp)[inverse])

    def _family(self, templates: tuple[str, ...]) -> tuple[_Family, list[np.ndarray]]:
        """A family and, per template, its weights by value found ([value, label], contiguous: ``take``
        from it is several times faster than indexing one array of all templates)."""
        known = self._family_weights.get(templates)
        if known is None:
            family = self.index.family(templates)
            tables = [np.ascontiguousarray(self.weights[family.rows[:, j]]) for j in range(len(templates))]
            known = self._family_weights[templates] = (family, tables)
        return known

    def scores(
        self,
        doc: Doc,
        spans: Sequence[tuple[int, int]],
        rules: Sequence[Attribution],
        quotes: Sequence[Quote],
    ) -> tuple[np.ndarray, np.ndarray]:
        """The tokens in the paragraphs `spans` (their indices in the document) and their scores: the sum
        of the weights of their features, as from ``doc_features``' strings."""
        n = len(doc)
        if not spans:
            return np.zeros(0, dtype=np.intp), np.zeros((0, self.weights.shape[1]))
        t = np.concatenate([np.arange(s, e) for s, e in spans])
        index = self.index
        array = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, SHAPE, IDX, LENGTH])
        lower, pos, tag, dep, shape = array[:, 0], array[:, 2], array[:, 3], array[:, 4], array[:, 8]
        position = np.arange(n)
        head = position + array[:, 5].astype(np.int64)
        idx = array[:, 9].astype(np.int64)

        # the word: its lowercase form, or its shape when that is 20 characters or longer
        long_word = np.zeros(n, dtype=bool)
        # (a lowercase form is at most twice as long as the text: "İ" -> "i̇"; other tokens are not looked at)
        candidates = np.flatnonzero(array[:, 10] >= WORD_LENGTH // 2)
        for i in candidates.tolist():
            long_word[i] = len(doc[i].lower_) >= WORD_LENGTH
        word = np.where(long_word, shape, lower)
        lemma, lemma_class = self._lemma_info(doc, array[:, 1])
        class_code = np.where(np.isin(pos, self._class_pos), lemma_class, 0)
        classes = self._class_ids[class_code]
        is_class = class_code != 0
        iob = array[:, 6].astype(np.intp)
        with np.errstate(over="ignore"):
            ent_key = array[:, 7] * np.uint64(4) + array[:, 6]
        distinct, first, inverse = np.unique(ent_key, return_index=True, return_inverse=True)
        ent = _ids(_IOB[iob[i]] + doc[i].ent_type_ for i in first.tolist())[inverse.reshape(-1)]

        # how each token hangs on its nearest lexicon-cue ancestor within 5 steps ("cp=")
        path_class = np.zeros(n, dtype=np.intp)
        path_child = np.full(n, -1, dtype=np.int64)
        path_right = np.zeros(n, dtype=bool)
        child, h = position.copy(), head.copy()
        open_ = np.ones(n, dtype=bool)
        for _ in range(5):
            reached = open_ & is_class[h]
            path_class[reached] = class_code[h][reached]
            path_child[reached] = child[reached]
            path_right[reached] = (position >= h)[reached]
            open_ &= ~reached
            child, h = h, head[h]
        path_key = np.where(path_class > 0, _mix(dep[np.maximum(path_child, 0)], path_class * 2 + path_right),
                            np.uint64(0))
        distinct, first, inverse = np.unique(path_key, return_index=True, return_inverse=True)
        path_values = [
            f"{LEX_CLASSES[path_class[i]]}:{doc[int(path_child[i])].dep_}:{'R' if path_right[i] else 'L'}"
            if path_class[i] else "-"
            for i in first.tolist()
        ]
        cue_path = _ids(path_values)[inverse.reshape(-1)]

        # inside a quotation (not on its marks)
        if quotes:
            starts = np.array([q.start for q in quotes], dtype=np.int64)
            ends = np.array([q.end for q in quotes], dtype=np.int64)
            k = np.searchsorted(starts, idx, side="right") - 1
            at = np.maximum(k, 0)
            inside = (k >= 0) & (starts[at] < idx) & (idx < ends[at] - 1)
        else:
            inside = np.zeros(n, dtype=bool)
        quote = self._quote_ids[inside.astype(np.intp)]

        top_code, nested_code, rule_code, rule_names = rule_role_codes(doc, rules)
        top, nested = self._role_ids[top_code], self._role_ids[nested_code]
        rule = _ids(rule_names)[rule_code]
        top_cue = (top_code == self._cue_codes[0]) | (top_code == self._cue_codes[1])

        weights = self.weights
        out = np.zeros((len(t), weights.shape[1]))
        if self.vector_width:
            tensor = doc.tensor
            if tensor.ndim != 2 or tensor.shape != (n, self.vector_width):
                raise ValueError(
                    f"the tagger was trained with token vectors of {self.vector_width} dimensions "
                    f"(doc.tensor), this pipeline gives {tensor.shape[1] if tensor.ndim == 2 else 0}: use "
                    "the model it was trained with"
                )
            out += tensor[t].astype(np.float64) @ self._vector_weights
        h, hh = head[t], head[head[t]]
        out += weights[index.row("b")]
        found: dict[str, tuple[list[np.ndarray], np.ndarray]] = {}  # per kind of value: weights, values
        for name, keys in (
            ("word", word), ("lower", lower), ("lemma", lemma), ("pos", pos), ("tag", tag), ("dep", dep),
            ("ent", ent), ("quote", quote), ("class", classes), ("path", cue_path), ("top", top),
            ("nested", nested), ("rule", rule),
        ):
            family, tables = self._family(INDEX[name])
            found[name] = (tables, family.find(keys))

        def add(name: str, template: str, at: np.ndarray, valid: np.ndarray | None = None) -> None:
            tables, values = found[name]
            table = tables[INDEX[name].index(template)]
            value = values[at] if valid is None else np.where(valid, values[at], len(table) - 1)
            np.add(out, table.take(value, axis=0), out=out)

        for name, template, at in (
            ("word", "w", t), ("lemma", "l", t), ("pos", "p", t), ("tag", "t", t), ("dep", "d", t),
            ("lemma", "hl", h), ("pos", "hp", h), ("ent", "e", t), ("quote", "q", t), ("class", "c", t),
            ("class", "hc", h), ("path", "cp", t), ("top", "r", t), ("nested", "rn", t), ("rule", "ru", t),
            ("class", "gc", hh),
        ):
            add(name, template, at)
        previous, following = np.maximum(t - 1, 0), np.minimum(t + 1, n - 1)
        p_start = np.zeros(n, dtype=np.intp)
        p_end = np.zeros(n, dtype=np.intp)
        for s, e in spans:
            p_start[s:e], p_end[s:e] = s, e
        first_token, last_token = t == p_start[t], t == p_end[t] - 1
        for template, keys, valid in (
            ("dh", _mix(dep[t], pos[h]), None), ("rd", _mix(top[t], dep[t]), None),
            ("rq", _mix(top[t], quote[t]), None), ("hd", _mix(lemma[h], dep[t]), None),
            ("bg", _mix(lower[previous], lower[t]), ~first_token),
            ("bg+", _mix(lower[t], lower[following]), ~last_token),
        ):
            family, (pair_table,) = self._family((template,))
            value = family.find(keys)
            if valid is not None:
                value = np.where(valid, value, len(pair_table) - 1)
            out += pair_table.take(value, axis=0)

        # the features that depend on the paragraph
        sentence = np.zeros(n + 1, dtype=bool)
        sentence[[s.start for s in doc.sents]] = True

        def flag(feature: str, where: np.ndarray) -> None:
            row = index.row(feature)
            if row >= 0:
                out[where] += weights[row]

        new_sentence = (sentence[t] | first_token).astype(np.intp)
        count = np.cumsum(new_sentence)
        # the count before each paragraph (the tokens of `t` are in paragraph order, counts only grow)
        before = np.maximum.accumulate(np.where(first_token, count - new_sentence, 0))
        number = np.minimum(count - before - 1, 3)
        out += weights[[index.row(f"sn={value}") for value in range(4)]][number]
        for j in np.flatnonzero(is_class[t]).tolist():
            out[j] += weights[index.row("k=" + "|".join(sorted({c.dep_ for c in doc[int(t[j])].children})))]
        flag("qm", np.isin(lower[t], self._quote_marks))
        flag("ss", sentence[t])
        flag("ps", first_token)
        flag("se", last_token | sentence[t + 1])
        for prefix, marked in (("cl=", np.isin(class_code, self._cue_class_codes)), ("rc=", top_cue)):
            # whether such a cue lies before the token, and at or after it, in its paragraph
            marks = np.flatnonzero(marked)
            if len(marks):
                at_start = np.searchsorted(marks, p_start[t])  # the paragraph's first mark, if any
                at_end = np.searchsorted(marks, p_end[t]) - 1  # its last
                first_mark = np.where(at_start < at_end + 1, marks[np.minimum(at_start, len(marks) - 1)], n)
                last_mark = np.where(at_start < at_end + 1, marks[np.maximum(at_end, 0)], -1)
            else:
                first_mark, last_mark = np.full(len(t), n), np.full(len(t), -1)
            sides = (first_mark < t) * 2 + (last_mark >= t)
            out += weights[[index.row(f"{prefix}{a}{b}") for a in (0, 1) for b in (0, 1)]][sides]
        # windows: the tokens two and one before and after, or a pad past the paragraph's bounds
        for d in (-2, -1, 1, 2):
            other = np.clip(t + d, 0, n - 1)
            valid = (t + d >= p_start[t]) & (t + d < p_end[t])
            flag(f"{d}pad", ~valid)
            window = [("lower", "w"), ("pos", "p"), ("top", "r")]
            if d in (-1, 1):
                window += [("lemma", "l"), ("dep", "d"), ("class", "c"), ("quote", "q")]
            for name, template in window:
                add(name, f"{d}{template}", other, valid)
        return t, out
