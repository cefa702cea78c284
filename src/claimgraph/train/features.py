"""Token features for the attribution tagger and gold labels for training.

A sequence is a paragraph (the tokens between line breaks), so a quotation running over several sentences
is one stretch of ``CONTENT``. Each token is described by its word, lemma, part of speech, dependency, head,
named entity, whether it sits in a quotation, how it hangs on the nearest reporting word of the lexicon, and
the role the rules (``extract_attributions``) give it: the tagger learns where PolNeAR's conventions differ
from the rules'. Besides these strings (value 1), each token has real-valued features: its vector from the
pipeline's own tok2vec (``doc.tensor``, which the parse has already computed: nothing more to run), one
attribute per dimension (:func:`token_vectors`). Labels are BIO over ``SOURCE``, ``CUE`` and ``CONTENT``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc

from claimgraph.attribution.lexicon import Lexicon
from claimgraph.attribution.quotes import Quote, find_quotes
from claimgraph.records import Attribution

ROLES: tuple[str, ...] = ("SOURCE", "CUE", "CONTENT")
FEATURE_VERSION = 2
_QUOTE_MARKS = frozenset('“”"«»„')


#: the names of the token-vector features, by dimension: "tv0", "tv1", ...
VECTOR_PREFIX = "tv"


def vector_names(width: int) -> list[str]:
    return [f"{VECTOR_PREFIX}{k}" for k in range(width)]


def token_vectors(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[np.ndarray]:
    """The rows of ``doc.tensor`` (the pipeline's contextual token vectors) of each paragraph in `spans`;
    0 columns when the pipeline sets none."""
    tensor = doc.tensor if doc.tensor.ndim == 2 and len(doc.tensor) == len(doc) else np.zeros((len(doc), 0))
    return [np.asarray(tensor[s:e], dtype=np.float64) for s, e in spans]


def paragraphs(doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the paragraphs (line breaks excluded), the tokens starting inside a
    `skip` range (boilerplate) left out (a block may end or start mid-paragraph)."""
    n = len(doc)
    if not n:
        return []
    array = doc.to_array([IS_SPACE, IDX])
    # spaCy's tokenizer makes every run of whitespace other than single spaces a token of its own, so the
    # tokens holding a line break are whitespace tokens
    kept = array[:, 0] == 0
    starts = array[:, 1].astype(np.int64)
    for a, b in skip:
        kept &= (starts < a) | (starts >= b)
    edges = np.flatnonzero(np.diff(np.concatenate([[False], kept, [False]]).astype(np.int8)))
    bounds = edges.tolist()
    return list(zip(bounds[::2], bounds[1::2], strict=True))


class CharTokens:
    """The tokens of a character range of a document, as ``doc.char_span(start, end,
    alignment_mode="expand")`` gives them (every token the range touches; a range starting on a token's
    trailing space starts at the next token), without building spans: a token covers its text and its
    trailing space, and the tokens tile the text."""

    def __init__(self, doc: Doc) -> None:
        array = doc.to_array([IDX, LENGTH])
        self.starts: list[int] = array[:, 0].tolist()
        self.ends: list[int] = (array[:, 0] + array[:, 1]).tolist()  # (trailing space excluded)
        self.size = self.starts[-1] + len(doc[-1].text_with_ws) if len(doc) else 0

    def _token_at(self, char: int) -> int:
        return bisect.bisect_right(self.starts, char) - 1 if 0 <= char < self.size else -1

    def __call__(self, start: int, end: int) -> range:
        first, last = self._token_at(start), self._token_at(end - 1)
        if first < 0 or last < 0:
            return range(0)
        if start == self.ends[first]:
            first += 1
        return range(first, last + 1)


#: the BIO labels of the rules' roles, by code (:func:`rule_role_codes`)
ROLE_LABELS: tuple[str, ...] = ("O", *(f"{p}-{r}" for r in ROLES for p in "BI"))


def rule_role_codes(
    doc: Doc, attributions: Iterable[Attribution]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Per token: the code in ``ROLE_LABELS`` of its BIO role in the rules' top-level attributions and in
    the nested ones, and the code of the rule that gave the top-level role (in the returned list of rule
    names, "-" for none). A token keeps the first role it gets; a span's first token is ``B-`` when it has
    no role yet."""
    n = len(doc)
    top, nested, rule = np.zeros(n, dtype=np.intp), np.zeros(n, dtype=np.intp), np.zeros(n, dtype=np.intp)
    names: dict[str, int] = {"-": 0}
    char_tokens = CharTokens(doc)
    for a in attributions:
        target = top if a.parent is None else nested
        parts = [("SOURCE", a.source.start, a.source.end)] if a.source else []
        parts += [("CUE", a.cue.start, a.cue.end)] if a.cue else []
        parts += [("CONTENT", c.start, c.end) for c in a.content]
        for role, start, end in parts:
            tokens = char_tokens(start, end)
            if not tokens:
                continue
            s, e = tokens.start, tokens.stop
            free = target[s:e] == 0
            labels = np.full(e - s, ROLE_LABELS.index(f"I-{role}"))
            labels[0] = ROLE_LABELS.index(f"B-{role}")
            target[s:e] = np.where(free, labels, target[s:e])
            if a.parent is None:
                code = names.setdefault(a.rule or "-", len(names))
                rule[s:e] = np.where(free, code, rule[s:e])
    return top, nested, rule, list(names)


def rule_roles(doc: Doc, attributions: Iterable[Attribution]) -> tuple[list[str], list[str], list[str]]:
    """Per token: BIO role of the rules' top-level attributions, of the nested ones, and the rule's name."""
    top, nested, rule, names = rule_role_codes(doc, attributions)
    return (
        [ROLE_LABELS[c] for c in top.tolist()],
        [ROLE_LABELS[c] for c in nested.tolist()],
        [names[c] for c in rule.tolist()],
    )


#: the lexicon classes of a lemma (:func:`_lex_class`): none, reporting verb, extended verb, nominal cue,
#: hedge; the first three after "none" are cues (the "cl=" features)
LEX_CLASSES: tuple[str, ...] = ("-", "rv", "ev", "nc", "hd")
CUE_CLASSES: tuple[str, ...] = LEX_CLASSES[1:4]
#: the parts of speech whose lemma gets a lexicon class
CLASS_POS: tuple[str, ...] = ("VERB", "NOUN", "AUX", "ADV", "ADJ")
#: words this long or longer are written by their shape ("w=")
WORD_LENGTH = 20


def _lex_class(lemma: str, lex: Lexicon) -> str:
    if lemma in lex.reporting_verbs:
        return "rv"
    if lemma in lex.extended_verbs:
        return "ev"
    if lemma in lex.nominal_cues:
        return "nc"
    if lemma in lex.cueless_hedges:
        return "hd"
    return "-"


def _cue_path(i: int, head: list[int], dep: list[str], classes: list[str]) -> str:
    """How token `i` hangs on its nearest ancestor that is a lexicon cue: that cue's class, the dependency of
    the step just below it and the side the token is on; "-" when there is none within 5 steps (a root is
    its own head: the walk stays on it)."""
    child, h = i, head[i]
    for _ in range(5):
        if classes[h] != "-":
            return f"{classes[h]}:{dep[child]}:{'L' if i < h else 'R'}"
        child, h = h, head[h]
    return "-"


_SENTENCE_NUMBER = ("sn=0", "sn=1", "sn=2", "sn=3")
# "cl=" / "rc=": whether a cue lies before the token, and at or after it
_SIDES = {(a, b): ("1" if a else "0") + ("1" if b else "0") for a in (False, True) for b in (False, True)}
_CUE_SIDES = {k: "cl=" + v for k, v in _SIDES.items()}
_RULE_CUE_SIDES = {k: "rc=" + v for k, v in _SIDES.items()}
_PAD = {d: [f"{d}pad"] for d in (-2, -1, 1, 2)}
# feature strings of the templates with few values (tags, dependencies, roles, classes...), made once
_SHARED: dict[str, dict[Any, str]] = {}


def _shared(prefix: str, values: Iterable[str]) -> dict[str, str]:
    """``prefix + value`` by value, kept across documents (for templates with few values only)."""
    table = _SHARED.setdefault(prefix, {})
    for v in set(values).difference(table):
        table[v] = prefix + v
    return table


def _shared_pairs(prefix: str, a: list[str], b: list[str]) -> dict[tuple[str, str], str]:
    """``prefix + a + "|" + b`` by (a, b), kept across documents (for templates with few values only)."""
    table = _SHARED.setdefault(prefix, {})
    for x, y in set(zip(a, b, strict=True)).difference(table):
        table[x, y] = prefix + x + "|" + y
    return table


def _strings(prefix: str, values: list[str]) -> dict[str, str]:
    """``prefix + value`` by value, for one document (words and lemmas repeat within it)."""
    return {v: prefix + v for v in set(values)}


def doc_features(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    lex: Lexicon,
    rules: Sequence[Attribution],
    *,
    quotes: Sequence[Quote] | None = None,
) -> list[list[list[str]]]:
    """The feature strings of each token of each paragraph in `spans` (`quotes`: those of ``doc.text``,
    when already found).

    This runs for every token of every document tagged: each token's attributes are read from spaCy once
    into plain lists, the features that do not depend on the paragraph are made per token at once (the
    strings shared between tokens with the same value), and each paragraph only adds what depends on its
    bounds. The features and their order are those the model was trained with (``FEATURE_VERSION``)."""
    if quotes is None:
        quotes = find_quotes(doc.text)
    starts = [q.start for q in quotes]
    top, nested, rule = rule_roles(doc, rules)
    n = len(doc)
    tokens = list(doc)
    lower = [t.lower_ for t in tokens]
    lemma = [t.lemma_.lower() for t in tokens]
    pos = [t.pos_ for t in tokens]
    dep = [t.dep_ for t in tokens]
    head = [t.head.i for t in tokens]
    sent_start = [t.is_sent_start for t in tokens]
    classes = [
        _lex_class(lm, lex) if p in CLASS_POS else "-"
        for lm, p in zip(lemma, pos, strict=True)
    ]
    in_quote = []
    for t in tokens:
        i = t.idx
        k = bisect.bisect_right(starts, i) - 1
        in_quote.append("1" if k >= 0 and quotes[k].start < i < quotes[k].end - 1 else "0")
    word = [w if len(w) < WORD_LENGTH else t.shape_ for w, t in zip(lower, tokens, strict=True)]
    tag = [t.tag_ for t in tokens]
    ent = [t.ent_iob_ + t.ent_type_ for t in tokens]
    cue_path = [_cue_path(i, head, dep, classes) for i in range(n)]
    lemmas = _strings("l=", lemma)
    head_lemmas = _strings("hl=", lemma)
    pos_, tag_, dep_ = _shared("p=", pos), _shared("t=", tag), _shared("d=", dep)
    head_pos_, dep_head_ = _shared("hp=", pos), _shared_pairs("dh=", dep, [pos[h] for h in head])
    ent_, quote_, class_ = _shared("e=", ent), _shared("q=", in_quote), _shared("c=", classes)
    head_class_, grand_class_ = _shared("hc=", classes), _shared("gc=", classes)
    cue_path_, top_, nested_, rule_ = (
        _shared("cp=", cue_path),
        _shared("r=", top),
        _shared("rn=", nested),
        _shared("ru=", rule),
    )
    top_dep_, top_quote_ = _shared_pairs("rd=", top, dep), _shared_pairs("rq=", top, in_quote)
    # the features that do not depend on the paragraph, in their order, one list per token
    base = [
        [
            "b",
            "w=" + w,
            lemmas[lm],
            pos_[p],
            tag_[tg],
            dep_[d],
            head_lemmas[lemma[h]],
            head_pos_[pos[h]],
            dep_head_[d, pos[h]],
            ent_[en],
            quote_[q],
            class_[c],
            head_class_[classes[h]],
            cue_path_[cp],
            top_[r],
            nested_[rn],
            rule_[ru],
            top_dep_[r, d],
            top_quote_[r, q],
            "hd=" + lemma[h] + "|" + d,
            grand_class_[classes[head[h]]],
        ]
        for w, lm, p, tg, d, h, en, q, c, cp, r, rn, ru in zip(
            word, lemma, pos, tag, dep, head, ent, in_quote, classes, cue_path, top, nested, rule, strict=True
        )
    ]
    # flags of single tokens, bigrams and the window features (each used only inside the paragraph)
    children = {
        i: "k=" + "|".join(sorted({c.dep_ for c in tokens[i].children}))
        for i in range(n)
        if classes[i] != "-"
    }
    quote_mark = [w in _QUOTE_MARKS for w in lower]  # these marks have no case: lower is the text
    sentence_ends = [bool(x) for x in sent_start[1:]] + [False]
    pairs = [a + "|" + b for a, b in zip(lower[:-1], lower[1:], strict=True)]
    bigram = ["", *("bg=" + x for x in pairs)]  # of token i and the one before
    bigram_next = [*("bg+=" + x for x in pairs), ""]  # of token i and the one after
    window: dict[int, list[list[str]]] = {}
    for d in (-2, 2):
        words, pos_, top_ = _strings(f"{d}w=", lower), _shared(f"{d}p=", pos), _shared(f"{d}r=", top)
        window[d] = [[words[w], pos_[p], top_[r]] for w, p, r in zip(lower, pos, top, strict=True)]
    for d in (-1, 1):
        words, pos_, top_ = _strings(f"{d}w=", lower), _shared(f"{d}p=", pos), _shared(f"{d}r=", top)
        lemmas, dep_ = _strings(f"{d}l=", lemma), _shared(f"{d}d=", dep)
        class_, quote_ = _shared(f"{d}c=", classes), _shared(f"{d}q=", in_quote)
        window[d] = [
            [words[w], pos_[p], top_[r], lemmas[lm], dep_[dp], class_[c], quote_[q]]
            for w, p, r, lm, dp, c, q in zip(lower, pos, top, lemma, dep, classes, in_quote, strict=True)
        ]
    before2, before1, after1, after2 = window[-2], window[-1], window[1], window[2]
    pad2, pad1, pad_1, pad_2 = _PAD[-2], _PAD[-1], _PAD[1], _PAD[2]
    out = []
    for s, e in spans:
        # whether a lexicon cue (and a cue of the rules) lies before / at or after each token
        cue_positions = [i for i in range(s, e) if classes[i] in CUE_CLASSES]
        rule_cues = [i for i in range(s, e) if top[i].endswith("CUE")]
        first_cue, last_cue = (cue_positions[0], cue_positions[-1]) if cue_positions else (e, s - 1)
        first_rule, last_rule = (rule_cues[0], rule_cues[-1]) if rule_cues else (e, s - 1)
        sentence_number = -1
        sequence = []
        for i in range(s, e):
            if sent_start[i] or i == s:
                sentence_number += 1
            f = base[i]
            f.append(_SENTENCE_NUMBER[min(sentence_number, 3)])
            if i in children:
                f.append(children[i])
            if quote_mark[i]:
                f.append("qm")
            if sent_start[i]:
                f.append("ss")
            if i == s:
                f.append("ps")
            if i == e - 1 or sentence_ends[i]:
                f.append("se")
            f.append(_CUE_SIDES[first_cue < i, last_cue >= i])
            f.append(_RULE_CUE_SIDES[first_rule < i, last_rule >= i])
            if i > s:
                f.append(bigram[i])
            if i + 1 < e:
                f.append(bigram_next[i])
            f += before2[i - 2] if i - 2 >= s else pad2
            f += before1[i - 1] if i > s else pad1
            f += after1[i + 1] if i + 1 < e else pad_1
            f += after2[i + 2] if i + 2 < e else pad_2
            sequence.append(f)
        out.append(sequence)
    return out


def gold_labels(
    doc: Doc, spans: Sequence[tuple[int, int]], attributions: Sequence[tuple[Sequence[tuple[int, int]], ...]]
) -> list[list[str]]:
    """BIO labels per paragraph from gold attributions given as (source, cue, content) fragment lists.

    Attributions whose spans sit inside another attribution's content (nested speech) are dropped: the
    tagger labels the outer one. Remaining overlaps keep the first attribution's labels."""

    def inside(fragments: Sequence[tuple[int, int]], outer: Sequence[tuple[int, int]]) -> bool:
        return bool(fragments) and all(any(cs <= s and e <= ce for cs, ce in outer) for s, e in fragments)

    kept = [
        a
        for k, a in enumerate(attributions)
        if not any(j != k and inside(a[1] or a[2], b[2]) for j, b in enumerate(attributions))
    ]
    labels = ["O"] * len(doc)
    char_tokens = CharTokens(doc)
    for a in kept:
        for role, fragments in zip(ROLES, a, strict=True):
            for start, end in fragments:
                tokens = [i for i in char_tokens(start, end) if not doc[i].is_space]
                if any(labels[i] != "O" for i in tokens):
                    continue
                for n, i in enumerate(tokens):
                    labels[i] = ("B-" if n == 0 else "I-") + role
    return [labels[s:e] for s, e in spans]
