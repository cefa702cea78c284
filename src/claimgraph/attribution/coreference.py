"""Rule-based coreference: the document's entities and which mentions refer to them.

Hand-written because no offline coreference model exists for this stack (coreferee, fastcoref and
spacy-experimental all download models). The rules, in one left-to-right pass over the mentions:

1. Named mentions come from spaCy's NER (PERSON, ORG, GPE, FAC, LOC). A name joins an earlier entity of a
   compatible type when it equals it, is its surname or last word ("Musk" -> "Elon Musk"), contains it
   ("Elon Musk" after "Musk"), or is its initialism ("WSJ" -> "Wall Street Journal").
2. Titles and descriptions attached to a name are remembered as the entity's epithets
   ("U.S. billionaire Elon Musk", "Kremlin spokesman Dmitry Peskov").
3. A definite description ("the billionaire", "The newspaper") refers to the most recent entity that carries
   that epithet; failing that, "the newspaper" refers to the most recent news outlet and "the company"/
   "the country" to the most recent organization/place. A person epithet with no match stays unresolved:
   guessing a person is worse than saying nothing.
4. He/she/him/his/her refer to the most recent person that is a subject in the same or previous sentence,
   else the most recent person mentioned there. Pronouns inside quotations are left alone: they speak
   from the speaker's point of view.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from claimgraph.attribution.lexicon import Lexicon
from claimgraph.records import Entity
from claimgraph.records import Span as RecordSpan

# Labels the model gives names it takes for no participant: a lone one repeating a person's surname is them
_NOT_PARTICIPANTS = frozenset({"PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "LANGUAGE"})
# Organization heads that are surnames as well ("Margaret Court"): a person's name may end in them
_SURNAMES_TOO = frozenset({"court", "bank", "college", "service", "party"})
_NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "FAC": "ORG", "LOC": "GPE", "NORP": "NORP"}
_PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
# Lower-case words a name may open with ("de Blasio", "al-Assad", "the Pentagon"); another lower-case word
# opening a name is a word the model took into it
_NAME_PARTICLES = frozenset({
    "the", "de", "da", "di", "del", "della", "der", "des", "du", "la", "le", "van", "von", "ten", "ter", "al",
    "el", "bin", "ibn", "abu", "dos", "das", "e",
})
_SKIP_NAME_WORDS = {"the", "of", "and", "for", "&", "'s", "’s"}
_SUBJECTS = {"nsubj", "nsubjpass"}


@dataclass
class _Entity:
    index: int
    name: str
    types: dict[str, int] = field(default_factory=dict)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char offsets
    epithets: set[str] = field(default_factory=set)
    last_token: int = 0
    subject: bool = False  # ever mentioned as a clause's subject (what "the company" more likely refers to)
    titled: bool = False  # ever named as a person right after a person's title ("President Trump")
    type: str = ""  # the most frequent of `types`, PERSON winning ties (kept by count_type)
    lower: str = field(init=False, default="")  # the name lower-cased, and its words (kept by rename)
    words: list[str] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.rename(self.name)

    def rename(self, name: str) -> None:
        self.name = name
        self.lower = name.lower()
        self.words = self.lower.split()

    def count_type(self, kind: str) -> None:
        self.types[kind] = self.types.get(kind, 0) + 1
        if len(self.types) == 1:
            self.type = kind
        else:
            self.type = max(self.types.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0]


def _title_cased(sent: Span) -> bool:
    """Whether a sentence is a headline in title case: most of its words capitalized."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.text[0].isupper() for t in words) * 2 > len(words)


def _most_mentioned(entities: list[_Entity]) -> _Entity:
    """Of entities a name may mean, latest first: the one mentioned most (the latest of those)."""
    return max(entities, key=lambda e: len(e.mentions))  # (max keeps the first of equals: the latest)


def _strip_article(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


def _initials(name: str) -> str:
    return "".join(
        w[0] for w in name.replace("-", " ").split() if w[:1].isupper() and w.lower() not in _SKIP_NAME_WORDS
    )


def _part_of_a_title(ent: Span, lexicon: Lexicon) -> bool:
    """A one-word name that is the first word of a person's title ("State Auditor Paula Diaz", "City
    Councilman Ray Ortiz", "Energy Secretary Chris Wright"): it modifies the person, names nothing."""
    if len(ent) != 1:
        return False
    token = ent[0]
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is None or not nxt.is_title or not any(
        t.ent_type_ == "PERSON" for t in token.doc[token.i + 1 : token.i + 5]
    ):
        return False
    return token.lower_ in lexicon.title_openers or lexicon.epithets.get(nxt.lower_) == "PERSON"


class EntityIndex:
    """The entities of one document and a lookup from text offsets to entity ids."""

    def __init__(self, doc: Doc, lexicon: Lexicon, skip: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self._skip = skip
        self._entities: list[_Entity] = []
        self._by_token: dict[int, _Entity] = {}
        self._quote_starts: list[int] = []  # the quotations' starts, in order
        self._quote_reach: list[int] = []  # the furthest end of the quotations up to each
        self._known_names: dict[str, list[tuple[str, ...]]] | None = None

    # -- building -----------------------------------------------------------------------------------
    def build(self, quotes: list[tuple[int, int]]) -> EntityIndex:
        ordered = sorted(quotes)
        self._quote_starts = [start for start, _ in ordered]
        self._quote_reach = list(accumulate((end for _, end in ordered), max))
        doc = self.doc
        ents_by_start = {ent.start: ent for ent in doc.ents if ent.label_ in _NER_TYPES}
        sent_starts = [s.start for s in doc.sents]
        skip = self._skip
        i = 0
        n = len(doc)
        while i < n:
            token = doc[i]
            if skip and any(s <= token.idx < e for s, e in skip):
                i += 1
                continue
            ent = ents_by_start.get(i)
            if ent is not None and ent.label_ == "NORP" and (named := self._add_titled_name(token)):
                i = named  # "German Chancellor Olaf Scholz": the model may call a first name a nationality
                continue
            if ent is not None:
                if ent.label_ == "GPE":
                    ent = self._place_and_its_body(ent)
                if not self._industry_in_headline(ent):
                    self._add_named(ent)
                i = ent.end
                continue
            pos = token.pos_
            lower = token.lower_
            if pos == "PROPN" and token.ent_type_ == "PRODUCT" and (
                named := self._add_described_organization(token)
            ):
                i = named  # "to acquire Fanstream, a sports streaming startup": tagged a product
                continue
            if pos == "PROPN" and token.ent_type_ in _NOT_PARTICIPANTS and token.ent_iob_ == "B" and (
                token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I"
            ):
                self._add_repeated_name(token)  # "Delaney said", which the model tags a law
                i += 1
                continue
            if pos == "PROPN" and not token.ent_type_:
                known = self._known_organization(token)
                if known:  # "Downing Street said": an institution the model did not tag
                    self._add_named(Span(doc, i, known, label="ORG"))
                    i = known
                    continue
                named = (
                    self._add_titled_name(token)
                    or self._add_described_organization(token)
                    or self._add_aged_name(token)
                )
                if named:
                    i = named
                    continue
                self._add_repeated_name(token)
            elif lower in ("the", "this", "that") and i + 1 < n:
                consumed = self._add_epithet(token)
                if consumed:
                    i = consumed
                    continue
            elif pos == "PRON" and lower in _PERSON_PRONOUNS and not self._in_quote(token.idx):
                self._add_pronoun(token, sent_starts)
            elif (
                token.is_title
                and token.text[1:].islower()
                and token.dep_ in ("nsubj", "nsubjpass")
                and not token.ent_type_
            ):
                # "Lopez disagreed": the tagger may miss a name opening a sentence
                self._add_repeated_name(token)
            i += 1
        return self

    def _industry_in_headline(self, ent: Span) -> bool:
        """Whether a one-word name in the first line is an industry's word that title case capitalized:
        "Chemical maker disputes spill estimate", where "maker" heads the phrase and the word is not named
        again below ("Apple supplier" in a story about Apple keeps its Apple)."""
        head = ent.root.head
        if (
            len(ent) != 1
            or ent.root.dep_ != "compound"
            or head.i != ent.end
            or head.pos_ != "NOUN"
            or head.dep_ == "compound"
            or head.lemma_.lower() not in self.lexicon.business_epithets
        ):
            return False
        text = self.doc.text
        line_end = text.find("\n", ent.end_char)
        if line_end < 0 or "\n" in text[: ent.start_char].strip():
            return False  # not a headline over a body
        return re.search(rf"\b{re.escape(ent.text)}\b", text[line_end:]) is None

    def _in_quote(self, char: int) -> bool:
        """Whether `char` lies strictly inside a quotation (a quotation may hold another)."""
        k = bisect_left(self._quote_starts, char) - 1  # the last quotation opening before `char`
        return k >= 0 and self._quote_reach[k] > char

    def _name_type(self, ent: Span) -> str:
        known = self.lexicon.known_organizations.get(_strip_article(ent.text).lower())
        kind = known or _NER_TYPES[ent.label_]
        if kind == "ORG" and _is_dateline_place(ent):
            return "GPE"  # "DETROIT (Reuters) -", "MOSCOW —": the model reads the capitals as a name
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if (
            kind == "ORG"
            and known is None
            and before is not None
            and before.is_lower
            and self.lexicon.epithets.get(before.lower_) == "PERSON"
        ):
            return "PERSON"  # "Harris campaign chair Jen O'Malley Dillon": a title names a person
        if kind == "ORG" and known is None and (
            (described := next((c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end), None))
            is not None
            and described.is_lower
            and self.lexicon.epithets.get(described.lemma_.lower()) == "PERSON"
        ):
            return "PERSON"  # "Smith, the company's founder, said": a person's post describes a person
        if kind == "GPE" and len(ent) > 1 and ent[-1].lower_ in self.lexicon.organization_heads:
            return "ORG"  # "the Bay City Port Authority": a place's body, not the place
        if (
            kind == "PERSON"
            and len(ent) > 1
            and ent[-1].lower_ in self.lexicon.organization_heads
            and ent[-1].lower_ not in _SURNAMES_TOO
        ):
            return "ORG"  # "According to NFL Network": no person's name ends in "Network"
        if (
            kind == "PERSON"
            and len(ent) == 1
            and before is not None
            and before.lower_ == "the"
            and ent.text.lower() in self.lexicon.media_words
        ):
            return "ORG"  # "reviewed by the Herald", "told the Tribune": an outlet, no person
        if kind == "PERSON" and _plural_subject(ent):
            return "ORG"  # "Northbridge Rovers have agreed a fee": no one person takes a plural verb
        return kind

    def _add_named(self, ent: Span) -> None:
        start, end = ent.start, ent.end
        while end > start and ent.doc[end - 1].is_space:
            end -= 1  # "Kharkiv\n\n": the model may take the line break after a headline into the name
        while start < end and ent.doc[start].is_space:
            start += 1
        trimmed = False
        while (
            end - start > 1
            and ent.doc[start].is_lower
            and ent.doc[start].is_alpha
            and ent.doc[start].whitespace_  # (not "pro-Clinton")
            and ent.doc[start].lower_ not in _NAME_PARTICLES
        ):
            start += 1  # "Regulators fine Halvorsen over ...": a headline's verb taken into the name
            trimmed = True
        while trimmed and end - start > 1 and ent.doc[start].is_punct:
            start += 1  # ("power - Wall Street")
        if trimmed and not any(t.text[:1].isupper() for t in ent.doc[start:end]):
            return  # "a matchup": no name at all
        if start == end:
            return
        if (start, end) != (ent.start, ent.end):
            ent = Span(ent.doc, start, end, label=ent.label)
        kind = self._name_type(ent)
        if kind == "NORP":
            return  # "Russian", "European": descriptors, not participants
        if len(ent) == 1 and ent.text.lower() in self.lexicon.anonymous_nouns:
            return  # "Forecasters said", "Analysts expect" opening a sentence: people, not a name
        if _part_of_a_title(ent, self.lexicon):
            return  # no "State" to speak of
        if len(ent) == 1 and ent.text.lower().rstrip(".") + "." in self.lexicon.title_abbreviations:
            return  # "Col." of "Col. Andrei Pavlic", which the model may tag on its own
        text = _strip_article(ent.text)
        if kind == "PERSON" and len(ent) > 1 and (
            (len(ent) > 2 and self.lexicon.epithets.get(ent[0].lower_) == "PERSON")
            or ent[0].lower_ in self.lexicon.title_abbreviations
        ):
            # "Sheriff Ed Gonzalez", the title inside the model's name: "Ed Gonzalez"; "Mr. Clarke" (which
            # the model tags whole when no sentence break splits it) is "Clarke", the Tom Clarke named before
            text = ent[1:].text
        if not text or not any(c.isalpha() for c in text):
            return
        if "-" in text and " " not in text and all(p[:1].isupper() for p in text.split("-")):
            return  # "Musk-Putin contacts": two names fused into a modifier
        entity = self._match_name(text, kind, before=ent.doc[ent.start - 1].lower_ if ent.start > 0 else None)
        if entity is not None and not _compatible(kind, entity.type) and (
            len(text.split()) == 1 or self._short_company_name(text.lower().split(), entity)
        ):
            # "Novaris", which the model calls a person, after "Novaris Pharmaceuticals"; "DeSantis", which
            # it calls an organization, after "Gov. Ron DeSantis": the name keeps the type it had
            kind = entity.type
        if entity is None:
            entity = _Entity(len(self._entities), text)
            self._entities.append(entity)
        else:
            if kind == "ORG" and self._business_named_in_full(entity, text.lower().split()):
                entity.types.pop("PERSON", None)  # a business, as its full name says
            if kind == "PERSON" and self._person_named_in_full(entity, text.lower().split()):
                entity.types.pop("ORG", None)  # a person, as the full name says
            if len(text) > len(entity.name) and entity.lower in text.lower():
                entity.rename(text)  # "Musk" first, "Elon Musk" later: keep the full name
        entity.count_type(kind)
        if kind == "PERSON" and ent.start > 0 and self._is_title(ent.doc[ent.start - 1]):
            entity.titled = True
        self._record(entity, ent.start_char, ent.end_char, range(ent.start, ent.end))
        # Titles and descriptions attached to the name: "U.S. billionaire Elon Musk".
        head = ent.root
        for tok in list(head.lefts) + list(head.rights):
            if tok.i in range(ent.start, ent.end):
                continue
            word = self.lexicon.title_abbreviations.get(tok.lower_) or tok.lower_  # "Gov." -> "governor"
            if tok.dep_ in ("compound", "amod", "appos", "nmod") and _fits(
                self.lexicon.epithets.get(word), kind
            ):
                entity.epithets.add(word)
        if head.dep_ == "appos" and _fits(self.lexicon.epithets.get(head.head.lower_), kind):
            entity.epithets.add(head.head.lower_)  # "the billionaire, Elon Musk, ..."

    def _is_title(self, token: Token) -> bool:
        """Whether a word is a person's title ("President", "senator", "Sen.", "Mr.")."""
        lower = token.lower_
        lex = self.lexicon
        return lex.epithets.get(lower.rstrip(".")) == "PERSON" or lower in lex.title_abbreviations

    def _known_organization(self, token: Token) -> int:
        """An institution of the lexicon's ``known_organizations`` named from `token` on, capitalized, which
        the model left untagged ("Downing Street said", "Whitehall insisted"). Returns the token index after
        the name, or 0."""
        if not token.text[:1].isupper():
            return 0
        doc = self.doc
        if self._known_names is None:  # first word -> the names' words, longest first
            self._known_names = {}
            for name in sorted(self.lexicon.known_organizations, key=lambda n: -len(n.split())):
                self._known_names.setdefault(name.split()[0], []).append(tuple(name.split()))
        for words in self._known_names.get(token.lower_, ()):
            end = token.i + len(words)
            if end <= len(doc) and all(
                t.lower_ == word and not t.ent_type_ and t.text[:1].isupper()
                for t, word in zip(doc[token.i : end], words, strict=True)
            ):
                return end
        return 0

    def _place_and_its_body(self, ent: Span) -> Span:
        """A place's name (`ent`, a GPE) the model tagged alone, and the capitalized name of a body right
        after it, which it did not tag ("the U.S. Attorney's Office": the model has "U.S."): the whole name,
        an organization (up to four words, the last an `organization_heads` word). Else `ent` as it is."""
        doc = self.doc
        end = ent.end
        while end < len(doc) and end - ent.end < 4 and not doc[end].ent_type_ and (
            doc[end].is_title or doc[end].lower_ in ("'s", "’s")
        ):
            end += 1
            if doc[end - 1].lower_ in self.lexicon.organization_heads:
                return Span(doc, ent.start, end, label="ORG")
        return ent

    def _add_described_organization(self, token: Token) -> int:
        """A business's or a body's name the model did not tag: described right after it ("Entergy, the
        region's largest utility, said", "Orbit, the startup best known for ..."), one to four capitalized
        proper nouns whose apposition is a business or a body (`business_epithets`, `body_epithets`); or
        two to four ending in a business's legal form ("Acme Motors Co"), or in a business's word outside a
        title-cased headline ("Sage Therapeutics"; not "Could Address Clean Energy").
        Returns the token index after the name, or 0."""
        doc = self.doc
        if token.i > 0 and doc[token.i - 1].pos_ == "PROPN":
            return 0  # the name starts here, or it is no name of ours
        lexicon = self.lexicon
        end = token.i
        while end < len(doc) and end - token.i < 4 and (
            doc[end].pos_ == "PROPN"
            # ("Sage Therapeutics": the tagger may call a business's last word a common noun)
            or (end > token.i and doc[end].pos_ == "NOUN" and doc[end].lower_ in lexicon.company_name_words)
        ) and (doc[end].is_title or doc[end].is_upper) and doc[end].ent_type_ in ("", "PRODUCT"):
            end += 1
        if end == token.i:
            return 0
        head = doc[end - 1]
        if end - token.i > 1 and (
            head.lower_ in lexicon.legal_forms
            or (head.lower_ in lexicon.company_name_words and not _title_cased(token.sent))
        ):
            # "Acme Motors Co on Tuesday reported": a name ending in "Co", "Corp", "Inc" is a business's
            self._add_named(Span(doc, token.i, end, label="ORG"))
            return end
        described = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
        if described is None or described.lemma_.lower() not in (
            lexicon.business_epithets | lexicon.body_epithets
        ):
            return 0
        self._add_named(Span(doc, token.i, end, label="ORG"))
        return end

    def _add_titled_name(self, token: Token) -> int:
        """A person's name the model did not tag, after a person's title ("Mayor Ana Ruiz's plan", "striker
        Erling Haaland"): two or three capitalized proper nouns right after a title word are a person (the
        title stays out of the name, as the model leaves it out). Returns the token index after the name,
        or 0."""
        doc = self.doc
        if token.i == 0:
            return 0
        title = doc[token.i - 1]
        if not (title.is_title or title.is_lower) or self.lexicon.epithets.get(title.lower_) != "PERSON":
            return 0
        end = _name_run(token)
        if end - token.i < 2:
            return 0  # "Mayor Ruiz": a surname alone is left to the surname rule
        words = {t.lower_ for t in doc[token.i : end]}
        if words & (self.lexicon.organization_heads | self.lexicon.company_name_words) or any(
            w in self.lexicon.epithets for w in words
        ):
            return 0  # "Teacher Retirement System": a body's name; "chief Financial Officer": a post
        self._add_named(Span(doc, token.i, end, label="PERSON"))
        return end

    def _add_aged_name(self, token: Token) -> int:
        """A person's name the model did not tag, followed by an age ("said Ana Ruiz, 52, who has lived on
        the block ..."): two or three capitalized proper nouns, a comma, a number, a comma. Returns the
        token index after the name, or 0."""
        doc = self.doc
        if token.i > 0 and doc[token.i - 1].pos_ == "PROPN" and doc[token.i - 1].is_title:
            return 0  # (the name starts earlier)
        end = _name_run(token)
        if (
            end - token.i < 2
            or end + 2 >= len(doc)
            or doc[end].text != ","
            or not doc[end + 1].is_digit
            or not 0 < int(doc[end + 1].text) < 120
            or doc[end + 2].text not in (",", ".", ";")
            or {t.lower_ for t in doc[token.i : end]} & self.lexicon.company_name_words
        ):
            return 0
        self._add_named(Span(doc, token.i, end, label="PERSON"))
        return end

    def _add_repeated_name(self, token: Token) -> None:
        """A name the NER missed that repeats a known person's surname ("Musk did not respond"; a transcript's
        speaker label "YELLEN:"), or a one-word organization's name ("Fanstream did not respond")."""
        text = token.text
        if text.isupper() and len(text) < 3:
            return  # ("AP", "EU": initials, no surname)
        before = self.doc[token.i - 1].lower_ if token.i > 0 else None
        entity = self._person_by_surname(text.lower(), before) or next(
            (e for e in reversed(self._entities) if e.type == "ORG" and e.name == text), None
        )
        if entity is not None:
            self._record(entity, token.idx, token.idx + len(token.text), range(token.i, token.i + 1))

    def _person_by_surname(self, surname: str, before: str | None) -> _Entity | None:
        """The person a lone surname means, of those named in full with it: the one whose first name is the
        word `before` it ("Ivanka Trump", the model tagging "Trump" alone or nothing), else the one most
        talked about, not the latest named ("Justice Ellison" after "Margaret Ellison ... her son, David
        Ellison")."""
        bearers = [e for e in reversed(self._entities)
                   if e.type == "PERSON" and len(e.words) > 1 and e.words[-1] == surname]
        if not bearers:
            return None
        return next((e for e in bearers if e.words[0] == before), None) or _most_mentioned(bearers)

    def _match_name(self, text: str, kind: str, *, before: str | None = None) -> _Entity | None:
        """The entity a name the model tagged refers to, if one was named before; `before`: the word before
        the name."""
        lower = text.lower()
        words = lower.split()
        if len(words) == 1:  # a lone surname (the small NER model often calls it an ORG: "Brandt said")
            bearer = self._person_by_surname(words[0], before)
            if bearer is not None:
                return bearer
        for entity in reversed(self._entities):
            etype = entity.type
            name = entity.lower
            name_words = entity.words
            if len(words) == 1 and etype == "PERSON" and lower == name and entity.titled:
                return entity  # the lone name of a person named with a title ("President Trump")
            if self._short_company_name(words, entity):
                return entity  # "Novaris" after "Novaris Pharmaceuticals", whatever type the model gives it
            if kind == "ORG" and etype == "ORG" and self._shortened(name_words, words):
                return entity  # "Acme Motors Corp" after "Acme Motors": the full name of the same business
            if self._business_named_in_full(entity, words):
                return entity  # "Halvorsen" in a headline, a person to the model, then "Halvorsen Chemicals"
            if kind == "PERSON" and self._person_named_in_full(entity, words):
                return entity  # "Delgado joins Rovers", an organization to the model, then "Tomas Delgado"
            if not _compatible(etype, kind):
                continue
            if lower == name:
                return entity
            if kind == "PERSON" or etype == "PERSON":
                if len(words) == 1 and words[0] in (name_words[-1], name_words[0]) and len(name_words) > 1:
                    return entity
                if len(name_words) == 1 and name_words[0] == words[-1]:
                    return entity
            else:
                if text.isupper() and 2 <= len(text) <= 6 and _initials(entity.name) == text:
                    return entity
                if entity.name.isupper() and _initials(text) == entity.name:
                    return entity
                if (
                    len(words) == 1
                    and len(name_words) > 1
                    and words[0] == name_words[-1]
                    and self._is_media(entity)
                ):
                    return entity  # "the Journal" -> "The Wall Street Journal"
        return None

    def _business_named_in_full(self, entity: _Entity, words: list[str]) -> bool:
        """Whether `entity`, one word the model took for a person's name and no title ever went with, is
        the short name of the business named `words` ("Halvorsen" before "Halvorsen Chemicals")."""
        return (
            entity.type == "PERSON"
            and len(entity.words) == 1
            and not entity.titled
            and self._shortened(entity.words, words)
        )

    def _person_named_in_full(self, entity: _Entity, words: list[str]) -> bool:
        """Whether `entity`, one word the model took for an organization's name and that names no business,
        body or outlet, is the surname of the person named `words` ("Delgado" before "Tomas Delgado")."""
        return (
            entity.type == "ORG"
            and len(entity.words) == 1
            and not entity.name.isupper()  # ("SVP", a party's initials, is no surname of "Junge SVP")
            and entity.types.get("ORG", 0) <= 2  # (a name the model calls an organization often is one)
            and len(words) > 1
            and words[-1] == entity.words[0]
            and not self._is_business(entity)
            and not self._is_public_body(entity)
            and not self._is_media(entity)
        )

    def _short_company_name(self, words: list[str], entity: _Entity) -> bool:
        """Whether the (lower-cased) `words` are a business's name without the words that make it one
        ("Novaris" for "Novaris Pharmaceuticals", "Acme" for "Acme Corp.")."""
        return entity.type == "ORG" and self._shortened(words, entity.words)

    def _shortened(self, short: list[str], full: list[str]) -> bool:
        """Whether `full` is `short` and then only words that make a name a business's."""
        return (
            0 < len(short) < len(full)
            and full[0] == short[0]
            and full[: len(short)] == short
            and all(w.strip(",") in self.lexicon.company_name_words for w in full[len(short) :])
        )

    def _is_business(self, entity: _Entity) -> bool:
        """Whether an organization is a business: its name ends like one, or the text called it one."""
        return bool(entity.words) and (
            entity.words[-1].strip(",") in self.lexicon.company_name_words
            or bool(entity.epithets & self.lexicon.business_epithets)
        )

    def _is_public_body(self, entity: _Entity) -> bool:
        """Whether an organization is an agency, a court, a party ... ("Food and Drug Administration")."""
        return bool(entity.words) and (
            entity.words[-1] in self.lexicon.organization_heads
            or entity.lower in self.lexicon.known_organizations
            or entity.lower in self.lexicon.public_bodies
        )

    def _is_media(self, entity: _Entity) -> bool:
        """A news outlet: its name ends in an outlet's word ("the Harbor Ledger", "Xinhua News Agency") or
        names an outlet anywhere ("BBC Russian"); "Atlantic Terminals" and "American Express" are none."""
        words = entity.name.lower().replace(".", "").split()
        if words and words[0] == "the":
            words = words[1:]
        return self.lexicon.names_outlet(words)

    def _add_epithet(self, det: Token) -> int:
        """Resolve 'the X' (X an epithet); return the token index after the description, or 0."""
        doc = self.doc
        head = det.head
        if head.i <= det.i or head.i - det.i > 3 or head.pos_ not in ("NOUN", "PROPN"):
            return 0
        phrase = doc[det.i + 1 : head.i + 1].text.lower()
        lemma = head.lemma_.lower() if head.lemma_ else head.lower_
        kind = self.lexicon.epithets.get(phrase) or self.lexicon.epithets.get(lemma)
        key = phrase if phrase in self.lexicon.epithets else lemma
        body = kind is None and lemma in self.lexicon.body_epithets  # "the council"
        if body:
            kind = "ORG"
        if kind is None or head.ent_type_:
            return 0
        if head.tag_ == "NNS" and kind in ("PERSON", "ORG") and not body:
            return 0  # "the authors", "the companies": several are no one person or business named before
        between = doc[det.i + 1 : head.i]
        if key != phrase and any(t.pos_ == "PROPN" or t.ent_type_ for t in between):
            return 0  # "the Biden administration", "the U.S. government": a new description, not a reference
        # "the billionaire Elon Musk", "the state news agency TASS": a title before a name, the name will be
        # read next.
        if head.i + 1 < len(doc) and (
            doc[head.i + 1].ent_type_ in ("PERSON", "ORG", "GPE")
            or (doc[head.i + 1].pos_ == "PROPN" and doc[head.i + 1].dep_ in ("appos", "compound"))
        ):
            return 0
        if any(c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG") for c in head.children):
            return 0  # "The company that licenses the test, Verity Diagnostics,": named right there
        entity = self._resolve_epithet(key, kind, det.i, named_only=body)
        if entity is None:
            return 0
        self._record(entity, det.idx, head.idx + len(head.text), range(det.i, head.i + 1))
        return head.i + 1

    def _resolve_epithet(
        self, key: str, kind: str, before: int, *, named_only: bool = False
    ) -> _Entity | None:
        """The entity 'the X' refers to, among those named before token `before`: one X described before,
        else for an organization or a place one with X in its name ("the ministry" after "the Foreign
        Ministry", "the city" after "New York City"), else
        (unless `named_only`, as for a body's description: "the council") the latest of its kind."""
        earlier = [e for e in self._entities if e.mentions and e.last_token < before]
        earlier.sort(key=lambda e: e.last_token, reverse=True)
        for entity in earlier:
            if key in entity.epithets:
                return entity
        if kind in ("ORG", "GPE"):  # ("the city" after "New York City", though Colorado was named since)
            named = next((e for e in earlier if e.type == kind and key in e.words), None)
            if named is not None or named_only:
                return named
        if key in self.lexicon.business_epithets:
            # "the company" is the latest business named, else the latest organization that is no public
            # body: not the Food and Drug Administration quoted in between
            orgs = [e for e in earlier if e.type == "ORG" and not self._is_media(e)]
            bodies = [e for e in orgs if not self._is_public_body(e)]
            chosen = (
                next((e for e in orgs if self._is_business(e)), None)
                or next((e for e in bodies if e.subject), None)  # not the CNBC a statement went to
                or next(iter(bodies), None)
            )
            if chosen is not None:
                chosen.epithets.add(key)
            return chosen  # (None rather than the FBI: no business is a public body)
        for entity in earlier:
            if kind == "MEDIA" and entity.type == "ORG" and self._is_media(entity):
                return entity
            if kind == "ORG" and entity.type == "ORG" and not self._is_media(entity):
                return entity
            if kind == "GPE" and entity.type == "GPE":
                return entity
        return None

    def _add_pronoun(self, token: Token, sent_starts: list[int]) -> None:
        sent = token.sent
        window_start = sent.start
        for s in reversed(sent_starts):
            if s < sent.start:
                window_start = s
                break
        # 'Roberts said: "Conditions have been tough, but we have a plan." He added ...': a quotation the
        # parser made sentences of its own (or its closing mark, left alone) belongs to its speaker; look
        # past it (at most three sentences, names inside it left aside)
        quoted_from = window_start
        end = sent.start
        for _ in range(3):
            if window_start == 0 or not self._quoted_sentence(window_start, end):
                break
            end = window_start
            window_start = max((s for s in sent_starts if s < window_start), default=0)
        candidates: list[tuple[int, _Entity, bool]] = []
        for i in range(token.i - 1, window_start - 1, -1):
            entity = self._by_token.get(i)
            if entity is not None and entity.type == "PERSON":
                tok = self.doc[i]
                if quoted_from > window_start and i < sent.start and self._in_quote(tok.idx):
                    continue
                candidates.append((i, entity, _is_subject(tok)))
        if not candidates:
            return
        same_sentence = [c for c in candidates if c[0] >= sent.start and c[2]]
        subjects = [c for c in candidates if c[2]]
        chosen = (same_sentence or subjects or candidates)[0][1]
        self._record(chosen, token.idx, token.idx + len(token.text), range(token.i, token.i + 1))

    def _quoted_sentence(self, start: int, end: int) -> bool:
        """Whether the words of the sentence from token `start` to `end` are all inside a quotation, or it
        has none (a closing quote mark the parser left on its own)."""
        return all(
            t.is_punct or t.is_space or t.is_quote or self._in_quote(t.idx) for t in self.doc[start:end]
        )

    def _record(self, entity: _Entity, start: int, end: int, tokens: range) -> None:
        entity.mentions.append((start, end))
        doc = self.doc
        for i in tokens:
            self._by_token[i] = entity
            if not entity.subject and _is_subject(doc[i]):
                entity.subject = True
        entity.last_token = max(entity.last_token, tokens[-1])

    # -- lookups ------------------------------------------------------------------------------------
    def entity_at(self, token_index: int) -> str | None:
        entity = self._by_token.get(token_index)
        return f"e{entity.index + 1}" if entity is not None else None

    def type_of(self, entity_id: str) -> str:
        entity = self._entities[int(entity_id[1:]) - 1]
        return "ORG" if entity.type == "GPE" else entity.type

    def name_of(self, entity_id: str) -> str:
        return self._entities[int(entity_id[1:]) - 1].name

    def is_media(self, entity_id: str) -> bool:
        return self._is_media(self._entities[int(entity_id[1:]) - 1])

    def add_mention(self, entity_id: str, start_token: int, end_token: int) -> None:
        """Attach a mention found by another rule (a source resolved from context)."""
        entity = self._entities[int(entity_id[1:]) - 1]
        span = self.doc[start_token:end_token]
        if (span.start_char, span.end_char) not in entity.mentions:
            self._record(entity, span.start_char, span.end_char, range(start_token, end_token))

    def resolve_pronoun(self, token: Token) -> str | None:
        """Resolve a pronoun source that the first pass left alone ('it said' -> the latest organization)."""
        if token.lower_ not in ("it", "its"):
            return None
        sent = token.sent
        # the sentence's subject before it: "the company blamed apps that it said ..."
        for subject in self.doc[sent.start : token.i]:
            if not _is_subject(subject):
                continue
            entity = self._by_token.get(subject.i)
            # (a country too: "Russia said it would ...", and a business the model took for one)
            if entity is not None and entity.type in ("ORG", "GPE"):
                return f"e{entity.index + 1}"
            lemma = subject.lemma_.lower()
            if entity is None and subject.pos_ == "NOUN" and (
                self.lexicon.epithets.get(lemma) in ("ORG", "GPE", "MEDIA")
                or lemma in self.lexicon.body_epithets
            ):
                return None  # "The city spends ..., according to its budget": the city no name stands for
        for i in range(token.i - 1, -1, -1):
            entity = self._by_token.get(i)
            if entity is not None and entity.type == "ORG":
                return f"e{entity.index + 1}"
        return None

    def resolve_short_name(self, token: Token) -> str | None:
        """A surname the first pass could not resolve because the person is named in full only later
        ("Musk says Tesla will not build ..." as the headline, "Elon Musk said" in the first paragraph):
        the one person entity it is the surname of; else the one business it is the short name of ("Acme
        denied that", where the model found no name, after "Acme Motors"); else None."""
        if token.pos_ != "PROPN" or token.ent_type_ not in ("", "PERSON", "ORG"):
            return None
        people = [
            e for e in self._entities
            if e.type == "PERSON" and len(e.words) > 1 and e.words[-1] == token.lower_
        ]
        if not people:  # "Acme denied that" after "Acme Motors": the business by its short name
            people = [e for e in self._entities if self._short_company_name([token.lower_], e)]
        if not people:  # "Vela insist ..." in a headline the model left untagged, over "Vela" below
            people = [e for e in self._entities if e.type == "ORG" and e.words == [token.lower_]]
        if len(people) != 1:
            return None
        entity = people[0]
        self._record(entity, token.idx, token.idx + len(token.text), range(token.i, token.i + 1))
        return f"e{entity.index + 1}"

    def resolve_headline_epithet(self, token: Token) -> str | None:
        """A description heading the text that the article names only below ("Kharkiv governor says two
        workers killed" over "Governor Oleh Syniehubov said ..."): the one entity of its kind described
        so after it; else None. Only in the first line: below it, a description refers back."""
        if token.i > 40 or not (token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_)):
            return None  # (a headline is short; title case may make its nouns proper: "Governor says ...")
        before = self.doc[: token.i]
        first = next((t.i for t in before if not t.is_space), token.i)
        if any("\n" in t.text_with_ws for t in self.doc[first : token.i]):
            return None
        key = token.lemma_.lower()
        kind = self.lexicon.epithets.get(key)
        words = {t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod")}
        if words:
            words.add(token.lower_)
        if kind not in ("PERSON", "ORG") and not words:
            return None
        below = [
            e for e in self._entities
            if e.type in (kind, "ORG") and e.mentions and e.mentions[0][0] > token.idx
        ]
        found = [e for e in below if e.type == kind and key in e.epithets]
        if not found and key in self.lexicon.business_epithets:
            # "Chemical maker disputes spill estimate" over "Halvorsen Chemicals said": the one business
            found = [e for e in below if e.type == "ORG" and self._is_business(e)]
        if not found and words:
            # "Budget office warns of shortfall" over "The Legislative Budget Office said": the one
            # organization whose name has all the headline's words
            found = [e for e in below if e.type == "ORG" and words <= set(e.words)]
        if len(found) != 1:
            return None
        entity = found[0]
        self._record(entity, token.idx, token.idx + len(token.text), range(token.i, token.i + 1))
        return f"e{entity.index + 1}"

    def entities(self, text: str | None = None) -> list[Entity]:
        """The entities as records, mentions in text order (``text``: the doc's, when the caller has it)."""
        text = self.doc.text if text is None else text
        return [
            Entity(
                f"e{e.index + 1}",
                e.name,
                e.type,
                tuple(RecordSpan.of(text, s, t) for s, t in sorted(set(e.mentions))),
            )
            for e in self._entities
        ]


def _is_dateline_place(ent: Span) -> bool:
    """Whether a name is the place of a wire dateline: capitals opening a line, then the agency in
    parentheses or a dash."""
    doc = ent.doc
    if not ent.text.isupper() or (ent.start > 0 and "\n" not in doc[ent.start - 1].text_with_ws):
        return False
    after = doc[ent.end] if ent.end < len(doc) else None
    return after is not None and after.text in ("(", ",", "—", "–", "-", "--")


def _name_run(token: Token) -> int:
    """The end of the run of up to three capitalized proper nouns from `token` that no entity the model
    found holds (a nationality aside: "Olaf"): a person's name the model missed."""
    doc = token.doc
    end = token.i
    while (
        end < len(doc)
        and end - token.i < 3
        and doc[end].pos_ == "PROPN"
        and doc[end].ent_type_ in ("", "NORP")
        and doc[end].is_alpha
        and doc[end].is_title
    ):
        end += 1
    return end


def _plural_subject(ent: Span) -> bool:
    """Whether a name is the subject of a verb in the plural ("Northbridge Rovers have agreed", "Sporting
    Vela are ..."), which a team or a firm takes in British English and a person never does; not a family
    or a people ("the Clintons have", "Latinos in Texas think") nor names joined by "and"."""
    root = ent.root
    if root.dep_ != "nsubj" or (len(ent) == 1 and (root.tag_ == "NNPS" or root.lower_.endswith("s"))) or any(
        t.dep_ in ("cc", "conj") for t in root.subtree
    ):
        return False  # ("Christie and Ohio Gov. John Kasich are staking ...", however the parser joins them)
    subject = list(root.subtree)
    if any(t.is_punct for t in subject):
        return False  # ("Rep. Trey Gowdy (R-S.C.):“I have ...”": the parser ran the name into a quotation)
    verb = root.head
    finite = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if min(t.i for t in finite) != subject[-1].i + 1:
        return False  # the verb right after the name
    return any(t.tag_ == "VBP" for t in finite) and not any(t.tag_ in ("VBZ", "VBD", "MD") for t in finite)


def _is_subject(token: Token) -> bool:
    """Whether a token is (part of) a clause's subject: "Apple", "the company", "Apple Inc."."""
    return token.dep_ in _SUBJECTS or (
        token.head.dep_ in _SUBJECTS and token.dep_ in ("compound", "conj", "det")
    )


def _fits(epithet_kind: str | None, entity_kind: str) -> bool:
    """Whether an epithet of this kind can describe an entity of this type."""
    if epithet_kind is None:
        return False
    if epithet_kind == "PERSON":
        return entity_kind == "PERSON"
    return entity_kind in ("ORG", "GPE")


def _compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    return {a, b} <= {"ORG", "GPE"}


def build_entity_index(
    doc: Doc, lexicon: Lexicon, *, skip: list[tuple[int, int]], quotes: list[tuple[int, int]]
) -> EntityIndex:
    """Entities of `doc` outside the `skip` ranges (boilerplate), with their mentions."""
    return EntityIndex(doc, lexicon, skip).build(quotes)
