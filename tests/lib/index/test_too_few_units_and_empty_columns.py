"""A single unit is refused with a clear message (exit ≠ 0); a column with no value is named as such, not as a
"constant indicator"."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from petakan.lib.index import IndexInputError, build

from .conftest import MINIMAL


def test_a_single_unit_is_refused_with_the_reason(small_data: pd.DataFrame, small_meta: pd.DataFrame) -> None:
    with pytest.raises(IndexInputError) as err:
        build(small_data.head(1), small_meta, MINIMAL)
    assert err.value.problems[0].reason == "too_few_units"
    assert "1 unit(s) (U1)" in err.value.problems[0].message and "at least 2" in err.value.problems[0].message


def test_the_command_exits_with_an_error_and_writes_nothing_for_one_unit(
    small_data: pd.DataFrame, small_meta: pd.DataFrame, tmp_path: Path
) -> None:
    data, meta, out = tmp_path / "d.csv", tmp_path / "m.csv", tmp_path / "out"
    small_data.head(1).to_csv(data, index=False)
    small_meta.to_csv(meta, index=False)
    with pytest.raises(CommandError, match="at least 2"):
        call_command("index", "run", "--data", str(data), "--meta", str(meta), "--out", str(out))
    assert not (out / "scores.csv").exists()


def test_an_all_missing_column_is_not_called_constant(small_data: pd.DataFrame, small_meta: pd.DataFrame) -> None:
    data = small_data.assign(a=np.nan, d=5.0)  # a: no value at all; d: one value everywhere
    for method in ("minmax", "zscore"):
        config = {"steps": [{"step": "normalise", "method": method}, {"step": "aggregate"}]}
        run = build(data, small_meta, config)
        text = " | ".join(run.warnings)
        assert "a have no value for any unit (all missing)" in text, method
        constant = [w for w in run.warnings if "constant indicator" in w]
        listed = {c for w in constant for c in w.split("indicator(s) ")[1].split(":")[0].split(", ")}
        assert listed == {"d"}, method
