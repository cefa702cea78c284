"""Mapping analysis records onto the scorer (benchmarks/attribution.py), without a model."""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/ sits at the repository root, outside the installed package; no conftest.py here, since
# tests/ has no __init__.py and a second conftest would shadow tests/conftest.py's module name.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.attribution import attributions_from_record, summarize_errors  # noqa: E402


def test_only_top_level_attributions_are_scored() -> None:
    record = {
        "attributions": [
            {
                "id": "a1",
                "parent": None,
                "source": {"start": 0, "end": 3, "text": "Bob"},
                "cue": {"start": 4, "end": 8, "text": "said", "lemma": "say"},
                "content": [{"start": 9, "end": 20, "text": "..."}, {"start": 25, "end": 30, "text": "..."}],
            },
            {
                "id": "a2",
                "parent": "a1",
                "source": None,
                "cue": None,
                "content": [{"start": 9, "end": 20, "text": "..."}],
            },
        ]
    }
    [only] = attributions_from_record(record)
    assert only.id == "a1" and only.cue_lemma == "say"
    assert only.source == ((0, 3),) and only.content == ((9, 20), (25, 30))


def test_missing_source_and_cue_become_empty() -> None:
    [only] = attributions_from_record(
        {
            "attributions": [
                {"id": "a1", "parent": None, "source": None, "cue": None, "content": [{"start": 0, "end": 5}]}
            ]
        }
    )
    assert only.source == () and only.cue == () and only.cue_lemma is None


def test_polnear_sources_are_scored_on_the_whole_source_phrase() -> None:
    [only] = attributions_from_record(
        {
            "attributions": [
                {
                    "id": "a1",
                    "parent": None,
                    "source": {"start": 0, "end": 11, "text": "Kerr Putney"},
                    "source_phrase": {"start": 0, "end": 47, "text": "Kerr Putney, the ... police chief"},
                    "cue": None,
                    "content": [{"start": 55, "end": 70}],
                }
            ]
        }
    )
    assert only.source == ((0, 47),)


def test_error_summary_counts_categories() -> None:
    entries = [
        {
            "unmatched_gold": [{"category": "missed"}, {"category": "missed"}],
            "unmatched_predicted": [{"category": "false_positive"}],
            "source_errors": [],
        }
    ]
    assert summarize_errors(entries) == {
        "unmatched_gold": {"missed": 2},
        "unmatched_predicted": {"false_positive": 1},
        "source_errors": {},
    }
