"""Geometry of the server-rendered SVG figures: a timeline and the source graph (who cites whom).

Pure functions: they take the store's plain data and return numbers and labels; the templates draw them,
escaping every label. No JavaScript and nothing from a CDN: the figures are part of the page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from claimgraph.link.model import UNNAMED_REPORTS

_WHEN = re.compile(r"^(?P<year>\d{4})(?:-(?:W(?P<week>\d{2})|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$")


def time_position(value: str | None) -> float | None:
    """A normalized time value as a fractional year: "2022-10" -> 2022.75; "< 2022" and "2022/2024" are
    placed at 2022; None for what has no place on a calendar (durations, clock times, unknown)."""
    if not value:
        return None
    key = value.lstrip("<> ").split("/")[0]
    match = _WHEN.match(key)
    if match is None:
        return None
    year = float(match["year"])
    if match["week"]:
        return year + (int(match["week"]) - 1) / 52
    if match["month"]:
        month = year + (int(match["month"]) - 1) / 12
        return month + (int(match["day"]) - 1) / 365 if match["day"] else month
    return year


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    x: float
    y: float
    kind: str  # event | report
    label: str  # the hover text
    href: str | None


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class TimelineFigure:
    width: int
    height: int
    axis_y: float
    left: float
    right: float
    points: tuple[TimelinePoint, ...]
    ticks: tuple[Tick, ...]
    unplaced: int  # events with no calendar position (durations, clock times)


def layout_timeline(events: list[dict[str, Any]], *, width: int = 760, height: int = 150) -> TimelineFigure:
    """Events above the axis, reports (when something was said) below; stacked where they coincide."""
    left, right, axis_y = 40.0, width - 40.0, height / 2
    placed = [(time_position(e.get("when")), e) for e in events]
    known = [(x, e) for x, e in placed if x is not None]
    if not known:
        return TimelineFigure(width, height, axis_y, left, right, (), (), len(events))
    low, high = min(x for x, _ in known), max(x for x, _ in known)
    if high - low < 1 / 6:  # at least two months wide, so a single date sits in the middle
        middle = (low + high) / 2
        low, high = middle - 1 / 12, middle + 1 / 12
    pad = (high - low) * 0.04
    low, high = low - pad, high + pad

    def scale(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    stacks: dict[tuple[int, str], int] = defaultdict(int)
    points = []
    for x, event in known:
        px = scale(x)
        level = stacks[(round(px / 6), event["kind"])]
        stacks[(round(px / 6), event["kind"])] += 1
        offset = 16 + 11 * min(level, 5)
        y = axis_y - offset if event["kind"] == "event" else axis_y + offset
        where = f" ({event['outlet']})" if event.get("outlet") else ""
        label = f"{event['when']} · {event['kind']}: {event['summary']}{where}"
        href = None
        if event.get("document"):
            local = (event.get("attribution") or "").partition("#")[2]
            href = f"/documents/{event['document']}" + (f"#{local}" if local else "")
        points.append(TimelinePoint(round(px, 1), round(y, 1), event["kind"], label, href))
    ticks = []
    if high - low > 3:  # years
        step = max(1, int(high - low) // 8 + 1)
        for year in range(int(low) + 1, int(high) + 1, step):
            ticks.append(Tick(round(scale(float(year)), 1), str(year)))
    else:  # months
        months = int((high - low) * 12) + 1
        step = max(1, months // 8 + 1)
        month = int(low * 12) + 1
        while month / 12 <= high:
            ticks.append(Tick(round(scale(month / 12), 1), f"{month // 12}-{month % 12 + 1:02d}"))
            month += step
    return TimelineFigure(
        width, height, axis_y, left, right, tuple(points), tuple(ticks), len(events) - len(known)
    )


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    label: str  # shortened for the box
    title: str  # the full name and what it is, for hover
    kind: str  # outlet | source
    x: float
    y: float
    href: str | None = None


@dataclass(frozen=True, slots=True)
class GraphEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # quotes (an outlet quotes a source) | relays (an outlet relays another's report)
    title: str


@dataclass(frozen=True, slots=True)
class GraphFigure:
    width: int
    height: int
    node_width: int
    node_height: int
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    truncated: bool = False
    legend: tuple[str, ...] = field(default=("quotes", "relays"))


def _short(text: str, size: int = 26) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def layout_source_graph(citations: list[dict[str, Any]], *, max_nodes: int = 40) -> GraphFigure:
    """Who cites whom, in columns: outlets, the outlets whose reports they relay, the sources quoted.
    ``citations`` are :func:`claimgraph.store.queries.list_citations` rows. Where there are more than
    ``max_nodes`` nodes, the heaviest edges are kept (``truncated``)."""
    edges: dict[tuple[str, str], tuple[str, int]] = {}
    names: dict[str, tuple[str, str]] = {}  # node id -> (name, kind)

    def node(name: str | None, kind: str) -> str:
        name = name or "(unknown outlet)"
        key = f"{kind}:{name.casefold()}"
        names.setdefault(key, (name, kind))
        return key

    for row in citations:
        outlet = node(row.get("outlet"), "outlet")
        source = node(row["source"], "source")
        count = int(row.get("count") or 1)
        if row.get("repeats") == UNNAMED_REPORTS:  # "according to media reports": relays them, no outlet
            kind, total = edges.get((outlet, source), ("relays", 0))
            edges[(outlet, source)] = (kind, total + count)
            continue
        if row.get("repeats"):
            relayed = node(row["repeats"], "outlet")
            if relayed != outlet:
                kind, total = edges.get((outlet, relayed), ("relays", 0))
                edges[(outlet, relayed)] = (kind, total + count)
            outlet = relayed
        if names[outlet][0].casefold() == row["source"].casefold():
            continue  # the relayed outlet is itself the source: no self-loop
        kind, total = edges.get((outlet, source), ("quotes", 0))
        edges[(outlet, source)] = (kind, total + count)
    # keep the heaviest edges when there are too many nodes
    ordered = sorted(edges.items(), key=lambda item: -item[1][1])
    kept: dict[tuple[str, str], tuple[str, int]] = {}
    used: set[str] = set()
    truncated = False
    for (a, b), value in ordered:
        if len(used | {a, b}) > max_nodes:
            truncated = True
            continue
        kept[(a, b)] = value
        used |= {a, b}
    # column: the longest path from a node nothing points at (bounded: cycles cannot loop)
    depth = dict.fromkeys(used, 0)
    for _ in range(len(used)):
        changed = False
        for a, b in kept:
            if depth[b] < depth[a] + 1 and depth[a] + 1 < len(used):
                depth[b] = depth[a] + 1
                changed = True
        if not changed:
            break
    columns: dict[int, list[str]] = defaultdict(list)
    for key in sorted(used, key=lambda k: names[k][0].casefold()):
        columns[depth[key]].append(key)
    node_width, node_height, gap_x, gap_y = 190, 26, 60, 14
    positions: dict[str, tuple[float, float]] = {}
    for column, keys in sorted(columns.items()):
        for row_index, key in enumerate(keys):
            positions[key] = (10 + column * (node_width + gap_x), 10 + row_index * (node_height + gap_y))
    nodes = tuple(
        GraphNode(
            key, _short(names[key][0]), f"{names[key][0]} ({names[key][1]})", names[key][1], *positions[key]
        )
        for key in sorted(used)
    )
    graph_edges = []
    for (a, b), (kind, count) in kept.items():
        (ax, ay), (bx, by) = positions[a], positions[b]
        if bx > ax:
            x1, x2 = ax + node_width, bx
        else:  # same or earlier column (a cycle): from the box's left side
            x1, x2 = ax, bx + node_width
        graph_edges.append(
            GraphEdge(
                x1,
                ay + node_height / 2,
                x2,
                by + node_height / 2,
                kind,
                f"{names[a][0]} {kind} {names[b][0]} ({count})",
            )
        )
    width = 20 + (max(columns) + 1 if columns else 1) * (node_width + gap_x)
    height = 20 + max((len(k) for k in columns.values()), default=1) * (node_height + gap_y)
    return GraphFigure(int(width), int(height), node_width, node_height, nodes, tuple(graph_edges), truncated)
