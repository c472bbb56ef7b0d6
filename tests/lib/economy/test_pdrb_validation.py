"""The validation report: every problem of a PDRB table at once, each with its row, column, category and year."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from petakan.lib.pdrb import PdrbValidationError, read_pdrb

TOTAL_ROW = -2  # in the bps_rows fixture: the PDRB row, then the source note
YEAR_2021 = 3  # column of 2021


def _row_index(rows: list[list[str]], startswith: str) -> int:
    return next(i for i, r in enumerate(rows) if r[0].startswith(startswith))


def test_a_table_whose_categories_do_not_add_up_is_reported_with_the_difference(
    bps_rows: list[list[str]],
    sector_values: np.ndarray,
    write_csv: Callable[..., Path],
    to_indonesian: Callable[[float], str],
) -> None:
    rows = copy.deepcopy(bps_rows)
    published = sector_values[:, 2].sum() + 1234.56
    rows[TOTAL_ROW][YEAR_2021] = to_indonesian(published)
    result = read_pdrb(write_csv(rows))
    (issue,) = result.report.errors
    assert issue.kind == "total_mismatch"
    assert issue.year == 2021
    assert issue.difference == pytest.approx(-1234.56, abs=1e-6)
    assert issue.expected == pytest.approx(published)
    assert issue.actual == pytest.approx(sector_values[:, 2].sum())
    assert "-1,234.56" in issue.message
    assert result.table is None


def test_a_difference_within_rounding_is_accepted_and_the_tolerance_is_a_parameter(
    bps_rows: list[list[str]],
    sector_values: np.ndarray,
    write_csv: Callable[..., Path],
    to_indonesian: Callable[[float], str],
) -> None:
    rows = copy.deepcopy(bps_rows)
    rows[TOTAL_ROW][YEAR_2021] = to_indonesian(sector_values[:, 2].sum() + 0.5)
    path = write_csv(rows)
    assert read_pdrb(path).report.ok
    strict = read_pdrb(path, abs_tolerance=0.1).report
    assert [i.kind for i in strict.errors] == ["total_mismatch"]
    assert read_pdrb(path, abs_tolerance=0.1, rel_tolerance=1e-4).report.ok


def test_the_sum_is_checked_against_separately_published_totals(
    bps_rows: list[list[str]], sector_values: np.ndarray, write_csv: Callable[..., Path]
) -> None:
    published = {year: float(v) for year, v in zip(range(2019, 2024), sector_values.sum(axis=0), strict=True)}
    published[2023] += 100.0
    del published[2019]
    report = read_pdrb(write_csv(bps_rows), published_totals=published).report
    assert [(i.kind, i.year) for i in report.errors] == [("missing_total", 2019), ("total_mismatch", 2023)]
    assert report.errors[1].difference == pytest.approx(-100.0)


def test_unknown_categories_are_reported_with_their_row_and_label(
    bps_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    rows = copy.deepcopy(bps_rows)
    rows.insert(TOTAL_ROW, ["Pariwisata", "1", "2", "3", "4", "5"])
    (issue,) = read_pdrb(write_csv(rows)).report.errors
    assert issue.kind == "unknown_category"
    assert issue.row == len(rows) - 2
    assert issue.value == "Pariwisata"
    assert issue.column == "Lapangan Usaha"


def test_a_table_of_the_old_9_sector_series_is_refused_with_the_reason(write_csv: Callable[..., Path]) -> None:
    rows = [
        ["Lapangan Usaha", "2009"],
        ["1. Pertanian", "10"],
        ["Bangunan", "5"],
        ["Perdagangan, Hotel & Restoran", "7"],
    ]
    report = read_pdrb(write_csv(rows)).report
    unknown = report.of_kind("unknown_category")
    assert [i.row for i in unknown] == [2, 3, 4]
    assert all("pre-2010 9-sector series" in i.message for i in unknown)


def test_a_code_contradicting_its_name_is_an_error_and_an_unknown_name_with_a_known_code_a_warning(
    bps_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    rows = copy.deepcopy(bps_rows)
    rows[_row_index(rows, "C. ")][0] = "C. Manufaktur dan Pengolahan"
    rows[_row_index(rows, "D. ")][0] = "C. Pengadaan Listrik dan Gas"
    report = read_pdrb(write_csv(rows)).report
    assert [(i.kind, i.severity) for i in report.issues if i.kind != "subcategory_skipped"] == [
        ("matched_by_code", "warning"),
        ("mismatched_category", "error"),
        ("missing_category", "error"),
    ]
    assert report.of_kind("missing_category")[0].category == "D"


def test_missing_years_are_reported_for_gaps_and_for_expected_years(
    bps_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    rows = [r[:YEAR_2021] + r[YEAR_2021 + 1 :] for r in bps_rows]
    report = read_pdrb(write_csv(rows), expected_years=range(2018, 2024)).report
    missing = report.of_kind("missing_year")
    assert [(i.year, "gap" in i.message) for i in missing] == [(2018, False), (2021, True)]


def test_duplicate_categories_and_years_are_reported(bps_rows: list[list[str]], write_csv: Callable[..., Path]) -> None:
    rows = copy.deepcopy(bps_rows)
    rows.insert(TOTAL_ROW, list(rows[_row_index(rows, "F. ")]))
    rows[2][YEAR_2021] = "2020"
    report = read_pdrb(write_csv(rows)).report
    kinds = {i.kind for i in report.errors}
    assert {"duplicate_category", "duplicate_year"} <= kinds
    (dup,) = report.of_kind("duplicate_category")
    assert dup.category == "F"
    assert f"rows {_row_index(rows, 'F. ') + 1} and" in dup.message


def test_missing_and_unparseable_values_name_their_cell(
    bps_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    rows = copy.deepcopy(bps_rows)
    g = _row_index(rows, "G. ")
    rows[g][2] = ""
    rows[g][4] = "12,3,4"
    report = read_pdrb(write_csv(rows)).report
    by_kind = {i.kind: i for i in report.errors}
    assert by_kind["missing_value"].cell == f"C{g + 1}"
    assert by_kind["missing_value"].year == 2020
    assert by_kind["bad_number"].cell == f"E{g + 1}"
    assert by_kind["bad_number"].category == "G"


def test_all_problems_are_collected_and_raised_together(
    bps_rows: list[list[str]], write_csv: Callable[..., Path], to_indonesian: Callable[[float], str]
) -> None:
    rows = copy.deepcopy(bps_rows)
    rows.insert(TOTAL_ROW, ["Pariwisata", "1", "2", "3", "4", "5"])
    del rows[_row_index(rows, "Q. ")]
    rows[_row_index(rows, "H. ")][1] = "-5,0"
    result = read_pdrb(write_csv(rows))
    with pytest.raises(PdrbValidationError) as raised:
        result.table_or_raise("table.csv")
    kinds = [i.kind for i in raised.value.issues]
    assert {"unknown_category", "missing_category", "negative_value"} <= set(kinds)
    assert all(i.severity == "error" for i in raised.value.issues)
    assert "table.csv" in str(raised.value)


def test_a_table_without_any_header_is_reported(write_csv: Callable[..., Path]) -> None:
    (issue,) = read_pdrb(write_csv([["just", "words"], ["no", "years"]])).report.errors
    assert issue.kind == "no_header"
