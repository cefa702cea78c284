"""Using a trained attribution tagger: tag paragraphs, then assemble the spans into attribution records.

Tagging: the joint tagger labels each paragraph's tokens BIO over source, cue and content; when the model
has a cue tagger (trained on cue labels alone), its cues are added where the joint tagger tagged nothing
(:func:`merge_cues`).

The records are the rules' ``Attribution`` (``claimgraph.records``), so coreference, stance, hedges and times
work on them unchanged. Assembly, per paragraph:

- each ``CONTENT`` span goes to the nearest ``CUE`` span of its sentence, else of its paragraph; contents of
  one cue make one attribution (a discontinuous content: "“A,” he said, “B.”"), except whole quotations
  after the cue's sentence, which stand alone and continue the speaker (below), as the rules give them;
- a content with no cue in its paragraph takes the cue and source of a rule attribution whose content
  overlaps it, else it stands alone (no cue, source from its sentence when the tagger found one) if it has
  a source or is a quotation; a content no one says is the writer's own text and is dropped;
- a tagged cue inside a no-comment the rules found ("declined to comment on the report") is dropped: saying
  nothing is no claim;
- each cue's source is the ``SOURCE`` span holding its subject, else the nearest of its sentence; with
  neither, the source the rules found for the same cue, else the nearest ``SOURCE`` of its paragraph; an
  adverb cue ("reportedly") with no subject has none;
- a cue with no content takes one it syntactically governs from a cue of its sentence that has several
  ("is telling a group that A and says B": the nearest cue of A is "says");
- a cue still without a content gets the clause or phrase it governs when the cue tagger is sure of it
  (``ORPHAN_THRESHOLD``); other cues with no content are dropped (an attribution says something);
- a whole quotation standing alone (no cue, no source) within 400 characters after an attribution, with
  nothing between, continues its speaker (``continues``), as the rules' continuations do;
- the rules' nested and cited attributions are kept under the tagged attribution that holds or cites them;
- a rule attribution the tagger has no trace of (no cue shared, no content in common) is kept as it is.

Source kind, entity and anonymity come from the same functions the rules use; stance and hedges too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc

from claimgraph.attribution import DocumentAnalysis, extract_attributions
from claimgraph.attribution.lexicon import Lexicon, load_lexicon
from claimgraph.attribution.quotes import Quote, find_quotes
from claimgraph.attribution.sources import classify_source, describe_anonymous, find_source_span
from claimgraph.attribution.stance import attribution_hedges, find_stance, is_negated, saying_words
from claimgraph.errors import ConfigError
from claimgraph.records import Attribution, Cue, Entity, Span
from claimgraph.train.columns import FeatureIndex, Featurizer
from claimgraph.train.crf import CRFFormatError, CRFWeights, marginals, viterbi
from claimgraph.train.features import FEATURE_VERSION, paragraphs

MODEL_FILE = "attribution.crfsuite"
CUE_MODEL_FILE = "cue.crfsuite"  # optional: a tagger of cues alone (see merge_cues)
META_FILE = "meta.json"
#: Marginal probability from which the cue tagger adds a cue (:func:`merge_cues`). Chosen on PolNeAR dev end
#: to end (``benchmarks/attribution.py``: token cue F1 66.0 from 0.1 to 0.2, 65.6 at 0.5): the
#: paragraph-level scores the trainer has would pick a higher one, since they count added cues that assembly
#: then drops for want of a content (docs/benchmarks.md).
CUE_THRESHOLD = 0.2
#: Cue-tagger probability from which a cue left without a content gets its syntactic complement as one
#: (:func:`assemble`). Chosen on PolNeAR dev end to end: token cue F1 66.1 without, 66.8 / 66.7 / 66.5 at
#: 0.8 / 0.9 / 0.95, attribution F1 with source 64.7 without, 64.1 / 64.4 / 64.5 (lower thresholds add
#: more cues but more attributions that are none): 0.9 (docs/benchmarks.md).
ORPHAN_THRESHOLD = 0.9
_WORDS = re.compile(r"[\w’']+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    role: str
    start: int  # token indices, end exclusive
    end: int
    probability: float = 0.0  # of a cue: the cue tagger's highest marginal over its tokens (0: no cue tagger)


def spans_of(labels: list[str], offset: int) -> list[TaggedSpan]:
    """BIO labels of one paragraph -> spans (an I- with no B- before it starts a span)."""
    out: list[TaggedSpan] = []
    role, start = None, 0
    for k, label in enumerate([*labels, "O"]):
        tag, _, kind = label.partition("-")
        if role is not None and (tag != "I" or kind != role):
            out.append(TaggedSpan(role, offset + start, offset + k))
            role = None
        if tag in ("B", "I") and role is None:
            role, start = kind, k
    return out


def merge_cues(labels: list[str], cue_probability: list[float], threshold: float) -> list[str]:
    """The joint tagger's labels with the cue tagger's extra cues: a token the joint tagger left outside
    every span (``O``) becomes a cue when the cue tagger's marginal probability of it being one (``B-CUE``
    or ``I-CUE``) is at least `threshold`, joining a cue right before it. The joint tagger's own cues,
    sources and contents stay as they are.

    A tagger trained on cues alone finds cues the joint one misses (there, cue labels compete with source
    and content in one sequence), and its marginals let the threshold trade precision for recall. Taking
    its cues over the joint tagger's sources and contents, or dropping the joint tagger's cues it does not
    confirm, scored lower on PolNeAR dev (docs/benchmarks.md)."""
    out: list[str] = []
    for label, p in zip(labels, cue_probability, strict=True):
        if label == "O" and p >= threshold:
            label = "I-CUE" if out and out[-1].endswith("-CUE") else "B-CUE"
        out.append(label)
    return out


def tagged_spans(
    labels: Sequence[str],
    codes: np.ndarray,
    cue_probability: np.ndarray | None,
    lengths: np.ndarray,
    offsets: np.ndarray,
    threshold: float,
) -> list[tuple[int, TaggedSpan]]:
    """:func:`spans_of` (:func:`merge_cues` first, given the cue tagger's marginals) for many paragraphs at
    once: `codes` are the label ids (indices in `labels`) of all their tokens one paragraph after the
    other, `lengths` their lengths and `offsets` the index of each one's first token in its document.
    Returns (paragraph, span) pairs in order; a cue's probability is its tokens' highest marginal."""
    n = len(codes)
    if not n:
        return []
    roles = ("", *dict.fromkeys(label.partition("-")[2] for label in labels if label != "O"))
    tag_of = np.array([" BI".index(label[0]) if label != "O" else 0 for label in labels])  # O 0, B 1, I 2
    role_of = np.array([roles.index(label.partition("-")[2]) for label in labels])
    tag, role = tag_of[codes], role_of[codes]
    paragraph = np.repeat(np.arange(len(lengths)), lengths)
    first = np.zeros(n, dtype=bool)
    first[np.concatenate([[0], np.cumsum(lengths)[:-1]])] = True
    if cue_probability is not None and "CUE" in roles:
        cue = roles.index("CUE")
        added = (tag == 0) & (cue_probability >= threshold)  # the cue tagger's extra cues
        after_cue = np.concatenate([[False], ((role == cue) | added)[:-1]]) & ~first
        tag = np.where(added, np.where(after_cue, 2, 1), tag)
        role = np.where(added, cue, role)
    previous_role = np.concatenate([[0], role[:-1]])
    going_on = (tag == 2) & (role == previous_role) & ~first  # an I- continuing the span before it
    starts = np.flatnonzero((role > 0) & ~going_on)
    ends = np.flatnonzero((role > 0) & ~np.concatenate([going_on[1:], [False]])) + 1
    best = None
    if cue_probability is not None:
        bounds = np.stack([starts, ends], axis=1).ravel()
        best = np.maximum.reduceat(np.append(cue_probability, 0.0), bounds)[::2].tolist()
    out = []
    position = offsets[paragraph] + (np.arange(n) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    for k, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        name = roles[role[start]]
        probability = best[k] if best is not None and name == "CUE" else 0.0
        first_token = int(position[start])
        span = TaggedSpan(name, first_token, first_token + end - start, probability)
        out.append((int(paragraph[start]), span))
    return out


def read_meta(directory: Path) -> dict[str, Any]:
    """A trained tagger's ``meta.json``."""
    meta_path = directory / META_FILE
    if not meta_path.is_file():
        raise ConfigError(
            f"{directory}: not a trained attribution model (no {META_FILE}; train one with "
            "`claimgraph train`)"
        )
    try:
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"{meta_path}: cannot read the model's description ({error})") from None
    return meta


class TaggerAssembly:
    """What every trained tagger shares: its directory and ``meta.json``, the rules run first, and the
    assembly of its tagged spans into records (:func:`assemble`). A subclass tags (``_tag_many``)."""

    def __init__(self, directory: str | Path, meta: dict[str, Any] | None = None) -> None:
        self.directory = Path(directory).expanduser()
        self.meta: dict[str, Any] = read_meta(self.directory) if meta is None else meta
        self.lexicon = load_lexicon()

    @property
    def vector_width(self) -> int:
        """The width of the token vectors (``doc.tensor``) the tagger was trained with; 0: none."""
        return 0

    def _tag_many(
        self, items: list[tuple[Doc, DocumentAnalysis, list[tuple[int, int]], list[Quote]]]
    ) -> list[list[TaggedSpan]]:
        raise NotImplementedError

    def extract(self, doc: Doc, *, boilerplate: list[tuple[int, int]] | None = None) -> DocumentAnalysis:
        """Like :func:`claimgraph.attribution.extract_attributions`, with the tagger's attributions."""
        return self.extract_many([(doc, boilerplate or [])])[0]

    def extract_many(self, items: Sequence[tuple[Doc, list[tuple[int, int]]]]) -> list[DocumentAnalysis]:
        """:meth:`extract` for several (document, boilerplate) pairs at once (tagged side by side)."""
        prepared = []
        texts = []
        for doc, boilerplate in items:
            skip = sorted(boilerplate)
            texts.append(doc.text)  # (spaCy joins the tokens each time it is asked)
            quotes = find_quotes(texts[-1])
            rules = extract_attributions(
                doc, boilerplate=skip, lexicon=self.lexicon, quotes=quotes, text=texts[-1]
            )
            prepared.append((doc, rules, skip, quotes))
        out = []
        tagged_docs = self._tag_many(prepared)
        for (doc, rules, _, quotes), tagged, text in zip(prepared, tagged_docs, texts, strict=True):
            attributions = assemble(doc, tagged, rules, self.lexicon, text=text, quotes=quotes)
            out.append(DocumentAnalysis(rules.entities, attributions, rules.no_comment))
        return out


class AttributionModel(TaggerAssembly):
    """The CRF tagger loaded from its directory (``attribution.crfsuite`` and ``meta.json``)."""

    def __init__(self, directory: str | Path, meta: dict[str, Any] | None = None) -> None:
        super().__init__(directory, meta)
        if not (self.directory / MODEL_FILE).is_file():
            raise ConfigError(
                f"{self.directory}: not a trained attribution model (expected {MODEL_FILE} and "
                f"{META_FILE}; train one with `claimgraph train`)"
            )
        if self.meta.get("feature_version") != FEATURE_VERSION:
            raise ConfigError(
                f"{self.directory}: trained with features version "
                f"{self.meta.get('feature_version')}, this claimgraph has {FEATURE_VERSION}: "
                "train it again"
            )
        # Tagging runs on the models' weights in NumPy (claimgraph.train.crf): python-crfsuite is needed to
        # train, not to tag.
        joint = self._read(MODEL_FILE)
        cue = None
        self.cue_threshold = CUE_THRESHOLD
        cue_meta = self.meta.get("cue_model")
        if cue_meta:  # (models trained before the cue tagger have none)
            if not (self.directory / CUE_MODEL_FILE).is_file():
                raise ConfigError(
                    f"{self.directory}: {META_FILE} lists a cue tagger but {CUE_MODEL_FILE} is missing; "
                    "copy the whole directory, or train again"
                )
            cue = self._read(CUE_MODEL_FILE)
            self.cue_threshold = float(cue_meta.get("threshold", CUE_THRESHOLD))
        self.labels = joint.labels
        self._transition = joint.transition
        self._cue = cue
        # one weight array for both taggers: a feature's row holds its joint-tagger weights, then its
        # cue-tagger weights; the last row is zeros (a feature neither knows)
        names = sorted(set(joint.attributes).union(cue.attributes if cue else ()))
        index = FeatureIndex(names)
        rows = index.rows
        n_joint = len(joint.labels)
        self._weights = np.zeros((len(names) + 1, n_joint + (len(cue.labels) if cue else 0)))
        self._weights[[rows[a] for a in joint.attributes], :n_joint] = joint.state
        if cue is not None:
            self._weights[[rows[a] for a in cue.attributes], n_joint:] = cue.state
            self._cue_labels = [cue.labels.index(label) for label in ("B-CUE", "I-CUE")]
        self._featurizer = Featurizer(
            index, self._weights, self.lexicon, vectors=int(self.meta.get("token_vectors", 0))
        )

    @property
    def vector_width(self) -> int:
        """The width of the token vectors (``doc.tensor``) the tagger was trained with; 0: none."""
        return self._featurizer.vector_width

    def _read(self, name: str) -> CRFWeights:
        try:
            return CRFWeights.read(self.directory / name)
        except (OSError, CRFFormatError) as error:
            raise ConfigError(f"{self.directory / name}: cannot read the tagger ({error})") from None

    def tag(
        self,
        doc: Doc,
        rules: DocumentAnalysis,
        skip: list[tuple[int, int]],
        *,
        quotes: list[Quote] | None = None,
    ) -> list[TaggedSpan]:
        """The tagged spans of the paragraphs of `doc` outside `skip`: the joint tagger's best labels, with
        the cue tagger's cues added (:func:`merge_cues`) and each cue's probability under it."""
        if quotes is None:
            quotes = find_quotes(doc.text)
        return self._tag_many([(doc, rules, skip, quotes)])[0]

    def _tag_many(
        self, items: list[tuple[Doc, DocumentAnalysis, list[tuple[int, int]], list[Quote]]]
    ) -> list[list[TaggedSpan]]:
        """:meth:`tag` for several documents, their paragraphs decoded side by side (the decoders' cost is
        per step of the longest paragraph, whatever the number of paragraphs)."""
        spans: list[tuple[int, int]] = []  # every document's paragraphs, in order
        owner: list[int] = []  # the document of each
        scores: list[np.ndarray] = []
        for k, (doc, rules, skip, quotes) in enumerate(items):
            doc_spans = paragraphs(doc, skip)
            _, doc_scores = self._featurizer.scores(doc, doc_spans, rules.attributions, quotes)
            spans += doc_spans
            owner += [k] * len(doc_spans)
            scores.append(doc_scores)
        out: list[list[TaggedSpan]] = [[] for _ in items]
        if not spans:
            return out
        # the paragraphs side by side, padded to the longest
        flat = np.concatenate(scores)
        lengths = np.array([e - s for s, e in spans])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        at = np.minimum(starts[:, None] + np.arange(lengths.max())[None, :], len(flat) - 1)
        padded = flat.take(at, axis=0)
        n_joint = len(self.labels)
        best = viterbi(padded[:, :, :n_joint], lengths, self._transition)
        if self._cue is not None:
            marginal = marginals(padded[:, :, n_joint:], lengths, self._cue.transition)
            cue_probability = marginal[:, :, self._cue_labels].sum(axis=2)
        live = np.arange(best.shape[1])[None, :] < lengths[:, None]
        probability = cue_probability[live] if self._cue is not None else None
        offsets = np.array([start for start, _ in spans])
        threshold = self.cue_threshold
        for p, span in tagged_spans(self.labels, best[live], probability, lengths, offsets, threshold):
            out[owner[p]].append(span)
        return out

def load_tagger(directory: str | Path) -> TaggerAssembly:
    """The trained tagger in `directory`, of the kind its ``meta.json`` names in ``tagger`` (the CRF when it
    names none)."""
    path = Path(directory).expanduser()
    meta = read_meta(path)
    kind = meta.get("tagger", "crf")
    if kind == "transformer":
        from claimgraph.train.transformer import TransformerTagger

        return TransformerTagger(path, meta)
    if kind != "crf":
        raise ConfigError(f"{path}: a tagger of unknown kind {kind!r} (claimgraph knows crf and transformer)")
    return AttributionModel(path, meta)


# -- assembly -------------------------------------------------------------------------------------------


@dataclass
class _Group:
    cue: TaggedSpan | None
    source: TaggedSpan | None
    contents: list[TaggedSpan]
    rule_cue: Cue | None = None
    rule_source: Span | None = None
    rule_match: Attribution | None = None


def _char_range(doc: Doc, span: TaggedSpan) -> tuple[int, int]:
    last = doc[span.end - 1]
    return doc[span.start].idx, last.idx + len(last.text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


class _Coverage:
    """Which characters of a text some spans cover, to ask whether a range touches any of them."""

    def __init__(self, spans: list[tuple[int, int]], size: int) -> None:
        edges = np.zeros(size + 2, dtype=np.int64)
        for start, end in spans:
            edges[start] += 1
            edges[end] -= 1
        covered = np.cumsum(edges) > 0
        self._before = np.concatenate([[0], np.cumsum(covered)]).tolist()  # covered characters before i

    def touches(self, start: int, end: int) -> bool:
        return bool(self._before[end] > self._before[start])


def _whole_quotation(chars: tuple[int, int], quotes: list[Quote]) -> bool:
    """Whether the characters are one quotation, marks included or not."""
    return any(q.start <= chars[0] + 1 and chars[1] - 1 <= q.end for q in quotes)


def _nearest(target: TaggedSpan, candidates: list[TaggedSpan]) -> TaggedSpan | None:
    def distance(c: TaggedSpan) -> int:
        return max(0, c.start - target.end, target.start - c.end)

    return min(candidates, key=distance, default=None)


def _governs(doc: Doc, cue: TaggedSpan, target: TaggedSpan, steps: int = 3) -> bool:
    """Whether the cue holds a syntactic ancestor of the target's root, within `steps` steps."""
    token = doc[target.start : target.end].root
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if cue.start <= token.i < cue.end:
            return True
    return False


_COMPLEMENTS = ("ccomp", "xcomp", "dobj", "prep", "attr", "oprd", "acl")


def _complement(doc: Doc, cue: TaggedSpan, taken: set[int]) -> TaggedSpan | None:
    """A content for a cue the tagger left without one: the clause or phrase its head word governs after
    it (a clausal complement first, then an object, a prepositional phrase...), else the rest of its
    sentence; None when that is empty or already part of another tagged span."""
    tokens = doc[cue.start : cue.end]
    head = next((t for t in tokens if t.pos_ in ("VERB", "AUX")), tokens.root)
    children = [c for c in head.children if c.dep_ in _COMPLEMENTS and c.i >= cue.end]
    children.sort(key=lambda c: _COMPLEMENTS.index(c.dep_))
    # (start, end, fewest tokens): each complement (of a preposition, its object), then the sentence's rest
    candidates = [
        (c.i + 1 if c.dep_ == "prep" else c.left_edge.i, c.right_edge.i + 1, 1) for c in children
    ] + [(cue.end, doc[cue.start].sent.end, 2)]
    for start, end, least in candidates:
        start = max(start, cue.end)
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if end - start >= least and not taken.intersection(range(start, end)):
            return TaggedSpan("CONTENT", start, end)
    return None


_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def _subject_of(doc: Doc, cue: TaggedSpan, candidates: list[TaggedSpan]) -> TaggedSpan | None:
    """The candidate holding the grammatical subject (or passive agent) of the cue's verb, if any."""
    cue_tokens = doc[cue.start : cue.end]
    verbs = [t for t in cue_tokens if t.pos_ in ("VERB", "AUX")] or [cue_tokens.root]
    subjects = set()
    for verb in verbs:
        for v in (verb, verb.head) if verb.dep_ in ("xcomp", "conj", "advcl", "acl") else (verb,):
            for child in v.children:
                if child.dep_ in _SUBJECTS:
                    subjects.add(child.i)
                elif child.dep_ == "agent":
                    subjects.update(c.i for c in child.children if c.dep_ == "pobj")
    if cue_tokens.root.pos_ == "NOUN":  # "X's claim", "the claim by X"
        subjects.update(c.i for c in cue_tokens.root.children if c.dep_ == "poss")
    for candidate in candidates:
        if any(candidate.start <= i < candidate.end for i in subjects):
            return candidate
    return None


def assemble(
    doc: Doc,
    tagged: list[TaggedSpan],
    rules: DocumentAnalysis,
    lex: Lexicon,
    *,
    text: str | None = None,
    quotes: list[Quote] | None = None,
) -> tuple[Attribution, ...]:
    """Attribution records from tagged spans (see the module's docstring). `text` and `quotes`: the
    document's text and its quotations, when already at hand."""
    # sentence and paragraph number of each token (a sentence starts at each sentence start after the
    # first token, as in doc.sents; a paragraph after each token holding a line break)
    array = doc.to_array([SENT_START, IS_SPACE])
    starts = array[:, 0] == 1
    starts[:1] = False
    sentence: list[int] = np.cumsum(starts).tolist()
    # (a line break is a token of its own: a whitespace token)
    breaks = np.zeros(len(doc) + 1, dtype=np.intp)
    breaks[[i + 1 for i in np.flatnonzero(array[:, 1]).tolist() if "\n" in doc[i].text]] = 1
    paragraph: list[int] = np.cumsum(breaks[:-1]).tolist()

    cues = [s for s in tagged if s.role == "CUE"]
    sources = [s for s in tagged if s.role == "SOURCE"]
    groups: dict[int, _Group] = {}  # by id of the cue span
    loose: list[_Group] = []
    for content in (s for s in tagged if s.role == "CONTENT"):
        sents = {sentence[i] for i in range(content.start, content.end)}
        same_sentence = [c for c in cues if sentence[c.start] in sents]
        same_paragraph = [c for c in cues if paragraph[c.start] == paragraph[content.start]]
        cue = _nearest(content, same_sentence) or _nearest(content, same_paragraph)
        if cue is not None:
            groups.setdefault(id(cue), _Group(cue, None, [])).contents.append(content)
        else:
            loose.append(_Group(None, None, [content]))
    # a cue left without a content takes one it governs from a cue that has several ("is telling a group
    # that A and says B": the nearest cue of A is "says")
    for cue in cues:
        if id(cue) in groups:
            continue
        for group in list(groups.values()):
            assert group.cue is not None
            if len(group.contents) < 2 or sentence[group.cue.start] != sentence[cue.start]:
                continue
            moved = next((c for c in group.contents if _governs(doc, cue, c)), None)
            if moved is not None:
                group.contents.remove(moved)
                groups[id(cue)] = _Group(cue, None, [moved])
                break
    if text is None:
        text = doc.text
    if quotes is None:
        quotes = find_quotes(text)
    # whole quotations after the cue's sentence stand alone, to continue the speaker as the rules have them
    # ("“...,” Peskov told reporters. “They talked about ...”": see _with_rule_children)
    continuing: list[_Group] = []
    for group in groups.values():
        assert group.cue is not None
        if len(group.contents) < 2:
            continue
        first = min(group.contents, key=lambda c: c.start)
        after = doc[group.cue.start].sent.end
        for content in [c for c in group.contents if c is not first and c.start >= after]:
            if _whole_quotation(_char_range(doc, content), quotes):
                group.contents.remove(content)
                continuing.append(_Group(None, None, [content]))
    # a cue the cue tagger is sure of, left without a content: its syntactic complement
    taken = {i for s in tagged for i in range(s.start, s.end)}
    for cue in cues:
        if id(cue) in groups or cue.probability < ORPHAN_THRESHOLD:
            continue
        complement = _complement(doc, cue, taken)
        if complement is not None:
            groups[id(cue)] = _Group(cue, None, [complement])
            taken.update(range(complement.start, complement.end))
    rule_top = [a for a in rules.attributions if a.parent is None]
    rule_sources = [(a.cue.start, a.cue.end, a) for a in rule_top if a.cue and a.source]
    for group in groups.values():
        assert group.cue is not None
        cue = group.cue
        same_sentence = [s for s in sources if sentence[s.start] == sentence[cue.start]]
        subject = _subject_of(doc, cue, same_sentence)
        if subject is None and all(t.pos_ == "ADV" for t in doc[cue.start : cue.end]):
            continue  # "reportedly", "allegedly": no one in the sentence says it
        group.source = subject or _nearest(cue, same_sentence)
        if group.source is not None:
            continue
        # no tagged source in the cue's sentence: the source the rules found for the same cue ("One current
        # and one former intelligence source were cited as saying ..."), else the paragraph's nearest
        chars = _char_range(doc, cue)
        rule = next((a for s, e, a in rule_sources if _overlap(chars, (s, e)) > 0), None)
        if rule is not None:
            group.rule_source, group.rule_match = rule.source, rule
        else:
            group.source = _nearest(cue, [s for s in sources if paragraph[s.start] == paragraph[cue.start]])
    used_sources = {id(g.source) for g in groups.values()}
    used_rule_cues: set[tuple[int, int]] = set()
    rule_contents = [[(c.start, c.end) for c in a.content] for a in rule_top]
    for group in loose:
        content = group.contents[0]
        chars = _char_range(doc, content)
        sents = {sentence[i] for i in range(content.start, content.end)}
        # the rule attribution whose content overlaps this one most (the first of the best)
        overlaps = [
            sum(max(0, min(chars[1], e) - max(chars[0], s)) for s, e in ranges) for ranges in rule_contents
        ]
        match = rule_top[max(range(len(rule_top)), key=overlaps.__getitem__)] if rule_top else None
        if (
            match is not None
            and match.cue is not None
            and (match.cue.start, match.cue.end) not in used_rule_cues
            and any(_overlap(chars, (c.start, c.end)) for c in match.content)
        ):
            used_rule_cues.add((match.cue.start, match.cue.end))
            group.rule_cue, group.rule_source, group.rule_match = match.cue, match.source, match
        else:
            group.source = _nearest(
                content, [s for s in sources if sentence[s.start] in sents and id(s) not in used_sources]
            )
    # a content no one says (no cue, no source, no rule's) is kept only as a quotation, which may continue a
    # speaker; otherwise it is a stretch of the writer's own text ("The company", a headline)
    loose = [
        g
        for g in loose
        if g.rule_cue is not None
        or g.source is not None
        or _whole_quotation(_char_range(doc, g.contents[0]), quotes)
    ]
    return _records(doc, [*groups.values(), *loose, *continuing], rules, lex, text, quotes)


def _records(
    doc: Doc,
    groups: list[_Group],
    rules: DocumentAnalysis,
    lex: Lexicon,
    text: str,
    found_quotes: list[Quote],
) -> tuple[Attribution, ...]:
    quotes = [(q.start, q.end) for q in found_quotes]
    mention_entity: list[tuple[int, int, Entity]] = sorted(
        ((m.start, m.end, e) for e in rules.entities for m in e.mentions), key=lambda x: x[0]
    )
    # how the rules resolved each source mention (a pronoun's person, "they" after "two officials", "the
    # report" after "Reuters reported"...): the same mention tagged is resolved the same way
    rule_sources = {(a.source.start, a.source.end): a for a in reversed(rules.attributions) if a.source}
    tagged: list[Attribution] = []
    for group in groups:
        content = tuple(
            Span.of(text, *_char_range(doc, c)) for c in sorted(group.contents, key=lambda c: c.start)
        )
        cue = group.rule_cue
        if group.cue is not None:
            cs, ce = _char_range(doc, group.cue)
            tokens = doc[group.cue.start : group.cue.end]
            head = next((t for t in tokens if t.pos_ in ("VERB", "AUX")), tokens.root)
            cue = Cue(cs, ce, text[cs:ce], head.lemma_.lower())
        source, phrase, entity, anonymous, kind = group.rule_source, None, None, None, "unknown"
        if group.rule_match is not None:
            entity, anonymous, kind = (
                group.rule_match.source_entity,
                group.rule_match.anonymous,
                group.rule_match.source_kind,
            )
            if source is not None:
                phrase = group.rule_match.source_phrase
        elif group.source is not None:
            s, e = group.source.start, group.source.end
            # the tagger marks the whole phrase, as PolNeAR does; the mention is its head's noun phrase
            phrase = Span.of(text, *_char_range(doc, group.source))
            head_token = doc[s:e].root
            core = find_source_span(head_token)
            core = (max(core[0], s), min(core[1], e))
            source = Span.of(text, doc[core[0]].idx, doc[core[1] - 1].idx + len(doc[core[1] - 1].text))
            same = rule_sources.get((source.start, source.end))
            if same is not None:
                entity, anonymous, kind = same.source_entity, same.anonymous, same.source_kind
            else:
                found = [x for x in mention_entity if source.start <= x[0] and x[1] <= source.end]
                at_head = [x for x in found if x[0] <= head_token.idx < x[1]]
                entity_record = at_head[0] if at_head else found[-1] if found else None
                entity = entity_record[2].id if entity_record else None
                anonymous = describe_anonymous(doc, *core, head_token, lex)
                if anonymous is not None:
                    entity = None
                kind = classify_source(
                    head_token, entity_record[2].type if entity_record else None, lex, anonymous
                )
        else:
            kind = "implicit"
        cue_tokens = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
        negated = cue is not None and is_negated(
            saying_words(cue_tokens) if cue_tokens is not None else _WORDS.findall(cue.text),
            _WORDS.findall(source.text) if source is not None else (),
        )
        content_text = " ".join(c.text for c in content)
        hedges = attribution_hedges(content_text, cue_tokens if cue_tokens is not None else (), lex)
        quote = "indirect"
        for c in content:
            if _whole_quotation((c.start, c.end), found_quotes):
                quote = "direct"
                break
            if any(_overlap((c.start, c.end), q) > 0 for q in quotes):
                quote = "mixed"
        tagged.append(
            Attribution(
                id=f"m{len(tagged)}",  # until ids are given (children and continuations name it)
                source=source,
                source_phrase=phrase,
                cue=cue,
                content=content,
                source_kind=kind,
                source_entity=entity,
                anonymous=anonymous,
                quote=quote,
                stance=find_stance(
                    cue.lemma if cue else None, content_text, lex, negated=negated, cue_tokens=cue_tokens
                ),
                negated=negated,
                hedges=tuple(hedges),
                confidence=0.7 if group.rule_match is None else group.rule_match.confidence,
                rule="model",
            )
        )
    return _with_rule_children(tagged, rules, text)


def _with_rule_children(
    tagged: list[Attribution], rules: DocumentAnalysis, text: str
) -> tuple[Attribution, ...]:
    """Keep the rules' nested and cited attributions under the tagged ones; give ids in text order."""

    def same_cue(a: Attribution, b: Attribution) -> bool:
        return (
            a.cue is not None
            and b.cue is not None
            and _overlap((a.cue.start, a.cue.end), (b.cue.start, b.cue.end)) > 0
        )

    # saying nothing is not a claim: a tagged cue inside a no-comment the rules found ("declined to comment
    # on the report", which PolNeAR annotates as an attribution) is no attribution of ours
    silent = [(n.span.start, n.span.end) for n in rules.no_comment]
    tagged = [
        t
        for t in tagged
        if t.cue is None or not any(_overlap((t.cue.start, t.cue.end), s) > 0 for s in silent)
    ]
    by_rule_id = {a.id: a for a in rules.attributions}
    tagged_cues = _Coverage([(t.cue.start, t.cue.end) for t in tagged if t.cue is not None], len(text))
    tagged_content = _Coverage([(d.start, d.end) for t in tagged for d in t.content], len(text))

    def cue_tagged(r: Attribution) -> bool:
        return r.cue is not None and tagged_cues.touches(r.cue.start, r.cue.end)

    def untouched(r: Attribution) -> bool:
        """No cue shared with the tagger's attributions, and no content in common."""
        return not cue_tagged(r) and not any(tagged_content.touches(c.start, c.end) for c in r.content)

    # the rules' top-level attributions the tagger has no trace of are kept as they are: the tagger missed
    # them, it did not reject them ("“...” ― Carla Sanchez" in a list of quotes, say)
    kept = {r.id: r for r in rules.attributions if r.parent is None and r.cue is not None and untouched(r)}
    children: list[tuple[Attribution, str]] = []  # (rule attribution, its parent's id so far)
    for r in rules.attributions:
        if r.id in kept or r.cue is None:
            continue
        citer = None  # the tagged attribution with the cue of the one this cites
        if r.relation == "cites" and r.parent in by_rule_id:
            citer = next((t for t in tagged if same_cue(t, by_rule_id[r.parent])), None)
        # a cited source stays one when the tagger ran the two cues together ("reported Thursday, citing")
        if cue_tagged(r) and not (citer is not None and same_cue(citer, r)):
            continue
        parent = kept.get(r.parent) if r.parent is not None else None
        if parent is None and citer is not None:
            parent = citer
        if parent is None:
            holders = [
                t for t in tagged if any(c.start <= r.cue.start and r.cue.end <= c.end for c in t.content)
            ]
            parent = min(holders, key=lambda t: sum(c.end - c.start for c in t.content), default=None)
            r = replace(r, relation="nested")
        if parent is not None:
            children.append((r, parent.id))

    # ...and is neither part of the citing attribution's cue nor a fragment of its content
    for k, t in enumerate(tagged):
        cites = [r for r, p in children if p == t.id and r.relation == "cites"]
        if not cites or t.cue is None:
            continue
        cue, content = t.cue, t.content
        for r in cites:
            assert r.cue is not None
            within = cue.start < r.cue.start < cue.end
            before = text[cue.start : r.cue.start].rstrip(" ,;:\n") if within else ""
            if before:  # "reported Thursday, citing" -> "reported Thursday"
                cue = replace(cue, end=cue.start + len(before), text=before)
            if r.source is not None:
                inside = [c for c in content if r.source.start <= c.start and c.end <= r.source.end]
                content = tuple(c for c in content if c not in inside) or content
        tagged[k] = replace(t, cue=cue, content=content)

    def position(a: Attribution) -> int:
        return min([c.start for c in a.content] + ([a.cue.start] if a.cue else []))

    top = sorted([*tagged, *kept.values()], key=position)
    for k, a in enumerate(top):
        # a whole quotation standing alone right after an attribution continues its speaker (as the rules
        # have it: within 400 characters, nothing attributed in between)
        if k == 0 or a.cue is not None or a.source is not None or a.continues or a.quote != "direct":
            continue
        previous = top[k - 1]
        if previous.content and 0 <= a.content[0].start - previous.content[-1].end < 400 and (
            previous.cue is not None or previous.continues
        ):
            root = previous.continues or previous.id
            top[k] = replace(a, continues=root, source_entity=previous.source_entity)
    everything: list[tuple[Attribution, str | None]] = [(a, None) for a in top] + list(children)
    everything.sort(key=lambda x: (position(x[0]), x[1] is not None))
    # the tagger's ids so far ("m1") and the rules' ("a1") differ: one map gives the final ones
    ids = {a.id: f"a{k + 1}" for k, (a, _) in enumerate(everything)}
    return tuple(
        replace(
            a,
            id=ids[a.id],
            parent=ids[parent] if parent is not None else None,
            relation=a.relation if parent is not None else None,
            continues=ids.get(a.continues) if a.continues and parent is None else None,
        )
        for a, parent in everything
    )
