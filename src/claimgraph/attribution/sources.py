"""Sources of attributions: the mention's extent, its kind, and what the text says about unnamed sources."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from claimgraph.attribution.lexicon import Lexicon
from claimgraph.records import AnonymousSource

# Dependents that belong to a source mention: "Kremlin spokesman Dmitry Peskov", "one current and one
# former intelligence source", "people familiar with the matter". Relative clauses and clausal modifiers
# ("who did not respond ...") are left out: the mention is the noun phrase, not what is said about it.
_MENTION_DEPS = {
    "det",
    "compound",
    "amod",
    "nmod",
    "nummod",
    "poss",
    "case",
    "quantmod",
    "conj",
    "cc",
    "prep",
    "pobj",
    "appos",
    "predet",
    "advmod",
    "npadvmod",
    "punct",
    "dep",
    "nn",
    "flat",
}
_NOT_IN_MENTION = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"}
_PRONOUN_KINDS = {
    "he": "person",
    "she": "person",
    "i": "person",
    "it": "organization",
    "we": "unknown",
    "they": "unknown",
    "you": "unknown",
}


def find_source_span(head: Token, *, with_participles: bool = False) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head`, without clauses about it.

    `with_participles` keeps a past participle that says which thing it is ("figures published by the
    statistics office", "a report released on Monday"): for documents cited with "according to".
    """
    keep = {head.i}
    ages: list[int] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _NOT_IN_MENTION and not (
                with_participles and child.dep_ == "acl" and child.tag_ == "VBN" and tok.i == head.i
            ):
                continue
            if child.dep_ == "appos" and tok.i == head.i and child.i - head.i > 6:
                continue  # "Peskov, the Kremlin spokesman," keeps the role; a long apposition is a clause
            if (
                tok.i == head.i
                and child.i > head.i
                and child.like_num
                and child.n_lefts + child.n_rights == 0
                and head.doc[child.i - 1].text == ","
            ):
                ages.append(child.i)  # "Ana Ruiz, 52,": her age, not her name
                continue
            if _dates(child) and (
                (child.dep_ in ("prep", "npadvmod") and tok.pos_ == "PROPN")
                or (child.dep_ == "prep" and child.lower_ == "on" and tok.i == head.i
                    and head.dep_ == "nsubj")
            ):
                # "Chuck Schumer on Tuesday accused", "A judge on Friday denied": when, misattached to the
                # speaker (a date does say which one of a thing: "his speech Tuesday", "a poll released
                # Monday")
                continue
            if child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and (with_participles or child.i > tok.i):
                # "exit polls conducted by Edison Research", "people familiar with": part of which ones
                keep.update(t.i for t in child.subtree)
            elif child.dep_ in _MENTION_DEPS or child.pos_ in ("DET", "ADJ", "NUM", "PROPN", "NOUN"):
                keep.add(child.i)
                stack.append(child)
    # ... unless more of the mention comes after it ("Donna Sampson Rawlings, 59, of Ashton, Md.")
    keep.update(i for i in ages if any(k > i and not head.doc[k].is_punct for k in keep))
    doc = head.doc
    # A dateline run into the sentence ("MACAU (Reuters) – Top donor Sheldon Adelson") is not the source.
    dashes = [i for i in keep if i < head.i and doc[i].text in ("–", "—", "--")]
    if dashes:
        keep = {i for i in keep if i > max(dashes)}
    # Keep the contiguous run around the head (a clause removed in the middle splits the phrase).
    start = head.i
    while start - 1 in keep:
        start -= 1
    # '“...,” Tulsa police Chief Chuck Jordan said': a place opening the mention that the parser hung
    # elsewhere (after a quotation or at the sentence's start) still names whose chief
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.ent_type_ in ("GPE", "NORP", "ORG")  # (the tagger may take "Tulsa" there for a verb)
        and before.text[:1].isupper()
        and before.dep_ in ("advcl", "npadvmod", "dep", "nmod")
        and (start < 2 or doc[start - 2].is_punct or doc[start - 2].is_space)
        and doc[start].pos_ in ("PROPN", "NOUN")
        and doc[start].ent_iob_ != "I"  # (not a name of its own it would open: "Say Mexico demanded")
    ):
        start -= 1
    end = head.i + 1
    while end in keep:
        end += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    # "Rep. Jim Clyburn (D-S.C.)": a parenthesis opened in the mention closes in it
    opened = sum(1 for t in doc[start:end] if t.text == "(") - sum(1 for t in doc[start:end] if t.text == ")")
    while opened > 0 and end < len(doc) and doc[end].text in (")", ".") and end - start < 40:
        opened -= doc[end].text == ")"
        end += 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return start, end


def _dates(token: Token) -> bool:
    """Whether a modifier is a time: "Tuesday", "on Tuesday", "last week"."""
    if token.ent_type_ in ("DATE", "TIME"):
        return True
    return token.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children
    )


# What a mention's extent takes in after its head: PolNeAR (like PARC) marks the source as the whole noun
# phrase, "Kerr Putney, the Charlotte-Mecklenburg police chief,", "Don Fowler, who helmed the DNC from
# 1995 to 1997,", "research conducted by the Center for Media and Public Affairs".
_DESCRIBING_DEPS = {"appos", "relcl", "acl"}
_FINITE = {"VBD", "VBZ", "VBP"}


def extend_source_span(head: Token, start: int, end: int, *, stop: Callable[[Token], bool]) -> int:
    """End of the whole noun phrase of a source mention [start, end) headed by `head`: the appositions,
    relative clauses and clausal modifiers after the head that :func:`find_source_span` leaves out, up to
    the first token for which `stop` is true (the cue, the content) and never past the sentence.

    The record keeps both: ``source`` is the short mention, what the source is classified and resolved by
    (an apposition or a clause names other people and places); ``source_phrase`` is the whole phrase,
    what the text says of the source.
    """
    limit = max(
        (
            c.right_edge.i + 1
            for c in head.children
            if c.dep_ in _DESCRIBING_DEPS
            and c.i > head.i
            and not (c.dep_ == "acl" and c.tag_ in _FINITE)  # a predicate misread as a modifier
        ),
        default=end,
    )
    doc = head.doc
    limit = min(limit, head.sent.end)
    new_end = end
    while new_end < limit and not stop(doc[new_end]):
        new_end += 1
    while new_end > end and (
        doc[new_end - 1].is_punct or doc[new_end - 1].is_space or doc[new_end - 1].dep_ == "cc"
    ):
        new_end -= 1
    # "Alliance to Reclaim Our Schools (AROS)": a parenthesis opened in the phrase closes in it
    opened = sum(t.text == "(" for t in doc[end:new_end]) - sum(t.text == ")" for t in doc[end:new_end])
    if opened > 0 and new_end < head.sent.end and doc[new_end].text == ")" and not stop(doc[new_end]):
        new_end += 1
    return new_end


# Pronouns for people not named, unnamed sources when the text says so: "Others, speaking on condition of
# anonymity, said ..."
_UNNAMED_GROUPS = frozenset({"others", "some", "many", "several", "most", "few"})


def describe_anonymous(
    doc: Doc, start: int, end: int, head: Token, lexicon: Lexicon
) -> AnonymousSource | None:
    """Count and descriptors of an unnamed source, or None when the source is named."""
    tokens = doc[start:end]
    lowers = [t.lower_ for t in tokens]
    heads = [head] + [t for t in head.conjuncts if start <= t.i < end]
    marked = (
        any(w in lexicon.anonymity_markers for w in lowers)
        or any(w.lower_ in lexicon.anonymity_markers for w in head.subtree)
        or _aside_marks_anonymity(head, end, lexicon)
        or _asked_not_to_be_named(head)
    )
    lemma = head.lemma_.lower()
    if not any(
        h.lower_ in lexicon.anonymous_nouns or h.lemma_.lower() in lexicon.anonymous_nouns for h in heads
    ) and not (
        (
            lexicon.epithets.get(lemma) == "PERSON"
            or lemma in lexicon.relations
            or head.lower_ in _UNNAMED_GROUPS
            or lemma in lexicon.person_nouns
        )
        and (marked or _counted(head, lexicon))
    ) and not (lemma in lexicon.person_nouns and _introduced(head)):
        # A post that names one person ("senator", "minister") is an unnamed source only when the text says
        # so or counts its holders ("one GOP senator, who spoke on condition of anonymity", "some Republican
        # senators"): "the senator" is someone named before, "Prosecutors said" an office on record.
        return None
    if any(t.ent_type_ == "PERSON" and t.lower_ not in lexicon.anonymous_nouns for t in tokens):
        return None  # (a named person; not "Forecasters", which the model may tag as one)
    if not marked and head.lower_ in lexicon.published_roles and any(t.ent_type_ == "ORG" for t in tokens):
        return None  # "analysts at Morgan Stanley estimated": the bank's published view, on record
    # A bare "spokesman" of a named organization speaks on record: not anonymous unless the text says so.
    if head.lower_ in ("spokesman", "spokeswoman", "spokesperson", "representative") and not marked:
        return None
    group = _one_of(head, lexicon)  # "One of the people said": one of the unnamed sources named before
    if head.lower_ in ("one", "someone") and not marked and head.dep_ != "nsubjpass" and group is None:
        return None
    count = _count_sources(tokens, lexicon)
    status: list[str] = []
    for word in lowers:
        value = lexicon.anonymous_status.get(word)
        if value and value not in status:
            status.append(value)
    affiliations: list[str] = []
    for t in tokens:
        if t.ent_type_ in ("GPE", "NORP", "ORG") and t.ent_iob_ == "B" and t.i != head.i:  # ("Two MPs")
            name = t.doc[t.i : t.i + 1].text
            ent = next((e for e in doc.ents if e.start == t.i), None)
            if ent is not None:
                name = ent.text
            if name not in affiliations:
                affiliations.append(name)
        elif (
            t.lower_ in lexicon.anonymous_affiliations
            and not t.ent_type_
            and t.i != head.i
            and t.lower_ not in affiliations
        ):
            affiliations.append(t.lower_)
    role = head.text if head.lower_ not in ("one", "someone") else group.text if group is not None else None
    if role is None:
        conj = [h for h in heads if h.i != head.i]
        role = conj[-1].text if conj else None
    if len(heads) > 1:
        role = heads[-1].text
    return AnonymousSource(
        count=count,
        descriptors=tuple(status + affiliations),
        status=tuple(status),
        affiliations=tuple(affiliations),
        role=role,
    )


# "who asked not to be named", "who did not want to be identified", "who declined to be named because ..."
_NOT_NAMED = re.compile(
    r"\b(?:not|n[’']t|declined|refused)\b[^,;.]{0,30}?\bto be (?:named|identified|quoted)\b"
    r"|\bon condition (?:that|of) (?:he|she|they|his|her|their)\b[^,;.]{0,20}\b(?:not be|names?)\b",
    re.IGNORECASE,
)


def _asked_not_to_be_named(head: Token) -> bool:
    """Whether a relative clause on the mention says the source would not be named ("one former partner,
    who did not want to be named because ...")."""
    return any(
        c.dep_ in ("relcl", "acl") and _NOT_NAMED.search(c.doc[c.left_edge.i : c.right_edge.i + 1].text)
        for c in head.children
    )


def _aside_marks_anonymity(head: Token, end: int, lexicon: Lexicon) -> bool:
    """"A State Department spokesperson, speaking on condition of anonymity ..., said": the aside between
    the mention and its verb, which the parser may hang on the verb, says the source is unnamed."""
    verb = head.head
    if verb.i <= end or verb.i - end > 20:
        return False
    doc = head.doc
    return doc[end].text == "," and any(t.lower_ in lexicon.anonymity_markers for t in doc[end : verb.i])


def _one_of(head: Token, lexicon: Lexicon) -> Token | None:
    """The group of "one of the people", "one of the officials": an unnamed source's noun, or None."""
    if head.lower_ != "one":
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            group = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if group is not None and group.lower_ in lexicon.anonymous_nouns and group.ent_type_ != "PERSON":
                return group
    return None


def _introduced(head: Token) -> bool:
    """Whether the noun comes in with an indefinite article ("an engineer at the plant said", "another
    worker"): someone the text does not name."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in head.lefts)


def _counted(head: Token, lexicon: Lexicon) -> bool:
    """Whether the noun is counted or quantified ("one senator", "some senators", "two ministers"; not "a
    federal judge", who acts on record and is usually named next)."""
    return any(
        c.dep_ in ("det", "nummod", "amod", "quantmod")
        and c.lower_ not in ("a", "an")
        and lexicon.count_words.get(c.lower_) is not None
        for c in head.lefts
    )


def _count_sources(tokens: object, lexicon: Lexicon) -> int | str | None:
    words = [t.lower_ for t in tokens]  # type: ignore[attr-defined]
    joined = " ".join(words)
    for phrase in ("a number of", "a dozen", "a few"):
        if phrase in joined:
            return lexicon.count_words[phrase]
    numbers: list[int] = []
    vague: str | None = None
    for t in tokens:  # type: ignore[attr-defined]
        if t.pos_ not in ("NUM", "DET", "ADJ") and t.lower_ not in ("one",):
            continue
        value = lexicon.count_words.get(t.lower_)
        if isinstance(value, int):
            numbers.append(value)
        elif isinstance(value, str) and vague is None:
            vague = value
        elif t.like_num and t.text.isdigit():
            numbers.append(int(t.text))
    if vague is not None:
        return vague
    if numbers:
        return sum(numbers)
    return None


def classify_source(
    head: Token, entity_type: str | None, lexicon: Lexicon, anonymous: AnonymousSource | None
) -> str:
    """person | organization | anonymous | unknown for a source mention with head `head`."""
    if anonymous is not None:
        return "anonymous"
    if entity_type == "PERSON":
        return "person"
    if entity_type in ("ORG", "GPE", "MEDIA"):
        return "organization"
    lower = head.lower_
    if lower in _PRONOUN_KINDS:
        return _PRONOUN_KINDS[lower]
    if lower in lexicon.institutions:
        return "organization"  # "Prosecutors said": the office, though one prosecutor is a person
    epithet = lexicon.epithets.get(head.lemma_.lower())
    if epithet == "PERSON":
        return "person"
    if epithet in ("ORG", "MEDIA", "GPE"):
        return "organization"
    if head.ent_type_ == "PERSON":
        return "person"
    if head.ent_type_ in ("ORG", "GPE", "FAC", "NORP"):
        return "organization"
    lemma = head.lemma_.lower()
    if lemma in lexicon.institutions:
        return "organization"  # "Police said": one body, however many outlets quote it
    if lemma in lexicon.body_epithets:
        return "organization"  # "The court ruled", "A federal appeals court said": a body, named or not
    if lemma in lexicon.relations and head.tag_ == "NN":
        return "person"  # "His son said", "A friend of the senator said": a person, though not named
    return "unknown"
