"""The analyzer hands the trained tagger a parsed batch at once; a failure stays the record of the document
that caused it."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.attribution import DocumentAnalysis, extract_attributions
from claimgraph.errors import ConfigError

pytestmark = pytest.mark.model


class _Tagger:
    """Stands in for AttributionModel: the rules' analysis, and an error for a document saying BROKEN."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def extract(self, doc: Any, *, boilerplate: Any = None) -> DocumentAnalysis:
        if "BROKEN" in doc.text:
            raise ConfigError("cannot tag this one")
        return extract_attributions(doc, boilerplate=boilerplate)

    def extract_many(self, items: list[tuple[Any, Any]]) -> list[DocumentAnalysis]:
        self.batches.append(len(items))
        return [self.extract(doc, boilerplate=skip) for doc, skip in items]


def test_a_batch_the_tagger_fails_on_goes_one_by_one() -> None:
    from claimgraph.analyze import Analyzer

    analyzer = Analyzer(batch_size=4)
    tagger = _Tagger()
    analyzer._tagger = tagger  # type: ignore[assignment]
    texts = [
        ("a.txt", "The minister said the budget would be cut.\n"),
        ("b.txt", "BROKEN. The mayor said it would rain.\n"),
        ("c.txt", "Officials told reporters the talks had failed.\n"),
        ("d.txt", "She denied that the company paid bribes.\n"),
        ("e.txt", "The report found that prices rose.\n"),
    ]
    records = [r.to_dict() for r in analyzer.analyze_texts(texts)]
    assert tagger.batches == [4, 1]  # the analyzer's batches, whole
    assert [r["path"] for r in records] == [name for name, _ in texts]
    assert records[1]["errors"] == [{"kind": "analysis", "message": "cannot tag this one"}]
    for k in (0, 2, 3, 4):
        assert not records[k]["errors"]
        assert [a["cue"]["text"] for a in records[k]["attributions"]] == [
            ["said", "told", "denied", "found"][[0, 2, 3, 4].index(k)]
        ]


def test_a_bug_on_one_document_is_its_records_error_and_the_rest_go_on(monkeypatch: Any) -> None:
    import claimgraph.analyze
    from claimgraph.analyze import Analyzer

    rules = claimgraph.analyze.extract_attributions

    def buggy(doc: Any, **kwargs: Any) -> DocumentAnalysis:
        if "BROKEN" in doc.text:
            raise TypeError("'int' object is not iterable")
        return rules(doc, **kwargs)

    monkeypatch.setattr(claimgraph.analyze, "extract_attributions", buggy)
    texts = [
        ("a.txt", "BROKEN. The mayor said it would rain.\n"),
        ("b.txt", "The minister said the budget would be cut.\n"),
    ]
    records = [r.to_dict() for r in Analyzer().analyze_texts(texts)]
    assert records[0]["errors"] == [
        {"kind": "analysis", "message": "internal error (TypeError: 'int' object is not iterable)"}
    ]
    assert not records[1]["errors"] and [a["cue"]["text"] for a in records[1]["attributions"]] == ["said"]
