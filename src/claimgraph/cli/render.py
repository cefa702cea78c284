"""Rendering analysis records for people: Rich tables, colored by stance and source kind."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

_KIND_STYLE = {
    "person": "cyan",
    "organization": "blue",
    "anonymous": "magenta",
    "implicit": "dim cyan",
    "unknown": "white",
}


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_record(record: dict[str, Any], console: Console, *, nested: bool = False) -> None:
    """Print one analysis record (the dict of docs/analysis-json.md) as a table."""
    document = record.get("document")
    if document is None:
        return
    entities = {e["id"]: e["name"] for e in record.get("entities", [])}
    title = record["path"]
    meta = [v for v in (document.get("outlet"), document.get("published")) if v]
    if meta:
        title += f"  ({', '.join(meta)})"
    table = Table(title=title, title_justify="left", show_lines=True, expand=True)
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("Source", ratio=3)
    table.add_column("Cue", style="bold", ratio=2)
    table.add_column("Claim", ratio=8)
    table.add_column("Stance", ratio=3)
    # Nested speech (a cue inside another attribution's content: "“I think ...,” she said") is kept out of
    # the table unless asked for: it is what the source said, not what the article attributes.
    shown = [a for a in record.get("attributions", []) if nested or a.get("relation") != "nested"]
    ids = {a["id"]: i + 1 for i, a in enumerate(shown)}
    for a in shown:
        table.add_row(*_row(a, entities, ids))
    footer = _footer(record, entities)
    hidden = len(record.get("attributions", [])) - len(shown)
    if hidden:
        footer.append(
            Text(
                f"{hidden} nested attribution{'s' if hidden > 1 else ''} (speech inside another's "
                "content) not shown: --nested shows them",
                style="dim",
            )
        )
    console.print(Group(table, *footer) if footer else table)


def _row(a: dict[str, Any], entities: dict[str, str], ids: dict[str, int]) -> list[Text | str]:
    kind = a["source_kind"]
    source = Text()
    name = entities.get(a["source_entity"] or "")
    mention = a["source"]["text"] if a["source"] else None
    if mention and name and name.lower() not in mention.lower():
        source.append(mention, style=_KIND_STYLE[kind])
        source.append(f" → {name}", style="bold " + _KIND_STYLE[kind])
    elif mention:
        source.append(mention, style="bold " + _KIND_STYLE[kind])
    elif name:
        source.append(f"({name})", style=_KIND_STYLE[kind])
    else:
        source.append("(unknown)", style="dim")
    source.append(f"\n{kind}", style="dim")
    anonymous = a.get("anonymous")
    if anonymous:
        count = anonymous.get("count")
        details = ", ".join(str(x) for x in [count, *anonymous.get("descriptors", [])] if x is not None)
        if details:
            source.append(f" [{details}]", style="magenta")
    number = str(ids[a["id"]])
    if a.get("parent"):
        number += f"\n↳{ids.get(a['parent'], '?')}"
    claim = Text(_shorten(" … ".join(c["text"] for c in a["content"]), 160))
    claim.append(f" ({a['quote']})", style="dim")
    if a.get("negated"):  # "did not deny": neither asserted nor denied
        stance = Text("not said", style="bold yellow")
    else:
        stance = Text(a["stance"], style="bold red" if a["stance"] == "deny" else "green")
    for hedge in a.get("hedges", []):
        stance.append(f"\n{hedge}", style="yellow")
    for t in a.get("times", []):
        if t.get("value"):
            said = " (said)" if t["about"] == "statement" else ""
            stance.append(f"\n{t['value']}{said}", style="green")
    cue = a["cue"]["text"] if a["cue"] else "—"
    return [number, source, cue, claim, stance]


def _footer(record: dict[str, Any], entities: dict[str, str]) -> list[Text]:
    lines = []
    for n in record.get("no_comment", []):
        who = entities.get(n.get("entity") or "") or (n.get("subject") or {}).get("text") or "someone"
        lines.append(Text.assemble(("no comment: ", "bold yellow"), f"{who} — “{n['span']['text']}”"))
    for b in record.get("boilerplate", []):
        lines.append(
            Text.assemble(
                ("boilerplate: ", "dim"),
                (f"{b['kind']} at {b['start']}–{b['end']} (no claims taken from it)", "dim"),
            )
        )
    return lines


def render_records(records: Iterable[dict[str, Any]], console: Console, *, nested: bool = False) -> None:
    for record in records:
        render_record(record, console, nested=nested)
