"""Attribution rules: pure functions from a parsed spaCy ``Doc`` to attribution records.

Hand-written rules over the dependency parse (no library extracts indirect and mixed attributions; textacy's
``direct_quotations`` covers direct quotes only). One pass over each sentence finds cue words; each rule
below says which construction it covers and why:

- reporting verb with a clausal complement or an adjacent quotation (direct, indirect, mixed quotes);
- passive "was quoted as saying" / "were cited as saying": the passive subject is the source;
- participles "..., saying ...", "..., adding that ...": the source is the subject of the verb they hang on;
- "..., citing Y": a source chain; Y is an attribution whose ``parent`` is the citing one;
- denial and confirmation verbs whose object is the claim ("denied the allegations");
- "according to X";
- colon and dash attribution ("Peskov: “...”", "“...” — Peskov");
- cue-less hedged reports ("The talks reportedly addressed ..."): the source comes from context;
- a quotation that continues, with no cue, the previous speaker's quote.

Unbalanced or mixed quote marks degrade (a quote is dropped), they never make a document fail.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimgraph.attribution.coreference import EntityIndex, build_entity_index
from claimgraph.attribution.lexicon import Lexicon, load_lexicon
from claimgraph.attribution.quotes import DASHES, Quote, find_quotes
from claimgraph.attribution.sources import (
    classify_source,
    describe_anonymous,
    extend_source_span,
    find_source_span,
)
from claimgraph.attribution.stance import (
    NAMING_VERBS,
    attribution_hedges,
    find_stance,
    is_negated,
    saying_words,
)
from claimgraph.patterns import DATELINE
from claimgraph.records import AnonymousSource, Attribution, Cue, Entity, NoComment, Span

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_PARTICIPLE_DEPS = ("advcl", "conj", "xcomp", "acl", "ccomp", "pcomp")  # pcomp: "after posting that ..."
_MARKS = {"that", "whether", "if"}
_EDGE_PUNCT = set(",;:()[]" + DASHES) | {"--"}
_END_PUNCT = {".", "!", "?", "...", "…"}
_OPEN_QUOTES = set('“"«„')
_CLOSE_QUOTES = set('”"»')
_GAP = re.compile(rf"^[\s,:;{DASHES}]*$")
_COLON_GAP = re.compile(rf"^\s*[:{DASHES}]\s*$")


@dataclass
class _Found:
    """An attribution while the rules still work on it (token indices, before ids are given)."""

    cue: tuple[int, int] | None  # token range of the cue
    cue_lemma: str | None
    source: tuple[int, int] | None  # token range of the source mention
    source_head: int | None
    content: list[tuple[int, int]]  # char ranges
    rule: str
    confidence: float
    parent: _Found | None = None
    quote: Quote | None = None  # set when the content is one whole quotation
    second_quote: Quote | None = None  # "“A,” he said, “B.”": the quotation after the cue
    continues: _Found | None = None  # a quotation continuing this earlier attribution's speaker
    relation: str | None = None  # how it hangs on `parent`: "cites" (source chain) or "nested"
    extra_hedges: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """What the attribution stage finds in one document."""

    entities: tuple[Entity, ...]
    attributions: tuple[Attribution, ...]
    no_comment: tuple[NoComment, ...]


class _Context:
    """Per-document state shared by the rules: quotes, boilerplate, lexicon."""

    def __init__(
        self,
        doc: Doc,
        lexicon: Lexicon,
        skip: list[tuple[int, int]],
        quotes: list[Quote] | None = None,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # (spaCy joins the tokens again at every call)
        self.lexicon = lexicon
        self.skip = skip
        self.quotes = find_quotes(self.text) if quotes is None else quotes
        self._quote_starts = [q.start for q in self.quotes]
        self.no_comment_spans: list[tuple[int, int]] = []

    def quote_at(self, char: int) -> Quote | None:
        """The quotation containing character `char` (marks included)."""
        i = bisect.bisect_right(self._quote_starts, char) - 1
        if i >= 0 and self.quotes[i].start <= char < self.quotes[i].end:
            return self.quotes[i]
        return None

    def quote_ending_before(self, char: int, floor: int) -> Quote | None:
        """A quotation that ends right before `char`, with only commas, dashes or spaces between."""
        i = bisect.bisect_right(self._quote_starts, char) - 1
        while i >= 0:
            q = self.quotes[i]
            if q.end <= char:
                if q.start >= floor and _GAP.match(self.text[q.end : char]):
                    return q
                return None
            i -= 1
        return None

    def quote_starting_after(self, char: int, limit: int) -> Quote | None:
        i = bisect.bisect_left(self._quote_starts, char)
        if i < len(self.quotes):
            q = self.quotes[i]
            if q.start <= limit and _GAP.match(self.text[char : q.start]):
                return q
        return None

    def skipped(self, start: int, end: int) -> bool:
        return any(s <= start < e or s < end <= e for s, e in self.skip)

    def paragraph_start(self, char: int) -> int:
        return self.text.rfind("\n", 0, char) + 1

    def paragraph_end(self, char: int) -> int:
        end = self.text.find("\n", char)
        return len(self.text) if end < 0 else end


def extract_attributions(
    doc: Doc,
    *,
    boilerplate: list[tuple[int, int]] | None = None,
    lexicon: Lexicon | None = None,
    quotes: list[Quote] | None = None,
    text: str | None = None,
) -> DocumentAnalysis:
    """Find the attributions, entities and no-comment statements of a parsed document.

    `boilerplate` lists character ranges (appeals, cookie notices) that never yield claims or entities;
    `quotes` (:func:`~claimgraph.attribution.quotes.find_quotes`) and `text` are those of ``doc.text``,
    when the caller has them already.
    """
    lex = lexicon or load_lexicon()
    ctx = _Context(doc, lex, sorted(boilerplate or []), quotes, text)
    index = build_entity_index(doc, lex, skip=ctx.skip, quotes=[(q.start, q.end) for q in ctx.quotes])
    no_comment = _find_no_comments(ctx, index)
    ctx.no_comment_spans = [(n.span.start, n.span.end) for n in no_comment]
    found: list[_Found] = []
    candidates = _cue_candidates(doc)
    for sent in doc.sents:
        if ctx.skipped(sent.start_char, sent.end_char):
            continue
        first, last = bisect.bisect_left(candidates, sent.start), bisect.bisect_left(candidates, sent.end)
        found.extend(_find_in_sentence(sent, ctx, [doc[i] for i in candidates[first:last]]))
    for f in found:
        _keep_in_its_quotation(f, ctx)
    requests = [f.content[0] for f in found if _asks_for_anonymity(f, ctx)]
    found = [
        f
        for f in found
        if not _says_outside_its_quotation(f, ctx)
        and not _asks_for_anonymity(f, ctx)
        # (nor is why they asked: "... that they not be named because they feared retaliation")
        and not (f.cue is not None and any(s <= doc[f.cue[0]].idx < e for s, e in requests))
    ]
    _join_run_on_quotations(found, ctx)
    found.extend(_find_continuations(found, ctx))
    found = _drop_duplicates(found)
    _nest(found, ctx)
    found.sort(key=lambda f: (_char_position(f, ctx), f.parent is not None))  # text order
    attributions = _finish(found, ctx, index)
    return DocumentAnalysis(tuple(index.entities(ctx.text)), tuple(attributions), tuple(no_comment))


_ANONYMITY_REQUEST = re.compile(
    r"^(?:not to be (?:named|identified|quoted)|to be (?:named|identified|quoted)(?:\W*$|\s+because\b)"
    r"|to remain anonymous|anonymity\W*$"
    r"|(?:that )?(?:his|her|their) names? (?:not )?be (?:withheld|used|published|given)"
    r"|(?:that )?(?:he|she|they) (?:not )?be (?:named|identified|quoted))",
    re.IGNORECASE,
)


def _asks_for_anonymity(f: _Found, ctx: _Context) -> bool:
    """"A former official, who asked not to be named, said ...", "The people, who declined to be named
    because the talks are private, said ...": the request is how the source spoke, not a claim of theirs
    (the claim is the attribution of "said")."""
    return len(f.content) == 1 and bool(_ANONYMITY_REQUEST.match(ctx.text[f.content[0][0] : f.content[0][1]]))


def _keep_in_its_quotation(f: _Found, ctx: _Context) -> None:
    """Speech quoted inside a quotation says only what is inside it: in "“Everybody said, ‘You can’t beat
    Austin,’” Delgado recalls over coffee", everybody said "You can't beat Austin", not what Delgado did.
    Cuts the content of an attribution whose cue and source lie in one quotation at that quotation's end."""
    if f.cue is None or f.source is None or f.quote is not None:
        return
    quote = ctx.quote_at(ctx.doc[f.cue[0]].idx)
    if quote is None or ctx.quote_at(ctx.doc[f.source[0]].idx) is not quote:
        return
    text = ctx.text
    kept = []
    for start, end in f.content:
        if start < quote.inner_end < end:
            end = quote.inner_end
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:'’‘\"“”"):
                end -= 1
        if end > start:
            kept.append((start, end))
    f.content = kept


def _says_outside_its_quotation(f: _Found, ctx: _Context) -> bool:
    """Speech quoted inside a quotation says nothing outside it: "“I never said that,” he said" (the
    parser takes "that" for a conjunction and "he said" for what was not said). True when the cue and the
    source lie in one quotation and the content wholly outside it. (A cue alone in quotation marks, "he
    “warned” that ...", keeps its content; so does a content reaching into the quotation.)"""
    if f.cue is None or f.source is None:
        return False
    quote = ctx.quote_at(ctx.doc[f.cue[0]].idx)
    return (
        quote is not None
        and ctx.quote_at(ctx.doc[f.source[0]].idx) is quote
        and not any(s < quote.inner_end and quote.inner_start < e for s, e in f.content)
    )


# -- sentence rules -------------------------------------------------------------------------------------


_CUE_POS = ("VERB", "AUX", "NOUN", "ADV", "ADP")


def _cue_candidates(doc: Doc) -> list[int]:
    """The tokens that can be cues: verbs, nouns ("the claim that"), adverbs and adpositions, and
    "according" whatever its tag (read from spaCy's arrays: most tokens are none of these)."""
    array = doc.to_array([POS, LOWER])
    pos_ids = [get_string_id(p) for p in _CUE_POS]
    keep = np.isin(array[:, 0], pos_ids) | (array[:, 1] == get_string_id("according"))
    return np.flatnonzero(keep).tolist()


def _find_in_sentence(sent: object, ctx: _Context, candidates: list[Token]) -> list[_Found]:
    """The attributions of a sentence, from its `candidates` for cues (:func:`_cue_candidates`)."""
    from spacy.tokens import Span as SpacySpan

    assert isinstance(sent, SpacySpan)
    lex = ctx.lexicon
    out: list[_Found] = []
    by_cue: dict[int, _Found] = {}
    cue_tokens: set[int] = set()
    citing: list[Token] = []
    no_comment = ctx.no_comment_spans
    for token in candidates:
        pos = token.pos_
        lemma = token.lemma_.lower()
        if not any(c.isalpha() for c in lemma):
            continue  # "It’s clear that ...": the small model lemmatizes a curly "’s" as "’"
        if lemma == "cite" and token.tag_ == "VBG":
            citing.append(token)
        if token.i in cue_tokens:
            continue  # "saying" of "was quoted as saying" is part of an earlier cue
        if no_comment and any(s <= token.idx < e for s, e in no_comment):
            continue  # "did not respond to a request for comment" says nothing
        dep = token.dep_
        # the quotation a verb opens with a colon ("responded pointedly: “...”", "His neighbor disagreed:")
        colon_near = pos == "VERB" and ":" in ctx.text[token.idx : token.idx + 100]
        colon_quote = _colon_quotation(token, ctx) if colon_near else None
        if pos in ("VERB", "AUX") and (lemma in lex.reporting_verbs or lemma in lex.extended_verbs) and (
            dep not in ("amod", "compound")
        ):
            if lemma == "cite" and token.tag_ == "VBG":
                continue  # "citing" is handled once its head's attribution is known
            if lemma == "write" and any(c.dep_ == "prt" and c.lower_ == "off" for c in token.children):
                continue  # "to write off the costs": an accounting, not a text
            kind = "listed"
        elif pos == "VERB" and lemma == "make" and (noun := _light_noun(token, lex)) is not None:
            kind, light_noun = "light", noun  # "made the case that", "made no mention of"
        elif pos == "VERB" and lemma == "plead":
            kind = "plea"
        elif (
            pos == "VERB"
            and lemma not in _NOT_REPORTING
            and dep not in ("amod", "compound")
            and any(
                c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                for c in token.children
            )
        ):
            # Any verb whose subject can hold a view and that takes a that-clause reports a view:
            # "conceded that", "bet that", "figured that" — the long tail no list covers.
            kind = "open"
        elif (
            pos == "VERB"
            and lemma not in _NOT_REPORTING
            and dep not in ("amod", "compound")
            and colon_quote is not None
        ):
            # ... and any verb that opens a quotation with a colon: "His neighbor disagreed: “...”",
            # "Trump leaned in and boomed: “...”"
            kind = "open"
        elif pos == "NOUN" and lemma in lex.nominal_cues:
            kind = "nominal"
        elif token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            kind = "according"
        elif _in_the_words_of(token) is not None or _as_put_it(token) is not None:
            kind = "aside"  # "In the words of one aide, ...", "As the mayor put it, “...”"
        else:
            continue
        title = ctx.quote_at(token.idx)
        if title is not None and _looks_like_title(ctx.text[title.inner_start : title.inner_end]):
            continue  # “Nobody Said It Was Easy” is a film
        if kind == "listed" or kind == "open":
            f = _verb_attribution(token, ctx, open_class=kind == "open", colon_quote=colon_quote)
            if f is not None and f.cue is not None:
                if kind == "open":
                    f.confidence = min(f.confidence, 0.6)
                out.append(f)
                by_cue[token.i] = f
                cue_tokens.update(range(*f.cue))
        elif kind == "nominal":
            f = _nominal_attribution(token, ctx)
            if f is not None:
                out.append(f)
        elif kind == "plea":
            f = _plea(token, ctx)
            if f is not None and f.cue is not None:
                out.append(f)
                cue_tokens.update(range(*f.cue))
        elif kind == "light":
            f = _light_verb_attribution(token, light_noun, ctx)
            if f is not None and f.cue is not None:
                out.append(f)
                cue_tokens.update(range(*f.cue))
        elif kind == "aside":
            f = _attributing_aside(token, ctx)
            if f is not None and f.cue is not None:
                out.append(f)
                cue_tokens.update(range(*f.cue))
        else:
            f = _according_to(token, ctx)
            if f is not None:
                out.append(f)
    out = _cited_as_saying(out, ctx)
    # "..., citing Y": a cited source of the attribution the participle hangs on.
    for token in citing:
        f = _citing(token, ctx, by_cue)
        if f is not None:
            out.append(f)
    out.extend(_colon_or_dash(sent, ctx, out))
    out.extend(_line_colon(sent, ctx, out))
    out.extend(_cueless_hedges(sent, ctx, out))
    return out


_NOT_REPORTING = {
    "ensure",
    "mean",
    "make",
    "be",
    "happen",
    "seem",
    "appear",
    "see",
    "require",
    "prove",
    "guarantee",
    "assure",
    "mandate",
    "stipulate",
    "dictate",
    "imply",
    "matter",
    "help",
    "get",
    "turn",
    "come",
    "go",
    "need",
    "provide",
    "order",
    "decide",
    "demand",
}


def _with_auxiliaries(verb: Token, cue_start: int) -> int:
    """Where a cue starting at ``cue_start`` starts once it takes the auxiliaries, negation and "also" right
    before it ("has also said", "did not deny"), as PolNeAR marks cues: tense and negation change what the
    source did."""
    while cue_start > 0:
        prev = verb.doc[cue_start - 1]
        if prev.head.i == verb.i and (prev.dep_ in ("aux", "auxpass", "neg") or prev.lower_ == "also"):
            cue_start -= 1
        else:
            break
    return cue_start


_WH_WORDS = frozenset({"what", "which", "whatever", "who", "whom"})


def _verb_attribution(
    verb: Token, ctx: _Context, *, open_class: bool = False, colon_quote: Quote | None = None
) -> _Found | None:
    """An attribution with this verb as its cue, or None. `open_class`: a verb outside the word lists,
    accepted only with a subject that can hold a view and a that-clause, or `colon_quote`, the quotation it
    opens with a colon (:func:`_colon_quotation`)."""
    lex = ctx.lexicon
    lemma = verb.lemma_.lower()
    cue_start, cue_end = verb.i, verb.i + 1
    speech = verb
    source_head: Token | None = None
    joined_subject: Token | None = None  # a second subject the parser split off the source's phrase
    rule = "verb"
    # "was quoted as saying", "were cited as saying": passive subject is the source.
    if lemma in ("quote", "cite") and verb.tag_ == "VBN":
        as_ = next((c for c in verb.children if c.lower_ == "as" and c.dep_ == "prep"), None)
        if as_ is None:
            return None
        pcomp = next((c for c in as_.children if c.dep_ in ("pcomp", "pobj") and c.pos_ == "VERB"), None)
        if pcomp is None:
            return None
        speech = pcomp
        auxes = [c for c in verb.lefts if c.dep_ in ("auxpass", "aux")]
        cue_start = min([verb.i] + [a.i for a in auxes])
        cue_end = pcomp.i + 1
        source_head = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        rule = "passive-quoted"
    elif (
        lemma == "expect"
        and verb.tag_ == "VBN"
        and verb.dep_ not in ("acl", "amod", "relcl")
        and any(c.dep_ == "auxpass" for c in verb.children)
        and any(c.dep_ == "xcomp" for c in verb.children)
    ):
        return _expected(verb, ctx)  # "Trump is expected to deliver a speech": an expectation
    elif verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        # "It was reported that ...", "was reported by X": the agent is the source, if any.
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            source_head = next((c for c in agent.children if c.dep_ == "pobj"), None)
        rule = "passive"
    elif verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return None  # "the documents, said to be forged": no speaker, no report
    elif _asked_aside(verb, lex) is not None:
        return None  # "Mejia, asked about the mayor's comments, said ...": asked, he claims nothing
    elif verb.head.lemma_.lower() in lex.asked_asides and any(
        c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in verb.children
    ):
        return None  # "Asked if he would support a longer deal, Paul said": a question, no one's view
    elif (
        lemma in ("say", "believe", "think", "report", "allege", "know", "expect", "rumor")
        and any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in verb.children)
        and (
            (verb.tag_ == "VBN" and not any(c.dep_ in ("ccomp", "dobj", "dative") for c in verb.children))
            or (
                lemma == "say"
                and verb.i + 1 < len(verb.doc)
                and verb.doc[verb.i + 1].lower_ == "to"
                and verb.doc[verb.i + 1].dep_ == "aux"
            )
        )
    ):
        return None  # "paintings said to be worth millions": a hedge, no speaker
    else:
        subjects = [
            who for c in verb.children if c.dep_ in _SUBJECT_DEPS and (who := _past_dateline(c)) is not None
        ]
        if not subjects and verb.tag_ in ("VBP", "VBZ", "VBD"):
            # "Court records show ...": the parser may read the subject as a compound of the verb
            subjects = [c for c in verb.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")][-1:]
        # "“Very good reporter,” Trump said": the parser may take the quotation's noun for a subject too.
        outside = [c for c in subjects if ctx.quote_at(c.idx) is None]
        if subjects and not outside:  # ... or hang the speaker on it as an apposition
            outside = [
                a for c in subjects for a in c.children if a.dep_ == "appos" and ctx.quote_at(a.idx) is None
            ][:1]
        source_head = outside[-1] if outside else (subjects[0] if subjects else None)
        if (
            len(outside) > 1
            and outside[-2].right_edge.i + 1 == outside[-1].left_edge.i
            and outside[-2].pos_ == "NOUN"
            and outside[-2].is_alpha
            and outside[-2].right_edge.pos_ == "NOUN"  # "... in the journal" | "Nature"
            and outside[-2].right_edge.is_alpha
            and outside[-1].pos_ == "PROPN"
        ):
            # "A study published in the journal Nature found ...": the parser made the phrase's last name a
            # second subject; with no comma between, it is part of the first ("..., officials said" is not)
            source_head = outside[-2]
            joined_subject = outside[-1]
        if source_head is None:
            source_head = _subject_after_dateline(verb)
        if source_head is not None and source_head.dep_ == "csubj":
            source_head = None
        if (
            verb.tag_ == "VBG"
            and verb.dep_ in _PARTICIPLE_DEPS
            and source_head is None
            # "by saying", "after posting" on a verb; not "made a point of thanking", on a noun
            and not (verb.dep_ == "pcomp" and verb.head.head.pos_ not in ("VERB", "AUX"))
        ):
            clause = verb.head
            if (  # "said that Kyiv would never recognize ..., rejecting a proposal": the speaker rejects
                clause.dep_ == "ccomp"
                and clause.head.lemma_.lower() in lex.reporting_verbs
                # (not a speech of its own: "“...,” he said, adding that ...", parsed as the quote's clause)
                and (clause.lemma_ not in lex.reporting_verbs or clause.lemma_ in lex.weak_verbs)
                and _is_trailing_report(verb, clause, lex)
            ):
                source_head = _inherited_subject(clause)
            else:
                source_head = _inherited_subject(verb)
            rule = "participle"
        elif source_head is None and (apposed := _speaker_read_as_apposition(verb, lex)) is not None:
            source_head = apposed  # "... hiring Joe Mazzulla, two people ... told the Tribune": the speakers
        elif source_head is None and (aside := next(
            (c for c in verb.children if _asked_aside(c, lex) is not None), None
        )) is not None:
            # "Mejia, asked about ..., said": the parser gave "said"'s subject to "asked"
            source_head = _asked_aside(aside, lex)
        elif source_head is None and verb.dep_ == "conj":
            speaker = _speakers_next_act(verb, ctx)
            source_head = _inherited_subject(verb if speaker is None else speaker)
            if speaker is not None and source_head is None:
                source_head = next((c for c in speaker.children if c.dep_ in _SUBJECT_DEPS), None)
    cue_start = _with_auxiliaries(verb, cue_start)
    # ... and a particle or a colon right after it ("pointed out", "shot back", "said:").
    doc_ = verb.doc
    while cue_end < len(doc_) and (
        (doc_[cue_end].dep_ == "prt" and doc_[cue_end].head.i == verb.i)
        or (doc_[cue_end].text == ":" and doc_[cue_end].head.i in (verb.i, speech.i))
    ):
        cue_end += 1
    # The content: a clause, an adjacent quotation, or the object of a denial/confirmation verb.
    content: list[tuple[int, int]] = []
    quote: Quote | None = None
    if verb.dep_ == "csubj" and lemma in lex.reporting_verbs and source_head is not None:
        # "Economists had forecast inflation would hold at 3.6%": the parser made the speech the subject
        # of the reported clause; the object and the rest of that clause are what was forecast
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.right_edge.i + 1 < len(verb.doc):
            clause = verb.head
            rest = [t for t in clause.subtree if t.i > obj.right_edge.i and not t.is_space]
            content = _token_range_content(list(obj.subtree) + rest, ctx) if rest else []
    clauses = [c for c in speech.children if c.dep_ == "ccomp" and c.i != verb.i]
    # "In a statement released after he suspended his campaign, Cruz said he is certain ...": with a clause on
    # each side of the verb, the one after it is what was said.
    ccomp = next((c for c in clauses if c.i > speech.i), None) if len(clauses) > 1 else None
    ccomp = ccomp or (clauses[0] if clauses else None)
    if ccomp is None and speech.i != verb.i:
        ccomp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if ccomp is None:  # "said on Friday during a news conference that ...": the clause hung on the noun
        ccomp = _stray_that_clause(speech)
    if ccomp is None:  # a that-clause the parser took for an adverbial clause
        ccomp = next(
            (
                c
                for c in speech.children
                if c.dep_ == "advcl"
                and c.i > speech.i
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                and not _relative_speech(c, lex)
            ),
            None,
        )
    if ccomp is None:
        citing = next((c for c in speech.children if _is_citation(c) and c.lemma_.lower() == "cite"), None)
        if citing is not None:  # "reported, citing internal emails, that ...": the clause hangs on "citing"
            ccomp = next((c for c in citing.children if c.dep_ == "ccomp"), None)
    if ccomp is None:
        ccomp = next(
            (
                c
                for c in speech.children
                if c.dep_ == "xcomp"
                and lemma in ("say", "tell")
                and any(g.dep_ in ("nsubj", "mark", "ccomp") for g in c.children)
            ),
            None,
        )
    if ccomp is None and lemma in ("say", "tell", "report"):
        ccomp = _headline_clause(speech)
    source_range = find_source_span(source_head) if source_head is not None else None
    if source_range is not None and joined_subject is not None:
        source_range = (source_range[0], max(source_range[1], joined_subject.right_edge.i + 1))
    left = min([cue_start] + ([source_range[0]] if source_range else []))
    right = max([cue_end] + ([source_range[1]] if source_range else []))
    if ccomp is not None:
        q = ctx.quote_at(ccomp.idx)
        if (
            q is not None
            and q.end <= ctx.doc[left].idx + 1
            and _quote_covers(q, ccomp, ctx)
            or q is not None
            and q.start >= ctx.doc[right - 1].idx
            and _quote_covers(q, ccomp, ctx)
        ):
            quote = q
            if q.start >= ctx.doc[right - 1].idx:
                # “Being a dad, that’s my job,” Weiner said in May on the podcast “Here’s the Thing.”: a
                # quotation ending in a comma right before the speaker is what was said, not a title or a
                # phrase further on ("said after a brief “I’m sorry”"); a quotation right after the cue
                # joins it below ("“A,” he said, “B.”")
                ahead = ctx.quote_ending_before(ctx.doc[left].idx, ctx.paragraph_start(ctx.doc[left].idx))
                if ahead is not None and _ends_with_comma(ahead, ctx):
                    quote = ahead
        else:
            content = _clause_content(ccomp, ctx, subject=_object_as_subject(speech, ccomp))
    if (
        source_head is not None
        and source_head.dep_ == "appos"
        and source_head.i < verb.i
        and (claim := _claim_before(verb)) is not None
        and claim.i != verb.i
    ):
        # the speakers the parser hung on the claim's last noun: the claim is the clause, without them
        skip = {t.i for t in verb.subtree if t.i >= verb.i} | {t.i for t in source_head.subtree}
        content = _token_range_content([t for t in claim.subtree if t.i not in skip], ctx)
    speech_verb = lemma in lex.reporting_verbs
    naming = (  # "called the report “false”": what was called, and what, not the quoted word alone
        lemma in NAMING_VERBS
        and source_head is not None
        and _could_be_source(source_head, lex)  # (else the complement is not read: keep the quotation)
        and (
            any(
                c.dep_ == "oprd" and any(d.dep_ == "dobj" and verb.i < d.i < c.i for d in verb.children)
                for c in verb.children
            )
            or _quoted_name(verb) is not None
        )
    )
    if not content and quote is None and speech_verb and not naming:
        sent = verb.sent
        floor = ctx.paragraph_start(ctx.doc[left].idx)
        quote = ctx.quote_ending_before(ctx.doc[left].idx, floor)
        if (
            quote is not None
            and quote.end <= sent.start_char
            and not _ends_with_comma(quote, ctx)
            and not (
                all(t.is_punct or t.is_space for t in ctx.doc[sent.start : left])
                and _ends_sentence(verb, cue_end, ctx)
                and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
            )
        ):
            quote = None  # a quotation of the previous sentence belongs to its own cue, unless it ends
            # with a comma ("“...,” Trump, the frontrunner, said": the parser split before the speaker) or
            # the sentence is only the speaker and the cue ("“... missing.” Trump said.")
        if quote is None:
            after = _end_of_cue_phrase(speech, ctx)
            quote = ctx.quote_starting_after(after, sent.end_char)
        if quote is not None and (
            ctx.skipped(quote.start, quote.end)
            or _looks_like_title(ctx.text[quote.inner_start : quote.inner_end])
        ):
            quote = None
    second: Quote | None = None
    if quote is not None and quote.end <= ctx.doc[left].idx + 1 and speech_verb:
        # "“A,” he said, “B.”": one statement split around its cue.
        after = _end_of_cue_phrase(speech, ctx)
        second = ctx.quote_starting_after(after, ctx.paragraph_end(after))
        if second is not None and (
            second.start - after > 3
            or ctx.skipped(second.start, second.end)
            # the rest of a split statement follows a comma or colon ("he said, “B.”"), not a phrase of the
            # sentence ("said after a brief “I’m sorry”") or a title
            or not any(mark in ctx.text[after : second.start] for mark in (",", ":", *DASHES))
            or _looks_like_title(ctx.text[second.inner_start : second.inner_end])
        ):
            second = None
    if (
        not content
        and quote is None
        and speech.i == verb.i
        and source_head is not None
        and _could_be_source(source_head, lex)
    ):
        if speech_verb and _ends_sentence(verb, cue_end, ctx):
            content = _clause_before_speaker(verb, source_head, ctx)
        if not content:
            content, cue_end, how = _complement_content(verb, lemma, cue_end, ctx)
            if content:
                rule = how
    if (
        not content
        and quote is None
        and lemma in _EVIDENTIAL
        and source_head is not None
        and source_head.lemma_.lower() in lex.documents
    ):
        # "The latest poll showed Trump leading the field": evidence has objects, not clauses, for content.
        dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if dobj is not None:
            content, rule = _token_range_content(list(dobj.subtree), ctx), "object"
    if (
        verb.dep_ == "parataxis"
        and not content
        and quote is None
        and verb.head.pos_ in ("VERB", "AUX")
        and source_head is not None
        and not any(c.dep_ == "xcomp" for c in verb.children)
    ):
        # ("The documents, said to be forged, ..." is a hedge on the documents, not a parenthetical report.)
        # "Musk, the newspaper reported, held talks ...": the clause around the parenthetical.
        skip = {t.i for t in verb.subtree}
        content = _token_range_content([t for t in verb.head.subtree if t.i not in skip], ctx)
        rule = "parenthetical"
    if colon_quote is not None and quote is None:
        quote, second = colon_quote, None
    if quote is not None:
        content = [(quote.start, quote.end)]
        if second is not None:
            content.append((second.start, second.end))
    if not content:
        return None
    if quote is None and len(content) == 1 and ctx.text[content[0][0] : content[0][1]].lower() in _WH_WORDS:
        return None  # "Here is what some of them said:": the relative pronoun is no claim
    if lemma in lex.quote_only_verbs and quote is None:
        return None
    if lemma in lex.weak_verbs and quote is None and rule == "verb" and source_head is None:
        return None
    opened = colon_quote is not None  # an open-class verb's content: a that-clause, or what its colon opens
    if open_class and (source_head is None or (quote is not None) != opened or rule != "verb"):
        return None
    if lemma not in lex.reporting_verbs and (source_head is None or not _could_be_source(source_head, lex)):
        return None  # "the beams support the roof": a view needs someone to hold it
    if (
        (lemma not in lex.reporting_verbs or lemma in lex.weak_verbs)
        and quote is None
        and source_head is not None
        and source_head.lower_ in ("i", "you", "we")
    ):
        return None  # "you know", "I want to thank": talk, not a report of someone's view
    if (
        ccomp is not None
        and content
        and quote is None
        and rule == "verb"
        and ccomp.i < left
        and _ends_sentence(verb, cue_end, ctx)
    ):
        # "A, but B, another source said": the parser hangs only B on the cue; the claim is all before it.
        before = [t for t in verb.sent if t.i < left]
        while before and before[0].lower_ in _MARKS and before[0].dep_ == "mark":
            before = before[1:]
        content = _token_range_content(before, ctx) or content
    source = source_range
    confidence = 0.9 if source is not None else 0.6
    if lemma in lex.weak_verbs:
        confidence -= 0.2
    return _Found(
        cue=(cue_start, cue_end),
        cue_lemma=_phrasal_lemma(speech, lex) if rule != "passive-quoted" else lemma,
        source=source,
        source_head=source_head.i if source_head is not None else None,
        content=content,
        rule=rule,
        confidence=confidence,
        quote=quote,
        second_quote=second,
    )


def _colon_quotation(verb: Token, ctx: _Context) -> Quote | None:
    """The quotation a verb opens with a colon ("disagreed: “...”", "responded pointedly, with a smile:
    “...”"): the colon within six words of the verb, only the verb's own modifiers between (no verb, no
    quotation), and the quotation right after it, running to its sentence's end."""
    doc = verb.doc
    if ctx.quote_at(verb.idx) is not None:
        return None  # speech inside a quotation ends at the quotation
    for token in doc[verb.i + 1 : min(verb.i + 8, verb.sent.end)]:
        if token.text == ":":
            q = ctx.quote_starting_after(token.idx + 1, token.idx + 3)
            return q if q is not None and not _quote_goes_on(ctx.text, q) else None
        if token.pos_ in ("VERB", "AUX") or token.is_quote or not verb.is_ancestor(token):
            return None
    return None


def _phrasal_lemma(verb: Token, lex: Lexicon) -> str:
    """The verb's lemma, with its particle when the lexicon knows the two together ("push back": a denial
    whose prepositional object, "against the characterization", is what it denies)."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("prt", "advmod") and child.i == verb.i + 1:
            phrasal = f"{lemma} {child.lower_}"
            if phrasal in lex.prep_content_verbs or phrasal in lex.denial_verbs:
                return phrasal
    return lemma


def _ends_with_comma(q: Quote, ctx: _Context) -> bool:
    """“...,” — a quotation that ends with a comma goes on in the sentence: its speaker follows."""
    return ctx.text[q.inner_start : q.inner_end].rstrip().endswith(",")


def _expected(verb: Token, ctx: _Context) -> _Found | None:
    """"Trump is expected to deliver a victory speech": an attribution of an expectation, its holder
    unnamed unless "by X" says; the content is the subject and what it is expected to do, as PolNeAR marks
    it. (Other "is said/believed to" passives stay hedges.) The caller has checked the passive auxiliary and
    the infinitive."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and (subject.lower_ in ("it", "there") or ctx.quote_at(subject.idx) is not None):
        return None  # "It is expected to rain": nothing is expected of anyone
    xcomp = next(c for c in verb.children if c.dep_ == "xcomp")
    tokens = (list(subject.subtree) if subject is not None else []) + list(xcomp.subtree)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    source_head = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return _Found(
        cue=(_with_auxiliaries(verb, verb.i), verb.i + 1),
        cue_lemma="expect",
        source=find_source_span(source_head) if source_head is not None else None,
        source_head=source_head.i if source_head is not None else None,
        content=_token_range_content(tokens, ctx),
        rule="passive",
        confidence=0.5,
    )


def _could_be_source(token: Token, lex: Lexicon) -> bool:
    """Whether a subject can hold a view: a name, a person pronoun, a noun for people or institutions."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lower = token.lower_
    if token.pos_ == "PRON":
        return lower in (
            "i",
            "we",
            "you",
            "he",
            "she",
            "they",
            "who",
            "it",
            "that",
            "everyone",
            "someone",
            "nobody",
            "everybody",
            "somebody",
            "many",
            "some",
            "others",
            "both",
            "all",
        )
    lemma = token.lemma_.lower()
    return (
        lower in lex.human_nouns
        or lemma in lex.human_nouns
        or lower in lex.anonymous_nouns
        or lex.epithets.get(lemma) is not None
        or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
    )


def _ends_sentence(verb: Token, cue_end: int, ctx: _Context) -> bool:
    """True when nothing but the cue's own modifiers and punctuation follows it in the sentence."""
    sent = verb.sent
    for t in ctx.doc[cue_end : sent.end]:
        if t.is_punct or t.is_space:
            continue
        if t.head.i == verb.i and t.dep_ in ("npadvmod", "advmod", "prep", "dobj", "dative", "agent"):
            continue
        if any(_is_citation(a) and a.head.i == verb.i for a in [t, *t.ancestors]):
            continue  # "..., the Gazette reported, citing state officials": whom the report cites
        if any(a.i == verb.i for a in t.ancestors) and not any(
            a.dep_ in ("advcl", "conj", "ccomp", "xcomp") and a.head.i == verb.i for a in [t, *t.ancestors]
        ):
            continue
        return False
    return True


_EVIDENTIAL = {"show", "indicate", "demonstrate", "find", "reveal", "suggest", "confirm"}
_PREDICATIVE_VERBS = {
    "call",
    "consider",
    "view",
    "see",
    "label",
    "brand",
    "characterize",
    "dub",
    "term",
}
_ADDRESSEES = frozenset({"me", "us", "you", "him", "her", "them"})
_NON_CLAIMS = {
    "goodbye",
    "hello",
    "hi",
    "thanks",
    "grace",
    "nothing",
    "anything",
    "yes",
    "no",
    "so",
    "sorry",
    "amen",
    "prayer",
    "prayers",
}


# What a post shows rather than says: "posted a video on Instagram" (what the video says comes after it)
_MEDIA_POSTED = frozenset({"video", "photo", "picture", "image", "clip", "selfie", "footage", "meme", "gif"})



# What someone responds to when the response is elsewhere: "responded to requests for comment", "replied to
# questions about ..."
_ASKING = frozenset({"request", "question", "inquiry", "query", "email", "message", "call"})


_SUBORDINATORS = frozenset({
    "as", "if", "when", "while", "although", "though", "because", "after", "before", "since", "unless",
    "whether", "once", "until", "whereas",
})


def _clause_before_speaker(verb: Token, speaker: Token, ctx: _Context) -> list[tuple[int, int]]:
    """"The 20% figure Alvarez cited refers only to homicides ..., her office acknowledged": a clause, a
    comma, then the speaker and the cue ending the sentence. The parser may not make the clause the cue's
    complement (here "figure" is its adverbial and "refers" an object of "cited"); the words are what was
    said all the same."""
    doc = speaker.doc
    sent = speaker.sent
    comma = speaker.left_edge.i - 1
    if (
        speaker.dep_ != "nsubj"
        or speaker.head.i != verb.i
        or verb.dep_ != "ROOT"
        or verb.tag_ not in ("VBD", "VBZ", "VBP")
        or speaker.lower_ in ("who", "which", "that")
        or comma - sent.start < 4
        or doc[comma].text != ","
        or any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp") for c in verb.children)
    ):
        return []  # ("Critics have questioned Europe's reliance ...": the cue has what it says after it)
    before = list(doc[sent.start : comma])
    if not any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") for t in before) and not (
        # "About 12,000 gallons of solvent leaked into the river, officials said": the parser reads the
        # clause's verb as a participle and its subject as a second subject of the cue
        any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i for t in before)
        and any(t.pos_ == "VERB" and t.tag_ == "VBN" and t.dep_ == "acl" for t in before)
    ):
        return []  # "In a statement on Monday, the ministry said": a phrase, not a clause
    if any(t.pos_ == "SCONJ" or t.lower_ in _SUBORDINATORS for t in before[:3]):
        return []  # "As Clinton talked about ..., Trump highlighted": when, not what
    if ctx.quote_at(before[0].idx) is not None:
        return []  # a quotation: the quotation rules attribute it
    return _token_range_content(before, ctx)


def _speaker_read_as_apposition(verb: Token, lex: Lexicon) -> Token | None:
    """In "The Bulls are close to hiring Joe Mazzulla, two people with knowledge of the search told the
    Tribune", en_core_web_sm makes "two people" an apposition of "Mazzulla" and "told" a clause with no
    subject: the apposition right before a subjectless cue verb, after a comma, is its speaker."""
    if verb.lemma_.lower() not in lex.reporting_verbs or verb.i < 3 or any(
        c.dep_ in _SUBJECT_DEPS or c.dep_ == "expl" for c in verb.children
    ):
        return None
    claim = _claim_before(verb)
    if claim is None:
        return None
    doc = verb.doc
    token = doc[verb.i - 1]
    while token.dep_ != "appos" and token.head.i != token.i and token.head.i < verb.i:
        token = token.head
    if (
        token.dep_ != "appos"
        or token.right_edge.i != verb.i - 1
        or token.left_edge.i < 1
        or doc[token.left_edge.i - 1].text != ","
        or not _could_be_source(token, lex)
        or not any(a.i == claim.i for a in token.ancestors)
    ):
        return None
    return token


def _claim_before(verb: Token) -> Token | None:
    """The clause before a sentence-final cue verb that it reports: the verb's head when the parser hung the
    verb on it ("..., two people ... told the Tribune"), or the verb's clausal complement before it ("The
    victims were identified as ..., the Coroner's Office said Sunday")."""
    if verb.dep_ in ("advcl", "parataxis", "conj") and verb.head.i < verb.i:
        if any(c.dep_ == "ccomp" for c in verb.children):
            return None
        return verb.head
    if verb.dep_ == "ROOT":
        return next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    return None


def _asked_aside(verb: Token, lex: Lexicon) -> Token | None:
    """For "asked" in "Kenneth Mejia, asked about the mayor's comments, said ...", which the parser reads
    as a past tense with Mejia its subject, hung on "said": that subject, the speaker of "said"."""
    doc = verb.doc
    if not (
        verb.dep_ == "advcl"
        and verb.lemma_.lower() in lex.asked_asides
        and verb.tag_ in ("VBD", "VBN")
        and verb.i > 0
        and doc[verb.i - 1].text == ","
        and verb.head.i > verb.i
        and not any(c.dep_ in _SUBJECT_DEPS for c in verb.head.children)
    ):
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)


def _quoted_name(verb: Token) -> Token | None:
    """In "called the confusion “a shambles”", the quoted name the parser hung on the object as an
    apposition (no comma between: "called the senator, a Republican," is no naming), or the quoted words it
    took for adjectives of the object ("called the remarks “cruel and uninformed”")."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    # the object's apposition or quoted adjectives, or a second object ("calling it “fake news”")
    names = [c for c in dobj.children if c.dep_ == "appos" or (c.dep_ == "amod" and c.i > dobj.i)] + [
        c for c in verb.children if c.dep_ == "dobj"
    ]
    for name in names:
        if name.i <= dobj.i:
            continue
        after = dobj.i if name.head.i == dobj.i else dobj.right_edge.i  # (an apposition is in the subtree)
        # (the opening mark may hang on the name: "“a cynical lie”")
        first_word = next(t.i for t in name.subtree if not t.is_punct)
        between = verb.doc[after + 1 : first_word]
        if between and all(t.is_quote for t in between):
            return name
    return None


def _complement_content(
    verb: Token, lemma: str, cue_end: int, ctx: _Context
) -> tuple[list[tuple[int, int]], int, str]:
    """Content from the verb's object, infinitive or prepositional complement; (content, cue end, rule).

    "vowed to fight on" (xcomp), "urged Congress to act" (object and xcomp), "called for a revolution"
    (prepositional object; "for" joins the cue), "endorsed Ted Cruz", "said the same" (object).
    """
    lex = ctx.lexicon
    children = list(verb.children)
    dobj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    phrasal = _phrasal_lemma(verb, lex)
    preps = lex.prep_content_verbs.get(phrasal, frozenset())
    if phrasal != lemma:  # "pushed back against X": the parser may hang the preposition on "back"
        children += [g for c in children if c.lower_ == phrasal.split()[-1] for g in c.children]
    oprd = next((c for c in children if c.dep_ == "oprd" and c.i > verb.i), None)
    if lemma in NAMING_VERBS and oprd is not None and dobj is None:
        # "called both Trump and Clinton crazy", "has called Trump a fascist": who, and what they were called
        last = max(t.i for c in children if c.dep_ == "oprd" for t in c.subtree)
        tokens = [t for t in ctx.doc[verb.i + 1 : last + 1] if t.ent_type_ not in ("DATE", "TIME")]
        return _token_range_content(tokens, ctx), cue_end, "complement"
    if lemma in NAMING_VERBS and oprd is not None and dobj is not None and verb.i < dobj.i < oprd.i:
        # "called the report false", "called Friday's decision a huge win": what, and what it was called
        tokens = list(dobj.subtree) + [t for c in children if c.dep_ == "oprd" for t in c.subtree]
        return _token_range_content(tokens, ctx), cue_end, "complement"
    if lemma in NAMING_VERBS and dobj is not None and (name := _quoted_name(verb)) is not None:
        # "called the confusion “a shambles”": the parser takes the quoted name for an apposition
        tokens = list(ctx.doc[dobj.left_edge.i : name.right_edge.i + 1])
        return _token_range_content(tokens, ctx), cue_end, "complement"
    prep_first = any(c.dep_ == "prep" and c.lower_ in preps and xcomp is not None and verb.i < c.i < xcomp.i
                     for c in children)  # "called on Sanders to do the same": the prepositional branch below
    if lemma in lex.xcomp_content_verbs and xcomp is not None and not prep_first:
        tokens = list(xcomp.subtree)
        if dobj is not None and dobj.i < xcomp.i:
            tokens = list(dobj.subtree) + tokens  # "urged Congress to act"
        elif (
            dobj is not None and dobj.left_edge.i == xcomp.right_edge.i + 1 and xcomp.right_edge.dep_ == "prt"
        ):
            # "threatened to strike over reported plans to ...": the parser made "over" a particle of
            # "strike" and hung its object on the cue; the object goes on the infinitive
            tokens += list(dobj.subtree)
        return _token_range_content(tokens, ctx), cue_end, "complement"
    # words between the verb and a preposition that may join the cue: adverbs, particles, and the verb's
    # other adverbial phrases ("talked openly on social media about", "spoke to reporters Friday about")
    adverbial: set[int] = set()
    if preps:
        adverbial = {
            t.i
            for c in children
            if c.i > verb.i and c.dep_ in ("prep", "npadvmod", "advmod", "prt")
            for t in c.subtree
        }
    for child in children:
        between = ctx.doc[verb.i + 1 : child.i] if child.i > verb.i else None
        if (
            child.dep_ in ("prep", "prt")
            and child.lower_ in preps
            and between is not None
            and all(t.pos_ in ("ADV", "PART") or t.i in adverbial for t in between)
            and len(between) <= 8
        ):  # "called for", "also called for"
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            tokens = list(pobj.subtree) if pobj is not None else []
            if any(t.lower_ in ("anonymity", "background") for t in tokens):
                continue  # "spoke on condition of anonymity": how the source talked, not what
            if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                continue  # "spoke on Saturday": when
            if pobj is not None and pobj.lemma_.lower() in _ASKING:
                continue  # "responded to requests for comment with a statement": what was asked, not said
            if pobj is not None and child.lower_ == "on" and _is_broadcast(pobj, lex):
                continue  # "Speaking on Fox News", "spoke on the radio": where, not what
            inner = next(
                (c for c in (pobj.children if pobj is not None else []) if c.dep_ in ("xcomp", "acl")), None
            )
            if xcomp is not None and pobj is not None:
                tokens += list(xcomp.subtree)  # "called on FEMA to conduct a review"
            elif inner is None and child.dep_ == "prt" and dobj is not None:
                tokens = list(dobj.subtree)  # "spoke out ... against X" / "lashed out at"
            if tokens:
                end = child.i + 1 if all(t.i >= cue_end for t in between) else cue_end
                return _token_range_content(tokens, ctx), max(cue_end, end), "complement"
    for child in children:  # "is calling for the United States to step up ...": "for" parsed as a mark
        mark = next((g for g in child.children if g.dep_ == "mark" and g.lower_ in preps), None)
        if (
            child.dep_ in ("advcl", "ccomp", "xcomp")
            and mark is not None
            and child.i > verb.i
            and all(t.pos_ in ("ADV", "PART") for t in ctx.doc[verb.i + 1 : mark.i])
        ):
            tokens = [t for t in child.subtree if t.i != mark.i]
            return _token_range_content(tokens, ctx), max(cue_end, mark.i + 1), "complement"
    if (
        lemma in lex.object_content_verbs
        and dobj is not None
        and dobj.dep_ == "dobj"
        and not (
            lemma in lex.denial_verbs
            and any(c.dep_ in ("dative", "iobj") or (c.dep_ == "dobj" and c.i != dobj.i) for c in children)
        )
    ):
        # ("denied him entry" refuses something; it denies no claim)
        if dobj.lower_ in _NON_CLAIMS or (
            lemma == "tell" and dobj.pos_ in ("PRON", "PROPN", "NOUN") and xcomp is None
        ) or (lemma == "ask" and dobj.lower_ in _ADDRESSEES and xcomp is None):
            return [], cue_end, ""  # ("They never asked us": whom, not what)
        subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if lemma in ("post", "tweet") and dobj.lemma_.lower() in _MEDIA_POSTED:
            return [], cue_end, ""  # "posted a video on Instagram saying ...": a thing shown, not said
        if lemma == "recall" and (
            any(c.dep_ in ("nummod", "quantmod") for c in dobj.subtree)
            or (subject is not None and classify_source(subject, None, lex, None) == "organization")
        ):
            return [], cue_end, ""  # "Summit Motors is recalling about 400,000 SUVs": products, not memories
        title = ctx.quote_at(dobj.idx)
        if title is not None and _looks_like_title(ctx.text[title.inner_start : title.inner_end]):
            return [], cue_end, ""  # "wrote “The Silent River”": a work, not a claim
        tokens = _without_channel(dobj, _without_aside(list(dobj.subtree)))
        predicate = [
            c
            for c in children
            if c.i > dobj.i and (c.dep_ in ("oprd", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as"))
        ]
        if lemma in _PREDICATIVE_VERBS and not predicate:
            return [], cue_end, ""  # "called a strike", "saw the film": no view without "X a liar"/"X as Y"
        for child in children:  # "called him a liar", "accused Clinton of lying", "described it as a hoax"
            if child.i > dobj.i and (
                child.dep_ in ("oprd", "ccomp")
                or (child.dep_ == "prep" and child.lower_ in ("as", "of", "for"))
            ):
                tokens += list(child.subtree)
        return _token_range_content(tokens, ctx), cue_end, "object"
    return [], cue_end, ""


_TITLE_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "and",
    "or",
    "to",
    "for",
    "at",
    "by",
    "with",
    "it",
    "is",
}


def _looks_like_title(inner: str) -> bool:
    """“The Silent River”, “Nobody Said It Was Easy”: short, every word capitalized, no sentence end."""
    words = inner.strip().split()
    if not words or len(words) > 8 or inner.rstrip()[-1:] in ".!?,;:":
        return False
    capitalized = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS or w is words[0]]
    return (
        len(capitalized) > 0
        and all(w[:1].isupper() or not w[:1].isalpha() for w in capitalized)
        and (len(words) > 1 or words[0].lower() not in ("no", "yes"))
    )


def _stray_that_clause(verb: Token) -> Token | None:
    """A that-clause the parser hung on a noun of the verb's own adverbials ("said ... during a news
    conference that he may wait"): a relative clause never has "that" as a subordinating mark."""
    for child in verb.rights:
        if child.dep_ not in ("prep", "npadvmod", "advmod"):
            continue
        for t in child.subtree:
            if t.dep_ in ("relcl", "acl") and (
                any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children) or _full_that_clause(t)
            ):
                return t
    return None


def _full_that_clause(clause: Token) -> bool:
    """"argues in a new book that the war could have been avoided": the parser made "that" the object of a
    relative clause, but the clause lacks nothing "that" could stand for: it has a subject of its own and
    is passive, or already has its object or predicate."""
    first = clause.left_edge
    if first.lower_ != "that" or first.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return False
    children = [c for c in clause.children if c.i != first.i]
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        return False
    return any(c.dep_ in ("auxpass", "dobj", "attr", "acomp") for c in children)


def _quote_covers(q: Quote, clause: Token, ctx: _Context) -> bool:
    """True when most of the clause, and its subject, lie inside quotation `q` (a direct quote, not a scare
    quote; "saying the party was “taking orders from Donald Trump”" quotes the party's doing, not the whole
    claim)."""
    tokens = [t for t in clause.subtree if not t.is_punct]
    if not tokens:
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and not q.start <= subject.idx < q.end:
        return False
    inside = sum(1 for t in tokens if q.start <= t.idx < q.end)
    return inside / len(tokens) >= 0.6


def _dateline_end(token: Token) -> int | None:
    """Where the wire dateline that `token` is the place of ends (a character offset), else None: the
    parser may take the place for a subject ("MOSCOW — Russia's Foreign Ministry on Monday summoned ...",
    "SAN JOSE, Calif., Oct. 28, 2026 /PRNewswire/ -- Acme Robotics, Inc. today announced ...")."""
    if not token.is_upper:
        return None
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].text in ("—", "–", "--", "-") and (
        token.i == 0 or "\n" in doc[token.i - 1].text_with_ws
    ):
        return doc[token.i + 1].idx + len(doc[token.i + 1].text)
    # a dateline starts its line and no match crosses a line break: the line's text is enough (joining
    # the whole document's for each capitalized subject, "I" among them, cost more than the match)
    first = token.i
    while first > 0 and "\n" not in doc[first - 1].text_with_ws:
        first -= 1
    last = token.i
    while last + 1 < len(doc) and "\n" not in doc[last].text_with_ws:
        last += 1
    before = doc[first - 1].text_with_ws if first > 0 else ""
    head = before[before.rfind("\n") + 1 :]  # what follows the line break in the token holding it
    line_start = doc[first].idx - len(head)
    match = DATELINE.match(head + doc[first : last + 1].text_with_ws)
    if match is None or token.idx - line_start >= match.end():
        return None
    return line_start + match.end()


def _past_dateline(subject: Token) -> Token | None:
    """The subject itself, or for a dateline the parser took for one the name after it ("WASHINGTON
    -- President Obama, dedicating ..., said": Obama, its apposition), else None."""
    end = _dateline_end(subject)
    if end is None:
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.idx >= end), None)


def _subject_after_dateline(verb: Token) -> Token | None:
    """"BOSTON, Jan. 8, 2026 /PRNewswire/ -- Northwind Health Inc. (NYSE: NWH) today announced ...": the
    parser may end a sentence after the name a dateline opens with; a verb opening the next one with no
    subject (only its own modifiers before it) is that name's."""
    if verb.dep_ != "ROOT":
        return None
    doc = verb.doc
    start = verb.sent.start
    if start == 0 or any(
        t.head.i != verb.i or t.dep_ not in ("advmod", "npadvmod", "aux", "neg", "punct")
        for t in doc[start : verb.i]
        if not t.is_space
    ):
        return None
    root = doc[start - 1].sent.root
    return _past_dateline(root) if _dateline_end(root) is not None else None


def _inherited_subject(verb: Token) -> Token | None:
    """Subject of the verb a participle or conjunct hangs on ("The Kremlin denied ..., saying ..."); for a
    channel's participle, of the verb the channel hangs on, however far ("responded to requests for comment
    with a short statement saying ...": the ministry's statement)."""
    head = verb.head
    steps = 8 if verb.dep_ == "acl" and head.lemma_.lower() in _CHANNELS else 4
    for _ in range(steps):
        subject = next(
            (
                who
                for c in head.children
                if c.dep_ in ("nsubj", "nsubjpass") and (who := _past_dateline(c)) is not None
            ),
            None,
        )
        if subject is not None:
            if subject.lower_ in ("who", "which", "that") and head.dep_ == "relcl":
                return head.head
            return subject
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _end_of_cue_phrase(verb: Token, ctx: _Context) -> int:
    """Character after the cue and its object/adverbials ("told reporters on Friday"), quotes excluded."""
    end = verb.idx + len(verb.text)
    for child in verb.rights:
        if child.dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod", "prt", "agent"):
            sub = list(child.subtree)
            if any(ctx.quote_at(t.idx) for t in sub):
                break
            end = max(end, sub[-1].idx + len(sub[-1].text))
        elif child.dep_ != "punct":
            break
    return end


def _headline_clause(verb: Token) -> Token | None:
    """"Trump to visit China in April, White House says": a headline's (or a lede's) clause before the
    comma and the closing "X says", which the parser hangs on the verb as an adverbial clause. Only when the
    sentence opens with that clause, has no subordinating word ("When asked about it, he said nothing"),
    and ends with the speaker and the verb."""
    sent = verb.sent
    rest = [t for t in verb.doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if rest:
        return None
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "parataxis") or clause.i > verb.i or clause.left_edge.i != sent.start:
            continue
        after = clause.right_edge.i + 1
        if after >= verb.i or verb.doc[after].text != ",":
            continue
        if any(c.dep_ in ("mark", "advmod") and c.tag_ in ("IN", "WRB") for c in clause.children):
            continue
        return clause
    return None


def _object_as_subject(verb: Token, clause: Token) -> Token | None:
    """In "had forecast inflation would hold at 3.6%" the parser makes "inflation" the verb's object and
    leaves the reported clause without a subject: the object right before a subjectless clause is its
    subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if obj is None or obj.right_edge.i + 1 != clause.left_edge.i:
        return None
    return obj


def _clause_content(clause: Token, ctx: _Context, *, subject: Token | None = None) -> list[tuple[int, int]]:
    # "... that the talks had collapsed, citing two diplomats": the citation is not part of the claim; nor
    # is a trailing "..., saying it is all about management": that is a statement of its own.
    lex = ctx.lexicon
    drop = {
        t.i
        for c in clause.subtree
        if _is_citation(c)
        or _is_trailing_report(c, clause, lex)
        or _is_writers_contrast(c, clause)
        or _is_writers_check(c)
        for t in c.subtree
    }
    for c in clause.children:  # "said the plan was flawed and urged ...": the speaker's next act
        if _speakers_next_act(c, ctx) is not None:
            drop.update(t.i for t in c.subtree)
            before = c.left_edge.i - 1  # and the "and" joining it
            drop.update(x.i for x in clause.children if x.dep_ in ("cc", "punct") and x.i == before)
    tokens = [t for t in clause.subtree if t.i not in drop]
    if subject is not None:
        tokens = list(subject.subtree) + tokens
    while tokens and (
        tokens[0].is_punct
        or (tokens[0].lower_ in _MARKS and tokens[0].dep_ == "mark")
        # "told the board that the change could help": the parser may read the complementizer as an
        # object (or an adverb), when the clause has a subject of its own after it
        or (
            tokens[0].lower_ == "that"
            and (tokens[0].dep_ in ("dobj", "nsubj") or tokens[0].pos_ == "SCONJ")
            and tokens[0].head.i == clause.i
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tokens[0].i for c in clause.children)
        )
    ):
        q = ctx.quote_at(tokens[0].idx) if tokens[0].is_quote else None
        if q is not None and q.start == tokens[0].idx and q.end < tokens[-1].idx:
            break  # 'that “all options remain on the table” ahead of the budget': its quote opens here
        tokens = tokens[1:]
    return _token_range_content(tokens, ctx)


_PAST = {"VBN": "VBD"}


def _speakers_next_act(verb: Token, ctx: _Context, *, any_verb: bool = False) -> Token | None:
    """The cue verb whose speaker also did `verb`, where the parser hung `verb` on the reported clause:
    in "He said the plan was flawed and urged lawmakers to reject it" en_core_web_sm makes "urged" a
    conjunct of "was", but a plan urges nothing. Taken so when `verb` is a cue verb in the cue's tense with
    no subject or auxiliary of its own, conjoined to the clause a cue verb reports, whose subject cannot
    hold a view (a clause about a person, "said the company had acted legally and denied ...", is left as
    the parser has it: the company may have denied), or whose verb is quoted and `verb` is not ("wrote that
    the department “owes the public a full accounting” and demanded ...": the quotation ends the clause).
    `any_verb`: `verb` need not be a cue verb ("said talks were under way but declined to name any")."""
    lex = ctx.lexicon
    clause = verb.head
    cue = clause.head
    lemma = verb.lemma_.lower()
    if not (
        verb.dep_ == "conj"
        and verb.pos_ == "VERB"
        and verb.i > clause.i
        and clause.dep_ == "ccomp"
        and (any_verb or lemma in lex.reporting_verbs or lemma in lex.extended_verbs)
        # (a bare "-ed" form is a past tense whatever the tagger says: "insisted ... and predicted" is
        # often tagged VBD ... VBN; an auxiliary, which would make it a participle, is refused below)
        and _PAST.get(verb.tag_, verb.tag_) == _PAST.get(cue.tag_, cue.tag_)
        and cue.lemma_.lower() in lex.reporting_verbs
    ):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children):
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if _could_be_source(subject, lex):
        quote = ctx.quote_at(clause.idx)
        if quote is None or quote.end > verb.idx or ctx.quote_at(verb.idx) is not None:
            return None
    return cue


def _is_trailing_report(token: Token, clause: Token, lex: Lexicon) -> bool:
    """A participle of speech after a comma inside a reported clause ("..., saying ...", "..., referring")."""
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("advcl", "xcomp", "conj")
        and token.i > clause.i
        and token.i > 0
        and token.doc[token.i - 1].text == ","
        and (token.lemma_.lower() in lex.reporting_verbs or token.lemma_.lower() in lex.extended_verbs
             or token.lemma_.lower() == "refer")
    )


_CONTRAST_MARKS = {"while", "whereas", "though", "although"}


def _is_writers_contrast(token: Token, clause: Token) -> bool:
    """", while 4 in 10 want one with experience" after a poll's finding: the writer's comparison, set off
    by a comma, not part of what the source said."""
    return (
        token.dep_ == "advcl"
        and token.head.i == clause.i
        and token.i > clause.i
        and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in token.children)
        and token.left_edge.i > 0
        and token.doc[token.left_edge.i - 1].text == ","
    )


_BROADCASTS = frozenset({
    "radio", "television", "tv", "air", "camera", "program", "programme", "show", "podcast", "broadcast",
    "network", "channel", "livestream", "stream",
})


def _is_broadcast(pobj: Token, lex: Lexicon) -> bool:
    """Whether "on X" after a verb of speaking names where it was said: a news outlet ("Fox News", "CNN")
    or a medium ("the radio", "a podcast")."""
    return pobj.lemma_.lower() in _BROADCASTS or lex.names_outlet(
        [t.lower_ for t in pobj.subtree if t.pos_ == "PROPN"]
    )


_CHECKING = frozenset({"verify", "confirm", "corroborate", "substantiate"})


def _is_writers_check(token: Token) -> bool:
    """"..., a claim that could not be independently verified", "..., which Moscow did not confirm": the
    writer's note on whether what was said holds, set off by a comma, not part of it."""
    return (
        token.dep_ in ("appos", "relcl")
        and token.left_edge.i > 0
        and token.doc[token.left_edge.i - 1].text == ","
        and any(t.lemma_.lower() in _CHECKING for t in token.subtree)
    )


# Where something was said: "defended the decision in a lengthy statement", "in an interview", "in a post"
_CHANNELS = frozenset({
    "statement", "interview", "letter", "speech", "post", "tweet", "email", "e-mail", "op-ed", "briefing",
    "conference", "hearing", "appearance", "video", "broadcast", "address", "memo", "release", "message",
    "podcast", "column", "editorial", "remarks", "testimony",
})


def _without_channel(obj: Token, tokens: list[Token]) -> list[Token]:
    """An object without the phrase after it saying where it was said ("defended the decision in a lengthy
    statement": the decision is what was defended; the parser hangs the statement on it)."""
    drop: set[int] = set()
    for prep in obj.rights:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "at") and pobj is not None and (
            pobj.lemma_.lower() in _CHANNELS
        ):
            drop.update(t.i for t in prep.subtree)
    return [t for t in tokens if t.i not in drop] if drop else tokens


def _without_aside(tokens: list[Token]) -> list[Token]:
    """An object without a comma-separated clause about it ("the reason, which had been in the works since
    the summer"): the claim is about the thing, the aside is the writer's."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.dep_ in ("relcl", "acl", "advcl") and t.i - 1 in ids and any(
                x.text == "," for x in t.doc[max(0, t.left_edge.i - 1):t.left_edge.i]):
            ids -= {x.i for x in t.subtree}
    return [t for t in tokens if t.i in ids]


def _relative_speech(verb: Token, lex: Lexicon) -> bool:
    """A relative clause with speech in it, misread as a that-clause: in "blamed the apps, that it said
    were overloading the processor" the clause "said" reports has no subject: its subject is the apps."""
    return verb.lemma_.lower() in lex.reporting_verbs and any(
        c.dep_ == "ccomp" and not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children)
        for c in verb.children
    )


def _is_citation(token: Token) -> bool:
    return (token.lemma_.lower() == "cite" and token.tag_ == "VBG") or (
        token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)
    )


def _token_range_content(tokens: list[Token], ctx: _Context) -> list[tuple[int, int]]:
    """Character ranges of a (possibly gappy) token list, edge punctuation trimmed."""
    if not tokens:
        return []
    tokens = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = [[tokens[0]]]
    for t in tokens[1:]:
        if t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    out = []
    for run in runs:
        while run and (run[0].is_space or run[0].text in _EDGE_PUNCT or run[0].text in _CLOSE_QUOTES - {'"'}):
            run = run[1:]
        while run and (
            run[-1].is_space
            or run[-1].text in _EDGE_PUNCT
            or run[-1].text in _END_PUNCT
            or run[-1].text in _OPEN_QUOTES - {'"'}
            or (run[-1].dep_ == "cc" and len(run) > 1)  # "... restore service but | warned that ...": the
        ):  # conjunction before the next verb is not what was said
            run = run[:-1]
        if not run:
            continue
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        text = ctx.text
        dateline = DATELINE.match(text, start, end) if start == ctx.paragraph_start(start) else None
        if dateline is not None and dateline.end() < end:
            start = dateline.end()  # "WASHINGTON (AP) — Donald Trump has invested ...": where, not what
        while end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum():
            end += 1  # "re-election" cut after "re" by the parser: keep the word whole
            while end < len(text) and text[end].isalnum():
                end += 1
        # Keep quote marks balanced: a quotation the content opens and its words end takes its closing mark
        # (and the punctuation before it); one it closes and its words start takes its opening mark.
        last = ctx.quote_at(end - 1)
        if last is not None and start <= last.start and end < last.end and (
            not text[end : last.inner_end].strip(".,!?")
        ):
            end = last.end
        first = ctx.quote_at(start)
        if first is not None and first.start < start and first.end <= end and (
            not text[first.inner_start : start].strip()
        ):
            start = first.start
        out.append((start, end))
    return out


def _plea(verb: Token, ctx: _Context) -> _Found | None:
    """"Walsh pleaded not guilty to federal charges that he accepted bribes": a denial of the charges (cue
    lemma "plead not guilty", a denial verb); "pleaded guilty to fraud": an admission of it. A plea with
    nothing it answers ("pleaded guilty in June") is no attribution."""
    doc = verb.doc
    verdict = next((t for t in doc[verb.i + 1 : verb.i + 4] if t.lower_ in ("guilty", "innocent")), None)
    if verdict is None:
        return None
    denial = verdict.lower_ == "innocent" or doc[verdict.i - 1].lower_ == "not"
    to = next((c for c in (*verb.children, *verdict.children) if c.dep_ == "prep" and c.lower_ == "to"), None)
    charge = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if charge is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None) or _inherited_subject(verb)
    return _Found(
        cue=(_with_auxiliaries(verb, verb.i), verdict.i + 1),
        cue_lemma="plead not guilty" if denial else "plead guilty",
        source=find_source_span(subject) if subject is not None else None,
        source_head=subject.i if subject is not None else None,
        content=_token_range_content(list(charge.subtree), ctx),
        rule="verb",
        confidence=0.7,
    )


def _nominal_attribution(noun: Token, ctx: _Context) -> _Found | None:
    """'The ministry’s claim that the vote was fair', 'reports that the general was wounded'; not the
    channel of a reporting verb ("said in a statement that ...": the verb's attribution holds the clause)."""
    if (
        noun.dep_ == "pobj"
        and noun.head.dep_ == "prep"
        and noun.head.head.lemma_.lower() in ctx.lexicon.reporting_verbs
        and noun.head.head.pos_ == "VERB"
    ):
        return None
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    content = _clause_content(clause, ctx)
    if not content:
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        holder = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    source = None
    if holder is not None:
        start, end = find_source_span(holder)
        while end > start and ctx.doc[end - 1].dep_ == "case":  # "The ministry’s" -> "The ministry"
            end -= 1
        source = (start, end)
    return _Found(
        cue=(noun.i, noun.i + 1),
        cue_lemma=noun.lemma_.lower(),
        source=source,
        source_head=holder.i if holder is not None else None,
        content=content,
        rule="nominal",
        confidence=0.7 if source else 0.5,
    )


# Nouns that make "make" a reporting verb: "made the case that", "made no mention of", "made allegations
# against". The nominal cues count too ("made a statement", "made the claim that").
_LIGHT_NOUNS = frozenset({
    "case", "mention", "observation", "point", "allegation", "accusation", "argument", "claim", "comment",
    "remark", "statement", "promise", "pledge", "threat", "prediction", "announcement", "assertion",
    "suggestion", "admission", "denial", "appeal", "plea", "vow", "charge",
})
# ("to" with a noun is whom it was made to: "made a promise to working people"; its infinitive is the content)
_LIGHT_PREPS = ("of", "against", "for", "about", "on", "that")


def _light_noun(verb: Token, lex: Lexicon) -> Token | None:
    """The object of "make" that turns it into a cue ("made the case", "made no mention"), or None."""
    for child in verb.children:
        # "made the case to grant amnesty" parses as a small clause: "case" is the subject of "grant"
        nouns = [child] if child.dep_ == "dobj" else [g for g in child.children if g.dep_ == "nsubj"]
        if child.dep_ not in ("dobj", "ccomp"):
            continue
        for noun in nouns:
            lemma = noun.lemma_.lower()
            if noun.pos_ == "NOUN" and (lemma in _LIGHT_NOUNS or lemma in lex.nominal_cues):
                return noun
    return None


def _light_verb_attribution(verb: Token, noun: Token, ctx: _Context) -> _Found | None:
    """'Trump made no mention of Jeb Bush', 'He made the observation that ...', 'made the case to grant
    amnesty': the content is the noun's that-clause, its to-infinitive, or the object of its preposition;
    the cue runs from the verb (with its auxiliaries) to the noun (`_light_noun`) and that preposition."""
    cue_end = noun.i + 1
    content: list[tuple[int, int]] = []
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    infinitive = next((c for head in (noun, verb) for c in head.children
                       if c.dep_ in ("acl", "xcomp", "advcl") and c.i > noun.i
                       and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
    if noun.dep_ == "nsubj":  # the small clause "the case to grant amnesty": the rest of it
        inside = {t.i for t in noun.subtree}
        content = _token_range_content([t for t in noun.head.subtree if t.i not in inside], ctx)
    elif clause is not None:
        content = _clause_content(clause, ctx)
    elif noun.lemma_.lower() == "point":
        return None  # "made a point of visiting": an idiom for doing, not saying
    elif infinitive is not None:
        content = _token_range_content(list(infinitive.subtree), ctx)
    else:
        for head in (noun, verb):
            prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in _LIGHT_PREPS
                         and c.i > noun.i), None)
            pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
            if prep is not None and pobj is not None:
                if pobj.ent_type_ in ("DATE", "TIME"):
                    return None  # "has been making the case for weeks"
                content = _token_range_content(list(pobj.subtree), ctx)
                if prep.i == noun.i + 1:  # "made no mention of": the preposition joins the cue
                    cue_end = prep.i + 1
                break
    if not content:  # "I will make this promise to you: We will achieve justice": what follows the colon
        content = _after_colon(noun, verb, ctx)
    if not content:
        return None
    cue_start = _with_auxiliaries(verb, verb.i)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "conj":
        subject = _inherited_subject(verb)
    if subject is None or subject.lower_ in ("who", "which", "that", "it"):
        return None
    return _Found(
        cue=(cue_start, cue_end),
        cue_lemma=f"make {noun.lemma_.lower()}",
        source=find_source_span(subject),
        source_head=subject.i,
        content=content,
        rule="light-verb",
        confidence=0.6,
    )


def _after_colon(noun: Token, verb: Token, ctx: _Context) -> list[tuple[int, int]]:
    """The rest of the sentence (or of the quotation holding it) after the colon that ends the light verb's
    phrase: nothing but the noun's and the verb's prepositional phrases ("to you") between them."""
    doc = ctx.doc
    phrase = {t.i for t in noun.subtree} | {
        t.i for c in verb.children if c.dep_ == "prep" and c.i > noun.i for t in c.subtree
    }
    colon = next((t for t in doc[noun.i + 1 : noun.sent.end] if t.i not in phrase), None)
    if colon is None or colon.text != ":":
        return []
    quote = ctx.quote_at(colon.idx)
    end = min(colon.sent.end_char, quote.end if quote is not None else len(ctx.text))
    tokens = [t for t in doc[colon.i + 1 : colon.sent.end] if t.idx < end and not (t.is_quote or t.is_space)]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return _token_range_content(tokens, ctx) if tokens else []


def _according_to(token: Token, ctx: _Context) -> _Found | None:
    to = next(c for c in token.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = token.head
    # The claim is the clause "according to" modifies, minus the phrase itself.
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and head.head.i != head.i:
        head = head.head
    doc = token.doc
    if (
        head.dep_ == "ccomp"
        and head.head.dep_ == "ROOT"
        and token.i > 0
        and doc[token.i - 1].text == ","
        and all(t.is_punct or t.is_space for t in doc[token.right_edge.i + 1 : token.sent.end])
        and not any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() not in ("it", "there")
                    for c in head.head.children)
    ):
        # "It is unclear whether a final rule would survive, according to X": the parser hangs the phrase
        # on the clause, but at the end of the sentence it attributes the sentence (not a speaker's "A said
        # B, according to X")
        head = head.head
    content = _clause_without(head, token, ctx)
    if not content:
        return None
    return _Found(
        cue=(token.i, to.i + 1),
        cue_lemma="according to",
        source=find_source_span(pobj, with_participles=True),
        source_head=pobj.i,
        content=content,
        rule="according-to",
        confidence=0.85,
    )


def _clause_without(clause: Token, aside: Token, ctx: _Context) -> list[tuple[int, int]]:
    """The words of `clause` but those of an `aside` in it ("according to X", "as X put it")."""
    skip = {t.i for t in aside.subtree}
    return _token_range_content([t for t in clause.subtree if t.i not in skip], ctx)


def _in_the_words_of(token: Token) -> Token | None:
    """The speaker of "in the words of X" when `token` is its "words"; else None."""
    if token.lower_ != "words" or token.head.lower_ != "in" or token.head.dep_ != "prep":
        return None
    of = next((c for c in token.children if c.lower_ == "of" and c.dep_ == "prep"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _as_put_it(token: Token) -> Token | None:
    """The speaker of "as X put it" when `token` is its "put"; else None."""
    if (
        token.lemma_.lower() != "put"
        or token.dep_ != "advcl"
        or not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    ):
        return None
    return next((c for c in token.children if c.dep_ == "nsubj"), None)


def _attributing_aside(token: Token, ctx: _Context) -> _Found | None:
    """"In the words of one aide, the campaign was “running on fumes.”", "As the mayor put it, “We are not
    going to let this city fail.”": like "according to", the aside attributes the clause it hangs on."""
    speaker = _in_the_words_of(token)
    if speaker is not None:
        of = next(c for c in token.children if c.lower_ == "of")
        aside, cue, lemma = token.head, (token.head.i, of.i + 1), "according to"  # "In the words of"
    else:
        speaker = _as_put_it(token)
        it = next(c for c in token.children if c.dep_ == "dobj")
        aside, cue, lemma = token, (token.i, it.i + 1), "put"  # "put it"
    if speaker is None:
        return None
    content = _clause_without(aside.head, aside, ctx)
    if not content:
        return None
    return _Found(
        cue=cue,
        cue_lemma=lemma,
        source=find_source_span(speaker),
        source_head=speaker.i,
        content=content,
        rule="according-to",
        confidence=0.8,
    )


_CITING_VERBS = frozenset({"cite", "quote"})


def _cited_as_saying(found: list[_Found], ctx: _Context) -> list[_Found]:
    """"The report cited an unnamed official as saying the strike happened", "The newspaper quoted a
    senior official as saying ...": the official said it (cue "as saying"), and the report or newspaper
    relays it (cue "cited", "quoted", the same content), the official its cited source (``cites``), as with
    "..., citing several officials". The parser hangs "saying" on "as", so the rules alone found a
    saying with no source and a citing whose content was the official."""
    doc = ctx.doc
    out = list(found)
    for said in found:
        if said.cue is None or said.parent is not None:
            continue
        verb = doc[said.cue[1] - 1]
        prep = verb.head
        relay = prep.head
        dobj = next((c for c in relay.children if c.dep_ == "dobj"), None)
        if not (
            verb.dep_ == "pcomp"
            and prep.lower_ == "as"
            and prep.dep_ == "prep"
            and relay.lemma_.lower() in _CITING_VERBS
            and dobj is not None
            and dobj.i < prep.i
            and said.content
        ):
            continue
        subject = next((c for c in relay.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        parent = next((f for f in out if f.cue is not None and f.cue[0] <= relay.i < f.cue[1]), None)
        if parent is None:
            parent = _Found(
                cue=(_with_auxiliaries(relay, relay.i), relay.i + 1),
                cue_lemma=relay.lemma_.lower(),
                source=find_source_span(subject) if subject is not None else None,
                source_head=subject.i if subject is not None else None,
                content=list(said.content),
                rule="verb",
                confidence=0.8,
            )
            out.insert(next(k for k, f in enumerate(out) if f is said), parent)
        else:
            parent.content = list(said.content)
            parent.quote = said.quote
        said.cue = (prep.i, said.cue[1])
        said.source, said.source_head = find_source_span(dobj), dobj.i
        said.parent, said.relation, said.rule = parent, "cites", "citing"
    return out


def _citing(token: Token, ctx: _Context, by_cue: dict[int, _Found]) -> _Found | None:
    dobj = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
    if dobj is None:
        return None
    parent = None
    head = token.head
    for _ in range(3):
        parent = by_cue.get(head.i)
        if parent is not None or head.head.i == head.i:
            break
        head = head.head
    if _is_reason(dobj, ctx.lexicon):
        return _citing_a_reason(token, dobj, ctx, parent)
    source = find_source_span(dobj)
    if parent is not None:
        return _Found(
            cue=(token.i, token.i + 1),
            cue_lemma="cite",
            source=source,
            source_head=dobj.i,
            content=list(parent.content),
            rule="citing",
            confidence=0.8,
            parent=parent,
            quote=parent.quote,
            relation="cites",
        )
    # "Prices rose, citing ...": no reporting verb above; the clause it modifies is the claim.
    skip = {t.i for t in token.subtree}
    content = _token_range_content([t for t in token.head.subtree if t.i not in skip], ctx)
    return _cited(token, source, dobj.i, content, 0.6)


def _cited(
    token: Token, source: tuple[int, int], source_head: int, content: list[tuple[int, int]], confidence: float
) -> _Found | None:
    """The top-level attribution of a "citing" (no reporting verb above it), or None without a content."""
    if not content:
        return None
    return _Found(
        cue=(token.i, token.i + 1),
        cue_lemma="cite",
        source=source,
        source_head=source_head,
        content=content,
        rule="citing",
        confidence=confidence,
    )


# What a "citing" may name as its source besides people, bodies and documents: what they said or gave
_CITED_INFORMATION = frozenset({
    "evidence", "testimony", "estimate", "interview", "intelligence", "account", "transcript", "information",
    "source", "finding", "projection", "forecast", "calculation", "assessment", "briefing", "reporting",
})


# Endings of abstract nouns: states, qualities, processes ("enrollment", "inequality", "growth"), never
# someone who speaks
_ABSTRACT_ENDINGS = ("ment", "tion", "sion", "ity", "ness", "ance", "ence", "ancy", "ency", "ism", "th")


def _is_reason(cited: Token, lex: Lexicon) -> bool:
    """Whether what a "citing" names is a reason ("citing falling enrollment and a budget gap") rather than
    a source ("citing two diplomats", "citing a senior commander", "citing a report"): a word of the
    lexicon's reasons, or, for it or a noun joined to it, an abstract noun that is neither someone who can
    speak nor a document, a statement or information."""
    lemma = cited.lemma_.lower()
    if cited.lower_ in lex.cited_reasons or lemma in lex.cited_reasons:
        return True
    if cited.pos_ != "NOUN" or _could_be_source(cited, lex) or lemma in lex.documents:
        return False
    for noun in (cited, *cited.conjuncts):
        word = noun.lemma_.lower()
        if (
            noun.pos_ == "NOUN"
            and word.endswith(_ABSTRACT_ENDINGS)
            and word not in lex.documents
            and word not in lex.nominal_cues
            and word not in _CITED_INFORMATION
        ):
            return True
    return False


def _citing_a_reason(token: Token, reason: Token, ctx: _Context, parent: _Found | None) -> _Found | None:
    """"Judge blocks law, citing likely harm to patients": what is cited is no source but a reason, which
    the one who acts (or speaks) gives: their attribution, with the reason as its content."""
    if parent is not None and parent.source is not None and parent.source_head is not None:
        source, source_head = parent.source, parent.source_head
    elif token.head.lemma_.lower() in ("decline", "refuse") and token.head.i < token.i:
        return None  # "declined to comment, citing department policy": why it says nothing, no claim
    else:
        # ("The board voted to close two schools, citing ...": the subject of the verb "close" hangs on)
        subject = _inherited_subject(token)
        if subject is None or not _could_be_source(subject, ctx.lexicon):
            return None
        source, source_head = find_source_span(subject), subject.i
    content = _token_range_content([t for t in token.subtree if t.i >= reason.left_edge.i], ctx)
    return _cited(token, source, source_head, content, 0.5)


def _quote_goes_on(text: str, q: Quote) -> bool:
    """Whether the line goes on in words after a quotation that does not end a sentence: in "Sanders: ‘It
    Is Not A Radical Idea’ To Ask For A $15 Minimum Wage" the quotation is part of what the line says."""
    inner = text[q.inner_start : q.inner_end].rstrip()
    if inner.endswith((".", "!", "?", ",", "…")):
        return False
    line_end = text.find("\n", q.end)
    return any(c.isalnum() for c in text[q.end : len(text) if line_end < 0 else line_end])


def _colon_or_dash(sent: object, ctx: _Context, found: list[_Found]) -> list[_Found]:
    """'Peskov: “...”' and '“...” — Peskov': a name joined to a quotation by a colon or a dash."""
    from spacy.tokens import Span as SpacySpan

    assert isinstance(sent, SpacySpan)
    used = {c for f in found for c in f.content}
    out: list[_Found] = []
    doc = ctx.doc
    for q in ctx.quotes:
        if not (sent.start_char <= q.start < sent.end_char) or (q.start, q.end) in used:
            continue
        # Colon before: the tokens before the colon are a name or short noun phrase with no verb.
        colon = ctx.text.rfind(":", sent.start_char, q.start)
        if colon >= 0 and _COLON_GAP.match(ctx.text[colon : q.start]) and not _quote_goes_on(ctx.text, q):
            span = doc.char_span(sent.start_char, colon, alignment_mode="contract")
            if (
                span is not None
                and 0 < len(span) <= 9
                and not any(t.pos_ in ("VERB", "AUX") for t in span)
                and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in span)
            ):
                # "The prime minister on the rail strike: “...”": the speaker is the head noun phrase.
                start, end, head = _speaker_before_colon(span)
                mark = doc.char_span(colon, colon + 1)
                out.append(
                    _Found(
                        # the colon is what attributes the quotation (PolNeAR marks it as the cue too)
                        cue=(mark.start, mark.end) if mark is not None else None,
                        cue_lemma=":" if mark is not None else None,
                        source=(start, end),
                        source_head=head.i,
                        content=[(q.start, q.end)],
                        rule="colon",
                        confidence=0.7,
                        quote=q,
                    )
                )
                continue
        # Dash after: “...” — Peskov. (The parser often ends the sentence at the closing mark.)
        line_end = ctx.text.find("\n", q.end)
        line_end = len(ctx.text) if line_end < 0 else line_end
        rest = ctx.text[q.end : min(line_end, q.end + 80)]
        m = re.match(rf"^[\s,]*([{DASHES}]+)\s*", rest)
        if m:
            tail = doc.char_span(q.end + m.end(), q.end + len(rest), alignment_mode="contract")
            if tail is not None:
                words = [t for t in tail if not t.is_punct and not t.is_space]
                if (
                    0 < len(words) <= 6
                    and not any(t.pos_ in ("VERB", "AUX") for t in words)
                    and (
                        any(t.ent_type_ in ("PERSON", "ORG") for t in words)
                        # a name the entity recognizer missed: "― Nell Carden Grey"
                        or (
                            len(words) <= 4
                            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
                        )
                    )
                ):
                    head = tail.root
                    dash = doc.char_span(q.end + m.start(1), q.end + m.end(1), alignment_mode="contract")
                    dash = dash if dash is not None and len(dash) == 1 else None
                    out.append(
                        _Found(
                            cue=(dash.start, dash.end) if dash is not None else None,
                            cue_lemma=dash.text if dash is not None else None,
                            source=(words[0].i, words[-1].i + 1),
                            source_head=head.i,
                            content=[(q.start, q.end)],
                            rule="dash",
                            confidence=0.7,
                            quote=q,
                        )
                    )
    return out


def _speaker_before_colon(span: SpacySpan) -> tuple[int, int, Token]:
    """The speaker in the words before a colon: the head noun phrase up to its first prepositional phrase
    ("The prime minister on the rail strike: “...”" -> "The prime minister"); (start, end, head)."""
    head = span.root
    end = min([c.i for c in head.rights if c.dep_ == "prep" and c.i >= span.start] + [span.end])
    return span.start, end, head


# Labels before a colon that name a section or a field, not a speaker ("The Latest: ...", "UPDATE: ...").
_KICKER = re.compile(r"([^:\n]{1,30}):\s+")


def _without_kicker(text: str, start: int, end: int) -> tuple[int, int]:
    """A content opening its line with a kicker ("Exclusive: Apple in talks to buy ...", "World: ...")
    starts after it."""
    m = _KICKER.match(text, start, end)
    if m is None or (start and text[start - 1] != "\n") or m.group(1).strip().lower() not in _LABELS:
        return start, end
    return (m.end(), end) if m.end() < end else (start, end)


_LABELS = frozenset({
    "the latest", "latest", "update", "updated", "correction", "clarification", "editor's note",
    "editor’s note", "note", "previously", "related", "read more", "more", "watch", "video", "photo",
    "photos", "source", "sources", "credit", "follow", "online", "transcript", "partial transcript",
    "name", "age", "city", "job", "pay", "exclusive", "breaking", "breaking news", "live", "opinion",
    "analysis", "warning", "disclaimer", "subscribe", "q", "a", "question", "answer", "delegate update",
    "also on huffpost", "see also",
    # a site's sections and kinds of piece, as kickers before a headline ("World: Leaders meet in Paris")
    "world", "world news", "u.s.", "us", "u.s. news", "us news", "nation", "national", "local", "metro",
    "politics", "business", "economy", "markets", "money", "finance", "tech", "technology", "science",
    "health", "sports", "sport", "entertainment", "culture", "arts", "books", "lifestyle", "travel", "food",
    "style", "media", "climate", "environment", "education", "europe", "asia", "africa", "americas",
    "middle east", "uk", "editorial", "commentary", "column", "review", "explainer", "fact check",
    "podcast", "quiz", "obituary", "letters", "in pictures", "gallery", "sponsored",
    "advertisement", "special report", "investigation", "newsletter", "briefing", "interview",
    "live updates", "timeline",
    # the signposts of explanatory news ("The big picture: Inflation is cooling ...")
    "the big picture", "big picture", "why it matters", "by the numbers", "between the lines",
    "the bottom line", "bottom line", "go deeper", "what's next", "what’s next", "driving the news",
    "state of play", "reality check", "flashback", "context", "background", "details", "the details",
    "key points", "takeaways", "key takeaways", "the takeaway", "summary", "catch up quick", "zoom in",
    "zoom out", "yes, but", "the other side", "of note", "what we know", "what to watch", "the intrigue",
    "be smart", "the backdrop", "what they're saying", "what they’re saying",
})
_LINE_LABEL_TOKENS = 7
# What an explainer's headline says after its topic ("Riverton spill: what we know", "Ukraine war: live
# updates", "Budget vote: everything you need to know"): no one's words
_EXPLAINER_TAIL = re.compile(
    r"(?:what|everything|all)\b.{0,30}\b(?:know|watch|expect)\b|"
    r"(?:live(?: updates| blog)?|latest(?: news| updates)?|in (?:photos|pictures|maps|charts)|timeline|"
    r"how it (?:happened|unfolded)|questions and answers|q&a|key facts)\W*$",
    re.IGNORECASE,
)


def _line_colon(sent: object, ctx: _Context, found: list[_Found]) -> list[_Found]:
    """'Graham: Trump's Rhetoric Destroying GOP's Chance', 'TAPPER: And obviously, ...': a line that opens
    with a speaker's name and a colon (headlines, transcripts) attributes the rest of the line to them."""
    from spacy.tokens import Span as SpacySpan

    assert isinstance(sent, SpacySpan)
    text, doc = ctx.text, ctx.doc
    line_start = ctx.paragraph_start(sent.start_char)
    opening = text[line_start : sent.start_char]
    if opening.strip(" \t\"“‘'") or (found and any(c[0] < ctx.paragraph_end(line_start) for f in found
                                                      for c in f.content if c[1] > line_start)):
        return []  # not the line's first sentence, or the line already holds an attribution
    line_end = ctx.paragraph_end(line_start)
    colon = text.find(":", sent.start_char, min(line_end, sent.start_char + 80))
    if colon < 0:
        return []
    label = doc.char_span(sent.start_char, colon, alignment_mode="contract")
    content_start = colon + 1
    while content_start < line_end and text[content_start].isspace():
        content_start += 1
    content_end = line_end
    while content_end > content_start and text[content_end - 1] in " \t.":
        content_end -= 1
    words = [t for t in label if not t.is_punct] if label is not None else []
    if (
        label is None
        or not 0 < len(words) <= _LINE_LABEL_TOKENS
        or not words[0].text[:1].isupper()
        or words[0].lower_ in ("follow", "contact", "email", "reach")  # "Follow X on Twitter: @x"
        or words[0].lower_ in ("our", "my")  # "Our rating: False.": the writer's own verdict
        or label.text.strip(" \"“‘'").lower() in _LABELS
        or any(t.pos_ in ("VERB", "AUX") or t.like_num or t.like_url for t in label)
        or not any(t.pos_ in ("PROPN", "NOUN") for t in label)
        or content_end - content_start < 12
        or len(text[content_start:content_end].split()) < 2  # "Media Contact: press@acme.com"
        or _EXPLAINER_TAIL.match(text, content_start, content_end) is not None
        or not any(c.isalpha() for c in text[content_start:content_end])
        or ctx.skipped(line_start, line_end)
    ):
        return []
    mark = doc.char_span(colon, colon + 1)
    if mark is None:
        return []
    start, end, head = _speaker_before_colon(label)
    if head.lemma_.lower() in ctx.lexicon.event_nouns or head.lower_ in ctx.lexicon.event_nouns:
        return []  # "Village strike: death toll disputed": the story's topic, no speaker
    return [
        _Found(
            cue=(mark.start, mark.end),
            cue_lemma=":",
            source=(start, end),
            source_head=head.i,
            content=[(content_start, content_end)],
            rule="line-colon",
            confidence=0.6,
        )
    ]


def _cueless_hedges(sent: object, ctx: _Context, found: list[_Found]) -> list[_Found]:
    """'The talks reportedly addressed ...': a report with no cue verb, its source from context."""
    from spacy.tokens import Span as SpacySpan

    assert isinstance(sent, SpacySpan)
    out: list[_Found] = []
    for token in sent:
        if token.lower_ not in ctx.lexicon.cueless_hedges or token.dep_ != "advmod":
            continue
        if any(f.content[0][0] <= token.idx < f.content[-1][1] for f in found) or any(
            f.cue and f.cue[0] <= token.head.i < f.cue[1] for f in found
        ):
            continue  # already inside a reported clause: the word is just a hedge there
        head = token.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        tokens = [t for t in head.subtree if t.i != token.i]
        content = _token_range_content(tokens, ctx)
        if content:
            out.append(
                _Found(
                    cue=(token.i, token.i + 1),
                    cue_lemma=token.lower_,
                    source=None,
                    source_head=None,
                    content=content,
                    rule="hedged",
                    confidence=0.6,
                )
            )
    return out


def _quotations_of(found: list[_Found]) -> set[Quote]:
    """The quotations the attributions found so far are made of."""
    return {q for f in found for q in (f.quote, f.second_quote) if q is not None}


def _join_run_on_quotations(found: list[_Found], ctx: _Context) -> None:
    """A quotation left open at the end of its paragraph runs on into the next one (news style: each
    paragraph of one speaker's quote opens with a mark, only the last closes): when the next paragraph's
    quotation is someone's, the open one is theirs too, the first piece of their content ("“We looked at
    every option. …¶“In the end, this was the only choice,” she said.")."""
    used = _quotations_of(found)
    by_start = {f.content[0][0]: f for f in found if f.quote is not None and f.parent is None and f.content}
    # paragraphs holding a cue: an open quotation there continues that paragraph's speaker, if anyone's
    cued = {ctx.paragraph_start(ctx.doc[f.cue[0]].idx) for f in found if f.cue is not None}
    for q in reversed(ctx.quotes):
        if q.closed or q in used or ctx.skipped(q.start, q.end) or ctx.paragraph_start(q.start) in cued:
            continue
        after = q.end
        while after < len(ctx.text) and ctx.text[after].isspace():
            after += 1
        f = by_start.get(after)
        if f is None or "\n" not in ctx.text[q.end : after] or ctx.text[q.start] != ctx.text[after]:
            continue  # (a straight mark before a curly one is a stray mark, not the same quotation)
        f.content.insert(0, (q.start, q.end))
        by_start[q.start] = f


def _find_continuations(found: list[_Found], ctx: _Context) -> list[_Found]:
    """A quotation with no cue right after a direct quote continues that speaker."""
    used_quotes = _quotations_of(found)
    # Cues whose source stands outside the quotation they sit in; a cue with its source inside ("“They
    # talked about ...”") is speech nested in the quotation and does not stop it continuing a speaker.
    cue_chars = [
        (ctx.doc[f.cue[0]].idx, ctx.doc[f.source[0]].idx if f.source else -1) for f in found if f.cue
    ]
    speakers = sorted(
        (f for f in found if f.source is not None and f.parent is None), key=lambda f: f.content[-1][1]
    )
    out: list[_Found] = []
    for q in ctx.quotes:
        if q in used_quotes or ctx.skipped(q.start, q.end):
            continue
        inner = ctx.text[q.inner_start : q.inner_end]
        if (
            len(inner.split()) < 2
            or _looks_like_title(inner)
            or any(q.start <= c < q.end and not q.start <= src < q.end for c, src in cue_chars)
        ):
            continue
        # The quotation must be (nearly) a sentence or paragraph of its own, not a phrase in a sentence.
        span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        # the sentence of its first word: an opening '' is often left at the end of the sentence before
        sent = next((t for t in span if not t.is_punct), span[0]).sent
        start = sent.start_char
        if ctx.text[start : q.start].rstrip().endswith((".", "!", "?")):
            # '“A,” said Ana Ruiz, a fisherman. “B.”': the parser ran the two sentences together
            start = q.start
        own = ctx.text[start : sent.end_char].strip()
        if len(inner) < 0.6 * len(own):
            continue
        previous = [f for f in speakers if f.content[-1][1] <= q.start and q.start - f.content[-1][1] < 400]
        if not previous:
            continue
        speaker = max(previous, key=lambda f: f.content[-1][1])
        if (
            speaker.quote is None
            and ctx.doc.char_span(*speaker.content[-1], alignment_mode="expand") is not None
        ):
            # After indirect speech, only a quotation in the very next sentence continues the speaker.
            last = ctx.doc.char_span(*speaker.content[-1], alignment_mode="expand")
            if (
                last is None
                or last[-1].sent.end_char < sent.start_char - 2
                or ctx.paragraph_start(q.start) != ctx.paragraph_start(speaker.content[-1][0])
            ):
                continue
        # Nothing attributed to anyone else between the two quotes (in characters: `position` mixes a cue's
        # token index with the content's characters).
        if any(
            speaker.content[-1][1] <= _char_position(f, ctx) < q.start for f in found if f is not speaker
        ):
            continue
        root = speaker.continues or speaker
        continuation = _Found(
            cue=None,
            cue_lemma=None,
            source=None,
            source_head=None,
            content=[(q.start, q.end)],
            rule="continuation",
            confidence=0.6,
            quote=q,
            continues=root,
        )
        out.append(continuation)
        speakers.append(continuation)
    return out


def _char_position(f: _Found, ctx: _Context) -> int:
    """Where an attribution starts in the text: its content's or its cue's first character."""
    return min([c[0] for c in f.content] + ([ctx.doc[f.cue[0]].idx] if f.cue else []))


def _nest(found: list[_Found], ctx: _Context) -> None:
    """Give each attribution whose cue lies inside another's content that attribution as its parent.

    "Peskov said Putin told him the talks were private": Putin's statement is reported by Peskov
    (nested speech); "“I think it is over,” she said": the belief is inside her quotation.
    """
    for f in found:
        if f.parent is not None or f.cue is None:
            continue
        at = ctx.doc[f.cue[0]].idx
        best: _Found | None = None
        for other in found:
            if other is f or other.parent is f:
                continue
            if any(s <= at < e for s, e in other.content):
                if other.cue is not None and any(s <= ctx.doc[other.cue[0]].idx < e for s, e in f.content):
                    continue  # each inside the other: a parse tangle, leave both top-level
                size = sum(e - s for s, e in other.content)
                if best is None or size < sum(e - s for s, e in best.content):
                    best = other
        if best is not None:
            f.parent, f.relation = best, "nested"


def _drop_duplicates(found: list[_Found]) -> list[_Found]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in found:
        key = (f.cue, tuple(f.content), f.parent is None)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


# -- records --------------------------------------------------------------------------------------------


def _finish(found: list[_Found], ctx: _Context, index: EntityIndex) -> list[Attribution]:
    doc, text, lex = ctx.doc, ctx.text, ctx.lexicon
    ids = {id(f): f"a{i + 1}" for i, f in enumerate(found)}
    resolved: dict[int, str | None] = {}
    out: list[Attribution] = []
    last_reporter: str | None = None
    described: dict[str, AnonymousSource] = {}  # the latest unnamed source of each role ("people")
    group: _Group | None = None  # the latest source, when it was several (what a later "they" may be)
    unnamed: _Group | None = None  # the latest unnamed source that was one person (a later "she" may be)
    for f in found:
        source_span = phrase = None
        entity = None
        anonymous = None
        kind = "unknown"
        if f.source is not None and f.source_head is not None:
            s, e = f.source
            head = doc[f.source_head]
            source_span = Span.of(text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
            whole = extend_source_span(head, s, e, stop=_inside(f))
            phrase = Span.of(text, source_span.start, doc[whole - 1].idx + len(doc[whole - 1].text))
            if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
                # "officials who said ...": the mention is "who"; what it is comes from its antecedent.
                who = head.lower_ == "who"
                head = head.head.head
                # "Jamie Ortiz, an analyst at Bernstein, who expects ...": the parser may hang "who" on the
                # firm; who is a person: the one the phrase describes
                while who and head.dep_ == "pobj" and head.ent_type_ in _PLACES_AND_BODIES and (
                    head.head.dep_ == "prep"
                ):
                    head = head.head.head
                if who and head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
                    head = head.head
                s, e = find_source_span(head)
            entity = (
                index.entity_at(head.i)
                or _named_in_apposition(index, head)
                or _entity_in(index, s, e, head=head, lexicon=lex)
                or index.resolve_pronoun(head)
                or index.resolve_short_name(head)
                or index.resolve_headline_epithet(head)
                or _reporter_of(head, out, lex)
                or _publisher_of(index, head, lex)
                or _issued_before(index, head, lex)
                # "Its data show ...": the organization "its" stands for
                or next((index.resolve_pronoun(c) for c in head.children if c.dep_ == "poss"), None)
            )
            anonymous = describe_anonymous(doc, s, e, head, lex)
            if anonymous is not None:
                entity = None
                anonymous = _as_described_before(anonymous, head, described)
                described[_role_key(anonymous.role)] = anonymous
            elif entity is not None and head.pos_ == "PRON" and index.entity_at(head.i) is None:
                index.add_mention(entity, head.i, head.i + 1)
            etype = index.type_of(entity) if entity is not None else None
            kind = classify_source(head, etype, lex, anonymous)
            if f.parent is None:  # a "they" saying something is the latest source that was several
                if kind == "unknown" and head.lower_ == "they" and ctx.quote_at(head.idx) is None:
                    if group is not None and _they_are(group, head):
                        entity, anonymous, kind = group.entity, group.anonymous, group.kind
                        group = replace(group, at=head.i)
                elif (  # ... and a bare "one" is one of them ("Three former employees ... “...,” one said")
                    kind == "unknown"
                    and head.lower_ == "one"
                    and group is not None
                    and group.anonymous is not None
                    and _they_are(group, head)
                ):
                    anonymous, kind = replace(group.anonymous, count=1), group.kind
                else:
                    group = _group_of(head, s, e, entity, anonymous, kind, index)
                # ... and a "she" or "he" no name stands for, the latest unnamed person ("One store owner,
                # who asked not to be named, said ... “...,” she said.")
                if (
                    entity is None
                    and head.lower_ in ("he", "she")
                    and unnamed is not None
                    and _still_the_unnamed(unnamed, head, index)
                ):
                    anonymous, kind = unnamed.anonymous, unnamed.kind
                    unnamed = replace(unnamed, at=head.i)
                elif anonymous is not None and head.tag_ == "NN":
                    unnamed = _Group(None, anonymous, kind, head.i)
                elif kind == "person":
                    unnamed = None  # a person since, named or not, is whom a later pronoun means
        elif f.continues is not None:
            entity = resolved.get(id(f.continues))
            kind = "implicit"
        elif f.rule == "hedged":
            entity = last_reporter
            kind = "implicit"
        resolved[id(f)] = entity
        if (
            f.parent is None
            and entity is not None
            and kind in ("organization", "person")
            and f.rule != "hedged"
            # "reportedly" means a report: an outlet's, or whoever was said to report, not the latest
            # speaker ("Whitfield has denied ... Apple has reportedly been looking ...")
            and (f.cue_lemma == "report" or index.is_media(entity))
        ):
            last_reporter = entity
        elif f.parent is None and entity is None and f.cue_lemma == "report":
            last_reporter = None  # the latest report is one whose reporter the text does not resolve
        content = tuple(Span.of(text, *_without_kicker(text, s, e)) for s, e in f.content)
        cue = None
        negated = f.cue is not None and is_negated(
            saying_words(doc[f.cue[0] : f.cue[1]]),
            [t.text for t in doc[f.source[0] : f.source[1]]] if f.source is not None else (),
        )
        if f.cue is not None:
            cs, ce = f.cue
            start, end = doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text)
            cue = Cue(start, end, text[start:end], f.cue_lemma or doc[cs].lemma_.lower())
        content_text = " ".join(c.text for c in content)
        hedges = attribution_hedges(content_text, doc[f.cue[0] : f.cue[1]] if f.cue is not None else (), lex)
        if f.rule == "hedged" and f.cue_lemma and f.cue_lemma not in hedges:
            hedges.insert(0, f.cue_lemma)
        out.append(
            Attribution(
                id=ids[id(f)],
                parent=ids.get(id(f.parent)) if f.parent is not None else None,
                continues=ids.get(id(f.continues)) if f.continues is not None else None,
                relation=f.relation,
                source=source_span,
                source_phrase=phrase,
                cue=cue,
                content=content,
                source_kind=kind,
                source_entity=entity,
                anonymous=anonymous,
                quote=_quote_kind(f, content, ctx),
                stance=find_stance(
                    f.cue_lemma, content_text, lex, negated=negated,
                    cue_tokens=doc[f.cue[0] : f.cue[1]] if f.cue is not None else None,
                ),
                negated=negated,
                hedges=tuple(hedges),
                confidence=f.confidence,
                rule=f.rule,
            )
        )
    return out


#: entity types that are no person ("who" does not refer to them)
_PLACES_AND_BODIES = frozenset({"ORG", "GPE", "FAC", "NORP", "LOC"})

#: how far back (characters) a source that was several may be for a "they" saying something to be it
_THEY_REACH = 600


@dataclass(frozen=True)
class _Group:
    """A source that was several ("Researchers at Stanford", "two senior officials"), as its attribution
    has it, and the token where it was last named or meant."""

    entity: str | None
    anonymous: AnonymousSource | None
    kind: str
    at: int


def _group_of(
    head: Token,
    start: int,
    end: int,
    entity: str | None,
    anonymous: AnonymousSource | None,
    kind: str,
    index: EntityIndex,
) -> _Group | None:
    """The source with head `head` (tokens [start, end)) as a later "they" would be it, when it is several;
    else None. Its entity only when the phrase names it ("Researchers at Stanford"; not "the groups" an
    epithet took for one), and not one of names joined by "and" (they are all of them)."""
    joined = any(c.dep_ == "conj" for c in head.children)  # "Smith and Jones"
    if not _several(head) or (kind == "person" and not joined and not (head.tag_ == "NNS" and head.is_lower)):
        return None  # (a plural common noun, "the organizers"; not "Democrats, Frank notes")
    doc = head.doc
    named = entity is not None and any(
        index.entity_at(i) == entity and doc[i].pos_ == "PROPN" for i in range(start, end)
    )
    return _Group(entity if named and not joined else None, anonymous, kind, head.i)


def _they_are(group: _Group, they: Token) -> bool:
    """Whether "they", saying something, are `group`: it is near, and no other several became the subject
    of a sentence since ("Police officers arrived at the scene. They said ...": the officers)."""
    doc = they.doc
    if they.idx - doc[group.at].idx > _THEY_REACH:
        return False
    # (the sentence "they" speak in does not count: "The terms could still change, they added")
    since = doc[group.at].sent.end
    return not any(
        t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and _several(t)
        for t in doc[since : they.sent.start]
    )


def _still_the_unnamed(unnamed: _Group, pronoun: Token, index: EntityIndex) -> bool:
    """Whether a "she" or "he" saying something is the unnamed person last quoted: near, and no person
    named since, outside quotations (the pronoun would mean them)."""
    doc = pronoun.doc
    if pronoun.idx - doc[unnamed.at].idx > _THEY_REACH:
        return False
    return not any(
        (entity := index.entity_at(i)) is not None and index.type_of(entity) == "PERSON"
        for i in range(unnamed.at + 1, pronoun.i)
    )


def _several(head: Token) -> bool:
    """Whether a source's head names more than one: a plural noun ("officials", "Democrats"), or names
    joined by "and" ("Smith and Jones")."""
    return head.tag_ in ("NNS", "NNPS") or (
        head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "conj" for c in head.children)
    )


def _definite_document(head: Token, lex: Lexicon) -> str | None:
    """The lemma of a document named with "the", "that" or "this" (one the text named before), else None."""
    lemma = head.lemma_.lower()
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in head.children)
    return lemma if definite and lemma in lex.documents else None


def _reporter_of(head: Token, earlier: list[Attribution], lex: Lexicon) -> str | None:
    """"according to the report", "the report said" after "Reuters reported ...", "the statement said"
    after "according to a statement from the sheriff's office": the document is the one the text has just
    named, so its source is whoever reported or issued it."""
    lemma = _definite_document(head, lex)
    if lemma is None:
        return None
    named = re.compile(rf"\b{re.escape(head.lower_)}\b", re.IGNORECASE)
    return next(
        (
            a.source_entity
            for a in reversed(earlier)
            if a.source_entity
            and a.source_kind in ("organization", "person")
            and (
                (lemma == "report" and a.cue is not None and a.cue.lemma == "report" and (
                    a.source_kind == "organization"
                ))
                or (a.source is not None and named.search(a.source.text) is not None)
            )
        ),
        None,
    )


def _publisher_of(index: EntityIndex, head: Token, lex: Lexicon) -> str | None:
    """"The report, published Thursday by The Washington Post, said ...", "a poll conducted by Gallup
    found ...": a document speaks for whoever published it, when a participle describing it names them."""
    if head.lemma_.lower() not in lex.documents:
        return None
    for participle in head.children:
        if participle.dep_ != "acl" or participle.lemma_.lower() not in lex.publishing_participles:
            continue
        for agent in (c for c in participle.children if c.dep_ == "agent"):
            for named in (c for c in agent.children if c.dep_ == "pobj"):
                # the agent's own entity, else one its phrase names ("filed by the city of Springfield")
                for token in (named, *reversed(list(named.subtree))):
                    entity = index.entity_at(token.i)
                    if entity is not None and index.type_of(entity) in ("ORG", "PERSON"):
                        return entity
    return None


def _issued_before(index: EntityIndex, head: Token, lex: Lexicon) -> str | None:
    """"The Pentagon released a statement on Friday. The statement said ...": a document named with "the"
    speaks for whoever the text said, within its last paragraphs, issued one (the subject of a publishing
    verb whose object is the same word)."""
    lemma = _definite_document(head, lex)
    if lemma is None:
        return None
    doc = head.doc
    for token in reversed(doc[max(0, head.i - 200) : head.i]):
        if token.dep_ != "dobj" or token.lemma_.lower() != lemma:
            continue
        verb = token.head
        if verb.lemma_.lower() not in lex.publishing_participles:
            return None  # the latest such document was not issued by anyone the text names
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            entity = index.entity_at(subject.i) or index.resolve_pronoun(subject)
            if entity is not None and index.type_of(entity) in ("ORG", "PERSON"):
                return entity
        return None
    return None


def _inside(f: _Found) -> Callable[[Token], bool]:
    """Whether a token belongs to the cue or the content of `f` (where its source's phrase stops)."""
    cue_start, cue_end = f.cue if f.cue is not None else (-1, -1)
    return lambda t: cue_start <= t.i < cue_end or any(s <= t.idx < e for s, e in f.content)


def _role_key(role: str | None) -> str:
    word = (role or "").lower()
    return {"people": "person", "persons": "person"}.get(word, word.removesuffix("s"))


def _as_described_before(
    anonymous: AnonymousSource, head: Token, described: dict[str, AnonymousSource]
) -> AnonymousSource:
    """"the people said", after "three people familiar with the matter told Reuters": the same unnamed
    sources, with what the text said of them before (their count and descriptors), when the mention itself
    says nothing more."""
    earlier = described.get(_role_key(anonymous.role))
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children)
    if earlier is None or not definite or anonymous.count is not None or anonymous.descriptors:
        return anonymous
    return replace(earlier, role=anonymous.role)


def _named_in_apposition(index: EntityIndex, head: Token) -> str | None:
    """The person (or organization) an apposition names: "A spokesperson for the White House, Andrew Bates,"
    is Bates, not the White House the mention itself names; "The company that licenses the test, Verity
    Diagnostics," is Verity Diagnostics."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.ent_type_ in ("PERSON", "ORG"):
            entity = index.entity_at(child.i)
            if entity is not None:
                return entity
    return None


def _entity_in(
    index: EntityIndex, start: int, end: int, head: Token | None = None, lexicon: Lexicon | None = None
) -> str | None:
    """The entity of the last named token in a mention ("Kremlin spokesman Dmitry Peskov" -> Peskov); with
    the mention's `head` a common noun, not a place it is said to be in or from ("one retired steelworker
    in Ohio" is no one from Ohio's government), nor the person naming an organization the head is ("The
    Trump administration", "the Biden campaign" are no people)."""
    organization_head = (
        head is not None
        and lexicon is not None
        and head.pos_ == "NOUN"
        and lexicon.epithets.get(head.lemma_.lower()) == "ORG"
    )
    documents = lexicon.documents if lexicon is not None else frozenset()
    publishing = lexicon.publishing_participles if lexicon is not None else frozenset()
    for i in range(end - 1, start - 1, -1):
        entity = index.entity_at(i)
        if entity is None:
            continue
        if head is not None and head.pos_ == "NOUN" and (
            _place_of(head.doc[i], head)
            or _studied_by(head.doc[i], head, documents, publishing)
            or _home_of(head.doc[i], head, lexicon)
            or _someone_else(head.doc[i], head, lexicon)
        ):
            continue
        if organization_head and head is not None and index.type_of(entity) == "PERSON" and (
            head.doc[i].head.i == head.i
        ):
            continue
        return entity
    return None


def _home_of(token: Token, head: Token, lexicon: Lexicon | None) -> bool:
    """Whether `token` names the country or place a business, or people, are from ("Britain's biggest
    clothing retailer", "the Japanese automaker", "Most U.S. adults", "Ohio voters"): a business, or
    people, are not their country."""
    if lexicon is None:
        return False
    lemma = head.lemma_.lower()
    people = head.tag_ in ("NNS", "NNPS") and (
        head.lower_ in lexicon.human_nouns or head.lower_ in lexicon.anonymous_nouns
    ) and lexicon.epithets.get(lemma) is None  # (not "U.S. officials", posts of a government)
    if lemma not in lexicon.business_epithets and not people:
        return False
    if token.ent_type_ not in ("GPE", "LOC", "NORP"):
        return False
    step = token
    while step.dep_ in ("compound", "poss", "amod") and step.head.i != step.i:
        step = step.head
        if step.i == head.i:
            return True
    return False


def _someone_else(token: Token, head: Token, lexicon: Lexicon | None) -> bool:
    """Whether `token` names someone other than the person `head` is: the one a relation is to ("A former
    top aide to Sen. Robert Hale", "a friend of Musk", "Trump's son"), or the place a post is of ("The mayor
    of Brookfield", a person, not the town)."""
    if lexicon is None:
        return False
    lemma = head.lemma_.lower()
    if lemma in lexicon.relations and (token.ent_type_ == "PERSON" or token.pos_ == "PRON"):
        step = token
        while step.dep_ in ("compound", "flat", "appos", "case") and step.head.i != step.i:
            step = step.head
        return (step.dep_ == "poss" and step.head.i == head.i) or _in_phrase_of(
            token, head, ("to", "of", "for", "with")
        )
    return (
        lexicon.epithets.get(lemma) == "PERSON"
        and token.ent_type_ in ("GPE", "LOC")
        and _in_phrase_of(token, head, ("of",))
    )


def _studied_by(
    token: Token, head: Token, documents: frozenset[str], publishing: frozenset[str] = frozenset()
) -> bool:
    """Whether `token` is in what a study, poll or report is of or about ("a study of more than 100,000 U.S.
    adults", "a survey of Ohio voters"): its subject, not its author; or names whom a document went to ("his
    latest filing with the Federal Election Commission", "a letter to the senator"), or who obtained, saw or
    reviewed it ("records reviewed by the Herald", "a memo obtained by CNN"; not "a poll conducted by
    Gallup", `publishing_participles`): not its author either."""
    if head.lemma_.lower() not in documents:
        return False
    if _in_phrase_of(token, head, ("of", "on", "about", "among", "with", "to")):
        return True
    step = token
    while step.head.i != step.i and step.head.i != head.i:
        step = step.head
    return (
        step.dep_ == "acl"
        and step.head.i == head.i
        and step.lemma_.lower() not in publishing
        and any(c.dep_ == "agent" for c in step.children)
    )


def _place_of(token: Token, head: Token) -> bool:
    """Whether `token` names a place that a prepositional phrase of `head` puts it in or brings it from."""
    return token.ent_type_ in ("GPE", "LOC") and _in_phrase_of(
        token, head, ("in", "from", "across", "around", "near")
    )


def _in_phrase_of(token: Token, head: Token, prepositions: tuple[str, ...]) -> bool:
    """Whether `token` lies in a prepositional phrase of `head` opened by one of `prepositions`."""
    step = token
    while step.head.i != step.i and step.i != head.i:
        if step.dep_ == "pobj" and step.head.lower_ in prepositions and step.head.head.i == head.i:
            return True
        step = step.head
    return False


def _quote_kind(f: _Found, content: tuple[Span, ...], ctx: _Context) -> str:
    if f.quote is not None:
        return "direct"
    if f.rule == "line-colon" and f.source is not None and all(
        t.is_upper or not t.is_alpha for t in ctx.doc[f.source[0] : f.source[1]]
    ):
        return "direct"  # a transcript's "BASS: No. We are not going to ...": the speaker's own words
    for span in content:
        for q in ctx.quotes:
            if (
                span.start <= q.start
                and q.end <= span.end + 1
                and len(ctx.text[q.start : q.end].split()) >= 1
            ):
                return "mixed"
    return "indirect"


# -- no comment -----------------------------------------------------------------------------------------

# Searched in lower-cased text: ignoring case would stop ``re`` from skipping ahead to the literals.
_NO_COMMENT_HINT = re.compile(
    r"comment|respon|repl|return|reach|declin|refus|availab|elaborat|discuss|answer|disclose|specify|spoken|"
    r"reveal|release|provid|"
    r"\bsay\b",
)


def _find_no_comments(ctx: _Context, index: EntityIndex) -> list[NoComment]:
    doc, text = ctx.doc, ctx.text
    out: list[NoComment] = []
    seen: set[tuple[int, int]] = set()
    for sent in doc.sents:
        if ctx.skipped(sent.start_char, sent.end_char):
            continue
        sent_text = sent.text
        if not _NO_COMMENT_HINT.search(sent_text.lower()):
            continue  # every no-comment pattern has one of these words: skip the rest cheaply
        for pattern in ctx.lexicon.no_comment:
            for m in pattern.finditer(sent_text):
                start, end = sent.start_char + m.start(), sent.start_char + m.end()
                if any(s <= start < e or s < end <= e for s, e in seen):
                    continue
                seen.add((start, end))
                span = doc.char_span(start, end, alignment_mode="expand")
                subject = None
                entity = None
                if span is not None:
                    verb = next((t for t in span if t.pos_ == "VERB"), span.root)
                    # "Natarajan said talks were under way but declined to name any": the parser hangs
                    # the refusal on the reported clause, but talks refuse nothing
                    verb = _speakers_next_act(verb, ctx, any_verb=True) or verb
                    subject_token = _inherited_subject_of(verb)
                    if subject_token is not None:
                        s, e = find_source_span(subject_token)
                        subject = Span.of(text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
                        entity = (
                            index.entity_at(subject_token.i)
                            or _entity_in(index, s, e, head=subject_token, lexicon=ctx.lexicon)
                            or index.resolve_pronoun(subject_token)  # "It declined to say ..."
                        )
                out.append(NoComment(entity=entity, span=Span.of(text, start, end), subject=subject))
        for m in (m for pattern in ctx.lexicon.no_comment_by_no_one for m in pattern.finditer(sent_text)):
            start, end = sent.start_char + m.start(), sent.start_char + m.end()
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or any(s <= start < e or s < end <= e for s, e in seen):
                continue
            verb = next((t for t in span if t.pos_ == "VERB"), span[0])  # "would comment": on "comment"
            subject_token = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject_token is None or not _no_one(subject_token):
                continue  # "The ministry responded to requests for comment with a statement": it did
            seen.add((start, end))
            for who in (subject_token, *subject_token.conjuncts):  # "Neither the Pentagon nor the State ..."
                s_, e_ = find_source_span(who)
                s_ = max([s_] + [c.i + 1 for c in who.children if c.dep_ == "preconj" and c.i < who.i])
                e_ = min([e_] + [c.i for c in who.children if c.dep_ in ("cc", "conj") and c.i > who.i])
                out.append(NoComment(
                    entity=index.entity_at(who.i) or _entity_in(index, s_, e_, head=who, lexicon=ctx.lexicon),
                    span=Span.of(text, start, end),
                    subject=Span.of(text, doc[s_].idx, doc[e_ - 1].idx + len(doc[e_ - 1].text)),
                ))
    return out


def _no_one(subject: Token) -> bool:
    """Whether a subject is no one: "Neither X nor Y", "No one at the company", "None of the officials"."""
    return subject.lower_ in ("none", "nobody", "neither") or any(
        c.lower_ in ("neither", "no") and c.dep_ in ("preconj", "det") for c in subject.children
    )


def _inherited_subject_of(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        return verb.head
    if subject is None:
        return _inherited_subject(verb)
    return subject
