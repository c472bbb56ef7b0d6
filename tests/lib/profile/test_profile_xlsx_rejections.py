"""read_workbook rejects every kind of bad upload with a problem naming sheet, row, column, field and value."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from petakan.lib.profile import ImportResult, Problem, ProfileInputError, Schema, read_workbook
from petakan.lib.profile.xlsx import DEFAULT_MAX_BYTES

Edit = Callable[[bytes, Callable[[Workbook], None]], bytes]


def read(
    schema: Schema,
    data: bytes | io.BytesIO | Path,
    codes: set[str],
    *,
    allowed: set[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    partial: bool = True,
) -> ImportResult:
    allowed_codes = codes if allowed is None else allowed
    return read_workbook(
        schema, data, allowed_codes=allowed_codes, known_codes=codes, max_bytes=max_bytes, partial=partial
    )


def only(result: ImportResult) -> Problem:
    assert len(result.problems) == 1, [p.describe() for p in result.problems]
    return result.problems[0]


def test_it_rejects_a_csv_file(schema: Schema, village_codes: set[str]) -> None:
    problem = only(read(schema, b"village_code,pop_male\n33.24.06.2003,12\n", village_codes))
    assert problem.key == "upload_rejected" and "not a ZIP archive" in problem.message_en


def test_it_rejects_an_old_xls_file_with_advice(schema: Schema, village_codes: set[str]) -> None:
    problem = only(read(schema, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, village_codes))
    assert problem.key == "upload_rejected" and "simpan ulang sebagai .xlsx" in problem.message_id


def test_it_rejects_a_zip_that_is_not_a_workbook(schema: Schema, village_codes: set[str]) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    problem = only(read(schema, buffer.getvalue(), village_codes))
    assert problem.key == "upload_rejected" and "no workbook inside" in problem.message_en


def test_it_rejects_a_truncated_workbook(schema: Schema, sample_workbook: bytes, village_codes: set[str]) -> None:
    problem = only(read(schema, sample_workbook[: len(sample_workbook) // 2], village_codes))
    assert problem.message_id == "Berkas bukan XLSX yang sah: arsip ZIP terpotong atau rusak."


def test_it_rejects_an_empty_file(schema: Schema, village_codes: set[str]) -> None:
    assert only(read(schema, b"", village_codes)).message_en == "The file is empty."


def test_it_rejects_a_file_over_the_size_limit_before_parsing_it(schema: Schema, village_codes: set[str]) -> None:
    # Not a workbook at all: the size is checked first, so the only problem is the size.
    problem = only(read(schema, b"x" * 2001, village_codes, max_bytes=2000))
    assert problem.key == "upload_rejected"
    assert problem.message_id == "Berkas 2.001 bita melebihi batas 2.000 bita untuk profil desa (Excel)."


def test_the_default_size_limit_is_10_mb(schema: Schema, village_codes: set[str]) -> None:
    problem = only(read(schema, io.BytesIO(b"x" * (10 * 1024 * 1024 + 1)), village_codes))
    assert problem.message_id == "Berkas 10,0 MB melebihi batas 10 MB untuk profil desa (Excel)."


def test_it_checks_the_size_of_a_path_before_reading_it(
    schema: Schema, village_codes: set[str], tmp_path: Path
) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"x" * 5000)
    assert "melebihi batas 4 KB" in only(read(schema, path, village_codes, max_bytes=4096)).message_id


def test_it_rejects_a_workbook_without_the_instructions_sheet(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    problem = only(read(schema, edit(sample_workbook, lambda wb: wb.remove(wb["Petunjuk"])), village_codes))
    assert (problem.key, problem.sheet) == ("missing_sheet", "Petunjuk")


def test_it_rejects_a_workbook_without_the_profile_sheet(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    def rename(wb: Workbook) -> None:
        wb["Profil"].title = "Sheet1"

    keys = [(p.key, p.sheet) for p in read(schema, edit(sample_workbook, rename), village_codes).problems]
    assert keys == [("missing_sheet", "Profil"), ("extra_sheet", "Sheet1")]


def test_it_rejects_an_extra_sheet(schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit) -> None:
    problem = only(read(schema, edit(sample_workbook, lambda wb: wb.create_sheet("Catatan")), village_codes))
    assert (problem.key, problem.sheet) == ("extra_sheet", "Catatan")
    assert problem.message_en == "Unknown sheet 'Catatan'; delete it or use the original template."


def test_it_rejects_a_missing_column(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit, column_of: Callable[[str], str]
) -> None:
    def drop(wb: Workbook) -> None:
        wb["Profil"].delete_cols(wb["Profil"][f"{column_of('households')}1"].column)

    problem = only(read(schema, edit(sample_workbook, drop), village_codes))
    assert (problem.key, problem.field, problem.row) == ("missing_column", "households", 1)


def test_it_rejects_an_unknown_column(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    def add(wb: Workbook) -> None:
        ws = wb["Profil"]
        ws.cell(1, ws.max_column + 1, "jumlah_masjid")

    problem = only(read(schema, edit(sample_workbook, add), village_codes))
    assert (problem.key, problem.field, problem.row) == ("unknown_column", "jumlah_masjid", 1)
    assert problem.column is not None


def test_it_rejects_a_duplicate_column(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit, column_of: Callable[[str], str]
) -> None:
    def add(wb: Workbook) -> None:
        ws = wb["Profil"]
        ws.cell(1, ws.max_column + 1, "pop_male")

    problem = only(read(schema, edit(sample_workbook, add), village_codes))
    assert (problem.key, problem.field, problem.params["first_column"]) == (
        "duplicate_column",
        "pop_male",
        column_of("pop_male"),
    )


def test_it_rejects_a_sheet_whose_code_row_was_deleted(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    problem = only(read(schema, edit(sample_workbook, lambda wb: wb["Profil"].delete_rows(1)), village_codes))
    assert (problem.key, problem.row) == ("missing_header", 1)


def test_it_rejects_a_malformed_village_code(
    sample_codes: tuple[str, ...], schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"]["A6"] = "3324132014"

    result = read(schema, edit(sample_workbook, change), village_codes)
    problem = only(result)
    assert (problem.key, problem.row, problem.column, problem.value) == ("malformed_village_code", 6, "A", "3324132014")
    assert sample_codes[1] not in result.rows


def test_it_rejects_an_unknown_village_code(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"]["A6"] = "33.24.13.2099"

    problem = only(read(schema, edit(sample_workbook, change), village_codes))
    assert (problem.key, problem.row, problem.value) == ("unknown_village", 6, "33.24.13.2099")
    assert problem.message_id == "Kode desa 33.24.13.2099 tidak terdaftar."


def test_it_rejects_a_village_outside_the_uploaders_area(
    sample_codes: tuple[str, ...], schema: Schema, sample_workbook: bytes, village_codes: set[str]
) -> None:
    limbangan = {c for c in village_codes if c.startswith("33.24.06.")}
    result = read(schema, sample_workbook, village_codes, allowed=limbangan)
    assert [(p.key, p.row, p.value) for p in result.problems] == [
        ("village_out_of_scope", 6, sample_codes[1]),
        ("village_out_of_scope", 7, sample_codes[2]),
    ]
    assert list(result.rows) == [sample_codes[0]]


def test_it_rejects_a_village_given_twice(
    sample_codes: tuple[str, ...], schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"]["A7"] = sample_codes[0]

    problem = only(read(schema, edit(sample_workbook, change), village_codes))
    assert (problem.key, problem.row, problem.params["first_row"]) == ("duplicate_village", 7, 5)


def test_it_rejects_a_row_without_a_village_code(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"]["A6"] = None

    problem = only(read(schema, edit(sample_workbook, change), village_codes))
    assert (problem.key, problem.row, problem.column) == ("missing_village_code", 6, "A")


def test_it_rejects_an_out_of_range_value(
    sample_codes: tuple[str, ...],
    schema: Schema,
    sample_workbook: bytes,
    village_codes: set[str],
    edit: Edit,
    column_of: Callable[[str], str],
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"][f"{column_of('elevation_m')}5"] = 4000

    problem = only(read(schema, edit(sample_workbook, change), village_codes))
    assert (problem.key, problem.sheet, problem.row, problem.column) == (
        "above_max",
        "Profil",
        5,
        column_of("elevation_m"),
    )
    assert (problem.field, problem.value, problem.village) == ("elevation_m", 4000, sample_codes[0])
    assert problem.message_id == "4.000 melebihi batas atas 3.500."


def test_it_rejects_text_in_a_numeric_cell(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit, column_of: Callable[[str], str]
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"][f"{column_of('pop_female')}6"] = "sekitar 4000"

    problem = only(read(schema, edit(sample_workbook, change), village_codes))
    assert (problem.key, problem.row, problem.field, problem.value) == ("not_a_number", 6, "pop_female", "sekitar 4000")


def test_it_rejects_a_formula(
    sample_codes: tuple[str, ...],
    schema: Schema,
    sample_workbook: bytes,
    village_codes: set[str],
    edit: Edit,
    column_of: Callable[[str], str],
) -> None:
    def change(wb: Workbook) -> None:
        col = column_of("pop_female")
        wb["Profil"][f"{col}7"] = f"={col}5+{col}6"

    result = read(schema, edit(sample_workbook, change), village_codes)
    problem = only(result)
    assert (problem.key, problem.row, problem.field) == ("formula_not_allowed", 7, "pop_female")
    assert problem.value.startswith("=")
    assert result.rows[sample_codes[2]]["pop_female"] is None


def test_it_rejects_merged_cells(schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"].merge_cells("B6:C6")

    problem = only(read(schema, edit(sample_workbook, change), village_codes))
    assert (problem.key, problem.row, problem.column, problem.params["cells"]) == ("merged_cells", 6, "B", "B6:C6")


def test_it_rejects_a_value_that_is_not_among_the_choices(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit, column_of: Callable[[str], str]
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"][f"{column_of('risk_flood')}5"] = "Parah"

    problem = only(read(schema, edit(sample_workbook, change), village_codes))
    assert (problem.key, problem.field) == ("not_a_choice", "risk_flood")


def test_it_rejects_a_broken_cross_field_rule_at_the_cell_of_its_first_field(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit, column_of: Callable[[str], str]
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"][f"{column_of('households')}5"] = 999999 // 20

    problem = only(read(schema, edit(sample_workbook, change), village_codes))
    assert (problem.key, problem.rule, problem.column) == (
        "sum_above_other",
        "households_at_most_population",
        column_of("households"),
    )


def test_it_accepts_an_empty_required_cell_in_a_draft_but_not_in_a_submission(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit, column_of: Callable[[str], str]
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"][f"{column_of('geo_zone')}5"] = None

    data = edit(sample_workbook, change)
    assert read(schema, data, village_codes).ok
    problem = only(read(schema, data, village_codes, partial=False))
    assert (problem.key, problem.field, problem.row) == ("required", "geo_zone", 5)


def test_it_rejects_a_sheet_without_village_rows(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit
) -> None:
    problem = only(read(schema, edit(sample_workbook, lambda wb: wb["Profil"].delete_rows(5, 3)), village_codes))
    assert problem.key == "no_rows"


def test_it_reports_every_problem_of_a_file_at_once(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], edit: Edit, column_of: Callable[[str], str]
) -> None:
    def change(wb: Workbook) -> None:
        ws = wb["Profil"]
        ws[f"{column_of('elevation_m')}5"] = -3
        ws[f"{column_of('pop_male')}6"] = "banyak"
        ws["A7"] = "33.24.99.9999"
        wb.create_sheet("Lain")

    result = read(schema, edit(sample_workbook, change), village_codes)
    assert {p.key for p in result.problems} == {"below_min", "not_a_number", "unknown_village", "extra_sheet"}
    with pytest.raises(ProfileInputError) as info:
        result.raise_for_problems()
    assert len(info.value.problems) == 4
