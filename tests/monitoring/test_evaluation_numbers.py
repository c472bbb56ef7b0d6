"""The evaluation document's numbers are the database's: a hand-made programme with budget lines over two years,
its realisations, a programme indicator and an RPJMD indicator, read back from the DOCX and the XLSX."""

from __future__ import annotations

import datetime
import io

import docx
import openpyxl
import pytest
from django.db.models import Sum
from django.utils import timezone, translation

from petakan.monitoring import evaluation
from petakan.monitoring.models import (
    Evidence,
    IndicatorRealisation,
    MeasureRealisation,
    Realisation,
    RealisationSpend,
    ReviewState,
)
from petakan.planning.models import (
    Indicator,
    Misi,
    Period,
    Programme,
    ProgrammeBudget,
    ProgrammeIndicator,
    Sasaran,
    Tujuan,
)

YEAR = 2025
AFTER = datetime.date(2026, 1, 15)  # the year has ended: all of its budget counts
DURING = datetime.date(2025, 2, 1)  # a twelfth of the year gone by: 25 % spent is not late yet


def moment(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(YEAR, 11, day, 9, 0))


@pytest.fixture
def plan(kendal, cast):  # type: ignore[no-untyped-def]
    cast["analyst"].first_name = "Bima"  # named in the sources as the histories name people: name (role)
    cast["analyst"].save()
    period = Period.objects.create(name="RPJMD Uji 2024–2026", start_year=2024, end_year=2026, is_current=True)
    tujuan = Tujuan.objects.create(misi=Misi.objects.create(period=period, code="1", text="Misi"), code="1.1", text="T")
    sasaran = Sasaran.objects.create(tujuan=tujuan, code="1.1.1", text="Menurunnya kemiskinan")
    poverty = Indicator.objects.create(sasaran=sasaran, name="Tingkat kemiskinan", unit="%", targets={"2025": "9,2"})
    IndicatorRealisation.objects.create(
        indicator=poverty, year=YEAR, value="9,0", source="BPS Kendal 2025", entered_by=cast["analyst"]
    )
    p = Programme.objects.create(
        period=period, name="Layanan Desa Daring", dimension="gov", horizon="medium", start_year=2024,
        end_year=2026, opd="Diskominfo",
    )  # fmt: skip
    for year, source, amount in [(2024, "apbd", 100_000_000), (2024, "csr", 50_000_000), (2025, "apbd", 200_000_000)]:
        ProgrammeBudget.objects.create(programme=p, year=year, source=source, amount=amount)
    measure = ProgrammeIndicator.objects.create(
        programme=p, kind="output", name="Desa terlayani", unit="desa", target="60", target_year=2026,
        targets={"2025": "40", "2026": "60"},
    )  # fmt: skip
    before = Realisation.objects.create(programme=p, year=2024, status="done", review=ReviewState.ACCEPTED)
    RealisationSpend.objects.create(realisation=before, source="apbd", amount=80_000_000)
    RealisationSpend.objects.create(realisation=before, source="csr", amount=50_000_000)
    now = Realisation.objects.create(
        programme=p, year=YEAR, status="running", review=ReviewState.ACCEPTED, evidence_text="Laporan triwulan IV",
        evidence_link="https://kendalkab.go.id/laporan", entered_by=cast["analyst"], entered_at=moment(3),
        reviewed_by=cast["admin"], reviewed_at=moment(10),
    )  # fmt: skip
    RealisationSpend.objects.create(realisation=now, source="apbd", amount=50_000_000)
    MeasureRealisation.objects.create(realisation=now, measure=measure, target="40", value="35")
    Evidence.objects.create(
        realisation=now, name="berita-acara.pdf", content_type="application/pdf", size=3, data=b"pdf"
    )
    # a second programme running in the year without any realisation: behind schedule
    Programme.objects.create(
        period=period, name="Bank Sampah", dimension="env", horizon="short", start_year=2025, end_year=2025, opd="DLH"
    )
    return period, p


def tables(content: bytes) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(io.BytesIO(content)).tables]


def table_with(all_tables: list[list[list[str]]], header: str, first: str) -> list[list[str]]:
    return next(t for t in all_tables if header in t[0] and any(r[0] == first for r in t[1:]))


def test_the_budget_table_shows_the_years_and_the_to_date_sums_of_the_database(plan) -> None:  # type: ignore[no-untyped-def]
    period, p = plan
    planned = ProgrammeBudget.objects.filter(programme=p, year=YEAR).aggregate(s=Sum("amount"))["s"]
    spent = RealisationSpend.objects.filter(realisation__programme=p, realisation__year=YEAR).aggregate(
        s=Sum("amount")
    )["s"]
    spent_to_date = RealisationSpend.objects.filter(realisation__programme=p).aggregate(s=Sum("amount"))["s"]
    assert (planned, spent, spent_to_date) == (200_000_000, 50_000_000, 180_000_000)
    with translation.override("id"):
        content = evaluation.build(period, YEAR, "docx")
    budget = table_with(tables(content), "Sumber dana", "APBD")
    rows = {r[0]: r[1:] for r in budget[1:]}
    assert rows["APBD"] == ["200.000.000", "50.000.000", "25,0"]
    assert rows["Jumlah 2025"] == ["200.000.000", "50.000.000", "25,0"]
    # to date: 100 + 50 + 200 million planned, 80 + 50 + 50 million spent = 51,4 %
    assert rows["Sampai dengan 2025"] == ["350.000.000", "180.000.000", "51,4"]


def test_indicators_show_the_years_target_beside_the_realised_value(plan) -> None:  # type: ignore[no-untyped-def]
    period, _p = plan
    with translation.override("id"):
        found = tables(evaluation.build(period, YEAR, "docx"))
    measure = table_with(found, "Indikator", "Desa terlayani")
    assert measure[1][3:5] == ["40", "35"]
    rpjmd = table_with(found, "Indikator", "Tingkat kemiskinan")
    assert rpjmd[1][2:4] == ["9,2", "9,0"]
    assert "BPS Kendal 2025" in rpjmd[1][4] and "dientri oleh Bima (Analis (Bappeda/OPD))" in rpjmd[1][4]


def test_every_programme_names_who_entered_and_reviewed_its_numbers(plan) -> None:  # type: ignore[no-untyped-def]
    period, _p = plan
    with translation.override("id"):
        content = evaluation.build(period, YEAR, "docx")
    paragraphs = [x.text for x in docx.Document(io.BytesIO(content)).paragraphs]
    sources = [t for t in paragraphs if t.startswith("Sumber: Realisasi 2025 dientri oleh")]
    assert len(sources) == 1
    assert sources[0] == (
        "Sumber: Realisasi 2025 dientri oleh Bima (Analis (Bappeda/OPD)) pada 3 November 2025; tinjauan: Diterima "
        "oleh Admin (Kominfo) pada 10 November 2025"
    )
    assert "Sumber: Realisasi 2025 belum dientri" in paragraphs
    # the budget table's source names the plan and the entry
    assert any(t.startswith("Sumber: rencana: RPJMD Uji 2024–2026") and "Bima" in t for t in paragraphs)


def test_a_programme_without_realisation_or_with_low_absorption_is_listed_behind_schedule(plan) -> None:  # type: ignore[no-untyped-def]
    period, _p = plan
    with translation.override("id"):
        after = {
            r[0]: r[3]
            for r in table_with(tables(evaluation.build(period, YEAR, "docx", AFTER)), "Alasan", "Bank Sampah")[1:]
        }
        during = {
            r[0]: r[3]
            for r in table_with(tables(evaluation.build(period, YEAR, "docx", DURING)), "Alasan", "Bank Sampah")[1:]
        }
    # the progress pages' rules (lib.monitoring): 25 % spent of a finished year is below half, 35 of 40 villages
    # is below the year's target, and nothing entered is "not started"
    assert after == {
        "Layanan Desa Daring": "Serapan anggaran di bawah separuh waktu yang sudah berjalan; "
        "Ada indikator di bawah target tahun ini",
        "Bank Sampah": "Tahun berjalan tetapi belum dimulai (atau realisasi belum diisi)",
    }
    # early in the year the absorption is not yet late; the indicator below target still is
    assert during == {
        "Layanan Desa Daring": "Ada indikator di bawah target tahun ini",
        "Bank Sampah": "Tahun berjalan tetapi belum dimulai (atau realisasi belum diisi)",
    }


def test_the_workbook_holds_the_same_numbers_as_numbers(plan) -> None:  # type: ignore[no-untyped-def]
    period, _p = plan
    with translation.override("id"):
        wb = openpyxl.load_workbook(io.BytesIO(evaluation.build(period, YEAR, "xlsx")))
    ws = wb["Program"]
    header = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "Layanan Desa Daring")
    values = dict(zip(header, row, strict=True))
    assert values["Rencana (Rp)"] == 200_000_000 and values["Realisasi (Rp)"] == 50_000_000
    assert values["Serapan (%)"] == 25.0
    assert values["Rencana s.d. tahun (Rp)"] == 350_000_000 and values["Realisasi s.d. tahun (Rp)"] == 180_000_000
    assert values["Dientri oleh"] == "Bima (Analis (Bappeda/OPD))" and values["Ditinjau oleh"] == "Admin (Kominfo)"
    summary = {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(min_row=4, values_only=True)}
    assert summary["Rencana (Rp)"] == 200_000_000 and summary["Realisasi (Rp)"] == 50_000_000
    assert summary["Program tertinggal"] == len(evaluation.collect(period, YEAR).behind) >= 1
    # hand-made, not demo: no DATA CONTOH anywhere
    assert all("DATA CONTOH" not in str(ws["A1"].value) for ws in wb.worksheets)


def test_the_evidence_is_listed_with_its_text_link_and_file_names(plan) -> None:  # type: ignore[no-untyped-def]
    period, _p = plan
    with translation.override("id"):
        content = evaluation.build(period, YEAR, "docx")
        wb = openpyxl.load_workbook(io.BytesIO(evaluation.build(period, YEAR, "xlsx")))
    bullets = [x.text for x in docx.Document(io.BytesIO(content)).paragraphs if x.style.name == "List Bullet"]
    assert bullets == [
        "Uraian: Laporan triwulan IV",
        "Tautan: https://kendalkab.go.id/laporan",
        "Berkas: berita-acara.pdf",
    ]
    row = next(wb["Bukti"].iter_rows(min_row=4, values_only=True))
    assert row[:4] == (
        "Layanan Desa Daring",
        "Laporan triwulan IV",
        "https://kendalkab.go.id/laporan",
        "berita-acara.pdf",
    )


def test_a_year_without_budget_lines_says_so_instead_of_an_absorption(plan) -> None:  # type: ignore[no-untyped-def]
    period, _p = plan
    with translation.override("id"):
        doc = docx.Document(io.BytesIO(evaluation.build(period, 2026, "docx")))
    text = [x.text for x in doc.paragraphs]
    assert any("Belum ada anggaran yang direncanakan untuk tahun ini; terealisasi Rp 0." in t for t in text)
    assert not doc.inline_shapes, "no figure of empty bars"
    programmes = next(t for t in doc.tables if t.rows[0].cells[0].text == "Program" and len(t.columns) == 6)
    assert [c.text for c in programmes.rows[1].cells][:3] == [
        "Layanan Desa Daring",
        "Belum dientri",
        "belum dianggarkan",
    ]
