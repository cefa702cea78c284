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


def test_a_report_is_on_its_sources_timeline_and_says_how_it_stood() -> None:
    text = (
        "Acme denied that it met Globex in February. "
        "Globex did not deny the meeting. "
        "Ruiz said Acme would grow."
    )
    rec = record(
        text,
        outlet="The Courier",
        published="2025-03-05",
        entities=[Ent("Acme", "ORG"), Ent("Globex", "ORG"), Ent("Ruiz", "PERSON")],
        attributions=[
            Attr("Acme", "it met Globex in February", entity="Acme", kind="organization", stance="deny",
                 cue="denied", times=(("February", "2025-02", "content"),)),
            Attr("Globex", "the meeting", entity="Globex", kind="organization", cue="did not deny",
                 negated=True),
            Attr("Ruiz", "Acme would grow", entity="Ruiz"),
        ],
    )
    graph = link_corpus([rec])
    acme = [(e.kind, e.summary) for e in timeline_of(graph, entity="Acme")]
    # what Acme said (its denial names it only as "it") and what others said about it
    assert acme == [("report", "Acme denies: it met Globex in February"), ("report", "Ruiz: Acme would grow")]
    globex = [(e.kind, e.summary) for e in timeline_of(graph, entity="Globex")]
    assert globex == [
        ("event", "(denied) it met Globex in February"),  # what a denial dates is not told as having happened
        ("report", "Acme denies: it met Globex in February"),
        ("report", "Globex did not deny: the meeting"),  # a negated cue in its own words
    ]
    # the source alone does not put an event (the content's time) on its timeline
    assert [e.kind for e in timeline_of(graph, entity="Ruiz")] == ["report"]


def test_a_claims_timeline_tells_when_it_was_denied() -> None:
    said = record(
        "Acme is in talks to buy Globex, the Ledger reported Monday.",
        outlet="The Ledger",
        published="2025-03-03",
        entities=[Ent("Acme", "ORG"), Ent("Globex", "ORG"), Ent("Ledger", "ORG")],
        attributions=[
            Attr("the Ledger", "Acme is in talks to buy Globex", entity="Ledger", kind="organization",
                 cue="reported", times=(("Monday", "2025-03-03", "statement"),))
        ],
    )
    denied = record(
        "Acme on Wednesday denied that it is in talks to buy Globex.",
        outlet="The Courier",
        published="2025-03-05",
        entities=[Ent("Acme", "ORG"), Ent("Globex", "ORG")],
        attributions=[
            Attr("Acme", "it is in talks to buy Globex", entity="Acme", kind="organization", stance="deny",
                 cue="denied", times=(("Wednesday", "2025-03-05", "statement"),))
        ],
    )
    graph = link_corpus([said, denied])
    (claim,) = [c for c in graph.claims if c.status == "contested"]
    assert [(e.when, e.summary) for e in timeline_of(graph, claim=claim.id)] == [
        ("2025-03-03", "the Ledger: Acme is in talks to buy Globex"),
        ("2025-03-05", "Acme denies: it is in talks to buy Globex"),
    ]


def test_a_cited_source_does_not_repeat_the_event() -> None:
    # "..., the Ledger reported, citing two officials": one time in the text, one event; two reports (the
    # Ledger's and its officials')
    text = "The plant will open in April, the Ledger reported, citing two officials."
    rec = record(
        text,
        outlet="The Courier",
        published="2024-10-25",
        entities=[Ent("Ledger", "ORG")],
        attributions=[
            Attr("the Ledger", "The plant will open in April", entity="Ledger", kind="organization",
                 cue="reported", times=(("April", "2025-04", "content"),)),
            Attr("two officials", "The plant will open in April", kind="anonymous", parent=0, rule="citing",
                 cue="citing", times=(("April", "2025-04", "content"),)),
        ],
    )
    graph = link_corpus([rec])
    assert [(e.when, e.kind) for e in graph.timeline] == [
        ("2024-10-25", "report"), ("2024-10-25", "report"), ("2025-04", "event")
    ]
