"""Denomination: x / (denominator / scale), from the meta table or the configuration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.lib.index import IndexInputError, build

META = pd.DataFrame(
    [
        {
            "Level": 1,
            "iCode": "trade",
            "Parent": "I",
            "Direction": 1,
            "Weight": 1,
            "Type": "Indicator",
            "Denominator": "gdp",
        },
        {
            "Level": 1,
            "iCode": "doctors",
            "Parent": "I",
            "Direction": 1,
            "Weight": 1,
            "Type": "Indicator",
            "Denominator": None,
        },
        {"Level": 2, "iCode": "I", "Parent": None, "Direction": 1, "Weight": 1, "Type": "Aggregate"},
        {"Level": None, "iCode": "gdp", "Parent": None, "Direction": None, "Weight": None, "Type": "Denominator"},
        {"Level": None, "iCode": "pop", "Parent": None, "Direction": None, "Weight": None, "Type": "Denominator"},
    ]
)
DATA = pd.DataFrame(
    {
        "uCode": ["A", "B", "C"],
        "trade": [10.0, 30.0, 8.0],
        "doctors": [5.0, 12.0, 1.0],
        "gdp": [2.0, 5.0, 4.0],
        "pop": [1000.0, 3000.0, 500.0],
    }
)


def denominated(step: dict[str, object], data: pd.DataFrame = DATA) -> pd.DataFrame:
    cfg = {"steps": [step, {"step": "normalise", "method": "minmax"}, {"step": "aggregate", "method": "arithmetic"}]}
    return build(data, META, cfg).dataset("Denominated")


def test_indicators_are_divided_by_their_meta_denominator() -> None:
    d = denominated({"step": "denominate", "by": "meta"})
    assert d["trade"].tolist() == [5.0, 6.0, 2.0]
    assert d["doctors"].tolist() == [5.0, 12.0, 1.0]


def test_the_configuration_can_choose_denominators_and_scale_factors() -> None:
    d = denominated({"step": "denominate", "by": {"doctors": "pop"}, "scale": {"doctors": 1000}})
    assert d["doctors"].tolist() == pytest.approx([5.0, 4.0, 2.0])  # per 1000 people
    assert d["trade"].tolist() == [10.0, 30.0, 8.0]


def test_a_zero_denominator_is_an_input_error_naming_the_row() -> None:
    data = DATA.copy()
    data.loc[1, "gdp"] = 0.0
    with pytest.raises(IndexInputError) as err:
        denominated({"step": "denominate"}, data)
    p = err.value.problems[0]
    assert (p.reason, p.row, p.column, p.code) == ("zero_denominator", 2, "gdp", "B")


def test_a_missing_denominator_makes_the_value_missing_with_a_warning() -> None:
    data = DATA.copy()
    data.loc[2, "gdp"] = np.nan
    cfg = {
        "steps": [
            {"step": "denominate"},
            {"step": "normalise", "method": "minmax"},
            {"step": "aggregate", "method": "arithmetic"},
        ]
    }
    run = build(data, META, cfg)
    assert np.isnan(run.dataset("Denominated").loc["C", "trade"])
    assert any("denominator gdp is missing for 1 unit" in w for w in run.warnings)
