"""Token features for the attribution tagger and gold labels for training.

A sequence is a paragraph (the tokens between line breaks), so a quotation running over several sentences
is one stretch of ``CONTENT``. Each token is described by its word, lemma, part of speech, dependency, head,
named entity, whether it sits in a quotation, how it hangs on the nearest reporting word of the lexicon, and
the role the rules (``extract_attributions``) give it: the tagger learns where PolNeAR's conventions differ
from the rules'. Labels are BIO over ``SOURCE``, ``CUE`` and ``CONTENT``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from claimgraph.attribution.lexicon import Lexicon
from claimgraph.attribution.quotes import find_quotes
from claimgraph.records import Attribution

ROLES: tuple[str, ...] = ("SOURCE", "CUE", "CONTENT")
FEATURE_VERSION = 2
_QUOTE_MARKS = frozenset('“”"«»„')


def paragraphs(doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the paragraphs (line breaks excluded), boilerplate left out."""
    out: list[tuple[int, int]] = []
    start = None
    for token in doc:
        if "\n" in token.text or token.is_space:
            if start is not None:
                out.append((start, token.i))
                start = None
        elif start is None:
            start = token.i
    if start is not None:
        out.append((start, len(doc)))
    if skip:
        out = [
            (s, e)
            for s, e in out
            if not any(a <= doc[s].idx < b or a < doc[e - 1].idx + len(doc[e - 1]) <= b for a, b in skip)
        ]
    return out


def _char_tokens(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def rule_roles(doc: Doc, attributions: Iterable[Attribution]) -> tuple[list[str], list[str], list[str]]:
    """Per token: BIO role of the rules' top-level attributions, of the nested ones, and the rule's name."""
    n = len(doc)
    top, nested, rule = ["O"] * n, ["O"] * n, ["-"] * n
    for a in attributions:
        target = top if a.parent is None else nested
        parts = [("SOURCE", a.source.start, a.source.end)] if a.source else []
        parts += [("CUE", a.cue.start, a.cue.end)] if a.cue else []
        parts += [("CONTENT", c.start, c.end) for c in a.content]
        for role, start, end in parts:
            first = True
            for i in _char_tokens(doc, start, end):
                if target[i] == "O":
                    target[i] = ("B-" if first else "I-") + role
                    if a.parent is None:
                        rule[i] = a.rule or "-"
                first = False
    return top, nested, rule


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


def _cue_path(token: Token, classes: list[str]) -> str:
    """How `token` hangs on its nearest ancestor that is a lexicon cue: that cue's class, the dependency of
    the step just below it and the side the token is on; "-" when there is none within 5 steps."""
    child, head = token, token.head
    for _ in range(5):
        if head is child:
            return "-"
        if classes[head.i] != "-":
            return f"{classes[head.i]}:{child.dep_}:{'L' if token.i < head.i else 'R'}"
        child, head = head, head.head
    return "-"


def doc_features(
    doc: Doc, spans: Sequence[tuple[int, int]], lex: Lexicon, rules: Sequence[Attribution]
) -> list[list[list[str]]]:
    """The feature strings of each token of each paragraph in `spans`."""
    text = doc.text
    quotes = find_quotes(text)
    starts = [q.start for q in quotes]
    top, nested, rule = rule_roles(doc, rules)
    n = len(doc)
    lower = [t.lower_ for t in doc]
    lemma = [t.lemma_.lower() for t in doc]
    pos = [t.pos_ for t in doc]
    dep = [t.dep_ for t in doc]
    classes = [
        _lex_class(lm, lex) if p in ("VERB", "NOUN", "AUX", "ADV", "ADJ") else "-"
        for lm, p in zip(lemma, pos, strict=True)
    ]
    in_quote = []
    for t in doc:
        k = bisect.bisect_right(starts, t.idx) - 1
        in_quote.append("1" if k >= 0 and quotes[k].start < t.idx < quotes[k].end - 1 else "0")
    sent_start = [t.is_sent_start for t in doc]
    out = []
    for s, e in spans:
        # cues of the lexicon in each sentence, to say on which side of one a token lies
        cue_positions = [i for i in range(s, e) if classes[i] in ("rv", "ev", "nc")]
        rule_cues = [i for i in range(s, e) if top[i].endswith("CUE")]
        sentence_number = -1
        sequence = []
        for i in range(s, e):
            t = doc[i]
            head = t.head
            if sent_start[i] or i == s:
                sentence_number += 1
            w = lower[i] if len(lower[i]) < 20 else t.shape_
            f = [
                "b",
                "w=" + w,
                "l=" + lemma[i],
                "p=" + pos[i],
                "t=" + t.tag_,
                "d=" + dep[i],
                "hl=" + lemma[head.i],
                "hp=" + pos[head.i],
                "dh=" + dep[i] + "|" + pos[head.i],
                "e=" + t.ent_iob_ + t.ent_type_,
                "q=" + in_quote[i],
                "c=" + classes[i],
                "hc=" + classes[head.i],
                "cp=" + _cue_path(t, classes),
                "r=" + top[i],
                "rn=" + nested[i],
                "ru=" + rule[i],
                "rd=" + top[i] + "|" + dep[i],
                "rq=" + top[i] + "|" + in_quote[i],
                "hd=" + lemma[head.i] + "|" + dep[i],
                "gc=" + classes[head.head.i],
                "sn=" + str(min(sentence_number, 3)),
            ]
            if classes[i] != "-":
                f.append("k=" + "|".join(sorted({c.dep_ for c in t.children})))
            if t.text in _QUOTE_MARKS:
                f.append("qm")
            if sent_start[i]:
                f.append("ss")
            if i == s:
                f.append("ps")
            if i == e - 1 or (i + 1 < n and sent_start[i + 1]):
                f.append("se")
            k = bisect.bisect_left(cue_positions, i)
            f.append("cl=" + ("1" if k > 0 else "0") + ("1" if k < len(cue_positions) else "0"))
            k = bisect.bisect_left(rule_cues, i)
            f.append("rc=" + ("1" if k > 0 else "0") + ("1" if k < len(rule_cues) else "0"))
            if i > s:
                f.append("bg=" + lower[i - 1] + "|" + lower[i])
            if i + 1 < e:
                f.append("bg+=" + lower[i] + "|" + lower[i + 1])
            for d in (-2, -1, 1, 2):
                j = i + d
                if s <= j < e:
                    f += [f"{d}w=" + lower[j], f"{d}p=" + pos[j], f"{d}r=" + top[j]]
                    if d in (-1, 1):
                        f += [
                            f"{d}l=" + lemma[j],
                            f"{d}d=" + dep[j],
                            f"{d}c=" + classes[j],
                            f"{d}q=" + in_quote[j],
                        ]
                else:
                    f.append(f"{d}pad")
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
    for a in kept:
        for role, fragments in zip(ROLES, a, strict=True):
            for start, end in fragments:
                tokens = [i for i in _char_tokens(doc, start, end) if not doc[i].is_space]
                if any(labels[i] != "O" for i in tokens):
                    continue
                for n, i in enumerate(tokens):
                    labels[i] = ("B-" if n == 0 else "I-") + role
    return [labels[s:e] for s, e in spans]
