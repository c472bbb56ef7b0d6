"""XLSX import of the RPJMD cascade: dry run by default, every problem cell listed, all-or-nothing, idempotent."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from petakan.planning import importer
from petakan.planning.models import ChangeLog, Indicator, Misi, Period, RpjmdProgram, Sasaran, Strategy, Tujuan

YEARS = [2021, 2022, 2023]


def workbook(path: Path, *, edit=None) -> Path:  # type: ignore[no-untyped-def]
    """A small valid cascade for 2021–2023; ``edit(wb)`` may break it."""
    importer.write_template(path, YEARS)
    wb = openpyxl.load_workbook(path)
    period = wb["Periode"]
    period["B2"], period["B3"], period["B4"], period["B5"] = "RPJMD Impor 2021–2023", 2021, 2023, "Visi uji"
    wb["Misi"].append(["1", "Misi satu", "", ""])
    wb["Tujuan"].append(["1.1", "1", "Tujuan satu", ""])
    wb["Sasaran"].append(["1.1.1", "1.1", "Sasaran satu", ""])
    wb["Sasaran"].append(["1.1.2", "1.1", "Sasaran dua", ""])
    wb["Strategi"].append(["S1", "1.1.1", "Strategi satu", "Arah satu", ""])
    wb["Program"].append(
        ["P1", "1.1.1", "S1", "2.16.03", "Program Aplikasi", "Diskominfo", 1_000_000, "2.000.000", None, ""]
    )
    wb["Indikator"].append(
        ["sasaran", "1.1.1", "Indeks kepuasan", "indeks", "70", 2020, "72", 75, "78", "80", "Survei", ""]
    )
    if edit:
        edit(wb)
    wb.save(path)
    return path


def test_the_template_heads_year_columns_for_the_period(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.xlsx"
    importer.write_template(path, YEARS)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Periode", "Misi", "Tujuan", "Sasaran", "Strategi", "Program", "Indikator"]
    program = [c.value for c in wb["Program"][1]]
    assert program[6:9] == ["pagu_2021", "pagu_2022", "pagu_2023"]


def test_a_dry_run_writes_nothing_and_a_commit_writes_everything(kendal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "ok.xlsx")
    report = importer.import_cascade(path)
    assert report.created == 8 and not report.committed
    assert not Period.objects.exists() and not Misi.objects.exists()
    report = importer.import_cascade(path, commit=True)
    assert report.committed and report.created == 8
    period = Period.objects.get()
    assert (period.start_year, period.end_year, period.vision, period.is_current) == (2021, 2023, "Visi uji", True)
    program = RpjmdProgram.objects.get()
    assert program.budget == {"2021": 1_000_000, "2022": 2_000_000} and program.strategy == Strategy.objects.get()
    assert program.nomenclature_code == "2.16.03"
    indicator = Indicator.objects.get()
    assert indicator.sasaran == Sasaran.objects.get(code="1.1.1")
    assert indicator.targets == {"2021": "72", "2022": "75", "2023": "78"} and indicator.baseline_year == 2020
    assert ChangeLog.objects.filter(action="import").count() == 1


def test_importing_the_same_file_twice_changes_nothing(kendal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "ok.xlsx")
    importer.import_cascade(path, commit=True)
    report = importer.import_cascade(path, commit=True)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 8)
    assert Sasaran.objects.count() == 2


def test_a_changed_text_is_updated_in_place(kendal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    importer.import_cascade(workbook(tmp_path / "a.xlsx"), commit=True)
    first = Sasaran.objects.get(code="1.1.2").pk

    def rename(wb) -> None:  # type: ignore[no-untyped-def]
        wb["Sasaran"]["C3"] = "Sasaran dua (revisi)"

    report = importer.import_cascade(workbook(tmp_path / "b.xlsx", edit=rename), commit=True)
    assert report.updated == 1
    assert Sasaran.objects.get(code="1.1.2").pk == first and Sasaran.objects.get(code="1.1.2").text.endswith("(revisi)")


def test_bad_input_lists_every_problem_cell_and_writes_nothing(kendal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def break_it(wb) -> None:  # type: ignore[no-untyped-def]
        wb["Tujuan"].append(["1.2", "9", "Tujuan yatim", ""])  # row 3: unknown misi
        wb["Sasaran"].append(["1.1.1", "1.1", "Kode ganda", ""])  # row 4: duplicate code
        wb["Sasaran"].append(["", "1.1", "", ""])  # row 5: code and text missing
        wb["Program"]["G2"] = "satu juta"  # pagu_2021 not a number
        wb["Program"].append(["P2", "1.1.2", "S1", "", "Program lain", "", None, None, None, ""])  # strategy of 1.1.1
        wb["Indikator"].append(["kegiatan", "1.1.1", "X", "", "", "dua ribu", None, None, None, "", "", ""])
        wb["Program"].cell(row=1, column=11, value="pagu_2030")  # year outside the period

    with pytest.raises(importer.CascadeImportError) as caught:
        importer.import_cascade(workbook(tmp_path / "bad.xlsx", edit=break_it), commit=True)
    found = {(p.sheet, p.row, p.column, p.reason) for p in caught.value.problems}
    assert found == {
        ("Tujuan", 3, "kode_misi", "unknown_parent"),
        ("Sasaran", 4, "kode", "duplicate_code"),
        ("Sasaran", 5, "kode", "required"),
        ("Sasaran", 5, "sasaran", "required"),
        ("Program", 2, "pagu_2021", "bad_amount"),
        ("Program", 3, "kode_strategi", "strategy_of_other_sasaran"),
        ("Program", 1, "pagu_2030", "year_outside_period"),
        ("Indikator", 3, "tingkat", "bad_level"),
        ("Indikator", 3, "tahun_kondisi_awal", "not_year"),
    }
    value = next(p for p in caught.value.problems if p.reason == "bad_amount").value
    assert value == "satu juta"
    assert not Period.objects.exists() and not Tujuan.objects.exists()


def test_a_file_that_is_not_a_workbook_is_one_clear_problem(kendal) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(importer.CascadeImportError) as caught:
        importer.import_cascade(io.BytesIO(b"kode,misi\n1,x\n"))
    assert [p.reason for p in caught.value.problems] == ["not_xlsx"]


def test_missing_sheets_and_period_fields_are_named(kendal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Periode"
    wb["Periode"].append(["kolom", "nilai"])
    wb["Periode"].append(["tahun_awal", "dua ribu"])
    wb.save(path)
    with pytest.raises(importer.CascadeImportError) as caught:
        importer.import_cascade(path)
    found = {(p.sheet, p.column, p.reason) for p in caught.value.problems}
    assert ("Misi", None, "missing_sheet") in found
    assert ("Periode", "nama", "required") in found and ("Periode", "tahun_akhir", "required") in found
    assert ("Periode", "tahun_awal", "not_year") in found


def test_the_command_dry_runs_commits_and_fails_with_a_message(kendal, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "ok.xlsx")
    out = io.StringIO()
    call_command("planning", "import-rpjmd", str(path), stdout=out)
    assert "uji coba" in out.getvalue() and not Period.objects.exists()
    call_command("planning", "import-rpjmd", str(path), "--commit", stdout=out)
    assert Misi.objects.count() == 1

    def break_it(wb) -> None:  # type: ignore[no-untyped-def]
        wb["Tujuan"]["B2"] = "7"

    err = io.StringIO()
    with pytest.raises(CommandError, match="1 masalah"):
        call_command("planning", "import-rpjmd", str(workbook(tmp_path / "b.xlsx", edit=break_it)), stderr=err)
    assert "Tujuan baris 2 kolom kode_misi" in err.getvalue()


def test_the_template_command_round_trips_the_current_cascade(kendal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    importer.import_cascade(workbook(tmp_path / "ok.xlsx"), commit=True)
    out = tmp_path / "export.xlsx"
    call_command("planning", "template", "--out", str(out), stdout=io.StringIO())
    report = importer.import_cascade(out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 8)
    with pytest.raises(CommandError):
        call_command("planning", "template", "--out", str(tmp_path / "x.csv"))


def test_the_upload_page_dry_runs_and_shows_problems(kendal, tmp_path, login) -> None:  # type: ignore[no-untyped-def]
    def break_it(wb) -> None:  # type: ignore[no-untyped-def]
        wb["Sasaran"]["B2"] = "9.9"

    client = login("analyst")
    bad = workbook(tmp_path / "bad.xlsx", edit=break_it).read_bytes()
    page = client.post("/rencana/rpjmd/impor/", {"file": SimpleUploadedFile("bad.xlsx", bad)}).content.decode()
    assert 'id="problems"' in page and "9.9" in page and "kode_tujuan" in page
    good = workbook(tmp_path / "ok.xlsx").read_bytes()
    page = client.post("/rencana/rpjmd/impor/", {"file": SimpleUploadedFile("ok.xlsx", good)}).content.decode()
    assert 'id="report"' in page and not Period.objects.exists()
    response = client.post("/rencana/rpjmd/impor/", {"file": SimpleUploadedFile("ok.xlsx", good), "commit": "on"})
    assert response.status_code == 302 and Sasaran.objects.count() == 2
    assert (
        login("village").post("/rencana/rpjmd/impor/", {"file": SimpleUploadedFile("ok.xlsx", good)}).status_code == 403
    )
