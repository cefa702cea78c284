"""The analysis record contract: the example's JSONL validates against the JSON Schema, and the docs
describe every field the schema names."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest
from typer.testing import CliRunner

from claimgraph.cli.main import app
from conftest import ROOT

SCHEMA = json.loads(
    resources.files("claimgraph.resources").joinpath("analysis-record.schema.json").read_text()
)


def _property_names(schema: object) -> set[str]:
    names: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                names.update(value)
            names |= _property_names(value)
    elif isinstance(schema, list):
        for item in schema:
            names |= _property_names(item)
    return names


@pytest.mark.model
def test_example_jsonl_validates_against_the_contract() -> None:
    result = CliRunner().invoke(
        app,
        [
            "analyze",
            "--format",
            "jsonl",
            "--published",
            "2024-10-25",
            str(ROOT / "examples" / "moscow-times-musk-putin.txt"),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    record = json.loads(lines[0])
    jsonschema.validate(record, SCHEMA)
    assert record["path"].endswith("examples/moscow-times-musk-putin.txt")
    assert record["document"]["published"] == "2024-10-25"


def test_schema_rejects_a_renamed_field() -> None:
    bad = {
        "path": "x",
        "document": None,
        "boilerplate": [],
        "entities": [],
        "attribution": [],
        "no_comment": [],
        "errors": [],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_docs_describe_every_field() -> None:
    docs = (ROOT / "docs" / "analysis-json.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", docs))
    missing = _property_names(SCHEMA) - documented
    assert not missing, f"fields not documented in docs/analysis-json.md: {sorted(missing)}"
