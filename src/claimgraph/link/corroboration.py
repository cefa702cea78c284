"""Independent corroboration: how many original sources stand behind a claim.

Ten outlets printing "..., the Harbor Ledger reported, citing two officials" are one source, not ten: they
all rest on the Ledger's two officials. We therefore trace every asserting attribution back to an
*original source* and count the distinct originals. The rules, and why:

1. A named person or organization (not a news outlet) is its own original: ``entity:<id>``. The same
   person quoted by two outlets is one source ("Peskov told the WSJ" and "Peskov told journalists"). A
   person or organization with no entity is known by its words: ``name:<words>`` ("Police said" and "the
   police said" are one source); a surname the model found no entity for is the person the claim's other
   sources name ("Roe told analysts" beside "chief executive Jane Roe said"), when only one of them has it;
   a name the model found no entity for in its article ("Hartwell denied ...") is the one corpus entity
   with that name or alias elsewhere, when one has it.
   Someone the text does not identify ("a spokeswoman said", "one resident said") is no name: rule 5.
2. Anonymous sources count per outlet that has them: ``via:<outlet>``. We cannot tell whether the WSJ's
   "several officials" and its "one intelligence source" are different people, so one outlet's unnamed
   sources on one claim count once; two outlets that each have their own unnamed sources count twice,
   since nothing says they spoke to the same people.
3. An outlet citing another outlet ("the Harbor Ledger reported", "according to the WSJ", an implicit
   "reportedly" resolved to the WSJ) *repeats* it: the source gets ``repeats`` = that outlet's name and
   traces to that outlet's sources: its cited children when the chain names them (rule 1 or 2), else
   ``via:<that outlet>`` (the outlet's unnamed reporting, the same original as its anonymous sources).
4. In a document that repeats other outlets, an anonymous source with a passive or participle cue and no
   agent ("were cited as saying", "was quoted as saying", "..., adding") was cited by the repeated outlet,
   not by the document's outlet: it is relayed from the nearest preceding repeated outlet. An active cue
   ("two officials told the Courier") stays the document's own.
5. A source with nothing to trace (``implicit`` or ``unknown`` with no entity) is the document outlet's
   own unnamed reporting: ``via:<outlet>``.
6. Unnamed reports ("according to media reports", "news reports say", "local media reported") relay
   outlets no one names: the source repeats "unnamed reports" and has no original, so it counts for
   nothing (a claim "corroborated" by the rumor mill is not).
7. A document whose dateline credits a wire ("WASHINGTON (AP) —", the record's ``document.wire``) is that
   wire's copy: what rules 2 and 5 give its outlet goes to the wire, and the source repeats the wire. Two
   papers running one AP story with "two Senate aides said" are one original, the AP's.
8. A headline (a statement within the document's title) that its own story states again below is no
   original of its own: it takes the original of the body's statement ("Vela insist Delgado is not for
   sale" over the club president's "Delgado is not for sale"), and comes after it (claim linking applies
   this rule, which needs the whole claim).

Only asserting sources count; denials, contradictions and no-comments never do. ``independent`` marks
one source per original (the earliest that does not repeat anyone, else the earliest).

Status, in order: ``contested`` when asserted and denied or contradicted; ``denied`` when there are
only denials (no assertion in the corpus; the denier is the party); ``corroborated`` with at least two
independent originals; ``single-source`` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from claimgraph.link.claims import Statement
from claimgraph.link.entities import is_description, is_pronoun
from claimgraph.link.model import UNNAMED_REPORTS, ClaimSource, ClaimStatus, ref
from claimgraph.link.words import name_key

_RELAYED_RULES = frozenset({"passive-quoted", "participle", "hedged"})


class SourceContext:
    """What tracing needs from entity resolution, for one document at a time."""

    def __init__(
        self,
        *,
        entity_of: Mapping[str, str],
        media: frozenset[str],
        outlet_of: Mapping[str, str],
        names: Mapping[str, str],
        wire_of: Mapping[str, str] | None = None,
        by_name: Mapping[str, str] | None = None,
    ) -> None:
        self.entity_of = entity_of
        self.media = media
        self.outlet_of = outlet_of
        self.names = names
        self.wire_of = wire_of or {}  # document id -> the wire its dateline credits (corpus entity id)
        self.by_name = by_name or {}  # name key -> the one corpus entity with that name or alias

    def entity(self, document: str, attribution: Mapping[str, Any]) -> str | None:
        """The source's corpus entity: its document entity's, else, for a name the model tagged nothing for
        in this article ("Hartwell denied ..."), the one corpus entity of that name or alias elsewhere."""
        local = attribution.get("source_entity")
        if local:
            return self.entity_of.get(ref(document, local))
        text = (attribution.get("source") or {}).get("text", "")
        if attribution.get("source_kind") not in ("person", "organization", "unknown") or (
            is_description(text) or is_pronoun(text)
        ):
            return None
        return self.by_name.get(name_key(text))

    def outlet_key(self, document: str) -> str:
        outlet = self.wire_of.get(document) or self.outlet_of.get(document)
        return f"via:{outlet}" if outlet else f"via:document:{document}"

    def wire(self, document: str) -> str | None:
        """The wire a document is a copy of, when that is not its own outlet."""
        wire = self.wire_of.get(document)
        return wire if wire and wire != self.outlet_of.get(document) else None

    def repeated_outlet(self, document: str, attribution: Mapping[str, Any]) -> str | None:
        """The corpus id of the outlet this attribution cites, when it is another outlet."""
        entity = self.entity(document, attribution)
        if entity in self.media and entity != self.outlet_of.get(document):
            return entity
        return None


def relayed_outlets(record: Mapping[str, Any], context: SourceContext) -> dict[str, str]:
    """Rule 4: attribution id -> corpus id of the outlet an agentless anonymous source was cited by."""
    doc_id = record["document"]["id"]
    out: dict[str, str] = {}
    last: str | None = None
    first: str | None = None
    pending: list[str] = []
    for a in record.get("attributions") or []:
        outlet = context.repeated_outlet(doc_id, a)
        if outlet:
            last = outlet
            first = first or outlet
            continue
        if a.get("parent") or a.get("source_kind") != "anonymous" or a.get("rule") not in _RELAYED_RULES:
            continue
        if last:
            out[a["id"]] = last
        else:
            pending.append(a["id"])
    for a_id in pending:
        if first:
            out[a_id] = first
    return out


def trace_sources(
    statement: Statement, context: SourceContext, relayed: Mapping[str, str]
) -> list[ClaimSource]:
    """The asserting sources of one statement, with what they repeat and the original they trace to."""
    doc = statement.document
    chain = [statement.top, *statement.cited]
    by_id = {a["id"]: a for a in chain}
    repeats: dict[str, str | None] = {}
    for a in chain:  # outermost first: a child inherits what its parent repeats
        own = context.repeated_outlet(doc, a) or relayed.get(a["id"])
        parent = by_id.get(a.get("parent") or "")
        repeats[a["id"]] = own or (repeats.get(parent["id"]) if parent else None)
    has_children = {a.get("parent") for a in statement.cited}
    originals: dict[str, str | None] = {}
    for a in reversed(chain):  # innermost first: a parent takes its children's original
        entity = context.entity(doc, a)
        if a["id"] in has_children:
            child = next(c for c in statement.cited if c.get("parent") == a["id"])
            originals[a["id"]] = originals[child["id"]]
        elif entity and entity not in context.media:
            originals[a["id"]] = f"entity:{entity}"
        elif entity and entity in context.media:
            originals[a["id"]] = f"via:{entity}"
        elif repeats[a["id"]]:
            originals[a["id"]] = f"via:{repeats[a['id']]}"
        elif _unnamed_reports(a):
            originals[a["id"]] = None
        elif a.get("source_kind") in ("person", "organization") and a.get("source") and not _indefinite(a):
            originals[a["id"]] = "name:" + name_key(a["source"]["text"])  # ("The police" is "police")
        else:
            originals[a["id"]] = context.outlet_key(doc)
    out = []
    for a in chain:
        entity = context.entity(doc, a)
        source_text = (a.get("source") or {}).get("text")
        name = context.names.get(entity, "") if entity else ""
        repeated = repeats[a["id"]]
        if repeated is None and originals[a["id"]] == context.outlet_key(doc):
            repeated = context.wire(doc)  # (rule 7: a wire's copy repeats the wire)
        out.append(
            ClaimSource(
                attribution=ref(doc, a["id"]),
                document=doc,
                entity=entity,
                name=name
                or source_text
                or (context.names.get(repeated, "") if repeated else "")
                or "unknown",
                kind=a.get("source_kind") or "unknown",
                stance="asserts",
                outlet=statement.outlet,
                repeats=context.names.get(repeated) if repeated else (
                    UNNAMED_REPORTS if originals[a["id"]] is None else None
                ),
                original=originals[a["id"]],
                independent=False,
            )
        )
    return out


def _indefinite(attribution: Mapping[str, Any]) -> bool:
    """Whether the source is someone the text does not identify ("a spokeswoman", "one resident"): two
    outlets' "a spokeswoman" are not known to be one person, so each counts as its outlet's, like anonymous
    sources."""
    words = (attribution.get("source") or {}).get("text", "").lower().split()
    return bool(words) and words[0] in ("a", "an", "one", "another")


_REPORT_WORDS = frozenset({"report", "reports", "reporting", "media", "press", "outlets", "accounts"})
_REPORT_KINDS = frozenset({
    "media", "news", "press", "published", "local", "state", "foreign", "western", "russian", "chinese",
    "several", "some", "other", "earlier", "recent", "unconfirmed",
})


def _unnamed_reports(attribution: Mapping[str, Any]) -> bool:
    """Whether the source is reports no one names: "media reports", "news reports", "local media", "reports
    in England and Spain", a headline's "Report: ..." ("the report" in a sentence is a document someone
    issued: its own source)."""
    if attribution.get("source_entity"):
        return False
    words = (attribution.get("source") or {}).get("text", "").lower().split()
    words = [w for w in words if w not in ("the", "a")]
    where = next((i for i, w in enumerate(words) if w in ("in", "from") and i > 0), None)
    if where is not None:
        words = words[:where]  # "Reports in England and Spain": reports, from wherever
    if words == ["report"]:
        return (attribution.get("cue") or {}).get("text") == ":"
    if not words:
        return False
    return words[-1] in _REPORT_WORDS and all(w in _REPORT_KINDS for w in words[:-1])


_TITLES = ("mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "gen")


def known_by_surname(sources: Sequence[ClaimSource]) -> list[ClaimSource]:
    """Sources of one claim that name a person the claim's other sources resolved ("Roe told analysts" in
    one article, where the model found no entity; "chief executive Jane Roe said" in another): the same
    person, so the same original. Only within the claim and only when the surname is of one person there."""
    people: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for src in sources:
        if src.entity is not None and src.kind == "person" and src.name:
            key = name_key(src.name)
            names[src.entity] = src.name
            for k in {key, key.split()[-1]} if key else set():
                people.setdefault(k, set()).add(src.entity)
    if not people:
        return list(sources)
    out = []
    for src in sources:
        if src.entity is None and src.kind in ("person", "unknown") and src.repeats is None:
            words = [w for w in name_key(src.name).split() if w not in _TITLES]
            found = people.get(" ".join(words), set()) if words else set()
            if len(found) == 1:
                (entity,) = found
                src = replace(
                    src, entity=entity, name=names[entity], kind="person", original=f"entity:{entity}"
                )
        out.append(src)
    return out


def mark_independent(sources: Sequence[ClaimSource]) -> tuple[int, list[ClaimSource]]:
    """Count distinct originals among asserting sources; flag one source per original as independent."""
    chosen: dict[str, int] = {}
    for i, s in enumerate(sources):
        if s.stance != "asserts" or s.original is None:
            continue
        current = chosen.get(s.original)
        if current is None or (sources[current].repeats is not None and s.repeats is None):
            chosen[s.original] = i
    flagged = set(chosen.values())
    # (a widely reported claim has thousands of sources: copy only those whose flag changes)
    return len(chosen), [
        s if s.independent == (i in flagged) else replace(s, independent=i in flagged)
        for i, s in enumerate(sources)
    ]


def claim_status(*, asserted: bool, disputed: bool, independent: int) -> ClaimStatus:
    """The status rules of the module docstring."""
    if asserted and disputed:
        return "contested"
    if not asserted:
        return "denied"
    return "corroborated" if independent >= 2 else "single-source"
