"""Timeline: when things happened (event time) kept apart from when they were said (report time).

Every attribution gives events for the times inside its content (``about: "content"``: "between October
2022 and into this year" dates the talks; a time the text states once is one event, though the source an
outlet cites shares its content) and one report for when it was said: its statement times
("reported Thursday", "said in October 2022") or, when it has none, its document's publication date.
Events carry the claim the attribution belongs to and the corpus entities its content mentions (a report
also its source's entity: an organization's timeline holds what it said and denied), so that a timeline can
be cut per entity or per claim. What a denial's content dates is marked denied, and a report says how its
source stood ("the Kremlin denies: ..."), so a timeline never reads a denial as something that happened.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from claimgraph.link.model import CorpusGraph, Mentions, TimelineEvent, ref
from claimgraph.link.words import join_texts, shorten


def _sort_key(event: TimelineEvent) -> tuple[str, int, str, str]:
    """Chronological: "< 2022" sorts just before 2022, "> 2022-10" just after 2022-10."""
    when = event.when.strip()
    m = re.search(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", when)
    date = m.group(0) if m else "9999"
    shift = -1 if when.startswith("<") else 1 if when.startswith(">") else 0
    return (date, shift, event.kind, event.document)


def build_timeline(
    records: Sequence[Mapping[str, Any]], *, entity_of: Mapping[str, str], claim_of: Mapping[str, str]
) -> tuple[TimelineEvent, ...]:
    """Events and reports of every attribution of the records, in chronological order."""
    events: list[TimelineEvent] = []
    for record in records:
        doc = record.get("document")
        if not doc:
            continue
        doc_id = doc["id"]
        mentions = Mentions(record, entity_of)
        dated: set[tuple[Any, str]] = set()  # a time of the text is one event, whoever repeats it
        for a in record.get("attributions") or []:
            a_ref = ref(doc_id, a["id"])
            spans = [(c["start"], c["end"]) for c in a.get("content") or []]
            about = mentions.within(spans)
            speaker = entity_of.get(ref(doc_id, a["source_entity"])) if a.get("source_entity") else None
            entities = tuple(sorted(about))
            report_entities = tuple(sorted(about | {speaker})) if speaker else entities
            summary = shorten(join_texts(c["text"] for c in a.get("content") or []), 160)
            source = (a.get("source") or {}).get("text")
            said = _said(source, summary, a)
            if a.get("stance") == "deny" and not a.get("negated"):
                summary = f"(denied) {summary}"
            claim = claim_of.get(a_ref)
            statement_times = []
            for t in a.get("times") or []:
                if not t.get("value"):
                    continue
                if t.get("about") == "statement":
                    statement_times.append(t)
                elif (t.get("start"), t["value"]) not in dated:
                    dated.add((t.get("start"), t["value"]))
                    events.append(
                        TimelineEvent(
                            t["value"], "event", t.get("text", ""), summary, doc_id, a_ref, claim, entities
                        )
                    )
            for t in statement_times:
                events.append(
                    TimelineEvent(
                        t["value"], "report", t.get("text", ""), said, doc_id, a_ref, claim, report_entities
                    )
                )
            if not statement_times and doc.get("published"):
                events.append(
                    TimelineEvent(
                        doc["published"], "report", "published", said, doc_id, a_ref, claim, report_entities
                    )
                )
    return tuple(sorted(events, key=_sort_key))


def _said(source: str | None, summary: str, attribution: Mapping[str, Any]) -> str:
    """What a report says was said: "Ruiz: ...", "the Kremlin denies: ...", and for a negated cue its own
    words, "the Kremlin did not deny: ..." (the source said nothing either way)."""
    cue = " ".join(((attribution.get("cue") or {}).get("text") or "").split())
    if attribution.get("negated"):
        verb = f" {cue or 'did not say'}"
    elif attribution.get("stance") == "deny":
        verb = " denies"
    else:
        verb = ""
    if source:
        return f"{source}{verb}: {summary}"
    return f"{verb.strip()}: {summary}" if verb else summary


def timeline_of(
    graph: CorpusGraph, *, entity: str | None = None, claim: str | None = None, kind: str | None = None
) -> tuple[TimelineEvent, ...]:
    """The graph's timeline cut to one entity (by id or name), one claim, or one kind (event | report)."""
    entity_ids: set[str] = set()
    if entity is not None:
        for e in graph.entities:
            if entity in (e.id, e.name) or entity.lower() in {a.lower() for a in (e.name, *e.aliases)}:
                entity_ids.add(e.id)
    return tuple(
        ev
        for ev in graph.timeline
        if (entity is None or entity_ids & set(ev.entities))
        and (claim is None or ev.claim == claim)
        and (kind is None or ev.kind == kind)
    )
