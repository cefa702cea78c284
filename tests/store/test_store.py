"""The store: migrations, ingesting (idempotence, revisions, bad lines, crashes), the graph and queries.

Analysis and linking are faked (tests/store_fakes.py): these tests are about what is stored, not about the
rules that find attributions or link claims.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimgraph.batch import IngestReport, ingest_corpus
from claimgraph.errors import StoreError
from claimgraph.store import (
    SCHEMA_VERSION,
    add_override,
    database_url,
    load_overrides,
    migrate,
    open_store,
    relink,
    schema,
)
from claimgraph.store.migrations import current_version
from claimgraph.store.queries import (
    collect_stats,
    list_claims,
    list_entities,
    list_sources,
    list_timeline,
    page_claims,
    page_entities,
    page_timeline,
)
from store_backends import store_url  # noqa: F401 (a fixture: every test using `engine` runs on both)
from store_fakes import FakeAnalyzer, fake_link, write_story, write_story_jsonl


@pytest.fixture
def engine(store_url: str) -> Iterator[sa.Engine]:  # noqa: F811
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def ingest(engine: sa.Engine, paths: list[str], analyzer: FakeAnalyzer | None = None) -> IngestReport:
    return ingest_corpus(engine, paths, analyze=analyzer or FakeAnalyzer(), link=fake_link)


def table_counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t.name: connection.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in schema.DATA_TABLES
        }


# -- where the database is, and its schema ----------------------------------------------------------------
def test_version_4_indexes_the_entities_of_a_stored_graph(tmp_path: Path) -> None:
    url = database_url(str(tmp_path / "v3.db"))
    old = sa.create_engine(url)
    assert migrate(old, target=3) == [1, 2, 3]
    with old.begin() as connection:
        connection.execute(schema.claims.insert().values(
            id="C1", summary="s", status="single-source", independent_sources=1, first_seen=None,
            documents=["d1"], entities=["E1", "E2"]))
        connection.execute(schema.timeline.insert().values(
            n=0, when="2024", kind="event", text="t", summary="s", document_id="d1", attribution=None,
            claim_id="C1", entities=["E2"]))
    old.dispose()
    engine = open_store(str(tmp_path / "v3.db"))
    with engine.connect() as connection:
        ce, te = schema.claim_entities, schema.timeline_entities
        assert sorted(tuple(r) for r in connection.execute(sa.select(ce.c.claim_id, ce.c.entity_id))) == [
            ("C1", "E1"), ("C1", "E2")]
        assert [tuple(r) for r in connection.execute(sa.select(te.c.n, te.c.entity_id))] == [(0, "E2")]
    engine.dispose()


def test_database_url_from_option_env_or_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMGRAPH_DB", raising=False)
    assert database_url().database == str(tmp_path / "claimgraph.db")
    monkeypatch.setenv("CLAIMGRAPH_DB", "postgresql://user@localhost/claims")
    assert database_url().get_backend_name() == "postgresql"
    assert database_url("other.db").database == str(tmp_path / "other.db")


def test_a_new_database_has_the_newest_schema(engine: sa.Engine) -> None:
    with engine.connect() as connection:
        assert current_version(connection) == SCHEMA_VERSION
    inspector = sa.inspect(engine)
    for table in schema.metadata.sorted_tables:
        assert {c["name"] for c in inspector.get_columns(table.name)} == set(table.columns.keys()), table.name
        assert {i["name"] for i in inspector.get_indexes(table.name)} >= {i.name for i in table.indexes}


def test_an_old_database_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    url = database_url(str(tmp_path / "old.db"))
    old = sa.create_engine(url)
    assert migrate(old, target=1) == [1]
    assert not sa.inspect(old).has_table("claims")
    with old.begin() as connection:
        connection.execute(
            schema.documents.insert().values(
                id="d1", path="a.txt", ingested_at="2024-01-01T00:00:00", text="Hi.", record={"path": "a.txt"}
            )
        )
    old.dispose()
    engine = open_store(str(tmp_path / "old.db"))
    with engine.connect() as connection:
        assert current_version(connection) == SCHEMA_VERSION
        versions = connection.execute(sa.select(schema.schema_version.c.version)).scalars().all()
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        assert connection.execute(sa.select(schema.documents.c.text)).scalar_one() == "Hi."
    assert sa.inspect(engine).has_table("claims") and sa.inspect(engine).has_table("entity_overrides")
    indexes = {i["name"] for i in sa.inspect(engine).get_indexes("claim_sources")}
    assert {"ix_claim_sources_entity_id", "ix_claim_sources_citation"} <= indexes  # versions 3 and 4
    assert migrate(engine) == []  # nothing left to do
    engine.dispose()


def test_a_newer_database_is_refused(tmp_path: Path, engine: sa.Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            schema.schema_version.insert().values(
                version=SCHEMA_VERSION + 1, description="from the future", applied_at="2099-01-01"
            )
        )
    with pytest.raises(StoreError, match="newer than this claimgraph"):
        migrate(engine)


def test_read_only_open_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_store(str(tmp_path / "missing.db"), create=False)
    assert not (tmp_path / "missing.db").exists()


# -- ingesting --------------------------------------------------------------------------------------------
def test_ingest_stores_documents_and_their_analysis(tmp_path: Path, engine: sa.Engine) -> None:
    report = ingest(engine, write_story(tmp_path))
    assert len(report.stored) == 3 and not report.failures
    counts = table_counts(engine)
    assert counts["documents"] == 3
    assert counts["attributions"] == 4
    assert counts["no_comment"] == 1
    assert counts["entities"] == 4  # document-level: Mayor Grant and Lena Ortiz, each in two
    assert counts["mentions"] == 4
    assert counts["claims"] == 2 and counts["claim_sources"] == 4
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(schema.attributions).where(schema.attributions.c.stance == "deny")
        ).one()
        text = connection.execute(
            sa.select(schema.documents.c.text).where(schema.documents.c.id == row.document_id)
        ).scalar_one()
    assert text[row.source_start : row.source_end] == row.source_text == "Mayor Grant"
    [content] = row.content
    assert text[content["start"] : content["end"]] == content["text"] == "the mayor sold the port"


def test_reingesting_the_same_text_changes_nothing(tmp_path: Path, engine: sa.Engine) -> None:
    paths = write_story(tmp_path)
    ingest(engine, paths)
    before = table_counts(engine)
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "same.txt").write_text(Path(paths[0]).read_text(encoding="utf-8"), encoding="utf-8")
    analyzer = FakeAnalyzer()
    report = ingest(engine, [*paths, str(copy)], analyzer)
    assert report.stored == [] and report.unchanged == 4
    assert analyzer.analyzed == []  # known texts are not even analyzed again
    assert table_counts(engine) == before


def test_same_url_with_new_text_is_a_revision(tmp_path: Path, engine: sa.Engine) -> None:
    first = tmp_path / "v1.jsonl"
    url = "https://x.example/dam"
    first.write_text(json.dumps({"text": "Ann Lee said the dam leaks.", "url": url}) + "\n")
    second = tmp_path / "v2.jsonl"
    second.write_text(json.dumps({"text": "Ann Lee said the dam leaks badly.", "url": url}) + "\n")
    ingest(engine, [str(first)])
    report = ingest(engine, [str(second)])
    assert report.revisions == 1
    with engine.connect() as connection:
        rows = {r.text: r for r in connection.execute(sa.select(schema.documents))}
    old, new = rows["Ann Lee said the dam leaks."], rows["Ann Lee said the dam leaks badly."]
    assert new.revision_of == old.id and old.revision_of is None
    # only the latest revision is linked: one claim, "the dam leaks badly"
    assert [c["summary"] for c in list_claims(engine)] == ["the dam leaks badly"]


def test_jsonl_metadata_and_bad_lines(tmp_path: Path, engine: sa.Engine) -> None:
    path = write_story_jsonl(
        tmp_path / "story.jsonl",
        extra=[
            "{not json",
            '["a list"]',
            '{"url": "https://no.example/text"}',
            '{"text": "Hi.", "html": "<p>Hi.</p>"}',
            '{"text": "Ann Lee said it.", "published": "last week"}',
            '{"text": 42}',
            "",
        ],
    )
    failures = []
    report = ingest_corpus(engine, [path], analyze=FakeAnalyzer(), link=fake_link, on_failure=failures.append)
    assert len(report.stored) == 3
    assert [f.input for f in failures] == [f"{path}:{n}" for n in (4, 5, 6, 7, 8, 9)]
    reasons = [f.reason for f in failures]
    assert reasons[0].startswith("not valid JSON")
    assert reasons[1] == "expected a JSON object, got list"
    assert "either" in reasons[2] and "give one" in reasons[3]
    assert "is not a date" in reasons[4] and "must be a string" in reasons[5]
    with engine.connect() as connection:
        documents = {r.outlet: r for r in connection.execute(sa.select(schema.documents))}
        stored_errors = connection.execute(sa.select(schema.errors.c.input, schema.errors.c.message)).all()
    assert set(documents) == {"Harbor Ledger", "Daily Herald", "Tribune"}
    assert documents["Harbor Ledger"].title == "Mayor sold the port, officials say"
    assert documents["Tribune"].published == "2024-03-03"  # the date of an ISO timestamp
    assert documents["Daily Herald"].url == "https://herald.example/port"
    assert documents["Tribune"].record["text"].startswith("Mayor Grant denied")  # HTML: extracted text
    assert len(stored_errors) == 6
    ingest_corpus(engine, [path], analyze=FakeAnalyzer(), link=fake_link)
    assert table_counts(engine)["errors"] == 6  # the same failures are not stored twice


def test_analysis_and_input_failures_are_stored_and_the_rest_goes_on(
    tmp_path: Path, engine: sa.Engine
) -> None:
    paths = write_story(tmp_path)
    (tmp_path / "bad.txt").write_text("This ANALYSIS-FAILS here.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    report = ingest(
        engine,
        [*paths, str(tmp_path / "bad.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")],
    )
    assert len(report.stored) == 3
    assert {(Path(f.input).name, f.reason) for f in report.failures} == {
        ("bad.txt", "the fake analyzer was told to fail"),
        ("empty.txt", "empty file"),
        ("missing.txt", "no such file"),
    }
    with engine.connect() as connection:
        rows = connection.execute(sa.select(schema.errors.c.input, schema.errors.c.kind))
        kinds = {row[0]: row[1] for row in rows}
    assert kinds[str(tmp_path / "bad.txt")] == "analysis" and kinds[str(tmp_path / "empty.txt")] == "input"


def test_directories_are_read_recursively(tmp_path: Path, engine: sa.Engine) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "deeper").mkdir(parents=True)
    write_story(corpus / "deeper")
    write_story_jsonl(corpus / "lines.jsonl")
    (corpus / "notes.csv").write_text("Ann Lee said the dam leaks.", encoding="utf-8")  # not a corpus file
    report = ingest(engine, [str(corpus)])
    # 3 text files + 3 JSONL lines, two of which repeat a text file's text exactly
    assert len(report.stored) == 4 and report.unchanged == 2 and not report.failures


def test_an_analyzer_crash_mid_batch_costs_only_the_documents_it_hit_and_a_rerun_duplicates_nothing(
    tmp_path: Path, engine: sa.Engine
) -> None:
    paths = write_story(tmp_path)
    report = ingest(engine, paths, FakeAnalyzer(crash_after=2))
    assert len(report.stored) == 2
    assert [(Path(f.input).name, f.reason) for f in report.failures] == [
        ("tribune.txt", "RuntimeError: simulated crash mid-batch")
    ]
    assert table_counts(engine)["documents"] == 2 and table_counts(engine)["errors"] == 1
    analyzer = FakeAnalyzer()
    report = ingest(engine, paths, analyzer)
    assert [Path(name).name for name in analyzer.analyzed] == ["tribune.txt"]  # only what was missing
    assert len(report.stored) == 1 and report.unchanged == 2
    assert table_counts(engine)["errors"] == 0  # it has gone through now
    clean = open_store(str(tmp_path / "clean.db"))
    ingest(clean, paths)
    assert table_counts(engine) == table_counts(clean)
    clean.dispose()


# -- the graph and corrections ----------------------------------------------------------------------------
def test_relinking_replaces_the_graph_with_overrides(tmp_path: Path, engine: sa.Engine) -> None:
    ingest(engine, write_story(tmp_path))
    assert {e["name"] for e in list_entities(engine)} == {"Mayor Grant", "Lena Ortiz"}
    assert add_override(engine, "merge", "Mayor Grant", "Lena Ortiz") is True
    assert add_override(engine, "merge", "Mayor Grant", "Lena Ortiz") is False  # stored once
    relink(engine, fake_link)
    entities = list_entities(engine)
    assert len(entities) == 1 and entities[0]["documents"] == 3
    assert sorted(entities[0]["members"]) == sorted(set(entities[0]["members"]))
    add_override(engine, "split", entities[0]["id"], "Lena Ortiz")
    assert load_overrides(engine).splits == ((entities[0]["id"], "Lena Ortiz"),)
    relink(engine, fake_link)
    assert len(list_entities(engine)) == 2
    assert table_counts(engine)["entity_members"] == 4


# -- queries ----------------------------------------------------------------------------------------------
@pytest.fixture
def story(tmp_path: Path, engine: sa.Engine) -> sa.Engine:
    ingest(engine, [write_story_jsonl(tmp_path / "story.jsonl")])
    return engine


def test_claims_have_the_documented_shape(story: sa.Engine) -> None:
    claims = list_claims(story)
    assert [c["status"] for c in claims] == ["contested", "single-source"]
    port = claims[0]
    assert set(port) >= {
        "id",
        "summary",
        "status",
        "independent_sources",
        "first_seen",
        "documents",
        "sources",
        "disputes",
    }
    assert port["summary"] == "the mayor sold the port" and port["independent_sources"] == 2
    assert port["first_seen"] == "2024-03-01" and len(port["documents"]) == 3
    assert port["outlets"] == ["Daily Herald", "Harbor Ledger", "Tribune"]
    for source in port["sources"]:
        assert set(source) >= {"entity", "kind", "stance", "document", "outlet", "repeats"}
    assert [(s["entity"], s["stance"]) for s in port["sources"]] == [
        ("Two officials", "asserts"),
        ("Lena Ortiz", "asserts"),
        ("Mayor Grant", "denies"),
    ]
    [dispute] = port["disputes"]
    assert dispute["kind"] == "denial" and dispute["reason"] == "Mayor Grant denied it"


@pytest.mark.parametrize(
    ("options", "summaries"),
    [
        ({"status": "contested"}, ["the mayor sold the port"]),
        ({"status": "denied"}, []),
        ({"entity": "Lena Ortiz"}, ["the mayor sold the port", "the budget is late"]),
        ({"entity": "ortiz"}, ["the mayor sold the port", "the budget is late"]),  # a whole word of the name
        ({"entity": "ort"}, []),  # not part of a word
        ({"source": "Mayor Grant"}, ["the mayor sold the port"]),
        ({"source": "two officials"}, ["the mayor sold the port"]),  # an unnamed source
        ({"source": "Lena Ortiz", "status": "single-source"}, ["the budget is late"]),
    ],
)
def test_claim_filters(story: sa.Engine, options: dict[str, str], summaries: list[str]) -> None:
    assert [c["summary"] for c in list_claims(story, **options)] == summaries


@pytest.mark.parametrize("entity", ["Lena Ortiz", "Mayor Grant", "ortiz", "nobody"])
def test_a_page_of_an_entitys_claims_is_cut_in_sql_as_the_whole_list(story: sa.Engine, entity: str) -> None:
    whole = [c["id"] for c in list_claims(story, entity=entity)]
    page = page_claims(story, entity=entity, limit=1, offset=0)
    assert page["total"] == len(whole) and [c["id"] for c in page["items"]] == whole[:1]
    assert [c["id"] for c in page_claims(story, entity=entity, limit=5, offset=1)["items"]] == whole[1:]


def test_a_page_of_entities_is_cut_in_sql_as_the_whole_list(story: sa.Engine) -> None:
    whole = list_entities(story)
    page = page_entities(story, limit=1, offset=1)
    assert page["total"] == len(whole) == 2 and page["items"] == whole[1:]
    assert page_entities(story, name="grant", limit=5)["items"] == [whole[1]]
    assert page_entities(story, name="nobody", limit=5) == {"total": 0, "limit": 5, "offset": 0, "items": []}


def test_pages_and_latest_events_of_an_entity(story: sa.Engine) -> None:
    events = list_timeline(story, entity="Lena Ortiz")
    assert len(events) == 4
    page = page_timeline(story, entity="Lena Ortiz", limit=2, latest=True)
    assert page == {"total": 4, "limit": 2, "offset": 0, "items": events[-2:]}
    assert page_timeline(story, entity="Lena Ortiz", limit=2, offset=1)["items"] == events[1:3]
    assert page_timeline(story, entity="Lena Ortiz", limit=10)["items"] == events
    assert page_timeline(story, entity="nobody", limit=2, latest=True)["total"] == 0


def test_entities_timeline_sources_and_stats(story: sa.Engine) -> None:
    entities = list_entities(story)
    assert [(e["name"], e["documents"]) for e in entities] == [("Lena Ortiz", 2), ("Mayor Grant", 2)]
    assert set(entities[0]) >= {"id", "name", "type", "aliases", "documents"}
    events = list_timeline(story, entity="Lena Ortiz")
    assert [(e["when"], e["summary"]) for e in events] == [
        ("2024-03-01", "the mayor sold the port"),
        ("2024-03-02", "the mayor sold the port"),
        ("2024-03-03", "the mayor sold the port"),
        ("2024-03-03", "the budget is late"),
    ]
    claim = list_claims(story, status="single-source")[0]["id"]
    assert [e["outlet"] for e in list_timeline(story, claim=claim)] == ["Tribune"]
    sources = list_sources(story)
    assert sources["sources"][0] == {
        "name": "Lena Ortiz",
        "entity": entities[0]["id"],
        "kind": "person",
        "citations": 2,
        "documents": 2,
        "outlets": ["Daily Herald", "Tribune"],
    }
    ledger = next(o for o in sources["outlets"] if o["outlet"] == "Harbor Ledger")
    assert (ledger["anonymous"], ledger["named"], ledger["anonymous_share"]) == (1, 0, 1.0)
    tribune = next(o for o in sources["outlets"] if o["outlet"] == "Tribune")
    assert (tribune["named"], tribune["named_share"]) == (2, 1.0)
    stats = collect_stats(story)
    assert {k: stats[k] for k in ("documents", "attributions", "entities", "claims", "errors")} == {
        "documents": 3,
        "attributions": 4,
        "entities": 2,
        "claims": 2,
        "errors": 0,
    }


def test_entity_events_give_the_same_timeline_as_the_filter(story: sa.Engine) -> None:
    # the entity page reads entity_events; list_timeline still filters the timeline (named, or the claim's)
    for entity in ["Lena Ortiz", "Mayor Grant", "ortiz", "grant", "nobody"]:
        whole = list_timeline(story, entity=entity)
        assert page_timeline(story, entity=entity, limit=500)["items"] == whole
        for limit in (1, 2, 3):
            assert page_timeline(story, entity=entity, limit=limit, latest=True)["items"] == whole[-limit:]
            assert page_timeline(story, entity=entity, limit=limit, offset=1)["items"] == whole[1 : 1 + limit]


def test_a_version_4_store_gets_its_entity_events(story: sa.Engine) -> None:
    def stored() -> list[tuple[str, int, int]]:
        with story.connect() as connection:
            return [tuple(r) for r in connection.execute(
                sa.select(schema.entity_events).order_by(*schema.entity_events.primary_key.columns))]

    written = stored()
    assert written and {e for e, _, _ in written} == {e["id"] for e in list_entities(story)}
    with story.begin() as connection:  # as claimgraph left it at version 4
        schema.entity_events.drop(connection)
        connection.execute(schema.schema_version.delete().where(schema.schema_version.c.version == 5))
    assert migrate(story) == [5]
    assert stored() == written
