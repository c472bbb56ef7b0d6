"""The data table is checked against the tree; problems name the row, the unit and the column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.lib.index import IndexInputError, prepare_inputs


def test_non_numeric_cells_are_named_by_row_column_and_unit(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    data = small_data.astype({"a": object, "d": object})
    data.loc[1, "a"] = "n/a"
    data.loc[3, "d"] = "4,5"
    with pytest.raises(IndexInputError) as err:
        prepare_inputs(data, small_meta)
    found = [(p.reason, p.row, p.column, p.code, p.value) for p in err.value.problems]
    assert found == [("not_a_number", 2, "a", "U2", "n/a"), ("not_a_number", 4, "d", "U4", "4,5")]
    assert "data row 2 (unit U2), column a: 'n/a' is not a number" in str(err.value)


def test_blank_cells_are_missing_values_not_errors(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    data = small_data.astype({"a": object})
    data.loc[0, "a"] = "  "
    inputs = prepare_inputs(data, small_meta)
    assert np.isnan(inputs.values[0, 0])


def test_indicators_missing_from_the_data_are_listed(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    with pytest.raises(IndexInputError) as err:
        prepare_inputs(small_data.drop(columns=["b", "grp"]), small_meta)
    assert {(p.reason, p.column) for p in err.value.problems} == {("missing_column", "b"), ("missing_column", "grp")}


def test_duplicate_and_empty_unit_codes_are_rejected(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    data = small_data.copy()
    data.loc[2, "uCode"] = "U1"
    data.loc[3, "uCode"] = None
    with pytest.raises(IndexInputError) as err:
        prepare_inputs(data, small_meta)
    assert {(p.reason, p.row) for p in err.value.problems} == {("duplicate_unit", 3), ("missing_unit_code", 4)}


def test_infinite_values_are_rejected(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    data = small_data.copy()
    data.loc[0, "c"] = np.inf
    with pytest.raises(IndexInputError) as err:
        prepare_inputs(data, small_meta)
    assert [(p.reason, p.row, p.column) for p in err.value.problems] == [("not_finite", 1, "c")]


def test_columns_not_in_the_tree_are_ignored_and_noted(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    inputs = prepare_inputs(small_data.assign(Time=2020, notes="x"), small_meta)
    assert inputs.ignored_columns == ["Time", "notes"]


def test_the_unit_code_column_must_exist(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    with pytest.raises(IndexInputError) as err:
        prepare_inputs(small_data.rename(columns={"uCode": "id"}), small_meta)
    assert err.value.problems[0].reason == "missing_column"
    assert "unit code" in err.value.problems[0].message


def test_problems_are_json_friendly(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    data = small_data.astype({"a": object})
    data.loc[0, "a"] = "x"
    with pytest.raises(IndexInputError) as err:
        prepare_inputs(data, small_meta)
    assert err.value.to_dict() == {
        "problems": [
            {
                "table": "data",
                "reason": "not_a_number",
                "message": "data row 1 (unit U1), column a: 'x' is not a number",
                "row": 1,
                "column": "a",
                "code": "U1",
                "value": "x",
            }
        ]
    }
