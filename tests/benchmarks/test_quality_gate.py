"""The attribution quality gate (benchmarks/gate.py): the gate itself on claimgraph, and its logic on fake
scores (floors, epsilon, the gold hash, re-pinning)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

# benchmarks/ sits at the repository root, outside the installed package; no conftest.py here, since
# tests/ has no __init__.py and a second conftest would shadow tests/conftest.py's module name.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pytest
from benchmarks.gate import (  # noqa: E402
    Child,
    Floors,
    GoldError,
    GoldItem,
    LoweringRefused,
    Prediction,
    check_scores,
    format_table,
    locate,
    parse_gold_file,
    score_item,
    update_floors,
)
from benchmarks.scoring import Attribution  # noqa: E402

from benchmarks import gate  # noqa: E402

HASH = "a" * 64
FLOORS = Floors(
    floors={"gold/token/cue/f1": 90.0, "seed/attribution/content/recall": 80.0}, epsilon=0.5, gold_sha256=HASH
)


# ---- the gate on claimgraph -------------------------------------------------------------------------------


@pytest.mark.model
def test_quality_gate_passes(analyzer) -> None:  # type: ignore[no-untyped-def]
    result = gate.run_gate(analyzer)
    assert result.passed, result.report() + "\n\n" + format_table(result.scores, result.floors)


# ---- floors and epsilon -----------------------------------------------------------------------------------


def test_scores_at_or_above_the_floors_pass() -> None:
    result = check_scores({"gold/token/cue/f1": 90.0, "seed/attribution/content/recall": 95.0}, FLOORS, HASH)
    assert result.passed and result.failures == ()


def test_a_drop_within_epsilon_passes() -> None:
    result = check_scores({"gold/token/cue/f1": 89.5, "seed/attribution/content/recall": 80.0}, FLOORS, HASH)
    assert result.passed


def test_a_drop_beyond_epsilon_fails_and_names_the_metric() -> None:
    result = check_scores({"gold/token/cue/f1": 89.4, "seed/attribution/content/recall": 80.0}, FLOORS, HASH)
    assert not result.passed
    assert [f.key for f in result.failures] == ["gold/token/cue/f1"]
    assert "89.40 is below the floor 90.00" in result.report()


def test_epsilon_comes_from_the_floors_file() -> None:
    strict = Floors(floors=FLOORS.floors, epsilon=0.0, gold_sha256=HASH)
    assert not check_scores(
        {"gold/token/cue/f1": 89.9, "seed/attribution/content/recall": 80.0}, strict, HASH
    ).passed


def test_a_changed_gold_set_fails_with_a_message_to_re_pin() -> None:
    scores = {"gold/token/cue/f1": 99.0, "seed/attribution/content/recall": 99.0}
    result = check_scores(scores, FLOORS, "b" * 64)
    assert [f.key for f in result.failures] == ["gold_sha256"]
    assert "--update" in result.report()


def test_a_metric_no_longer_computed_fails() -> None:
    result = check_scores({"gold/token/cue/f1": 90.0}, FLOORS, HASH)
    assert [f.key for f in result.failures] == ["seed/attribution/content/recall"]


def test_a_new_metric_without_floor_is_not_checked() -> None:
    scores = {"gold/token/cue/f1": 90.0, "seed/attribution/content/recall": 80.0, "gold/new/metric/f1": 0.0}
    assert check_scores(scores, FLOORS, HASH).passed


def test_missing_floors_file_fails(tmp_path: Path) -> None:
    evaluation = gate.Evaluation(counts={"gold": {}, "seed": {}})
    result = gate.run_gate(floors_path=tmp_path / "floors.json", evaluation=evaluation)
    assert [f.key for f in result.failures] == ["floors"]


# ---- re-pinning -------------------------------------------------------------------------------------------


def test_update_raises_floors_and_pins_the_new_hash() -> None:
    scores = {"gold/token/cue/f1": 93.0, "seed/attribution/content/recall": 80.0}
    updated = update_floors(scores, FLOORS, "c" * 64)
    assert updated.floors == scores and updated.gold_sha256 == "c" * 64 and updated.epsilon == 0.5


def test_lowering_a_floor_without_the_flag_is_refused() -> None:
    scores = {"gold/token/cue/f1": 95.0, "seed/attribution/content/recall": 79.9}
    with pytest.raises(LoweringRefused) as refused:
        update_floors(scores, FLOORS, HASH)
    assert refused.value.lowered == {"seed/attribution/content/recall": (80.0, 79.9)}
    assert "--allow-lower" in str(refused.value)


def test_lowering_a_floor_with_the_flag() -> None:
    scores = {"gold/token/cue/f1": 95.0, "seed/attribution/content/recall": 70.0}
    assert update_floors(scores, FLOORS, HASH, allow_lower=True).floors == scores


def test_first_pin_needs_no_flag() -> None:
    assert update_floors({"gold/token/cue/f1": 10.0}, None, HASH).floors == {"gold/token/cue/f1": 10.0}


def test_floors_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    FLOORS.write(path)
    assert Floors.read(path) == FLOORS
    assert json.loads(path.read_text())["floors"]["gold"]["token/cue"] == {"f1": 90.0}


def test_cli_refuses_allow_lower_without_update() -> None:
    with pytest.raises(SystemExit):
        gate.main(["--allow-lower"])


# ---- the gold format --------------------------------------------------------------------------------------


def test_locate_needs_an_occurrence_when_a_substring_repeats() -> None:
    text = "She said it was over, and the shelter said so too."
    with pytest.raises(GoldError, match="occurs 2 times"):
        locate(text, "said")
    assert locate(text, "said", 2) == (38, 42)
    assert locate(text, "She") == (0, 3)  # whole words only: not inside "shelter"
    with pytest.raises(GoldError, match="does not occur"):
        locate(text, "told")


def test_gold_file_is_parsed_to_offsets_with_children() -> None:
    text = "Jobs will go, the Courier said, citing two people."
    (item,) = parse_gold_file(
        {
            "group": "g",
            "items": [
                {
                    "id": "x",
                    "text": text,
                    "attributions": [
                        {
                            "source": "the Courier",
                            "cue": ["said"],
                            "content": ["Jobs will go"],
                            "children": [
                                {"source": "two people", "cue": "citing", "content": ["Jobs will go"]}
                            ],
                        }
                    ],
                }
            ],
        },
        "g.json",
    )
    assert item.attributions == (Attribution(source=((14, 25),), cue=((26, 30),), content=((0, 12),)),)
    assert item.children[0].parent == 0 and item.children[0].attribution.cue == ((32, 38),)


def test_gold_file_typos_are_errors() -> None:
    with pytest.raises(GoldError, match="unknown keys"):
        parse_gold_file(
            {
                "items": [
                    {
                        "id": "x",
                        "text": "He said no.",
                        "attributions": [{"source": "He", "cue": "said", "contents": ["no"]}],
                    }
                ]
            },
            "g.json",
        )


def test_the_gold_set_loads_and_is_pinned() -> None:
    items = gate.load_gold()
    assert len(items) >= 120
    assert len({item.group for item in items}) >= 12
    assert Floors.read(gate.FLOORS_PATH).gold_sha256 == gate.gold_sha256(gate.corpus_paths()), (
        "the gold set changed: re-pin with `python benchmarks/gate.py --update`"
    )


# ---- source chains ----------------------------------------------------------------------------------------


def test_a_cited_source_counts_only_under_the_right_parent() -> None:
    text = "Jobs will go, the Courier said, citing two people. Pay will rise, the Ledger said."
    courier = Attribution(source=((14, 25),), cue=((26, 30),), content=((0, 12),))
    ledger = Attribution(source=((66, 76),), cue=((77, 81),), content=((51, 64),))
    people = Attribution(source=((39, 49),), cue=((32, 38),), content=((0, 12),))
    gold = GoldItem("x", "g", text, (courier, ledger), (Child(0, people),))
    right = score_item(gold, Prediction((courier, ledger), (Child(0, people),)))["chain/content+source"]
    wrong = score_item(gold, Prediction((courier, ledger), (Child(1, people),)))["chain/content+source"]
    assert (right.tp, right.fp, right.fn) == (1, 0, 0)
    assert (wrong.tp, wrong.fp, wrong.fn) == (0, 1, 1)
