"""Entities across documents: one participant, however each article names it.

Within a document the analysis record already groups mentions (its coreference rules). Across documents
we merge document entities of the same *kind* (a PERSON never merges with an ORG; news outlets are ORGs)
by these rules, each merge keeping its reason:

0. same company: organizations whose names differ only in their legal form ("Acme Corp.", "Acme
   Corporation", "Acme"); the names keep their own keys for the other rules.
1. same name: the name keys are equal ("The Wall Street Journal" / "Wall Street Journal's").
2. alias: the name of one is a proper-name mention of another, and no other full name holds that alias
   ("WSJ" is a mention of the Wall Street Journal in the seed: an entity named "WSJ" elsewhere joins it).
3. surname: a one-word PERSON is the surname of exactly one full name in the corpus ("Musk" -> "Elon
   Musk"; "Smith" stays alone when both "John Smith" and "Jane Smith" exist).
4. initialism: an upper-case one-word ORG is the initials of exactly one ORG name ("WSJ").
5. short name: a one-word ORG is the first word of exactly one ORG name ("Calloway" -> "Calloway
   Logistics"), or, for news media, the last word ("the Journal" -> "Wall Street Journal").
6. spelling: token_set_ratio >= 90 between names that are not subsets of each other (subsets are rules 3
   and 5, which check ambiguity); persons must also have close given names (ratio >= 80) and surnames
   (ratio >= 80). 90 keeps "Dmitri Peskov" / "Dmitry Peskov" (92) and "Meridian Port Authority" /
   "... Authorities" (92) but not "Wall St Journal" (89, left to aliases) or "Mark Smith" / "Mary Smith"
   (90, but given names at 75) or "John Smith" / "Jane Smith" (80); see tests/link/test_link_entities.py.
7. a place typed an organization: an ORG with the same name as a GPE, the one merge across kinds (the model
   types a town or a country an organization in some sentences: "Newport", "Russia said"); last, and only
   for an organization no other rule joined to another name ("Russia" made the short name of "Russia
   Today" stays apart).

Descriptions ("the billionaire", "the newspaper") are kept as aliases for people to read and to name
entities in overrides, but never used to match across documents: every article has its own "newspaper".

Each document's outlet (``document.outlet``) is an entity too (member ``"<doc>#outlet"``, type MEDIA), so
that "the Harbor Ledger" cited in one article is the outlet that published another.

Corrections by people (:class:`EntityOverrides`) are applied after the automatic rules: merges, then
splits (a split wins over any merge, automatic or given, because it is the stronger statement: these two
are not the same). An override naming nothing in the corpus is reported in ``unresolved``, not raised:
the corpus may have changed since it was given.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from claimgraph.link.model import CorpusEntity, EntityOverrides, ref
from claimgraph.link.words import display_name, fold, name_key

FUZZY_THRESHOLD = 90.0  # token_set_ratio of whole names
GIVEN_NAME_THRESHOLD = 80.0  # ratio of given names ("Dmitri"/"Dmitry" 83, "Mark"/"Mary" 75)
SURNAME_THRESHOLD = 80.0

_PRONOUNS = frozenset(
    """
he him his she her hers they them their theirs it its we us our i me my you your
himself herself itself themselves
""".split()  # noqa: SIM905 (a word list reads better as text)
)
# Last words that make an ORG a news outlet, and descriptions that name one.
_MEDIA_WORDS = frozenset(
    """
journal times post news ledger gazette tribune herald courier telegraph guardian chronicle observer reuters
bloomberg press daily weekly magazine wire broadcasting television radio tv mirror standard independent
examiner inquirer globe star sun mail register record dispatch bulletin review
""".split()  # noqa: SIM905 (a word list reads better as text)
)
# "agency" and "express" end an outlet's name only after these words ("Xinhua News Agency", "Daily Express"),
# not a government agency's or a bank's ("Environmental Protection Agency", "American Express")
_MEDIA_PAIRS = frozenset({
    "news agency", "press agency", "anadolu agency", "daily express", "sunday express", "indian express",
})
_KNOWN_MEDIA = frozenset(
    {
        "reuters",
        "associated press",
        "ap",
        "afp",
        "agence france presse",
        "bloomberg",
        "tass",
        "ria novosti",
        "interfax",
        "bbc",
        "cnn",
        "nbc",
        "cbs",
        "abc",
        "npr",
        "politico",
        "axios",
        "wsj",
        "nyt",
        "al jazeera",
        "dpa",
        "xinhua",
        "kyodo",
    }
)
_MEDIA_DESCRIPTIONS = frozenset(
    {
        "newspaper",
        "paper",
        "outlet",
        "news outlet",
        "broadcaster",
        "news agency",  # (not "the agency" alone: a government agency's description as often)
        "magazine",
        "daily",
        "publication",
        "tabloid",
        "network",
    }
)
_INITIALISM_SKIP = frozenset({"the", "of", "and", "for", "&", "a", "an", "on", "in"})


@dataclass(frozen=True, slots=True)
class _Item:
    """One document entity (or a document's outlet) before merging."""

    ref: str
    document: str
    name: str  # display name
    key: str  # name key
    type: str  # PERSON | ORG | GPE | MEDIA | ...
    aliases: tuple[str, ...]
    alias_keys: frozenset[str]  # keys of proper-name mentions (not descriptions, not pronouns)
    order: tuple[str, str, int]  # (published, document id, index): earliest member gives the id


@dataclass(slots=True)
class EntityResolution:
    """What :func:`resolve_entities` returns."""

    entities: tuple[CorpusEntity, ...]
    entity_of: dict[str, str]  # document entity ref -> corpus entity id
    media: frozenset[str]  # corpus entity ids that are news outlets
    outlet_of: dict[str, str]  # document id -> corpus entity id of its outlet
    unresolved: tuple[str, ...] = ()  # overrides that named nothing (or something ambiguous)
    by_id: dict[str, CorpusEntity] = field(default_factory=dict)


def entity_group(entity_type: str) -> str:
    """The kind within which merging is allowed: MEDIA and ORG are both organizations."""
    return "ORG" if entity_type in ("ORG", "MEDIA") else entity_type


def is_description(mention: str) -> bool:
    """ "the billionaire", "The newspaper": a common noun phrase, not a name."""
    words = mention.split()
    if not words:
        return True
    if words[0].lower() in ("the", "a", "an", "this", "that"):
        words = words[1:]
    return not words or not any(w[:1].isupper() for w in words)


def is_pronoun(mention: str) -> bool:
    return mention.strip().lower() in _PRONOUNS


def looks_like_media(name: str, mentions: Iterable[str] = (), outlet_keys: Iterable[str] = ()) -> bool:
    """A news outlet: a known outlet name, a publishing document's outlet, a media word at the end of the
    name ("... Journal", "... Ledger"), or called "the newspaper" in its own document."""
    key = name_key(name)
    if key in _KNOWN_MEDIA or key in set(outlet_keys):
        return True
    words = key.split()
    if words and (words[-1] in _MEDIA_WORDS or " ".join(words[-2:]) in _MEDIA_PAIRS):
        return True
    return any(name_key(m) in _MEDIA_DESCRIPTIONS for m in mentions if is_description(m))


def initials(name: str) -> str:
    return "".join(w[0] for w in name_key(name).split() if w not in _INITIALISM_SKIP)


_COMPANY_SUFFIXES = frozenset({
    "corp", "corporation", "inc", "incorporated", "co", "company", "ltd", "limited", "llc", "plc", "ag", "sa",
    "nv", "gmbh", "holdings",
})


def company_key(key: str) -> str:
    """A company's name key without its legal form: "acme corp" and "acme corporation" are "acme"."""
    words = key.split()
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def _items(records: Sequence[Mapping[str, Any]]) -> list[_Item]:
    outlet_keys = {
        name_key(r["document"]["outlet"])
        for r in records
        if r.get("document") and r["document"].get("outlet")
    }
    items: list[_Item] = []
    for record in records:
        doc = record.get("document")
        if not doc:
            continue
        doc_id = doc["id"]
        published = doc.get("published") or "9999-12-31"
        for index, entity in enumerate(record.get("entities", [])):
            mentions = [m["text"] for m in entity.get("mentions", [])]
            names = [display_name(entity["name"])] + [" ".join(m.split()) for m in mentions]
            aliases = tuple(dict.fromkeys(n for n in names if n and not is_pronoun(n)))
            alias_keys = frozenset(
                name_key(m) for m in mentions if not is_pronoun(m) and not is_description(m)
            ) - {""}
            entity_type = entity.get("type") or "ORG"
            if entity_type == "ORG" and looks_like_media(entity["name"], mentions, outlet_keys):
                entity_type = "MEDIA"
            items.append(
                _Item(
                    ref(doc_id, entity["id"]),
                    doc_id,
                    display_name(entity["name"]),
                    name_key(entity["name"]),
                    entity_type,
                    aliases,
                    alias_keys,
                    (published, doc_id, index),
                )
            )
        if doc.get("outlet"):
            name = display_name(doc["outlet"])
            items.append(
                _Item(
                    ref(doc_id, "outlet"),
                    doc_id,
                    name,
                    name_key(name),
                    "MEDIA",
                    (name,),
                    frozenset({name_key(name)}),
                    (published, doc_id, 10**9),
                )
            )
    return items


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.reasons: dict[int, list[str]] = defaultdict(list)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, reason: str) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        self.parent[b] = a
        self.reasons[a].extend(self.reasons.pop(b, []))
        self.reasons[a].append(reason)


def _unique(candidates: set[str]) -> str | None:
    return next(iter(candidates)) if len(candidates) == 1 else None


def _close_person_names(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    return (
        fuzz.ratio(wa[0], wb[0]) >= GIVEN_NAME_THRESHOLD and fuzz.ratio(wa[-1], wb[-1]) >= SURNAME_THRESHOLD
    )


def match_names(a: str, b: str, entity_type: str) -> str | None:
    """The spelling rule (6) for two names of one kind: the reason they match, or None."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb or ka == kb:
        return None if ka != kb or not ka else f"same name '{b}'"
    sa, sb = set(ka.split()), set(kb.split())
    if sa <= sb or sb <= sa:
        return None  # subsets are surnames and short names: decided with the whole corpus in view
    score = fuzz.token_set_ratio(ka, kb)
    if score < FUZZY_THRESHOLD:
        return None
    if entity_group(entity_type) == "PERSON" and not _close_person_names(ka, kb):
        return None
    return f"spelling '{a}' ~ '{b}' (token_set_ratio {score:.0f})"


def _auto_merge(items: list[_Item], uf: _UnionFind) -> None:
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_group[entity_group(item.type)].append(i)
    for group, members in by_group.items():
        # 0. the same company under another legal form: "Acme Corp.", "Acme Corporation", "Acme" (the
        # names keep their own keys for the rules below: "Acme" stays ambiguous beside "Acme Health")
        if group == "ORG":
            by_company: dict[str, list[int]] = defaultdict(list)
            for i in members:
                if items[i].key:
                    by_company[company_key(items[i].key)].append(i)
            for company in by_company.values():
                for j in company[1:]:
                    if items[j].key != items[company[0]].key:
                        uf.union(company[0], j, f"same company '{items[j].name}'")
        # 1. same name
        by_key: dict[str, list[int]] = defaultdict(list)
        for i in members:
            if items[i].key:
                by_key[items[i].key].append(i)
        for key_members in by_key.values():
            for j in key_members[1:]:
                uf.union(key_members[0], j, f"same name '{items[j].name}'")
        keys = list(by_key)
        full_keys = [k for k in keys if len(k.split()) > 1]
        # 2. alias: a name that is a proper-name mention of entities with exactly one full name
        holders: dict[str, set[str]] = defaultdict(set)
        for i in members:
            for alias in items[i].alias_keys:
                if alias != items[i].key:
                    holders[alias].add(items[i].key)
        for key in keys:
            holder = _unique(holders.get(key, set()))
            if holder is not None:
                first = by_key[holder][0]
                uf.union(
                    first,
                    by_key[key][0],
                    f"alias '{items[by_key[key][0]].name}' is a mention of '{items[first].name}'",
                )
        single = [k for k in keys if len(k.split()) == 1]
        # the full names by last word, first word, last word of a news outlet, and initials
        by_last: dict[str, set[str]] = defaultdict(set)
        by_first: dict[str, set[str]] = defaultdict(set)
        by_outlet_last: dict[str, set[str]] = defaultdict(set)
        by_initials: dict[str, set[str]] = defaultdict(set)
        for f in full_keys:
            words = f.split()
            by_first[words[0]].add(f)
            by_last[words[-1]].add(f)
            if any(items[i].type == "MEDIA" for i in by_key[f]):
                by_outlet_last[words[-1]].add(f)
            if group == "ORG":
                by_initials[initials(f)].add(f)
        for key in single:
            item = items[by_key[key][0]]
            target: str | None = None
            reason = ""
            if group == "PERSON":
                # 3. surname of exactly one full name
                target = _unique(by_last.get(key, set()))
                reason = "surname '{}' of '{}' (no other full name has it)"
            elif group == "ORG":
                # 4. initialism
                if item.name.isupper() and 2 <= len(key) <= 6:
                    target = _unique(by_initials.get(key, set()))
                    reason = "initialism '{}' of '{}'"
                # 5. short name: first word, or last word of a news outlet ("the Journal"); a known outlet
                # is no short name of something named after it ("AP" of "AP-GfK Poll: Voters")
                if target is None and key not in _KNOWN_MEDIA:
                    target = _unique(by_first.get(key, set()) | by_outlet_last.get(key, set()))
                    reason = "short name '{}' of '{}' (no other name has it)"
            if target is not None:
                first = by_key[target][0]
                uf.union(first, by_key[key][0], reason.format(item.name, items[first].name))
        # 6. spelling, blocked on 3-letter prefixes of words so that not every pair is compared
        blocks: dict[str, set[str]] = defaultdict(set)
        for key in full_keys:
            for word in key.split():
                if len(word) >= 3:
                    blocks[word[:3]].add(key)
        seen: set[tuple[str, str]] = set()
        for block in blocks.values():
            ordered = sorted(block)
            for x, a in enumerate(ordered):
                for b in ordered[x + 1 :]:
                    if (a, b) in seen:
                        continue
                    seen.add((a, b))
                    ia, ib = by_key[a][0], by_key[b][0]
                    if uf.find(ia) == uf.find(ib):
                        continue
                    reason_or_none = match_names(items[ia].name, items[ib].name, group)
                    if reason_or_none is not None:
                        uf.union(ia, ib, reason_or_none)
    # 7. a place typed an organization (the module docstring)
    places: dict[str, list[int]] = defaultdict(list)
    keys_of: dict[int, set[str]] = defaultdict(set)  # the names each cluster holds so far
    for i, item in enumerate(items):
        keys_of[uf.find(i)].add(item.key)
        if item.key and item.type in ("GPE", "ORG"):
            places[item.key].append(i)
    for key, same in places.items():
        gpe = next((i for i in same if items[i].type == "GPE"), None)
        if gpe is None:
            continue
        for j in same:
            if items[j].type == "ORG" and keys_of[uf.find(j)] == {key}:
                uf.union(gpe, j, f"same name '{items[j].name}' (a place typed an organization)")


def _entity_id(member: _Item) -> str:
    return "E" + hashlib.sha1(member.ref.encode("utf-8")).hexdigest()[:10]


def _clusters(items: list[_Item], uf: _UnionFind) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        out[uf.find(i)].append(i)
    return out


def _lookup(token: str, items: list[_Item], uf: _UnionFind) -> set[int] | None:
    """The roots an override's token names: an entity id, a member ref, a name or an alias."""
    clusters = _clusters(items, uf)
    roots: set[int] = set()
    for root, members in clusters.items():
        earliest = min(members, key=lambda i: items[i].order)
        if token == _entity_id(items[earliest]):
            return {root}
    for i, item in enumerate(items):
        if item.ref == token:
            return {uf.find(i)}
    key = name_key(token)
    for i, item in enumerate(items):
        if item.key == key:
            roots.add(uf.find(i))
    if not roots:
        folded = fold(" ".join(token.split()))
        for i, item in enumerate(items):
            if key in item.alias_keys or any(fold(a) == folded for a in item.aliases):
                roots.add(uf.find(i))
    return roots or None


def _apply_overrides(items: list[_Item], uf: _UnionFind, overrides: EntityOverrides) -> list[str]:
    unresolved: list[str] = []
    for a, b in overrides.merges:
        ra, rb = _lookup(a, items, uf), _lookup(b, items, uf)
        if not ra or not rb or len(ra) > 1 or len(rb) > 1:
            unresolved.append(f"merge {a!r} {b!r}: " + ("ambiguous" if ra and rb else "not found"))
            continue
        uf.union(next(iter(ra)), next(iter(rb)), f"merged by a person: '{a}' = '{b}'")
    for entity, member in overrides.splits:
        roots = _lookup(entity, items, uf)
        if not roots or len(roots) > 1:
            unresolved.append(f"split {entity!r} {member!r}: entity not found")
            continue
        root = next(iter(roots))
        cluster = [i for i in range(len(items)) if uf.find(i) == root]
        key, folded = name_key(member), fold(" ".join(member.split()))
        # A member ref, else members by that name, else members with that alias.
        out = (
            [i for i in cluster if items[i].ref == member]
            or [i for i in cluster if items[i].key == key]
            or [i for i in cluster if any(fold(x) == folded for x in items[i].aliases)]
        )
        if not out or len(out) == len(cluster):
            unresolved.append(f"split {entity!r} {member!r}: nothing to take out")
            continue
        reasons = uf.reasons.pop(root, [])
        rest = [i for i in cluster if i not in out]
        for part in (out, rest):
            for i in part:
                uf.parent[i] = part[0]
            uf.reasons[part[0]] = [r for r in reasons if not r.startswith("merged by a person")]
        uf.reasons[out[0]].append(f"split by a person from '{items[rest[0]].name}'")
    return unresolved


def _best_name(members: list[_Item]) -> str:
    """The fullest name (most words; initialisms last), then the most frequent, then the earliest."""
    counts = Counter(m.name for m in members)
    first: dict[str, int] = {}
    for index, m in enumerate(members):
        first.setdefault(m.name, index)
    return max(counts, key=lambda n: (0 if n.isupper() else len(n.split()), counts[n], -first[n]))


def resolve_entities(
    records: Sequence[Mapping[str, Any]], *, overrides: EntityOverrides | None = None
) -> EntityResolution:
    """Merge the entities of analysis records into corpus entities (the rules are in the module docstring)."""
    items = _items(records)
    uf = _UnionFind(len(items))
    _auto_merge(items, uf)
    unresolved = _apply_overrides(items, uf, overrides) if overrides else []
    entities: list[CorpusEntity] = []
    entity_of: dict[str, str] = {}
    media: set[str] = set()
    outlet_of: dict[str, str] = {}
    for root, member_ids in _clusters(items, uf).items():
        members = sorted((items[i] for i in member_ids), key=lambda m: m.order)
        entity_id = _entity_id(members[0])
        types = Counter(m.type for m in members)
        entity_type = "MEDIA" if "MEDIA" in types else types.most_common(1)[0][0]
        name = _best_name(members)
        seen_keys = {name_key(name)}
        aliases_list: list[str] = []
        for alias in (a for m in members for a in m.aliases):
            if name_key(alias) and name_key(alias) not in seen_keys:
                seen_keys.add(name_key(alias))
                aliases_list.append(alias)
        aliases = tuple(aliases_list)
        entities.append(
            CorpusEntity(
                id=entity_id,
                name=name,
                type=entity_type,
                aliases=aliases,
                members=tuple(m.ref for m in members),
                documents=len({m.document for m in members}),
                merge_reasons=tuple(dict.fromkeys(uf.reasons.get(root, []))),
            )
        )
        for m in members:
            entity_of[m.ref] = entity_id
            if m.ref.endswith("#outlet"):
                outlet_of[m.document] = entity_id
        if entity_type == "MEDIA":
            media.add(entity_id)
    entities.sort(key=lambda e: (-e.documents, e.name))
    return EntityResolution(
        tuple(entities),
        entity_of,
        frozenset(media),
        outlet_of,
        tuple(unresolved),
        {e.id: e for e in entities},
    )
