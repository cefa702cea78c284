"""Fakes for the store, export and CLI tests: an analyzer and a linker that need no spaCy model.

The fake analyzer reads sentences of the form ``SOURCE said|reported|denied [that] CONTENT.`` (one per line),
so tests write corpora whose analysis they know; a text containing ``ANALYSIS-FAILS`` gives an analysis
error. The fake linker groups entities by name (honouring merges and splits) and claims by content; it stands
in for :func:`claimgraph.link.link_corpus` so these tests do not depend on the linking rules.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from claimgraph.link.model import (
    Claim,
    ClaimSource,
    CorpusEntity,
    CorpusGraph,
    Dispute,
    EntityOverrides,
    TimelineEvent,
)
from claimgraph.records import (
    AnalysisRecord,
    Attribution,
    Cue,
    Document,
    Entity,
    InputFailure,
    NoComment,
    Span,
)

_SENTENCE = re.compile(
    r"(?P<source>[A-Z][\w.]*(?: [A-Z][\w.]*)*|(?:Two|Several) officials) "
    r"(?P<cue>said|reported|denied) (?:that )?(?P<content>[^.\n]+)\."
)
_NO_COMMENT = re.compile(r"(?P<subject>[A-Z][\w.]*(?: [A-Z][\w.]*)*) (?P<span>did not respond)")


def analyze_text(document: Document) -> AnalysisRecord:
    """The fake analysis of one document."""
    text = document.text
    if "ANALYSIS-FAILS" in text:
        return AnalysisRecord(
            path=document.name,
            document=document,
            errors=(InputFailure("analysis", "the fake analyzer was told to fail"),),
        )
    entities: dict[str, list[Span]] = {}
    attributions = []
    for n, m in enumerate(_SENTENCE.finditer(text), start=1):
        source = Span.of(text, *m.span("source"))
        anonymous = source.text.endswith("officials")
        if not anonymous:
            entities.setdefault(source.text, []).append(source)
        attributions.append(
            Attribution(
                id=f"a{n}",
                source=source,
                cue=Cue(*m.span("cue"), m.group("cue"), m.group("cue").removesuffix("ed")),
                content=(Span.of(text, *m.span("content")),),
                source_kind="anonymous" if anonymous else "person",
                source_entity=None if anonymous else f"e{list(entities).index(source.text) + 1}",
                stance="deny" if m.group("cue") == "denied" else "assert",
                confidence=0.9,
                rule="verb",
            )
        )
    no_comment = []
    for m in _NO_COMMENT.finditer(text):
        subject = Span.of(text, *m.span("subject"))
        entities.setdefault(subject.text, []).append(subject)
        no_comment.append(
            NoComment(
                entity=f"e{list(entities).index(subject.text) + 1}",
                span=Span.of(text, *m.span("span")),
                subject=subject,
            )
        )
    return AnalysisRecord(
        path=document.name,
        document=document,
        entities=tuple(
            Entity(f"e{i}", name, "PERSON", tuple(spans))
            for i, (name, spans) in enumerate(entities.items(), start=1)
        ),
        attributions=tuple(attributions),
        no_comment=tuple(no_comment),
    )


class FakeAnalyzer:
    """Analyzes documents with :func:`analyze_text`; ``crash_after=N`` raises after yielding N records."""

    def __init__(self, *, crash_after: int | None = None) -> None:
        self.crash_after = crash_after
        self.analyzed: list[str] = []  # names of the documents analyzed, in order

    def __call__(self, documents: Iterable[Document]) -> Iterator[AnalysisRecord]:
        for document in documents:
            if self.crash_after is not None and len(self.analyzed) >= self.crash_after:
                raise RuntimeError("simulated crash mid-batch")
            self.analyzed.append(document.name)
            yield analyze_text(document)


def _hex(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:10]


def fake_link(records: list[dict[str, Any]], *, overrides: EntityOverrides | None = None) -> CorpusGraph:
    """Entities by name (merges join names, splits take a name out), claims by lower-cased content."""
    overrides = overrides or EntityOverrides()
    canonical: dict[str, str] = {}  # folded name -> folded name of its group

    def group_of(name: str) -> str:
        key = name.casefold()
        while key in canonical:
            key = canonical[key]
        return key

    for a, b in overrides.merges:
        first, second = sorted([group_of(a), group_of(b)])
        if first != second:
            canonical[second] = first
    split_names = {alias.casefold() for _, alias in overrides.splits}
    members: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # group -> (ref, name, document)
    for record in records:
        doc = record["document"]["id"]
        for e in record["entities"]:
            folded = e["name"].casefold()
            group = f"split:{folded}" if folded in split_names else group_of(e["name"])
            members[group].append((f"{doc}#{e['id']}", e["name"], doc))
    entities, entity_of = [], {}
    for group, found in members.items():
        entity_id = "E" + _hex(group)
        names = sorted({name for _, name, _ in found}, key=lambda x: (-len(x), x))
        entities.append(
            CorpusEntity(
                id=entity_id,
                name=names[0],
                type="PERSON",
                aliases=tuple(names[1:]),
                members=tuple(ref for ref, _, _ in found),
                documents=len({doc for _, _, doc in found}),
                merge_reasons=tuple(f"override: {n} is {names[0]}" for n in names[1:]),
            )
        )
        entity_of.update({ref: entity_id for ref, _, _ in found})
    by_content: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for record in records:
        for a in record["attributions"]:
            by_content[a["content"][0]["text"].casefold()].append((record, a))
    claims, claim_of, timeline = [], {}, []
    for content, found in by_content.items():
        claim_id = "C" + _hex(content)
        sources = []
        for record, a in found:
            doc = record["document"]["id"]
            claim_of[f"{doc}#{a['id']}"] = claim_id
            sources.append(
                ClaimSource(
                    attribution=f"{doc}#{a['id']}",
                    document=doc,
                    entity=entity_of.get(f"{doc}#{a['source_entity']}") if a["source_entity"] else None,
                    name=a["source"]["text"],
                    kind=a["source_kind"],
                    stance="denies" if a["stance"] == "deny" else "asserts",
                    outlet=record["document"]["outlet"],
                )
            )
            if record["document"]["published"]:
                timeline.append(
                    TimelineEvent(
                        when=record["document"]["published"],
                        kind="report",
                        text=a["cue"]["text"],
                        summary=found[0][1]["content"][0]["text"],
                        document=doc,
                        attribution=f"{doc}#{a['id']}",
                        claim=claim_id,
                        entities=tuple(s.entity for s in sources[-1:] if s.entity),
                    )
                )
        asserting = {s.entity or s.name for s in sources if s.stance == "asserts"}
        denying = [s for s in sources if s.stance == "denies"]
        status = (
            "contested"
            if asserting and denying
            else "denied"
            if denying
            else "corroborated"
            if len(asserting) >= 2
            else "single-source"
        )
        published = [r["document"]["published"] for r, _ in found if r["document"]["published"]]
        claims.append(
            Claim(
                id=claim_id,
                summary=found[0][1]["content"][0]["text"],
                status=status,  # type: ignore[arg-type]
                independent_sources=len(asserting),
                first_seen=min(published) if published else None,
                documents=tuple(dict.fromkeys(r["document"]["id"] for r, _ in found)),
                sources=tuple(sources),
                disputes=tuple(
                    Dispute(claim=claim_id, by=s.attribution, kind="denial", reason=f"{s.name} denied it")
                    for s in denying
                ),
                entities=tuple(dict.fromkeys(s.entity for s in sources if s.entity)),
            )
        )
    known = {name.casefold() for found in members.values() for _, name, _ in found}
    known |= {e.id.casefold() for e in entities}
    unresolved = tuple(
        f"merge {a!r} {b!r}: not found"
        for a, b in overrides.merges
        if not {a.casefold(), b.casefold()} <= known
    )
    unresolved += tuple(
        f"split {e!r} {m!r}: not found" for e, m in overrides.splits if m.casefold() not in known
    )
    return CorpusGraph(
        entities=tuple(entities),
        claims=tuple(claims),
        timeline=tuple(timeline),
        entity_of=entity_of,
        claim_of=claim_of,
        unresolved_overrides=unresolved,
    )


STORY = {
    "ledger.txt": (
        "Two officials said that the mayor sold the port.\nMayor Grant did not respond to requests.\n"
    ),
    "herald.txt": "Lena Ortiz said that the mayor sold the port.\n",
    "tribune.txt": "Mayor Grant denied that the mayor sold the port.\nLena Ortiz said the budget is late.\n",
}


def write_story(folder: Any) -> list[str]:
    """Write three small articles (plain text) into ``folder``; their paths."""
    paths = []
    for name, text in STORY.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


STORY_LINES = [
    {
        "text": STORY["ledger.txt"],
        "url": "https://ledger.example/port",
        "outlet": "Harbor Ledger",
        "published": "2024-03-01",
        "title": "Mayor sold the port, officials say",
    },
    {
        "text": STORY["herald.txt"],
        "url": "https://herald.example/port",
        "outlet": "Daily Herald",
        "published": "2024-03-02",
    },
    {
        "html": "<html><body><article><p>"
        + STORY["tribune.txt"].replace("\n", "</p><p>")
        + "</p></article></body></html>",
        "url": "https://tribune.example/port",
        "outlet": "Tribune",
        "published": "2024-03-03T09:00:00Z",
    },
]


def write_story_jsonl(path: Any, *, extra: Iterable[str] = ()) -> str:
    """The story as a JSONL file (with outlets and dates), then the ``extra`` raw lines."""
    import json

    lines = [json.dumps(item) for item in STORY_LINES] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)
