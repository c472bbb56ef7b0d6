"""Importing the long layout year,category,value."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from petakan.lib.pdrb import PdrbTable, illustrative_split, read_pdrb, write_long_csv


def test_it_reads_the_long_layout_with_a_total_row(
    long_rows: list[list[str]], sector_values: np.ndarray, write_csv: Callable[..., Path]
) -> None:
    result = read_pdrb(write_csv(long_rows))
    assert result.report.ok, result.report.errors
    assert result.report.layout == "long"
    table = result.table
    assert table is not None
    np.testing.assert_allclose(table.values, sector_values, atol=1e-9)
    assert table.published_total is not None


def test_indonesian_headers_and_category_names_are_accepted(write_csv: Callable[..., Path]) -> None:
    rows = [["tahun", "kategori", "nilai"]]
    rows += [["2020", "Industri Pengolahan", "1.500,25"]]
    rows += [["2020", code, "10"] for code in ["A", "B", *"DEFGHIJKL", "M,N", "O", "P", "Q", "R,S,T,U"]]
    table = read_pdrb(write_csv(rows)).table_or_raise()
    assert table.values[2, 0] == pytest.approx(1500.25)


def test_duplicate_entries_and_partly_missing_categories_are_reported(
    long_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    rows = copy.deepcopy(long_rows)
    rows.append(list(rows[5]))  # 2019, E twice
    rows = [r for r in rows if not (r[0] == "2021" and r[1] == "K")]
    report = read_pdrb(write_csv(rows)).report
    (dup,) = report.of_kind("duplicate_entry")
    assert (dup.category, dup.year, dup.row) == ("E", 2019, len(rows))
    (gap,) = report.of_kind("missing_value")
    assert (gap.category, gap.year) == ("K", 2021)


def test_bad_years_and_unknown_categories_name_their_row(
    long_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    rows = copy.deepcopy(long_rows)
    rows[3][0] = "20x9"
    rows[4][1] = "Z"
    report = read_pdrb(write_csv(rows)).report
    assert [(i.kind, i.row, i.column) for i in report.errors[:2]] == [
        ("bad_year", 4, "year"),
        ("unknown_category", 5, "category"),
    ]


def test_a_missing_value_column_is_reported(write_csv: Callable[..., Path]) -> None:
    (issue,) = read_pdrb(write_csv([["year", "category", "amount"], ["2020", "A", "1"]])).report.errors
    assert issue.kind == "missing_column"
    assert "value" in issue.message and "amount" in issue.message


def test_an_illustrative_table_stays_labelled_after_a_csv_round_trip(tmp_path: Path) -> None:
    table = illustrative_split({2020: 1000.0, 2021: 1100.0}, [1.0] * 17, [2.0] + [1.0] * 16)
    path = tmp_path / "demo.csv"
    write_long_csv(table, path)
    back = read_pdrb(path).table_or_raise()
    assert back.illustrative
    np.testing.assert_array_equal(back.values, table.values)
    real = PdrbTable(years=(2020,), values=np.ones((17, 1)))
    write_long_csv(real, path)
    assert not read_pdrb(path).table_or_raise().illustrative
