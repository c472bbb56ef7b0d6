"""Importing BPS's own table layout (categories as rows, years as columns) from CSV and XLSX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from petakan.lib.pdrb import read_pdrb

YEARS = (2019, 2020, 2021, 2022, 2023)


def test_it_reads_a_bps_csv_table_with_indonesian_numbers(
    bps_rows: list[list[str]], sector_values: np.ndarray, write_csv: Callable[..., Path]
) -> None:
    result = read_pdrb(write_csv(bps_rows))
    assert result.report.ok, result.report.errors
    assert result.report.layout == "bps"
    assert result.report.number_format == "id"
    table = result.table
    assert table is not None
    assert table.years == YEARS
    np.testing.assert_allclose(table.values, sector_values, rtol=0, atol=1e-6)
    assert table.published_total is not None
    np.testing.assert_allclose(table.published_total, sector_values.sum(axis=0), atol=1e-6)


def test_bps_year_marks_are_kept_as_notes(bps_rows: list[list[str]], write_csv: Callable[..., Path]) -> None:
    table = read_pdrb(write_csv(bps_rows)).table_or_raise()
    assert table.year_notes == {2022: "*", 2023: "**"}


def test_the_nil_dash_reads_as_zero_for_a_sector_absent_in_one_year(
    bps_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    table = read_pdrb(write_csv(bps_rows)).table_or_raise()
    assert table.values[1, 0] == 0.0
    assert table.values[1, 1] > 0


def test_subcategory_rows_are_skipped_with_a_warning_and_titles_and_sources_noted(
    bps_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    report = read_pdrb(write_csv(bps_rows)).report
    skipped = report.of_kind("subcategory_skipped")
    assert [i.row for i in skipped] == [5, 6]
    assert all(i.severity == "warning" for i in skipped)
    assert any("Sumber: BPS Kabupaten Contoh" in note for note in report.notes)
    assert any(note.startswith("row 1: PDRB Kabupaten Contoh") for note in report.notes)


def test_it_reads_the_same_table_from_xlsx_with_numeric_and_text_cells(
    bps_rows: list[list[str]], sector_values: np.ndarray, write_xlsx: Callable[..., Path]
) -> None:
    rows: list[list[object]] = [list(r) for r in bps_rows]
    rows[2] = ["Lapangan Usaha", 2019, 2020, 2021, "2022*", "2023**"]
    rows[3] = [rows[3][0], *(float(v) for v in sector_values[0])]  # A as real numbers, the rest as text
    table = read_pdrb(write_xlsx({"PDRB ADHK": rows})).table_or_raise()
    np.testing.assert_allclose(table.values, sector_values, atol=1e-6)
    assert table.years == YEARS


def test_a_workbook_with_several_sheets_needs_the_sheet_named(
    bps_rows: list[list[str]], sector_values: np.ndarray, write_xlsx: Callable[..., Path]
) -> None:
    path = write_xlsx({"ADHB": [["nothing"]], "ADHK": bps_rows})
    (issue,) = read_pdrb(path).report.errors
    assert issue.kind == "sheet"
    assert "ADHB" in issue.message and "ADHK" in issue.message
    table = read_pdrb(path, sheet="ADHK").table_or_raise()
    np.testing.assert_allclose(table.values, sector_values, atol=1e-6)


def test_a_semicolon_csv_from_an_indonesian_spreadsheet_is_read(
    bps_rows: list[list[str]], sector_values: np.ndarray, write_csv: Callable[..., Path]
) -> None:
    table = read_pdrb(write_csv(bps_rows, "semicolon.csv", delimiter=";")).table_or_raise()
    np.testing.assert_allclose(table.values, sector_values, atol=1e-6)


def test_a_table_with_number_and_code_columns_is_read(
    bps_rows: list[list[str]], sector_values: np.ndarray, write_csv: Callable[..., Path]
) -> None:
    rows = [["No", "Kode", "Lapangan Usaha", *bps_rows[2][1:]]]
    number = 0
    for row in bps_rows[3:-2]:
        label = row[0]
        if label[0].isupper() and ". " in label:
            number += 1
            code, name = label.split(". ", 1)
            rows.append([str(number), code, name, *row[1:]])
    table = read_pdrb(write_csv(rows)).table_or_raise()
    np.testing.assert_allclose(table.values, sector_values, atol=1e-6)


def test_an_unreadable_path_or_unknown_format_is_reported(tmp_path: Path) -> None:
    assert read_pdrb(tmp_path / "missing.csv").report.errors[0].kind == "unreadable_file"
    (tmp_path / "table.ods").write_bytes(b"x")
    assert read_pdrb(tmp_path / "table.ods").report.errors[0].kind == "unreadable_file"


def test_a_csv_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("Lapangan Usaha,2020\nJasa Pendidikan ä,1\n".encode("latin-1"))
    (issue,) = read_pdrb(path).report.errors
    assert issue.kind == "unreadable_file"
    assert "UTF-8" in issue.message
