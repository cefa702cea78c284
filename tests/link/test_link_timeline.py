"""Timeline: event time from the content, report time from the statement or the publication date."""

from __future__ import annotations

from link_records import Attr, Ent, record

from claimgraph.link import link_corpus, timeline_of


def _graph():  # type: ignore[no-untyped-def]
    text = (
        "The talks took place in October 2022, the Ledger reported Thursday. "
        "Ruiz said the mayor met Putin before 2022."
    )
    rec = record(
        text,
        outlet="The Courier",
        published="2024-10-25",
        entities=[Ent("Ledger", "ORG"), Ent("Ruiz", "PERSON"), Ent("Putin", "PERSON")],
        attributions=[
            Attr(
                "the Ledger",
                "The talks took place in October 2022",
                entity="Ledger",
                kind="organization",
                cue="reported",
                times=(("October 2022", "2022-10", "content"), ("Thursday", "2024-10-24", "statement")),
            ),
            Attr(
                "Ruiz",
                "the mayor met Putin before 2022",
                entity="Ruiz",
                times=(("before 2022", "< 2022", "content"),),
            ),
        ],
    )
    return link_corpus([rec])


def test_event_and_report_times_are_kept_apart() -> None:
    graph = _graph()
    assert [(e.when, e.kind, e.text) for e in graph.timeline] == [
        ("< 2022", "event", "before 2022"),
        ("2022-10", "event", "October 2022"),
        ("2024-10-24", "report", "Thursday"),  # "reported Thursday": the statement's own time
        ("2024-10-25", "report", "published"),  # no statement time: the publication date
    ]
    assert all(e.claim for e in graph.timeline)


def test_timeline_per_entity_and_per_claim() -> None:
    graph = _graph()
    putin = timeline_of(graph, entity="Putin")
    assert {e.when for e in putin} == {"< 2022", "2024-10-25"}
    talks = next(c for c in graph.claims if "talks" in c.summary)
    assert {e.when for e in timeline_of(graph, claim=talks.id)} == {"2022-10", "2024-10-24"}
    assert [e.when for e in timeline_of(graph, claim=talks.id, kind="event")] == ["2022-10"]
