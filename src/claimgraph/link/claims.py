"""Claims: statements asserting the same proposition across documents, grouped.

A *statement* is one top-level attribution of a record with the attributions that carry it further:
its cited children ("the WSJ reported, citing several officials": the officials are the source chain) and
the quotations that continue it (``continues``). Nested speech inside the content (a child whose content is
only part of the parent's) is not part of the chain: "the Port Authority has agreed to sell ..." is what
the officials said, not a source of it; but a child that says the whole of the parent's content ("The port
authority said it was monitoring the situation, a spokeswoman said") is what the parent passes on, and
joins the chain (the claim's original source is the port authority's).

Statements are grouped by the overlap of their content: content-word stems and the corpus entities
mentioned in the content, each weighted by its inverse document frequency over the statements (a rare
word like "Starlink" says more than "talks"). Two statements join when their weighted Jaccard similarity
reaches :data:`GROUP_THRESHOLD`, unless a contradiction rule (:mod:`claimgraph.link.disputes`) says they
state opposite things ("agreed to sell" vs "no agreement to sell"). Candidate pairs come from an inverted
index of each statement's rarest features (prefix filtering, which loses no pair that can reach the
threshold) without the very common ones (blocking), so large corpora are not compared all pairs.

An attribution with a negated cue ("did not deny the report", "has not said she will run") is no
statement of its source's: it is left out, as is a refusal ("the judge denied the request"); so is an
assertion of a mere thing ("Apple wants Fanstream", "Others welcomed the idea"), a stance with nothing to
corroborate. Denials (stance ``deny``) are never
grouped with assertions: :mod:`claimgraph.link.disputes` links them to the claims they deny.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimgraph.link.model import Mentions, ref
from claimgraph.link.words import content_terms, has_negation, join_texts

GROUP_THRESHOLD = 0.4  # weighted Jaccard; see tests/link/test_link_claims.py for pairs on either side
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "this", "that", "these", "those",
                          "our", "my", "your"})
BLOCK_MAX_DF = 50  # features in more statements than this (or sqrt(n)) do not make candidate pairs


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution chain of one document, the unit that claims are made of."""

    document: str
    top: Mapping[str, Any]  # the top-level attribution (record dict)
    cited: tuple[Mapping[str, Any], ...] = ()  # the source chain below it, outermost first
    continuations: tuple[Mapping[str, Any], ...] = ()
    text: str = ""
    terms: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()  # corpus entity ids mentioned in the content
    times: tuple[Mapping[str, Any], ...] = ()  # times about the content
    outlet: str | None = None
    published: str | None = None
    negated: bool = False
    speaker: str | None = None  # the corpus entity of the top source, when it has one
    headline: bool = False  # the statement is the document's title (or in it)
    # terms and "@" + entity ids, made once (similarity reads them for every pair compared)
    _features: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_features", self.terms | {"@" + e for e in self.entities})

    @property
    def ref(self) -> str:
        return ref(self.document, self.top["id"])

    @property
    def refs(self) -> tuple[str, ...]:
        return tuple(ref(self.document, a["id"]) for a in (self.top, *self.cited, *self.continuations))

    @property
    def denial(self) -> bool:
        return self.top.get("stance") == "deny"

    @property
    def features(self) -> frozenset[str]:
        return self._features

    @classmethod
    def of(
        cls,
        text: str,
        *,
        entities: Iterable[str] = (),
        times: Iterable[str] = (),
        document: str = "d",
        stance: str = "assert",
        source_entity: str | None = None,
    ) -> Statement:
        """A statement from plain text, for tests and tables: times are normalized values."""
        top = {
            "id": "a1",
            "parent": None,
            "continues": None,
            "source": None,
            "source_entity": source_entity,
            "source_kind": "unknown",
            "stance": stance,
            "content": [{"start": 0, "end": len(text), "text": text}],
        }
        return cls(
            document,
            top,
            text=text,
            terms=frozenset(content_terms(text)),
            entities=frozenset(entities),
            negated=has_negation(text),
            times=tuple({"value": v, "text": v, "about": "content"} for v in times),
            speaker=source_entity,
        )


def _refusal(top: Mapping[str, Any]) -> bool:
    """A denial verb whose stance is ``assert`` without a negated cue: something asked for was refused ("the
    judge denied the request", "denied bail"), a ruling, no claim and no denial of one."""
    return (top.get("cue") or {}).get("lemma") in ("deny", "reject") and top.get("stance") == "assert"


def _no_proposition(top: Mapping[str, Any], text: str) -> bool:
    """Whether an assertion's content is only a thing, no proposition to corroborate or dispute: one word, or
    two after a determiner or a possessive ("Trump's answers"), not quoted, no number ("Apple wants
    Fanstream", "Others welcomed the idea", "congratulated the winner"). A stance toward something stays
    in the analysis record; it is no claim.
    ("Prices rose", "He resigned" are propositions and stay.)"""
    if top.get("stance", "assert") != "assert" or top.get("quote") != "indirect":
        return False
    words = text.split()
    determiner = len(words) == 2 and (
        words[0].lower() in _DETERMINERS or words[0].endswith(("'s", "’s"))  # "Trump's answers"
    )
    return (len(words) == 1 or determiner) and not any(c.isdigit() for c in text)


_OWN_PRONOUNS = {"organization": frozenset({"it"}), "person": frozenset({"he", "she"})}


def _speaker_as_subject(
    top: Mapping[str, Any], text: str, doc_id: str, entity_of: Mapping[str, str]
) -> frozenset[str]:
    """The speaker's corpus entity when reported speech opens with the speaker's pronoun ("Acme said *it*
    would cut jobs", "Acme denied *it* plans any cuts", "Smith said *he* ..."): the statement is about the
    speaker as much as one naming it ("Acme will cut jobs, the Ledger reported")."""
    local = top.get("source_entity")
    pronouns = _OWN_PRONOUNS.get(top.get("source_kind") or "")
    if not local or not pronouns or top.get("quote") == "direct":
        return frozenset()
    words = text.split(maxsplit=2)
    if words and words[0].lower() == "that":
        words = words[1:]
    if not words or words[0].lower() not in pronouns:
        return frozenset()
    entity = entity_of.get(ref(doc_id, local))
    return frozenset({entity}) if entity else frozenset()


def _without_mentions(spoken: Sequence[Mapping[str, Any]], mentions: Sequence[tuple[int, int, str]]) -> str:
    """The content's text with the entity mentions in it blanked: an entity is one feature of its own, so
    "Atlantic Terminals plans ..." and "the company would ..." weigh the same for it, not its name's words
    more."""
    parts = []
    for a in spoken:
        for c in a.get("content") or []:
            text, start = c["text"], c["start"]
            for m_start, m_end, _ in mentions:
                if start <= m_start and m_end <= start + len(text):
                    a_, b_ = m_start - start, m_end - start
                    text = text[:a_] + " " * (b_ - a_) + text[b_:]
            parts.append(text)
    return " ".join(parts)


def _content_text(attribution: Mapping[str, Any]) -> str:
    return join_texts(c["text"] for c in attribution.get("content") or [])


def _spans(attribution: Mapping[str, Any]) -> list[tuple[int, int]]:
    return [(c["start"], c["end"]) for c in attribution.get("content") or []]


def is_cited(child: Mapping[str, Any], parent: Mapping[str, Any]) -> bool:
    """A cited source ("..., citing two officials"), not nested speech inside the parent's content.

    Nested speech has its cue inside the parent's content ("WSJ reported that Putin *asked* Musk to ...");
    a cited source's cue is in the reporting frame, outside it ("..., *citing* two officials").
    """
    cue = child.get("cue")
    if child.get("rule") == "citing" or (cue or {}).get("lemma") == "cite":
        return True
    parent_spans, child_spans = _spans(parent), _spans(child)
    if not parent_spans or not child_spans:
        return False
    if parent_spans == child_spans:
        return True
    if cue is None:
        return False
    if _relays(child, parent):
        return True
    return not any(s <= cue["start"] and cue["end"] <= e for s, e in parent_spans)


_SAYING = frozenset({"say", "tell", "state"})


def _relays(child: Mapping[str, Any], parent: Mapping[str, Any]) -> bool:
    """Whether the parent only passes on the child's statement: the child's source and a saying cue open the
    parent's content and its content runs to the content's end ("The port authority said it was monitoring
    the situation, a spokeswoman said"; "The WSJ reported that Peskov said the talks never took place"):
    what is claimed is the child's, and so is its original source."""
    source, cue = child.get("source"), child.get("cue") or {}
    parent_content, child_content = parent.get("content") or [], child.get("content") or []
    if source is None or cue.get("lemma") not in _SAYING or not parent_content or not child_content:
        return False
    opening = parent_content[0]["text"]
    lead = len(opening) - len(opening.lstrip())
    if opening.lstrip().lower().startswith("that "):
        lead += 5
    return bool(
        source["start"] == parent_content[0]["start"] + lead
        and child_content[-1]["end"] == parent_content[-1]["end"]
    )


def build_statements(record: Mapping[str, Any], entity_of: Mapping[str, str]) -> list[Statement]:
    """The statements of one analysis record, in text order."""
    doc = record.get("document")
    if not doc:
        return []
    doc_id = doc["id"]
    attributions = list(record.get("attributions") or [])
    by_id = {a["id"]: a for a in attributions}
    children: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    continued: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for a in attributions:
        if a.get("continues") and a["continues"] in by_id:
            continued[a["continues"]].append(a)
        elif a.get("parent") and a["parent"] in by_id:
            children[a["parent"]].append(a)
    mentions = Mentions(record, entity_of)
    title = doc.get("title") or ""
    out = []
    for top in attributions:
        if top.get("parent") or top.get("continues") or top.get("negated") or _refusal(top):
            continue  # (a negated cue, "did not deny the report", neither asserts nor denies it)
        cited: list[Mapping[str, Any]] = []
        frontier = [top]
        while frontier:
            parent = frontier.pop(0)
            for child in children.get(parent["id"], []):
                if is_cited(child, parent):
                    cited.append(child)
                    frontier.append(child)
        conts: list[Mapping[str, Any]] = []
        frontier = [top]
        while frontier:
            for c in continued.get(frontier.pop(0)["id"], []):
                conts.append(c)
                frontier.append(c)
        spoken = [top, *conts]
        text = join_texts(_content_text(a) for a in spoken)
        if _no_proposition(top, text):
            continue
        spans = [s for a in spoken for s in _spans(a)]
        inside = mentions.inside(spans)
        entities = frozenset(e for _, _, e in inside) | _speaker_as_subject(top, text, doc_id, entity_of)
        times = tuple(t for a in spoken for t in a.get("times") or [] if t.get("about") == "content")
        out.append(
            Statement(
                doc_id,
                top,
                tuple(cited),
                tuple(conts),
                text,
                frozenset(content_terms(_without_mentions(spoken, inside))),
                entities,
                times,
                doc.get("outlet"),
                doc.get("published"),
                has_negation(text),
                entity_of.get(ref(doc_id, top["source_entity"])) if top.get("source_entity") else None,
                bool(title) and text in title and (len(text.split()) >= 3 or text == title),
            )
        )
    return out


@dataclass(slots=True)
class Weights:
    """Inverse document frequencies of statement features."""

    df: dict[str, int] = field(default_factory=dict)
    n: int = 0
    cache: dict[str, float] = field(default_factory=dict)  # idf by feature, filled as asked

    @classmethod
    def of(cls, statements: Sequence[Statement]) -> Weights:
        df: dict[str, int] = defaultdict(int)
        for s in statements:
            for f in s.features:
                df[f] += 1
        return cls(dict(df), len(statements))

    def idf(self, feature: str) -> float:
        value = self.cache.get(feature)
        if value is None:
            value = self.cache[feature] = math.log((self.n + 1) / (self.df.get(feature, 0) + 1)) + 1.0
        return value


def similarity(
    a: Statement, b: Statement, weights: Weights | None = None, *, features: Sequence[frozenset[str]] = (),
    totals: Sequence[float] = (),
) -> float:
    """Weighted Jaccard of the two statements' features (content stems and entities).

    `features` and `totals` (each statement's features and the sum of their weights, in the order
    `(a, b)`) may be given precomputed: linking compares each statement with many others.
    """
    fa, fb = features if features else (a.features, b.features)
    if not fa or not fb:
        return 0.0
    w = weights or Weights.of([a, b])
    shared = sum(w.idf(f) for f in fa & fb)
    total_a, total_b = totals if totals else (sum(w.idf(f) for f in fa), sum(w.idf(f) for f in fb))
    union = total_a + total_b - shared
    return shared / union if union > 0 else 0.0


def filtering_prefix(features: Iterable[str], weights: Weights, threshold: float) -> list[str]:
    """The rarest of `features` (rarest first, ties by name), the fewest whose rest weighs less than
    `threshold` times the whole: a statement sharing none of them shares too little weight to reach a
    weighted Jaccard of `threshold` with one that has these features."""
    weighted = [(f, weights.idf(f)) for f in sorted(features, key=lambda f: (weights.df.get(f, 0), f))]
    rest = sum(w for _, w in weighted)
    needed = threshold * rest * (1 - 1e-9)  # (margin for rounding)
    prefix = []
    for f, w in weighted:
        if rest < needed:
            break
        prefix.append(f)
        rest -= w
    return prefix


def candidate_pairs(
    statements: Sequence[Statement], weights: Weights, threshold: float = GROUP_THRESHOLD
) -> set[tuple[int, int]]:
    """Pairs that may reach `threshold`: an inverted index of each statement's prefix (its rarest
    features, the fewest whose rest weighs less than `threshold` times the whole), without the features
    too common to block on (:data:`BLOCK_MAX_DF`, or the square root of the count when larger).

    Prefix filtering loses no pair: with one global order of features (rarest first), the first feature
    two statements share is in both prefixes when their weighted Jaccard reaches the threshold (what they
    share weighs at least the threshold times either one's whole, and all of it comes at or after that
    feature). A pair whose first shared feature is too common to block on shares only common features,
    which blocking skipped before prefix filtering too."""
    limit = max(BLOCK_MAX_DF, int(math.sqrt(len(statements))))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        for f in filtering_prefix(s.features, weights, threshold):
            if weights.df.get(f, 0) <= limit:
                postings[f].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pairs.add((i, j))
    return pairs


def group_statements(
    statements: Sequence[Statement],
    *,
    threshold: float = GROUP_THRESHOLD,
    clashes: list[tuple[int, int, str]] | None = None,
) -> list[list[int]]:
    """Indices of statements grouped into claims (assertions only; denials are left alone, each its own).

    Two statements similar enough to merge that contradict each other (one negated, ...) stay apart; the
    pairs and the reasons go to `clashes` when given, for the claims to dispute each other."""
    from claimgraph.link.disputes import dated_apart, find_contradiction

    weights = Weights.of(statements)
    parent = list(range(len(statements)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    features = [s.features for s in statements]
    idf = {f: weights.idf(f) for f in weights.df}  # (every statement's features are in df)
    totals = [sum(idf[f] for f in fs) for fs in features]
    denied = [s.denial for s in statements]
    scored = []
    for i, j in candidate_pairs(statements, weights, threshold):
        if denied[i] or denied[j]:
            continue
        ti, tj = totals[i], totals[j]
        if min(ti, tj) < threshold * max(ti, tj) * (1 - 1e-9):
            continue  # what they share weighs at most the lighter one: the Jaccard cannot reach threshold
        # the weighted Jaccard of similarity(), with the weights at hand
        shared = sum(idf[f] for f in features[i] & features[j])
        union = ti + tj - shared
        score = shared / union if union > 0 else 0.0
        if score < threshold or dated_apart(statements[i], statements[j]):
            continue  # (what happened in March and what happened in April are two claims)
        clash = find_contradiction(statements[i], statements[j], similar=True)
        if clash is None and statements[i].negated == statements[j].negated:
            scored.append((score, i, j))
        elif clash is not None and clashes is not None:
            clashes.append((i, j, clash))
        # (similar words, one of them negated: never one claim, a dispute only when rule 2 says so)
    members: dict[int, set[int]] = {i: {i} for i in range(len(statements))}
    for _, i, j in sorted(scored, reverse=True):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        # No contradiction may end up inside one claim through a chain of merges.
        # (the members of the two are one claim then: as similar as merged statements)
        if any(
            dated_apart(statements[x], statements[y])
            or statements[x].negated != statements[y].negated
            or find_contradiction(statements[x], statements[y], similar=True)
            for x in members[ri]
            for y in members[rj]
        ):
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
