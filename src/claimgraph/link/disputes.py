"""Disputes: denials linked to the claims they deny, and statements that contradict each other.

Contradiction rules (each returns the reason it fires; table-tested in tests/link/test_link_disputes.py).
Two statements must first be about the same thing: at least two shared corpus entities, or one shared
entity and one shared content word (a Peskov quote about "Musk and Putin" and a WSJ line about "the
billionaire" and "Putin's deputy"), or, for rules 2 and 4, words similar enough to make one claim (claim
grouping asks; rule 2 then needs half their content words in common). Then:

1. quantity: one says there was only one ("only one", "a single", "just once") and the other says there
   were many ("regular", "several", "repeatedly", "continued", "throughout").
2. negation: exactly one of them is negated ("no agreement ... has been signed" vs "has agreed to sell")
   and their features (content stems and entities) overlap with Jaccard >= 0.25: the same proposition,
   one of them negated. A negation deep in an unrelated clause ("asked Musk to not activate Starlink" vs
   "held secret talks", 0.12) does not fire.
3. time: one dates the event before a time ("before 2022") and the other at or after it ("October 2022"),
   or after a time and the other before it.
4. numbers: they count the same thing with numbers that cannot both hold ("12 people were killed" vs "15
   people were killed"; "about 12,000 gallons" vs "only 3,000 gallons"; "at least 12" agrees with 15, "about
   12,000", roughly it, with 11,000), for statements similar enough to make one claim, or, in one story
   (:func:`count_contradictions`), when the shorter says nothing the other does not and both say what
   happened or both what may happen (:func:`count_clash`).

Denial linking (:func:`denial_targets`), in order:

1. the denial's content names a news outlet ("the allegations in WSJ's report"): the claims that outlet is
   an original source of, in the same story (a shared document, or two shared entities between the
   documents within :data:`STORY_DAYS`), and, when the denial says more than "the report" ("the AP report
   was misleading because it excluded the meetings"), with a word of what it says;
2. the denial's content is a proposition, two content words or more besides the generic ones ("denied
   that it had agreed to sell the pier"; not "denied it happened", "denies layoff report"): the assertion
   claims similar to it (:data:`DENIAL_THRESHOLD`) that say it as the denial has it, not negated (a
   claim "there is no plan to cut jobs" agrees with a denial of "plans to cut jobs"; the contradiction
   rules relate the two), or, in the same story, that name an entity the denial names and hold most of
   its words (:data:`DENIAL_CONTAINED`: "Acme denied it plans any cuts", where "it" is Acme, denies "Acme
   plans to cut 900 jobs at its Newport port next year"), or, in the same story, that state a figure the
   denial names ("The 12,000-gallon figure is simply wrong");
3. a generic object ("denied the report", "It's all untrue", "denies layoff report"): what the same
   source's previous denial in the document denied, else the claims the document relays from the outlets
   it cites, else (no outlet in sight) the claims of the same document that others made before it (a
   headline's: all of them), not its own people's ("Kremlin spokesman Dmitry Peskov"); "denied that",
   "denied it": the claim said just before it. A denial of an outlet's report that is not in the corpus
   links nothing: it becomes a claim of its own, ``denied``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from claimgraph.link.claims import Statement, Weights, filtering_prefix, similarity
from claimgraph.link.entities import initials
from claimgraph.link.words import STOPWORDS, content_terms, fold, name_key, stem, tokens

STORY_DAYS = 30  # a denial and the claims it denies are published this close
DENIAL_THRESHOLD = 0.3  # similarity of a propositional denial to the claim it denies
# ... or the share of a short denial's features a claim about the same entity holds, in the same story
DENIAL_CONTAINED = 0.8
PROPOSITION_WORDS = 2  # content words a denial needs besides "the report" to state a proposition
NEGATION_OVERLAP = 0.25  # Jaccard of features: the negated statement is about the same proposition
# ... for statements with no shared entity, similar enough to merge: most of their words in common (a
# negation in a clause of its own, "stand with Israel, not declare neutrality", is no contradiction of
# "will stand by Israel")
SIMILAR_NEGATION_OVERLAP = 0.5

# Each cue: a pattern over folded text; named so that the reason says which words clashed.
_SINGULAR = re.compile(
    r"\b(only one|just one|a single|one single|only once|just once|only one time|"
    r"one-off|one-time|a one-time)\b"
)
_PLURAL = re.compile(
    r"\b(regular(?:ly)?|several|multiple|many|repeated(?:ly)?|frequent(?:ly)?|numerous|"
    r"ongoing|continued|continuing|throughout|a series of|dozens|at least (?:two|three)|"
    r"on several occasions|talks|conversations|contacts)\b"
)
# A bare plural noun ("held talks") counts as many only against an explicit "only one": it is listed
# last so that a stronger cue is named in the reason when there is one.
_PLURAL_NOUNS = frozenset({"talks", "conversations", "contacts"})
# Words of a generic denial object: "the report", "the allegations", "the claims", "it's all untrue".
_GENERIC = frozenset(
    content_terms(
        "report reports allegation allegations claim claims story article "
        "accusation accusations untrue false lie lies fake news nonsense "
        "speculation rumors rumours all "
        # what calling something false calls it: "called the governor's plan “a fantasy”"
        "fantasy fiction falsehood propaganda disinformation misinformation smear slander hoax fabrication "
        "cynical outright blatant utter pure"
    )
)


@dataclass(frozen=True, slots=True)
class DenialLink:
    """A claim a denial denies, and why."""

    claim: str
    reason: str


def _plural_cue(text: str) -> str | None:
    found = [m.group(1) for m in _PLURAL.finditer(text)]
    strong = [f for f in found if f not in _PLURAL_NOUNS]
    return (strong or found or [None])[0]


@functools.lru_cache(maxsize=1 << 16)  # each statement meets many others
def _quantity_cues(text: str) -> tuple[str | None, str | None]:
    """The statement's "only one" cue and its "many" cue (rule 1), either None."""
    folded = fold(text)
    one = _SINGULAR.search(folded)
    return (one.group(1) if one else None), _plural_cue(folded)


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
# "12 people", "Twelve people", "1,200 workers", with what qualifies the number: "at least 12 people"
# bounds it from below, "up to 12" from above, "about 12,000 gallons" gives it roughly; "$12 billion",
# "12%" and years are amounts and dates, not counts
_COUNT = re.compile(
    r"(?<![$€£\w.,])(?P<qualifier>(?:at least|more than|over|about|around|nearly|almost|up to|some|roughly|"
    r"approximately|fewer than|less than|at most|as many as|as few as|under|only|just)\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?:\s+(?P<scale>thousand|million|billion))?(?P<hyphen>\s+|-)(?P<noun>[a-z]+)\b",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NOT_COUNTED = frozenset({
    "percent", "per", "million", "billion", "trillion", "thousand", "years", "year", "days", "day", "months",
    "month", "weeks", "week", "hours", "hour", "minutes", "times", "of", "and", "or", "to", "in", "a", "the",
    # an increment, not the total: "900 more jobs", "two other people"
    "more", "additional", "other", "extra", "further",
    # shares and margins, not counts: "one-third of voters", "leads by 13 points"
    "half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth", "fifths",
    "point", "points", "percentage",
}) | STOPWORDS
# The numbers a qualified count allows, as factors of the number (low, high): "about 12,000" is roughly it;
# "more than 40" and "fewer than 30" leave the number itself out (:func:`_counts`)
_RANGES = {
    "about": (0.75, 1.25), "around": (0.75, 1.25), "roughly": (0.75, 1.25), "approximately": (0.75, 1.25),
    "some": (0.75, 1.25), "nearly": (0.75, 1.0), "almost": (0.75, 1.0),
    "at least": (1.0, float("inf")), "as few as": (1.0, float("inf")),
    "up to": (0.0, 1.0), "at most": (0.0, 1.0), "as many as": (0.0, 1.0),
}


@dataclass(frozen=True, slots=True)
class _Count:
    value: int
    low: float  # the numbers the statement allows
    high: float
    noun: str
    said: str  # the number as written, with its qualifier ("about 12,000")

    def excludes(self, other: _Count) -> bool:
        return self.high < other.low or other.high < self.low


@functools.lru_cache(maxsize=1 << 16)
def _counts(text: str, *, modifiers: bool = False) -> dict[str, _Count]:
    """What a statement counts: noun stem -> the count (its first one). `modifiers`: also a count that
    modifies a noun ("the 12,000-gallon figure", which a denial may name; "a two-man race" counts no men)."""
    found: dict[str, _Count] = {}
    for m in _COUNT.finditer(text):
        if m.group("hyphen") == "-" and not modifiers:
            continue
        number, noun, scale = m.group("number").lower(), m.group("noun").lower(), m.group("scale")
        if noun in _NOT_COUNTED or (number.isdigit() and len(number) == 4 and number[:2] in ("19", "20")):
            continue
        if "." in number and not scale:
            continue  # "2.5 people": no count
        factor = _SCALES.get((scale or "").lower(), 1)  # "2.1 million customers"
        value = round((_NUMBER_WORDS.get(number) or float(number.replace(",", ""))) * factor)
        qualifier = " ".join((m.group("qualifier") or "").lower().split())
        low: float
        high: float
        if qualifier in ("more than", "over"):
            low, high = value + 1, float("inf")
        elif qualifier in ("fewer than", "less than", "under"):
            low, high = 0.0, value - 1
        else:
            low, high = (share * value for share in _RANGES.get(qualifier, (1.0, 1.0)))
        said = " ".join(w for w in (qualifier, m.group("number"), scale) if w)
        found.setdefault(noun.removesuffix("s"), _Count(value, low, high, noun, said))
    return found


def _number_clash(a: str, b: str) -> str | None:
    """Rule 4: two statements that count the same thing differently: the numbers each allows do not meet
    ("12 people were killed" vs "15 people were killed", "about 12,000 gallons" vs "only 3,000 gallons";
    "at least 12" agrees with 15, "about 12,000" with 11,000)."""
    counts_b = _counts(b)
    for noun, count in _counts(a).items():
        other = counts_b.get(noun)
        if other is not None and count.excludes(other):
            return f"number: {count.said} vs {other.said} {count.noun}"
    return None


# What a statement says will or may happen, not what did: "plans to cut 900 jobs" does not contradict "cut
# 300 jobs"
_MODAL = re.compile(
    r"\b(?:will|would|could|may|might|shall|plans?|planned|planning|expects?|expected|aims?|intends?|"
    r"wants?|proposes?|proposed|forecasts?|projects?|projected|estimated|to be)\b"
)


def count_clash(a: Statement, b: Statement) -> str | None:
    """Rule 4 for statements of one story that claim grouping kept apart ("About 12,000 gallons of solvent
    leaked into the Mill River on Sunday" vs "only 3,000 gallons leaked"): they count the same thing
    differently, the shorter one says nothing the other does not (its words and entities, numbers aside,
    are all in the other, and one word at least besides the counted noun: "Clinton leads Sanders in
    California by about 6 points" is not about the lead "in the state" of another statement), and both say
    what happened or both what may happen."""
    reason = _number_clash(a.text, b.text)
    if reason is None:
        return None
    if bool(_MODAL.search(fold(a.text))) != bool(_MODAL.search(fold(b.text))):
        return None
    features_a = {f for f in a.features if not f.replace(".", "").isdigit()}
    features_b = {f for f in b.features if not f.replace(".", "").isdigit()}
    shorter, longer = sorted((features_a, features_b), key=len)
    counted = _counts(b.text)
    nouns = {stem(tokens(c.noun)[0]) for k, c in _counts(a.text).items() if k in counted}
    if not shorter <= longer or not shorter - nouns:
        return None
    return reason


COUNT_MAX_GROUP = 400  # statements counting one noun in documents about one entity, compared pairwise


def count_contradictions(
    statements: Sequence[Statement],
    document_entities: Mapping[str, frozenset[str]],
    media: frozenset[str],
) -> list[tuple[int, int, str]]:
    """Pairs of statements (indices) of one story that :func:`count_clash` says count the same thing
    differently, with the reason. One story: the same document, or documents published within
    :data:`STORY_DAYS` that share two entities (news outlets aside). Only statements counting the same noun
    in documents about a common entity are compared, and not through an entity so common that more than
    :data:`COUNT_MAX_GROUP` of them do."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, statement in enumerate(statements):
        nouns = _counts(statement.text)
        if not nouns:
            continue
        about = document_entities.get(statement.document, frozenset()) - media
        about = about or frozenset({"doc:" + statement.document})
        for noun in nouns:
            for entity in about:
                buckets.setdefault((noun, entity), []).append(i)
    out: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2 or len(members) > COUNT_MAX_GROUP:
            continue
        for x, i in enumerate(members):
            a = statements[i]
            for j in members[x + 1 :]:
                b = statements[j]
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                if a.document != b.document:
                    day_a, day_b = _day(a.published), _day(b.published)
                    if day_a is None or day_b is None or abs(day_a - day_b) > STORY_DAYS:
                        continue
                    if not _about_the_same(a.document, b.document, document_entities, media):
                        continue
                reason = count_clash(a, b)
                if reason is not None:
                    out.append((i, j, reason))
    return sorted(out)


def _year_month(value: str) -> str | None:
    m = re.match(r"\s*([<>])?\s*(\d{4}(?:-\d{2})?)", value or "")
    return m.group(2) if m else None


def _time_clash(a: Statement, b: Statement) -> str | None:
    for x, y in ((a, b), (b, a)):
        for tx in x.times:
            value = str(tx.get("value") or "")
            bound = _year_month(value)
            if not bound or value.strip()[:1] not in "<>":
                continue
            for ty in y.times:
                other = str(ty.get("value") or "")
                point = _year_month(other)
                if not point or other.strip()[:1] in "<>":
                    continue
                if value.strip().startswith("<") and point[: len(bound)] >= bound:
                    return f"time: '{tx.get('text')}' vs '{ty.get('text')}'"
                if value.strip().startswith(">") and point[: len(bound)] < bound:
                    return f"time: '{tx.get('text')}' vs '{ty.get('text')}'"
    return None


_POINT = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def dated_apart(a: Statement, b: Statement) -> bool:
    """Whether two statements date what they say at different times of the same precision ("sales rose 5%
    in March" / "... in April"): not one claim, though neither contradicts the other."""
    def points(s: Statement) -> set[str]:
        return {str(t.get("value")) for t in s.times if _POINT.match(str(t.get("value") or ""))}

    pa, pb = points(a), points(b)
    if not pa or not pb or pa & pb:
        return False
    return any(len(x) == len(y) for x in pa for y in pb)


def about_same_thing(a: Statement, b: Statement) -> bool:
    shared_entities = len(a.entities & b.entities)
    return shared_entities >= 2 or (shared_entities == 1 and bool(a.terms & b.terms))


def _jaccard(a: Statement, b: Statement) -> float:
    fa, fb = a.features, b.features
    return len(fa & fb) / len(fa | fb) if fa and fb else 0.0


def find_contradiction(a: Statement, b: Statement, *, similar: bool = False) -> str | None:
    """Why two statements contradict each other (the rules of the module docstring, every one that fires,
    joined by "; "), or None. `similar`: claim grouping found the two similar enough to merge, which makes
    them about the same thing without a shared entity, for the negation rule when they share most of their
    words (:data:`SIMILAR_NEGATION_OVERLAP`: "the explosion at the plant was caused by a gas leak" vs "the
    explosion at the plant was not caused by a gas leak"), and for the number rule."""
    same = about_same_thing(a, b)
    if not same and not similar:
        return None
    reasons = []
    if same:
        qa, qb = _quantity_cues(a.text), _quantity_cues(b.text)
        for (one, _), (other_one, many) in ((qa, qb), (qb, qa)):
            if one and many and not other_one:
                reasons.append(f"quantity: '{one}' vs '{many}'")
                break
    if a.negated != b.negated and (
        _jaccard(a, b) >= NEGATION_OVERLAP
        if same
        else _jaccard(a, b) >= SIMILAR_NEGATION_OVERLAP and min(len(a.features), len(b.features)) >= 3
    ):
        negated, plain = (a, b) if a.negated else (b, a)
        reasons.append(f"negation: '{_short(negated.text)}' vs '{_short(plain.text)}'")
    clash = _time_clash(a, b) if same else None
    if clash:
        reasons.append(clash)
    if similar and (numbers := _number_clash(a.text, b.text)):
        reasons.append(numbers)
    return "; ".join(reasons) or None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()).strip("“”\"' ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def specific_terms(denial: Statement, media: Iterable[str] = ()) -> frozenset[str]:
    """What a denial is about besides "the report" and the outlets it names (`media`: their names; the
    words and initials of each are left out: "the allegations in WSJ's report" has none)."""
    names = list(media)
    outlet_words = {t for m in names for t in content_terms(m)} | {initials(m) for m in names}
    return denial.terms - _GENERIC - outlet_words


def is_generic(denial: Statement, media: Iterable[str] = ()) -> bool:
    """The denial names no proposition: "the report", "the allegations in WSJ's report", "all untrue", or
    one word besides them ("denies layoff report", "denied it happened")."""
    return len(specific_terms(denial, media)) < PROPOSITION_WORDS


@functools.lru_cache(maxsize=65536)
def _day(value: str | None) -> int | None:
    """The day number of a date ("2024-10-25", or the date of a timestamp); None when there is none."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ClaimView:
    """What denial linking needs to know about a claim."""

    id: str
    statements: tuple[Statement, ...]
    originals: frozenset[str]  # corpus ids of outlets this claim traces back to ("via" originals)
    documents: frozenset[str]
    published: tuple[str, ...]
    # the day numbers of `published`, sorted, and whether one is not a date (a widely reported claim has
    # thousands of dates: a denial's date is looked up in them, not compared with each)
    _days: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    _undated: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        days = [_day(p) for p in self.published]
        object.__setattr__(self, "_days", tuple(sorted(d for d in days if d is not None)))
        object.__setattr__(self, "_undated", None in days)

    def published_near(self, day: int | None, window: int) -> bool:
        """Whether one of its dates is within `window` days of `day` (or either date is unknown)."""
        if not self.published or day is None or self._undated:
            return True
        at = bisect.bisect_left(self._days, day - window)
        return at < len(self._days) and self._days[at] <= day + window


class ClaimIndex:
    """Which claims a propositional denial can be similar to, without comparing it with every claim.

    An inverted index from feature to the claims whose statements have it, read with a prefix filter:
    a statement reaches :data:`DENIAL_THRESHOLD` only if the features it shares with the denial weigh at
    least the threshold times the denial's own weight (the union is never lighter than that), so it must
    share one of the denial's heaviest (rarest) features, the fewest whose rest weighs less than that
    (:func:`claimgraph.link.claims.filtering_prefix`). The candidates include every claim that can pass;
    only a denial made of common words still meets most claims."""

    def __init__(self, claims: Sequence[ClaimView], weights: Weights) -> None:
        self.claims = claims
        self.weights = weights
        postings: dict[str, list[int]] = {}
        by_original: dict[str, list[int]] = {}
        for k, claim in enumerate(claims):
            for f in {f for st in claim.statements for f in st.features}:
                postings.setdefault(f, []).append(k)
            for outlet in claim.originals:
                by_original.setdefault(outlet, []).append(k)
        self.postings = postings
        self.by_original = by_original

    def tracing_to(self, outlets: Iterable[str]) -> list[ClaimView]:
        """The claims, in their order, that trace back to one of `outlets`."""
        hits = {k for outlet in outlets for k in self.by_original.get(outlet, ())}
        return [self.claims[k] for k in sorted(hits)]

    def candidates(
        self, denial: Statement, threshold: float = DENIAL_THRESHOLD, *, also: Iterable[str] = ()
    ) -> list[ClaimView]:
        """The claims, in their order, that share with `denial` a feature of its filtering prefix, or one
        of the features `also`."""
        hits: set[int] = set()
        for f in [*filtering_prefix(denial.features, self.weights, threshold), *also]:
            hits.update(self.postings.get(f, ()))
        return [self.claims[k] for k in sorted(hits)]


def denial_targets(
    denial: Statement,
    claims: Sequence[ClaimView],
    *,
    media: frozenset[str],
    document_entities: Mapping[str, frozenset[str]],
    cited_outlets: Mapping[str, frozenset[str]],
    previous: Sequence[DenialLink] = (),
    weights: Weights | None = None,
    outlet_names: Mapping[str, str] | None = None,
    index: ClaimIndex | None = None,
) -> list[DenialLink]:
    """The claims a denial denies (rules in the module docstring); empty when it denies nothing we have.
    `index`: a :class:`ClaimIndex` of `claims` with the same `weights`, to compare the denial only with the
    claims that can be similar enough."""
    names = outlet_names or {}
    named_outlets = denial.entities & media
    specific = specific_terms(denial, [names.get(m, "") for m in named_outlets])
    generic = len(specific) < PROPOSITION_WORDS  # (:func:`is_generic`, on the terms already at hand)
    if not generic:
        best = []
        # "Acme denied a report that it plans to cut jobs": a denial about the denier denies claims about it
        # (not the union's threat "to strike over reported plans to cut jobs")
        about_self = denial.speaker is not None and denial.speaker in denial.entities
        w = weights or Weights.of([denial, *(s for c in claims for s in c.statements)])
        counted = _counts(denial.text, modifiers=True)  # "The 12,000-gallon figure is simply wrong"
        numbers = [str(c.value) for c in counted.values()]
        for claim in index.candidates(denial, also=numbers) if index is not None else claims:
            # a claim that says it negated agrees with the denial ("There is no plan to cut jobs" is no
            # target of "denied a report that it plans to cut jobs")
            same_polarity = [
                s for s in claim.statements
                if s.negated == denial.negated and (not about_self or denial.speaker in s.entities)
            ]
            score = max((similarity(denial, s, w) for s in same_polarity), default=0.0)
            if score >= DENIAL_THRESHOLD:
                best.append(DenialLink(claim.id, f"denies the content (similarity {score:.2f})"))
                continue
            held = max((_contained(denial, s, w) for s in same_polarity), default=0.0)
            if held >= DENIAL_CONTAINED and _same_story(denial, claim, document_entities, media):
                best.append(DenialLink(claim.id, f"denies part of the content ({held:.0%} of it)"))
                continue
            count = _stated_count(counted, same_polarity)
            if count is not None and _same_story(denial, claim, document_entities, media):
                best.append(DenialLink(claim.id, f"denies the count ({count.said} {count.noun})"))
        if best:
            return best
    if not named_outlets and generic and previous:
        return list(previous)
    # a generic denial's outlets are those its document cites: it denies what the document relays from
    # them (claims with a statement in the document), not whatever else they reported
    cited = frozenset() if named_outlets or not generic else cited_outlets.get(denial.document, frozenset())
    outlets = named_outlets or cited
    if outlets:
        links = []
        for claim in index.tracing_to(outlets) if index is not None else claims:
            hit = claim.originals & outlets
            if cited and denial.document not in claim.documents:
                continue
            if not generic and not any(s.terms & specific for s in claim.statements):
                continue  # "the AP report was misleading as it left out the meetings": AP's claims on that
            if hit and _same_story(denial, claim, document_entities, media):
                outlet = ", ".join(sorted(names.get(o, o) for o in hit))
                how = "names" if named_outlets else "refers to the report of"
                links.append(DenialLink(claim.id, f"{how} {outlet}, the claim's original source"))
        return links  # an outlet's report we do not have is denied as its own claim, not ours
    if generic:
        return _in_own_document(denial, claims)
    return []


def _stated_count(counted: Mapping[str, _Count], statements: Iterable[Statement]) -> _Count | None:
    """The count of a denial ("the 12,000-gallon figure") that one of the statements states ("about 12,000
    gallons of solvent leaked"), if any."""
    if not counted:
        return None
    for statement in statements:
        for noun, count in _counts(statement.text).items():
            denied = counted.get(noun)
            if denied is not None and not denied.excludes(count):
                return denied
    return None


_ANAPHORS = frozenset({"that", "it", "this", "those", "these", "them", "so"})  # what a denial points back to


def _in_own_document(denial: Statement, claims: Sequence[ClaimView]) -> list[DenialLink]:
    """A generic denial with no outlet in sight denies the claims of its own document made before it (all of
    them when it comes first, as a headline's; when it names someone, those by or about them), not the
    denier's own ("Acme denied that, saying the shift
    would continue": not the continuing shift) nor its people's ("The Kremlin denied the report. Kremlin
    spokesman Dmitry Peskov said ...": a source whose words hold the denier's name); and "denied that",
    "denied it" deny what was said just before them, the claim of the nearest statement before the denial."""
    own_source = denial.top.get("source_entity")
    own_words = name_key((denial.top.get("source") or {}).get("text", "")).split()
    start = (denial.top.get("cue") or denial.top["content"][0])["start"]
    # a denial naming someone ("called the governor's plan “a fantasy”") is about what they say or are said
    # to do
    named = denial.entities - {denial.speaker}
    candidates = []
    for claim in claims:
        for s in claim.statements:
            if s.document != denial.document or s.denial:
                continue
            if named and s.speaker not in named and not named & s.entities:
                continue
            if own_source and s.top.get("source_entity") == own_source:
                continue
            other_words = name_key((s.top.get("source") or {}).get("text", "")).split()
            if own_words and len(other_words) > len(own_words) and all(w in other_words for w in own_words):
                continue  # "Kremlin spokesman Dmitry Peskov" speaks for the Kremlin that denies
            candidates.append((s.top["content"][-1]["end"], claim))
    if not candidates:
        return []
    before = [c for c in candidates if c[0] <= start]
    if before and fold(denial.text).strip(" .,;:") in _ANAPHORS:
        nearest = max(before, key=lambda c: c[0])[1]
        return [DenialLink(nearest.id, "denies what was said just before it")]
    # "denied the report": what was reported before the denial, when there is any
    ids = list(dict.fromkeys(claim.id for _, claim in before or candidates))
    return [DenialLink(i, "denies the report of its own document") for i in ids]


def _contained(denial: Statement, claim: Statement, weights: Weights) -> float:
    """How much of a denial about an entity a claim about it holds: the weight of the denial's features the
    claim has, over all of them ("Acme denied it plans any cuts": Acme, "plan", "cut", all in "Acme plans
    to cut 900 jobs at its Newport port next year"); 0 unless the denial names an entity the claim names too
    (its caller has made sure the denial states a proposition)."""
    if not denial.entities & claim.entities:
        return 0.0
    total = sum(weights.idf(f) for f in denial.features)
    return sum(weights.idf(f) for f in denial.features & claim.features) / total if total else 0.0


def _same_story(
    denial: Statement,
    claim: ClaimView,
    document_entities: Mapping[str, frozenset[str]],
    media: frozenset[str],
) -> bool:
    if denial.document in claim.documents:
        return True
    if not claim.published_near(_day(denial.published), STORY_DAYS):
        return False
    return any(_about_the_same(denial.document, d, document_entities, media) for d in claim.documents)


def _about_the_same(
    a: str, b: str, document_entities: Mapping[str, frozenset[str]], media: frozenset[str]
) -> bool:
    """Whether two documents share two entities, news outlets aside: with publication dates close enough,
    one story."""
    shared = document_entities.get(a, frozenset()) & document_entities.get(b, frozenset())
    return len(shared - media) >= 2
