"""The store's commands through Typer's runner: ingest, queries in each format, corrections, export.

Analysis and linking are faked (tests/store_fakes.py), so these test the commands, not the rules.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimgraph.batch
import claimgraph.cli.main
from claimgraph.cli.main import app
from store_fakes import FakeAnalyzer, fake_link, write_story, write_story_jsonl

runner = CliRunner()


@pytest.fixture(autouse=True)
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claimgraph.cli.main, "make_analyze", lambda model, tagger=None: FakeAnalyzer())
    monkeypatch.setattr(claimgraph.batch, "default_linker", lambda: fake_link)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", "--db", path, write_story_jsonl(tmp_path / "story.jsonl")])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_reports_and_is_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    paths = write_story(tmp_path)
    assert "stored 3 documents, 0 unchanged; 0 failed, 0 skipped; 2 claims" in run(
        "ingest", "--db", db, *paths
    )
    report = json.loads(run("ingest", "--db", db, "--format", "json", *paths))
    assert (report["stored"], report["unchanged"], report["failed"]) == (0, 3, 0)


def test_ingest_default_database_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_story(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMGRAPH_DB", raising=False)
    run("ingest", paths[0])
    assert (tmp_path / "claimgraph.db").is_file()
    monkeypatch.setenv("CLAIMGRAPH_DB", str(tmp_path / "env.db"))
    run("ingest", paths[1])
    assert json.loads(run("stats", "--format", "json"))["documents"] == 1


def test_bad_inputs_exit_1_with_line_numbers(tmp_path: Path) -> None:
    path = write_story_jsonl(tmp_path / "story.jsonl", extra=["{oops", '{"title": "no text"}'])
    db = str(tmp_path / "x.db")
    result = runner.invoke(app, ["ingest", "--db", db, path, str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert f"claimgraph: {path}:4: not valid JSON" in result.stderr
    assert f"claimgraph: {path}:5: give the article as either" in result.stderr
    assert f"claimgraph: {tmp_path / 'missing.txt'}: no such file" in result.stderr
    assert "stored 3 documents" in result.stdout
    assert json.loads(run("stats", "--db", db, "--format", "json"))["errors"] == 3


def test_bad_options_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["claims", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no database at" in result.stderr
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.db"), "--published", "soon", "a.txt"])
    assert result.exit_code == 2 and "is not a date" in result.stderr
    result = runner.invoke(app, ["claims", "--status", "maybe"])
    assert result.exit_code == 2


def test_claims_json_csv_and_table(db: str) -> None:
    claims = json.loads(run("claims", "--db", db, "--format", "json"))
    assert [c["status"] for c in claims] == ["contested", "single-source"]
    assert set(claims[0]) >= {
        "id",
        "summary",
        "status",
        "independent_sources",
        "first_seen",
        "documents",
        "sources",
        "disputes",
    }
    contested = json.loads(
        run("claims", "--db", db, "--format", "json", "--status", "contested", "--source", "Mayor Grant")
    )
    assert [c["id"] for c in contested] == [claims[0]["id"]]
    assert json.loads(run("claims", "--db", db, "-f", "json", "--entity", "nobody")) == []
    rows = list(csv.DictReader(io.StringIO(run("claims", "--db", db, "--format", "csv"))))
    assert [r["summary"] for r in rows] == ["the mayor sold the port", "the budget is late"]
    assert rows[0]["sources"].count(";") == 2
    table = run("claims", "--db", db)
    assert "2 claims" in table and "contested" in table and "single-source" in table
    # in a narrow terminal ids and dates stay whole; a denial that is an attribution, not a claim, is
    # named by its outlet, not by a 64-character document id
    narrow = runner.invoke(app, ["claims", "--db", db], env={"COLUMNS": "100"}).stdout
    denial = next(s for s in claims[0]["sources"] if s["stance"] == "denies")
    assert claims[0]["id"] in narrow and claims[0]["first_seen"] in narrow
    assert denial["document"][:16] not in narrow
    assert rows[0]["disputes"] == f"denial in {denial['outlet']}: {claims[0]['disputes'][0]['reason']}"


def test_entities_list_merge_and_split(db: str) -> None:
    entities = json.loads(run("entities", "--db", db, "--format", "json"))
    assert [e["name"] for e in entities] == ["Lena Ortiz", "Mayor Grant"]
    assert set(entities[0]) >= {"id", "name", "type", "aliases", "documents"}
    assert "stored merge 'Lena Ortiz' 'Mayor Grant'; relinked: 1 entities" in run(
        "entities", "merge", "Lena Ortiz", "Mayor Grant", "--db", db
    )
    assert "already stored" in run("entities", "merge", "Lena Ortiz", "Mayor Grant", "--db", db)
    [merged] = json.loads(run("entities", "--db", db, "--format", "json"))
    assert {merged["name"], *merged["aliases"]} == {"Lena Ortiz", "Mayor Grant"}
    run("entities", "split", merged["id"], "Lena Ortiz", "--db", db)
    assert len(json.loads(run("entities", "--db", db, "-f", "json"))) == 2
    result = runner.invoke(app, ["entities", "merge", "Lena Ortiz", "Nobody Known", "--db", db])
    assert result.exit_code == 1
    assert "nothing stored: merge 'Lena Ortiz' 'Nobody Known': not found" in result.stderr
    rows = list(csv.DictReader(io.StringIO(run("entities", "--db", db, "--format", "csv"))))
    assert {r["name"] for r in rows} == {"Lena Ortiz", "Mayor Grant"}


def test_timeline_sources_and_stats(db: str) -> None:
    events = json.loads(run("timeline", "--db", db, "--entity", "Lena Ortiz", "--format", "json"))
    assert [e["when"] for e in events] == ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-03"]
    assert runner.invoke(app, ["timeline", "--db", db]).exit_code == 2
    claim = json.loads(run("claims", "--db", db, "-f", "json", "--status", "single-source"))[0]["id"]
    assert len(json.loads(run("timeline", "--db", db, "--claim", claim, "-f", "json"))) == 1
    data = json.loads(run("sources", "--db", db, "--format", "json"))
    assert {o["outlet"] for o in data["outlets"]} == {"Harbor Ledger", "Daily Herald", "Tribune"}
    printed = run("sources", "--db", db, "--format", "csv", "--by", "outlet")
    outlets = list(csv.DictReader(io.StringIO(printed)))
    assert {r["outlet"]: r["anonymous share"] for r in outlets}["Harbor Ledger"] == "1"
    table = run("sources", "--db", db)
    assert "Lena Ortiz" in table and "Harbor Ledger" in table
    stats = json.loads(run("stats", "--db", db, "--format", "json"))
    assert {k: stats[k] for k in ("documents", "attributions", "entities", "claims", "errors")} == {
        "documents": 3,
        "attributions": 4,
        "entities": 2,
        "claims": 2,
        "errors": 0,
    }
    assert "documents" in run("stats", "--db", db)


@pytest.mark.parametrize(
    ("format", "expected"),
    [
        ("jsonl", "claims.jsonl"),
        ("csv", "claims.csv"),
        ("parquet", "claims.parquet"),
        ("brat", "annotation.conf"),
        ("claimreview", ".jsonld"),
    ],
)
def test_export(db: str, tmp_path: Path, format: str, expected: str) -> None:
    out = tmp_path / format
    assert "wrote" in run("export", "--db", db, "--format", format, "--out", str(out))
    assert any(p.name.endswith(expected) for p in out.iterdir())


def test_docs_describe_every_field_table_and_column(db: str) -> None:
    from claimgraph.store import open_store, schema
    from claimgraph.store.queries import (
        collect_stats,
        list_claims,
        list_entities,
        list_sources,
        list_timeline,
    )
    from conftest import ROOT

    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    engine = open_store(db, create=False)
    try:
        claim = list_claims(engine)[0]
        fields = {
            *claim,
            *claim["sources"][0],
            *claim["disputes"][0],
            *list_entities(engine)[0],
            *list_timeline(engine, entity="Lena Ortiz")[0],
            *collect_stats(engine),
        }
        sources = list_sources(engine)
        fields |= {*sources, *sources["sources"][0], *sources["outlets"][0]}
    finally:
        engine.dispose()
    assert {f for f in fields if f"`{f}`" not in docs} == set()
    for table in schema.metadata.sorted_tables:
        assert f"`{table.name}`" in docs, table.name
        for column in table.columns:
            documented = f"`{column.name}`" in docs or re.search(
                rf"`{column.name.rsplit('_', 1)[0]}_[a-z|]*{column.name.rsplit('_', 1)[-1]}", docs
            )
            assert documented, f"{table.name}.{column.name}"
    for command in ("ingest", "claims", "entities", "timeline", "sources", "stats", "export"):
        assert f"claimgraph {command}" in docs


@pytest.mark.model
def test_link_command_relinks_a_store_ingested_without_linking(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from claimgraph.cli.main import app
    from conftest import ROOT

    db = str(tmp_path / "x.db")
    runner = CliRunner()
    example = str(ROOT / "examples" / "moscow-times-musk-putin.txt")
    result = runner.invoke(app, ["ingest", "--db", db, "--no-link", "--published", "2024-10-25", example])
    assert result.exit_code == 0, result.output
    before = runner.invoke(app, ["stats", "--db", db, "--format", "json"])
    assert json.loads(before.stdout)["claims"] == 0
    result = runner.invoke(app, ["link", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("linked: ")
    after = runner.invoke(app, ["stats", "--db", db, "--format", "json"])
    assert json.loads(after.stdout)["claims"] > 0


@pytest.mark.model
def test_outlet_option_names_the_publisher_of_plain_text(tmp_path: Path) -> None:
    from conftest import ROOT

    db = str(tmp_path / "x.db")
    runner = CliRunner()
    example = str(ROOT / "examples" / "moscow-times-musk-putin.txt")
    result = runner.invoke(
        app, ["ingest", "--db", db, "--outlet", "The Moscow Times", "--published", "2024-10-25", example]
    )
    assert result.exit_code == 0, result.output
    claims = json.loads(runner.invoke(app, ["claims", "--db", db, "--format", "json"]).stdout)
    outlets = {s["outlet"] for c in claims for s in c["sources"]}
    assert outlets == {"The Moscow Times"}
