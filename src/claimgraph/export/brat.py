"""brat standoff, one ``<document id>.txt`` and ``.ann`` per document, the way PolNeAR is annotated.

For each attribution: text-bound annotations ``Source``, ``Cue`` and ``Content`` (a discontinuous content is
``start end;start end``, its text the fragments joined by a space, as brat writes them), an ``Attribution``
trigger (``Attribution-no-source`` when the text names no source) on the cue, or on the content's first
fragment when there is no cue (colon and dash attribution, continued quotes), and the event tying them:

    T1	Source 0 5	Aides
    T2	Cue 6 10	said
    T3	Content 16 30	the talks went on
    T4	Attribution 6 10	said
    E1	Attribution:T4 Source:T1 Cue:T2 Content:T3
    A1	Stance E1 deny                      (only for denials)

Offsets index the ``.txt``, which is the document text exactly (read it with ``newline=""``: a ``\\r\\n`` in
an article is two characters). A newline inside an annotated text is written as a space, so each
annotation stays one line. ``annotation.conf`` declares the types, so the folder opens in brat.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from claimgraph.store import schema

ANNOTATION_CONF = """[entities]
Source
Cue
Content
Attribution
Attribution-no-source

[relations]

[events]
Attribution\tSource?:Source, Cue?:Cue, Content+:Content
Attribution-no-source\tCue?:Cue, Content+:Content

[attributes]
Stance\tArg:<EVENT>, Value:deny
"""


def _number(local_id: str) -> int:
    digits = "".join(ch for ch in local_id if ch.isdigit())
    return int(digits) if digits else 0


def _clean(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def document_ann(text: str, attributions: list[dict[str, Any]]) -> str:
    """The ``.ann`` of one document from its ``attributions`` rows (store columns)."""
    lines: list[str] = []
    counters = {"T": 0, "E": 0, "A": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    def textbound(label: str, fragments: list[tuple[int, int]]) -> str:
        tid = next_id("T")
        offsets = ";".join(f"{start} {end}" for start, end in fragments)
        lines.append(f"{tid}\t{label} {offsets}\t{_clean(' '.join(text[s:e] for s, e in fragments))}")
        return tid

    for a in sorted(attributions, key=lambda row: _number(row["attribution_id"])):
        content = [(c["start"], c["end"]) for c in a["content"] if c["end"] > c["start"]]
        if not content:
            continue
        arguments = []
        if a["source_start"] is not None:
            arguments.append(f"Source:{textbound('Source', [(a['source_start'], a['source_end'])])}")
        if a["cue_start"] is not None:
            arguments.append(f"Cue:{textbound('Cue', [(a['cue_start'], a['cue_end'])])}")
        arguments.append(f"Content:{textbound('Content', content)}")
        trigger = (a["cue_start"], a["cue_end"]) if a["cue_start"] is not None else content[0]
        label = "Attribution" if a["source_start"] is not None else "Attribution-no-source"
        event = next_id("E")
        lines.append(f"{event}\t{label}:{textbound(label, [trigger])} {' '.join(arguments)}")
        if a["stance"] == "deny":
            lines.append(f"{next_id('A')}\tStance {event} deny")
    return "".join(line + "\n" for line in lines)


def export_brat(engine: sa.Engine, out: Path) -> list[Path]:
    d, a = schema.documents, schema.attributions
    written = []
    with engine.connect() as connection:
        texts = connection.execute(sa.select(d.c.id, d.c.text).order_by(d.c.id)).all()
        by_document: dict[str, list[dict[str, Any]]] = {}
        for row in connection.execute(sa.select(a)):
            by_document.setdefault(row.document_id, []).append(dict(row._mapping))
    for document_id, text in texts:
        txt, ann = out / f"{document_id}.txt", out / f"{document_id}.ann"
        with txt.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        with ann.open("w", encoding="utf-8", newline="") as handle:
            handle.write(document_ann(text, by_document.get(document_id, [])))
        written += [txt, ann]
    conf = out / "annotation.conf"
    conf.write_text(ANNOTATION_CONF, encoding="utf-8")
    return [*written, conf]
