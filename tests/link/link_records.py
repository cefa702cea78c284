"""Analysis records built by hand (docs/analysis-json.md shapes), so link tests need no model.

Offsets are found by searching the text: a mention is every whole-word occurrence of its string, a source,
content or time is the first occurrence (or the one after ``after``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Ent:
    name: str
    type: str
    mentions: tuple[str, ...] = ()


@dataclass
class Attr:
    source: str | None
    content: str
    entity: str | None = None  # the name of an Ent of the record
    kind: str = "person"
    parent: int | None = None  # index of the parent attribution in the list
    continues: int | None = None
    stance: str = "assert"
    rule: str = "verb"
    cue: str | None = None
    times: tuple[tuple[str, str, str], ...] = ()  # (text, value, about)
    anonymous: dict[str, Any] | None = field(default=None)
    negated: bool = False  # "did not deny"


_LEMMAS = {"said": "say", "says": "say", "told": "tell", "denied": "deny", "reported": "report"}


def _span(text: str, part: str, start: int = 0) -> dict[str, Any]:
    i = text.find(part, start)
    if i < 0:
        raise ValueError(f"{part!r} not in {text!r}")
    return {"start": i, "end": i + len(part), "text": part}


def record(
    text: str,
    *,
    outlet: str | None,
    published: str | None,
    entities: list[Ent] = (),  # type: ignore[assignment]
    attributions: list[Attr] = (),
    no_comment: list[tuple[str, str]] = (),
    title: str | None = None,
) -> dict[str, Any]:  # type: ignore[assignment]
    """A record; ``no_comment`` is (entity name, span text) pairs."""
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    ents = []
    local = {}
    for i, e in enumerate(entities, start=1):
        local[e.name] = f"e{i}"
        mentions = []
        for m in dict.fromkeys((e.name, *e.mentions)):
            for hit in re.finditer(r"(?<!\w)" + re.escape(m) + r"(?!\w)", text):
                mentions.append({"start": hit.start(), "end": hit.end(), "text": m})
        ents.append(
            {
                "id": f"e{i}",
                "name": e.name,
                "type": e.type,
                "mentions": sorted(mentions, key=lambda m: m["start"]),
            }
        )
    atts = []
    for i, a in enumerate(attributions, start=1):
        content = _span(text, a.content)
        cue_text = a.cue or ("denied" if a.stance == "deny" and "denied" in text else "said")
        cue = _span(text, cue_text) if cue_text in text else None
        atts.append(
            {
                "id": f"a{i}",
                "parent": f"a{a.parent + 1}" if a.parent is not None else None,
                "continues": f"a{a.continues + 1}" if a.continues is not None else None,
                "source": _span(text, a.source) if a.source else None,
                "source_entity": local[a.entity] if a.entity else None,
                "source_kind": a.kind,
                "anonymous": a.anonymous,
                "cue": dict(cue, lemma=_LEMMAS.get(cue_text, cue_text)) if cue else None,
                "content": [content],
                "quote": "indirect",
                "stance": a.stance,
                "negated": a.negated,
                "hedges": [],
                "times": [dict(_span(text, t), value=v, type="date", about=about) for t, v, about in a.times],
                "confidence": 0.9,
                "rule": a.rule,
            }
        )
    ncs = [{"entity": local[name], "span": _span(text, span), "subject": None} for name, span in no_comment]
    return {
        "path": "-",
        "document": {
            "id": doc_id,
            "title": title,
            "outlet": outlet,
            "published": published,
            "language": "en",
            "url": None,
        },
        "boilerplate": [],
        "entities": ents,
        "attributions": atts,
        "no_comment": ncs,
        "times": [],
        "errors": [],
    }


def story_metadata(directory: Path) -> list[dict[str, str]]:
    """A story's ``metadata.jsonl``: per article its ``file``, ``outlet``, ``published`` and ``title``."""
    lines = (directory / "metadata.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def analyze_story(analyzer: Any, directory: Path) -> list[dict[str, Any]]:
    """The analysis records of a story's articles (tests/data/story-*), in the metadata's order."""
    from claimgraph.records import Document

    records = []
    for m in story_metadata(directory):
        document = Document(
            text=(directory / m["file"]).read_text(encoding="utf-8"),
            name=m["file"],
            title=m["title"],
            outlet=m["outlet"],
            published=dt.date.fromisoformat(m["published"]),
        )
        records.append(analyzer.analyze_document(document).to_dict())
    return records


def claim_with(graph: Any, words: str) -> Any:
    """The one claim of a linked graph whose summary holds `words` (fails when none or several do)."""
    found = [c for c in graph.claims if words in c.summary]
    assert len(found) == 1, (words, [c.summary for c in graph.claims])
    return found[0]

