"""Writing profiles to the Excel template and reading them back is exact; the template is laid out for offices."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook

from petakan.lib.profile import (
    DemoInputs,
    Schema,
    diff,
    frame_to_records,
    read_workbook,
    template_rows,
    write_template,
)
from petakan.lib.profile.xlsx import FIRST_DATA_ROW


def test_286_villages_written_and_read_back_give_no_changes(
    schema: Schema, regency_workbook: bytes, demo_profiles: pd.DataFrame, village_codes: set[str]
) -> None:
    result = read_workbook(schema, regency_workbook, allowed_codes=village_codes, known_codes=village_codes)
    assert result.ok, [p.describe() for p in result.problems[:5]]
    assert set(result.rows) == village_codes
    assert diff(frame_to_records(schema, demo_profiles), result.rows) == []


def test_changing_10_cells_gives_exactly_those_10_changes(
    schema: Schema,
    regency_workbook: bytes,
    demo_profiles: pd.DataFrame,
    village_codes: set[str],
    edit: Callable[[bytes, Callable[[Workbook], None]], bytes],
    column_of: Callable[[str], str],
) -> None:
    old = frame_to_records(schema, demo_profiles)
    codes = sorted(village_codes)
    row_of = {code: FIRST_DATA_ROW + i for i, code in enumerate(codes)}
    planned: dict[tuple[str, str], Any] = {
        (codes[0], "pop_male"): old[codes[0]]["pop_male"] + 1,
        (codes[1], "com_padi_ton"): 1234.5,
        (codes[2], "geo_zone"): "pesisir" if old[codes[2]]["geo_zone"] != "pesisir" else "dataran",
        (codes[3], "gov_office_internet"): not old[codes[3]]["gov_office_internet"],
        (codes[4], "notes_problems"): "Jalan rusak.",
        (codes[5], "liv_other_pct"): 0.0 if old[codes[5]]["liv_other_pct"] else 0.5,
        (codes[6], "risk_flood"): "high" if old[codes[6]]["risk_flood"] != "high" else "low",
        (codes[7], "tour_sites"): (old[codes[7]]["tour_sites"] or 0) + 2,
        (codes[8], "edu_sd"): old[codes[8]]["edu_sd"] + 1,
        (codes[9], "flagship_product"): "Keripik tempe",
    }
    labels = {
        "pesisir": "Pesisir",
        "dataran": "Dataran rendah",
        "high": "Tinggi",
        "low": "Rendah",
        True: "Ya",
        False: "Tidak",
    }

    def change(wb: Workbook) -> None:
        ws = wb["Profil"]
        for (code, field), value in planned.items():
            cell_value = labels.get(value, value) if isinstance(value, str | bool) else value
            ws[f"{column_of(field)}{row_of[code]}"] = cell_value

    result = read_workbook(
        schema, edit(regency_workbook, change), allowed_codes=village_codes, known_codes=village_codes
    )
    assert result.ok
    changes = diff(old, result.rows)
    assert len(changes) == 10
    assert {(c.code, c.field): c.new for c in changes} == planned
    assert all(c.old == old[c.code][c.field] for c in changes)


def test_an_english_template_reads_back_identically(
    schema: Schema, demo_inputs: DemoInputs, demo_profiles: pd.DataFrame, village_codes: set[str]
) -> None:
    buffer = io.BytesIO()
    write_template(schema, template_rows(schema, demo_profiles, demo_inputs.villages), buffer, lang="en")
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["Profil"]
    assert ws["D3"].value == "Male population"
    result = read_workbook(schema, buffer.getvalue(), allowed_codes=village_codes, known_codes=village_codes)
    assert result.ok and diff(frame_to_records(schema, demo_profiles), result.rows) == []


def test_the_profile_sheet_has_codes_labels_units_and_locked_identity(
    sample_codes: tuple[str, ...], schema: Schema, sample_workbook: bytes
) -> None:
    wb = load_workbook(io.BytesIO(sample_workbook))
    assert wb.sheetnames == ["Profil", "Petunjuk"]
    ws = wb["Profil"]
    assert [ws.cell(1, j).value for j in range(1, 5)] == ["village_code", "village_name", "kecamatan_name", "pop_male"]
    assert ws.row_dimensions[1].hidden
    assert ws["D2"].value == "Kependudukan" and ws["D3"].value == "Penduduk laki-laki"
    assert ws["D4"].value == "jiwa · 0–100.000 · wajib"
    assert "[pop_male]" in ws["D3"].comment.text
    assert [ws.cell(FIRST_DATA_ROW + i, 1).value for i in range(3)] == list(sample_codes)
    assert ws["B5"].value == "Gondang" and ws["C5"].value == "Limbangan"
    assert ws.protection.sheet
    assert ws["A5"].protection.locked and ws["A5"].fill.fgColor.rgb.endswith("E7E6E6")
    assert not ws["D5"].protection.locked
    assert ws.freeze_panes == "D5"


def test_choice_and_yes_no_cells_have_drop_downs_and_numbers_have_ranges(
    schema: Schema, sample_workbook: bytes, column_of: Callable[[str], str]
) -> None:
    ws = load_workbook(io.BytesIO(sample_workbook))["Profil"]
    by_column = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in ws.data_validations.dataValidation}
    zone = by_column[column_of("geo_zone")]
    assert zone.type == "list" and zone.formula1 == '"Pesisir,Dataran rendah,Pegunungan"'
    assert by_column[column_of("conn_4g")].formula1 == '"Ya,Tidak"'
    pop = by_column[column_of("pop_male")]
    assert (pop.type, pop.operator, pop.formula1, pop.formula2) == ("whole", "between", "0", "100000")
    share = by_column[column_of("liv_trade_pct")]
    assert (share.type, share.formula1, share.formula2) == ("decimal", "0", "100")
    assert by_column[column_of("notes_problems")].type == "textLength"


def test_choices_are_written_as_labels_in_the_template_language(
    sample_workbook: bytes, column_of: Callable[[str], str]
) -> None:
    ws = load_workbook(io.BytesIO(sample_workbook))["Profil"]
    assert ws[f"{column_of('geo_zone')}5"].value == "Pegunungan"
    assert ws[f"{column_of('gov_office_internet')}5"].value in ("Ya", "Tidak")


def test_the_instructions_sheet_explains_the_template_and_lists_every_field(
    schema: Schema, sample_workbook: bytes
) -> None:
    ws = load_workbook(io.BytesIO(sample_workbook))["Petunjuk"]
    text = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("Persentase diisi 0 sampai 100" in t for t in text)
    assert set(schema.codes) <= set(text)


def test_text_starting_with_an_equals_sign_stays_text(
    schema: Schema, demo_inputs: DemoInputs, village_codes: set[str]
) -> None:
    rows = [
        {
            "village_code": "33.24.06.2003",
            "village_name": "Gondang",
            "kecamatan_name": "Limbangan",
            "notes_problems": "=== jalan rusak ===",
        }
    ]
    buffer = io.BytesIO()
    write_template(schema, rows, buffer)
    result = read_workbook(schema, buffer.getvalue(), allowed_codes=village_codes, known_codes=village_codes)
    assert result.ok and result.rows["33.24.06.2003"]["notes_problems"] == "=== jalan rusak ==="


def test_a_percentage_typed_with_excel_percent_format_is_read_on_the_0_to_100_scale(
    schema: Schema,
    sample_workbook: bytes,
    village_codes: set[str],
    edit: Callable[[bytes, Callable[[Workbook], None]], bytes],
    column_of: Callable[[str], str],
) -> None:
    def change(wb: Workbook) -> None:
        cell = wb["Profil"][f"{column_of('util_clean_water_pct')}5"]
        cell.value, cell.number_format = 0.455, "0.0%"

    result = read_workbook(
        schema, edit(sample_workbook, change), allowed_codes=village_codes, known_codes=village_codes
    )
    assert result.ok and result.rows["33.24.06.2003"]["util_clean_water_pct"] == 45.5


def test_numbers_typed_as_indonesian_text_are_read(
    schema: Schema,
    sample_workbook: bytes,
    village_codes: set[str],
    edit: Callable[[bytes, Callable[[Workbook], None]], bytes],
    column_of: Callable[[str], str],
) -> None:
    def change(wb: Workbook) -> None:
        wb["Profil"][f"{column_of('com_padi_ton')}5"] = "1.234,5"

    result = read_workbook(
        schema, edit(sample_workbook, change), allowed_codes=village_codes, known_codes=village_codes
    )
    assert result.ok and result.rows["33.24.06.2003"]["com_padi_ton"] == 1234.5


def test_empty_rows_are_skipped_and_rows_are_numbered_as_in_excel(
    sample_codes: tuple[str, ...],
    schema: Schema,
    sample_workbook: bytes,
    village_codes: set[str],
    edit: Callable[[bytes, Callable[[Workbook], None]], bytes],
) -> None:
    def change(wb: Workbook) -> None:
        ws = wb["Profil"]
        ws.insert_rows(6, amount=2)

    result = read_workbook(
        schema, edit(sample_workbook, change), allowed_codes=village_codes, known_codes=village_codes
    )
    assert result.ok
    assert result.row_numbers == {sample_codes[0]: 5, sample_codes[1]: 8, sample_codes[2]: 9}


def test_it_reads_from_a_path_and_from_a_stream(
    schema: Schema, sample_workbook: bytes, village_codes: set[str], tmp_path: Any
) -> None:
    path = tmp_path / "profil.xlsx"
    path.write_bytes(sample_workbook)
    from_path = read_workbook(schema, path, allowed_codes=village_codes, known_codes=village_codes)
    from_stream = read_workbook(
        schema, io.BytesIO(sample_workbook), allowed_codes=village_codes, known_codes=village_codes
    )
    assert from_path.ok and from_stream.ok and from_path.rows == from_stream.rows
