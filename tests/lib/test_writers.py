"""The fast result writers write exactly what pandas' ``to_csv`` and ``json.dumps(indent=…)`` write."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from petakan.lib.cells import frame_for_export
from petakan.lib.writers import dumps_indented, write_frame_csv


def awkward_frame() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    scores = rng.uniform(0, 100, 12)
    scores[[1, 7]] = np.nan
    scores[2:9] = [1e-05, 1e16, -0.0, 0.1, 123456789.123, np.inf, 5.0]
    return pd.DataFrame(
        {
            "unit_code": [
                *("=HYPERLINK(1)", "a,b", 'say "hi"', "-5", "line\nbreak", "cr\rhere", None, "plain"),
                *("+1", "@x", "ümlaut", "ok"),
            ],
            "INDEX_score": scores,
            "INDEX_rank": pd.array([1, None, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], dtype="Int64"),
            "count": np.arange(12, dtype=np.int64) * 1000 - 3,
            "population": np.arange(12, dtype=np.int64) * 1_000_003,  # too far apart for the look-up table
            "rank_again": np.arange(12, dtype=np.int64)[::-1] + 1,
            "=danger_score": rng.normal(size=12),
        }
    )


def pandas_bytes(frame: pd.DataFrame, path: Path) -> bytes:
    frame_for_export(frame).to_csv(path, index=False)
    return path.read_bytes()


def test_the_csv_is_byte_identical_to_pandas_with_the_formula_guard(tmp_path: Path) -> None:
    frame = awkward_frame()
    write_frame_csv(frame, tmp_path / "fast.csv")
    assert (tmp_path / "fast.csv").read_bytes() == pandas_bytes(frame, tmp_path / "slow.csv")
    assert "'=HYPERLINK(1)" in (tmp_path / "fast.csv").read_text(encoding="utf-8")


def test_the_csv_parses_back_to_the_same_floats(tmp_path: Path) -> None:
    rng = np.random.default_rng(11)
    values = rng.normal(50, 20, 5000) * rng.choice([1, 1e-7, 1e9], 5000)
    values[::97] = np.nan
    frame = pd.DataFrame({"unit_code": [f"u{i}" for i in range(5000)], "score": values})
    write_frame_csv(frame, tmp_path / "s.csv")
    with open(tmp_path / "s.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    back = np.array([float(r[1]) if r[1] else np.nan for r in rows])
    assert np.array_equal(back, values, equal_nan=True)


def test_a_column_it_does_not_know_goes_to_pandas_unchanged(tmp_path: Path) -> None:
    frame = pd.DataFrame({"unit_code": ["=a", "b"], "flag": [True, False], "when": pd.to_datetime(["2026-01-01"] * 2)})
    write_frame_csv(frame, tmp_path / "fast.csv")
    assert (tmp_path / "fast.csv").read_bytes() == pandas_bytes(frame, tmp_path / "slow.csv")


def test_a_text_column_holding_numbers_goes_to_pandas_unchanged(tmp_path: Path) -> None:
    frame = pd.DataFrame({"code": ["a", 5, 2.5, None], "score": [1.0, 2.0, np.nan, 4.0]})
    write_frame_csv(frame, tmp_path / "fast.csv")
    assert (tmp_path / "fast.csv").read_bytes() == pandas_bytes(frame, tmp_path / "slow.csv")


AUDIT_LIKE = {
    "run_hash": "abc",
    "units": 3,
    "availability": {"threshold": 0.65, "units": {"3324.01": 1.0, "3324.02": 0.9833333333333333, "ü": 0.5}},
    "empty_dict": {},
    "empty_list": [],
    "nested": [[1.5, -0.0, 1e-07, 3], [], [{"a": None, "b": True, "c": False, "d": 'x"y\n'}], ["ä", 2]],
    "mixed": {"code": "LPI", "pairs": [{"a": "x", "b": "y", "pearson": 0.25}], "n": 10**20},
    "flags": [{"type": "outliers", "codes": ["i01", "i02"]}],
    7: "int key",
    2.5: "float key",
    None: "none key",
    True: "bool key",
}


@pytest.mark.parametrize("indent", [1, 2, 4])
def test_the_indented_json_is_the_text_of_json_dumps(indent: int) -> None:
    expected = json.dumps(AUDIT_LIKE, indent=indent, ensure_ascii=False, allow_nan=False)
    assert dumps_indented(AUDIT_LIKE, indent=indent) == expected


def test_the_indented_json_of_a_scalar_is_the_scalar() -> None:
    assert dumps_indented("ü") == json.dumps("ü", indent=1, ensure_ascii=False)
    assert dumps_indented(0.1) == "0.1"


@pytest.mark.parametrize("bad", [{"a": float("nan")}, [1.0, float("inf")], {"a": {"b": [float("-inf")]}}])
def test_the_indented_json_refuses_nan_and_infinity_as_json_does(bad: object) -> None:
    with pytest.raises(ValueError):
        dumps_indented(bad)


@pytest.mark.parametrize(
    "odd_one",
    ["=SUM(A1)", "+62", "-5", "@user", "\tx", "\rx", "a,b", 'say "hi"', "two\nlines", "x\ry", "", " 33.24"],
)
def test_a_text_column_of_plain_codes_is_checked_for_the_guard_and_quotes_in_every_cell(
    tmp_path: Path, odd_one: str
) -> None:
    codes = [f"33.24.{i:02d}.2001" for i in range(30)]
    codes[17] = odd_one
    frame = pd.DataFrame({"unit_code": codes, "score": np.linspace(0, 100, 30)})
    write_frame_csv(frame, tmp_path / "fast.csv")
    assert (tmp_path / "fast.csv").read_bytes() == pandas_bytes(frame, tmp_path / "slow.csv")
