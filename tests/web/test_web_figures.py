"""Geometry of the SVG figures: times on a calendar axis, the source graph in columns."""

from __future__ import annotations

import pytest

from claimgraph.web.figures import layout_source_graph, layout_timeline, time_position


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022", 2022.0),
        ("2022-10", 2022.75),
        ("2024-01-01", 2024.0),
        ("< 2022", 2022.0),
        ("> 2022-10", 2022.75),
        ("2022-10/2024", 2022.75),
        ("2024-W01", 2024.0),
        ("P2Y", None),
        ("T15:00", None),
        (None, None),
        ("soon", None),
    ],
)
def test_time_position(value: str | None, expected: float | None) -> None:
    assert time_position(value) == expected


def test_timeline_puts_events_above_and_reports_below_in_time_order() -> None:
    events = [
        {
            "when": "2021-04",
            "kind": "event",
            "summary": "talks",
            "document": "d" * 64,
            "attribution": "d" * 64 + "#a3",
        },
        {
            "when": "2024-10-24",
            "kind": "report",
            "summary": "reported",
            "document": "d" * 64,
            "attribution": None,
        },
        {"when": "P2Y", "kind": "event", "summary": "two years"},
    ]
    figure = layout_timeline(events)
    event, report = figure.points
    assert event.y < figure.axis_y < report.y
    assert figure.left <= event.x < report.x <= figure.right
    assert event.href == "/documents/" + "d" * 64 + "#a3"
    assert figure.unplaced == 1
    assert [t.label for t in figure.ticks] == ["2022", "2023", "2024"]


def test_timeline_of_a_few_days_has_month_ticks() -> None:
    figure = layout_timeline([{"when": "2025-03-04", "kind": "report", "summary": "x"}])
    assert figure.ticks and all(len(t.label) == 7 for t in figure.ticks)
    assert layout_timeline([]).points == ()


def test_source_graph_columns_follow_who_cites_whom() -> None:
    citations = [
        {
            "outlet": "Bay Courier",
            "source": "Harbor Ledger",
            "repeats": "Harbor Ledger",
            "kind": "organization",
            "count": 1,
        },
        {
            "outlet": "Bay Courier",
            "source": "two officials",
            "repeats": "Harbor Ledger",
            "kind": "anonymous",
            "count": 1,
        },
        {
            "outlet": "Harbor Ledger",
            "source": "two officials",
            "repeats": None,
            "kind": "anonymous",
            "count": 2,
        },
    ]
    figure = layout_source_graph(citations)
    x = {n.label: (n.kind, n.x) for n in figure.nodes}
    assert x["Bay Courier"][1] < x["Harbor Ledger"][1] < x["two officials"][1]
    kinds = sorted(e.kind for e in figure.edges)
    assert kinds == ["quotes", "relays"]  # no self-loop from the relayed outlet to itself as a source
    assert not figure.truncated


def test_source_graph_keeps_the_heaviest_edges() -> None:
    citations = [
        {"outlet": f"Outlet {i}", "source": f"Source {i}", "repeats": None, "kind": "person", "count": i}
        for i in range(1, 30)
    ]
    figure = layout_source_graph(citations, max_nodes=10)
    assert figure.truncated and len(figure.nodes) == 10
    assert "Source 29" in {n.label for n in figure.nodes}


def test_unnamed_reports_are_relayed_by_the_outlet_citing_them() -> None:
    citations = [
        {"outlet": "Daily Post", "source": "media reports", "repeats": "unnamed reports", "kind": "unknown",
         "count": 1},
    ]
    figure = layout_source_graph(citations)
    labels = {n.label: n.kind for n in figure.nodes}
    assert labels == {"Daily Post": "outlet", "media reports": "source"}  # no outlet called "unnamed reports"
    assert [e.kind for e in figure.edges] == ["relays"]
