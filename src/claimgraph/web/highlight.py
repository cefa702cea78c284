"""The article view's highlights: spans of the analysis record turned into properly nested elements.

Pure functions over the analysis record (docs/analysis-json.md); the template renders the pieces, escaping
every text and attribute value. Spans overlap in real records (a nested attribution's source and cue sit
inside its parent's content; a boilerplate block may cut through a paragraph), and HTML elements cannot
cross, so :func:`layer_marks` nests what nests and splits what crosses: an element that must close while
one opened inside it is still running is closed and reopened around the boundary. Only the first piece of
a split element carries its ``id`` (anchors stay unique).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

#: Nesting order when two spans start at the same place and end at the same place: outer first.
_LAYER = {"boilerplate": 0, "content": 1, "nocomment": 2, "source": 3, "cue": 3}


@dataclass(frozen=True, slots=True)
class Mark:
    """An element to wrap around ``text[start:end]``; ``attributes`` values are plain (unescaped) text."""

    start: int
    end: int
    tag: Literal["mark", "span"]
    role: str  # source | cue | content | nocomment | boilerplate
    classes: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...] = ()
    anchor: str | None = None  # the id of the element (first piece only)


@dataclass(frozen=True, slots=True)
class Piece:
    """One step of the rendering: open an element, close one, or write text."""

    kind: Literal["open", "close", "text"]
    text: str = ""
    mark: Mark | None = None
    first: bool = True  # for "open": False when it reopens a split element


def layer_marks(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """``text`` with ``marks`` as a flat list of open, text and close pieces whose elements nest properly."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    opening: dict[int, list[Mark]] = {}
    for mark in valid:
        opening.setdefault(mark.start, []).append(mark)
    boundaries = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    pieces: list[Piece] = []
    stack: list[Mark] = []
    for i, boundary in enumerate(boundaries):
        ending = [n for n, m in enumerate(stack) if m.end == boundary]
        if ending:
            lowest = ending[0]
            reopen = [m for m in stack[lowest:] if m.end != boundary]
            for _ in range(len(stack) - lowest):
                pieces.append(Piece("close", mark=stack.pop()))
            for mark in reopen:
                stack.append(mark)
                pieces.append(Piece("open", mark=mark, first=False))
        # longer spans first, so that what can nest does nest
        for mark in sorted(opening.get(boundary, ()), key=lambda m: (-m.end, _LAYER.get(m.role, 9))):
            stack.append(mark)
            pieces.append(Piece("open", mark=mark))
        if i + 1 < len(boundaries):
            pieces.append(Piece("text", text=text[boundary : boundaries[i + 1]]))
    return pieces  # every span ends on a boundary, the last one len(text): the stack is empty here


# -- from the analysis record ---------------------------------------------------------------------------
def _anonymous_details(anonymous: dict[str, Any] | None) -> str | None:
    if not anonymous:
        return None
    parts = []
    if anonymous.get("count") is not None:
        parts.append(f"count {anonymous['count']}")
    for key in ("status", "affiliations"):
        if anonymous.get(key):
            parts.append(f"{key} {', '.join(anonymous[key])}")
    if anonymous.get("role"):
        parts.append(f"role {anonymous['role']}")
    return "anonymous source: " + "; ".join(parts) if parts else "anonymous source"


def source_chain(attribution: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The attributions from the outermost parent down to ``attribution`` (itself last)."""
    chain = [attribution]
    seen = {attribution["id"]}
    parent = attribution.get("parent")
    while parent and parent in by_id and parent not in seen:
        seen.add(parent)
        chain.append(by_id[parent])
        parent = by_id[parent].get("parent")
    return list(reversed(chain))


def source_label(attribution: dict[str, Any], entity_names: dict[str, str]) -> str:
    """Who the source is, for people: the resolved entity's name, else the mention, else its kind."""
    entity = attribution.get("source_entity")
    if entity and entity in entity_names:
        return entity_names[entity]
    source = attribution.get("source")
    return source["text"] if source else f"({attribution.get('source_kind') or 'unknown'})"


def describe_source(
    attribution: dict[str, Any],
    by_id: dict[str, dict[str, Any]],
    entity_names: dict[str, str],
    corpus_names: dict[str, str],
) -> str:
    """The hover text of a source: resolved entity, anonymous-source details, the chain of sources."""
    lines = [f"{attribution['id']} · {attribution.get('source_kind')} source"]
    source, phrase = attribution.get("source"), attribution.get("source_phrase")
    if source and phrase and phrase["end"] > source["end"]:
        lines.append(f"described as: {phrase['text']}")
    entity = attribution.get("source_entity")
    if entity:
        name = corpus_names.get(entity) or entity_names.get(entity) or entity
        lines.append(f"resolved entity: {name}")
    elif attribution.get("source_kind") != "anonymous":
        lines.append("resolved entity: none")
    details = _anonymous_details(attribution.get("anonymous"))
    if details:
        lines.append(details)
    chain = source_chain(attribution, by_id)
    if len(chain) > 1:
        steps = [f"{a['id']} {source_label(a, entity_names)}" for a in chain]
        lines.append("source chain: " + " → ".join(steps))
    return "\n".join(lines)


def _classes(attribution: dict[str, Any], role: str) -> tuple[str, ...]:
    classes = [role, f"stance-{attribution.get('stance') or 'assert'}"]
    if attribution.get("hedges"):
        classes.append("hedged")
    if role == "source":
        classes.append(f"kind-{attribution.get('source_kind') or 'unknown'}")
    if role == "content":
        classes.append(f"quote-{attribution.get('quote') or 'indirect'}")
    return tuple(classes)


def record_marks(record: dict[str, Any], corpus_names: dict[str, str] | None = None) -> list[Mark]:
    """Every highlight of an analysis record: sources, cues and contents of its attributions, no-comment
    statements and boilerplate blocks. ``corpus_names`` maps the record's entity ids to corpus names."""
    corpus_names = corpus_names or {}
    entity_names = {e["id"]: e["name"] for e in record.get("entities") or []}
    attributions = record.get("attributions") or []
    by_id = {a["id"]: a for a in attributions}
    marks: list[Mark] = []
    for block in record.get("boilerplate") or []:
        label = f"boilerplate: {block.get('kind')}"
        reason = f" ({block['reason']})" if block.get("reason") else ""
        marks.append(
            Mark(
                block["start"],
                block["end"],
                "span",
                "boilerplate",
                ("boilerplate", f"boilerplate-{block.get('kind')}"),
                (("data-label", label), ("title", label + reason)),
            )
        )
    for a in attributions:
        spans: list[tuple[str, dict[str, Any]]] = []
        if a.get("source"):
            spans.append(("source", a["source"]))
        if a.get("cue"):
            spans.append(("cue", a["cue"]))
        spans += [("content", span) for span in a.get("content") or []]
        if not spans:
            continue
        first = min(span["start"] for _, span in spans)
        anchored = False
        hedges = ", ".join(a.get("hedges") or [])
        for role, span in spans:
            if role == "source":
                tip = describe_source(a, by_id, entity_names, corpus_names)
            elif role == "cue":
                tip = f"{a['id']} · cue ({span.get('lemma') or span['text']}) · stance {a.get('stance')}"
            else:
                who = source_label(a, entity_names)
                tip = f"{a['id']} · {a.get('quote')} quote · stance {a.get('stance')} · {who}"
            if hedges:
                tip += f"\nhedged: {hedges}"
            anchor = None
            if not anchored and span["start"] == first:
                anchor, anchored = a["id"], True
            marks.append(
                Mark(
                    span["start"],
                    span["end"],
                    "mark",
                    role,
                    _classes(a, role),
                    (("title", tip), ("data-attribution", a["id"]), ("data-role", role)),
                    anchor,
                )
            )
    for n, item in enumerate(record.get("no_comment") or [], start=1):
        span = item["span"]
        local = item.get("entity") or ""
        subject = corpus_names.get(local) or entity_names.get(local)
        tip = f"nc{n} · no comment" + (f" · {subject}" if subject else "")
        marks.append(
            Mark(
                span["start"],
                span["end"],
                "mark",
                "nocomment",
                ("nocomment",),
                (("title", tip), ("data-role", "nocomment")),
                f"nc{n}",
            )
        )
    return marks


def highlight_record(
    text: str, record: dict[str, Any], corpus_names: dict[str, str] | None = None
) -> Sequence[Piece]:
    """The pieces of the article view for ``text`` and its analysis ``record``."""
    return layer_marks(text, record_marks(record, corpus_names))
