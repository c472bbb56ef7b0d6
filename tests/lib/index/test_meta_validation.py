"""The indicator tree is validated with precise messages, and every problem is reported at once."""

from __future__ import annotations

import pandas as pd
import pytest

from petakan.lib.index import IndexInputError, parse_framework

from .conftest import tree

GOOD = [
    (1, "a", "P", 1, 1, "Indicator"),
    (1, "b", "P", -1, 2, "Indicator"),
    (2, "P", "I", 1, 1, "Aggregate"),
    (3, "I", None, 1, 1, "Aggregate"),
]


def problems(rows: list[tuple[object, ...]]) -> list[tuple[str, object, object]]:
    with pytest.raises(IndexInputError) as err:
        parse_framework(tree(rows))
    return [(p.reason, p.row, p.code) for p in err.value.problems]


def test_a_valid_tree_gives_levels_parents_and_weights() -> None:
    fw = parse_framework(tree(GOOD))
    assert fw.levels == [["a", "b"], ["P"], ["I"]]
    assert fw.directions.tolist() == [1, -1]
    assert fw.node_weights(1).tolist() == [1, 2]
    assert fw.aggregates == ["I", "P"]


def test_it_names_an_unknown_parent() -> None:
    rows = [*GOOD[:1], (1, "b", "Pillar9", 1, 1, "Indicator"), *GOOD[2:]]
    assert problems(rows) == [("unknown_parent", 2, "b")]


def test_it_reports_duplicate_codes_with_both_rows() -> None:
    rows = [*GOOD, (1, "a", "P", 1, 1, "Indicator")]
    with pytest.raises(IndexInputError) as err:
        parse_framework(tree(rows))
    p = err.value.problems[0]
    assert (p.reason, p.row, p.code) == ("duplicate_code", 5, "a")
    assert "row 1" in p.message


def test_it_finds_cycles_in_the_parents() -> None:
    rows = [(1, "a", "P", 1, 1, "Indicator"), (2, "P", "Q", 1, 1, "Aggregate"), (2, "Q", "P", 1, 1, "Aggregate")]
    reasons = [r for r, _, _ in problems(rows)]
    assert "cycle" in reasons
    with pytest.raises(IndexInputError) as err:
        parse_framework(tree(rows))
    assert any("P -> Q -> P" in p.message or "Q -> P -> Q" in p.message for p in err.value.problems)


@pytest.mark.parametrize("weight", [0, -1])
def test_weights_must_be_positive(weight: float) -> None:
    rows = [(1, "a", "P", 1, weight, "Indicator"), *GOOD[1:]]
    assert problems(rows) == [("weight_not_positive", 1, "a")]


def test_all_problems_are_collected_with_row_and_column() -> None:
    rows = [
        (1, "a", "P", 2, "heavy", "Indicator"),  # bad direction, non-numeric weight
        (1, "b", "Nope", 1, 1, "Indicator"),  # unknown parent
        (2, "P", "I", 1, 1, "Aggregate"),
        (2, "E", "I", 1, 1, "Aggregate"),  # aggregate without children
        (3, "I", None, 1, 1, "Aggregate"),
        (1, "c", "P", 1, 1, "Widget"),  # unknown type
    ]
    with pytest.raises(IndexInputError) as err:
        parse_framework(tree(rows))
    found = {(p.reason, p.row, p.column) for p in err.value.problems}
    assert found == {
        ("not_a_number", 1, "weight"),
        ("bad_direction", 1, "direction"),
        ("unknown_parent", 2, "parent"),
        ("empty_aggregate", 4, None),
        ("unknown_type", 6, "type"),
    }
    assert "meta row 1 (a), column weight: 'heavy' is not a number" in str(err.value)


def test_parents_must_be_one_level_up() -> None:
    rows = [
        (1, "a", "I", 1, 1, "Indicator"),
        (2, "P", "I", 1, 1, "Aggregate"),
        (1, "b", "P", 1, 1, "Indicator"),
        (3, "I", None, 1, 1, "Aggregate"),
    ]
    assert problems(rows) == [("parent_level", 1, "a")]


def test_missing_required_columns_are_named() -> None:
    with pytest.raises(IndexInputError) as err:
        parse_framework(pd.DataFrame({"iCode": ["a"], "Level": [1]}))
    assert {p.column for p in err.value.problems} == {"parent", "type", "weight", "direction"}


def test_coinr_and_snake_case_column_names_are_both_accepted() -> None:
    snake = tree(GOOD).rename(
        columns={
            "Level": "level",
            "iCode": "code",
            "Parent": "parent",
            "Direction": "direction",
            "Weight": "weight",
            "Type": "type",
        }
    )
    assert parse_framework(snake).levels == parse_framework(tree(GOOD)).levels


def test_an_aggregate_cannot_be_reversed() -> None:
    rows = [*GOOD[:2], (2, "P", "I", -1, 1, "Aggregate"), GOOD[3]]
    assert problems(rows) == [("aggregate_direction", 3, "P")]
