"""The evaluation document of the demo: DATA CONTOH on every page of the DOCX and on every sheet of the XLSX, the
six dimensions in order, every programme's numbers with their source, and the English version.

The demo masterplan and its realisations are loaded and the documents built once for the module; the database work
is rolled back at the end so other tests see Kendal only.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from petakan.monitoring import evaluation
from petakan.monitoring.models import Realisation
from petakan.planning.framework import DIMENSION_CODES, DIMENSION_NAMES
from petakan.planning.models import Period

pytestmark = pytest.mark.django_db
YEAR = 2025


@dataclass
class Built:
    docx_id: bytes
    docx_en: bytes
    xlsx_id: bytes
    command_file: bytes
    command_output: str
    programmes: list[str]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory) -> Built:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        quiet = io.StringIO()
        call_command("planning", "load-demo", stdout=quiet)
        call_command("accounts", "create-demo", stdout=quiet)
        call_command("monitoring", "load-demo", "--year", "2026", stdout=quiet)
        period = Period.objects.get(is_current=True)
        with translation.override("id"):
            docx_id = evaluation.build(period, YEAR, "docx")
            xlsx_id = evaluation.build(period, YEAR, "xlsx")
        with translation.override("en"):
            docx_en = evaluation.build(period, YEAR, "docx")
        target = tmp_path_factory.mktemp("evaluation") / "evaluasi.xlsx"
        stdout = io.StringIO()
        call_command(
            "monitoring", "evaluation", "--year", str(YEAR), "--format", "xlsx", "-o", str(target), stdout=stdout
        )
        programmes = list(
            period.programmes.filter(start_year__lte=YEAR, end_year__gte=YEAR).values_list("name", flat=True)
        )
        assert Realisation.objects.filter(year=YEAR, is_demo=True).count() == len(programmes)
        out = Built(docx_id, docx_en, xlsx_id, target.read_bytes(), stdout.getvalue(), programmes)
        transaction.set_rollback(True)
    return out


def open_docx(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def test_every_section_of_the_document_says_data_contoh_in_its_header(built: Built) -> None:
    for content in (built.docx_id, built.docx_en):
        doc = open_docx(content)
        assert doc.sections
        for section in doc.sections:
            assert section.different_first_page_header_footer is False  # no page without the running header
            assert "DATA CONTOH" in section.header.paragraphs[0].text
        assert any("DATA CONTOH" in p.text for p in doc.paragraphs[:12]), "the cover says it too"


def test_every_sheet_of_the_workbook_says_data_contoh_on_screen_and_in_print(built: Built) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(built.xlsx_id))
    assert len(wb.worksheets) == 7
    for ws in wb.worksheets:
        assert "DATA CONTOH" in ws["A1"].value, ws.title
        assert "DATA CONTOH" in ws.oddHeader.center.text, ws.title


def test_the_document_has_the_six_dimensions_in_order_between_the_summary_and_the_annex(built: Built) -> None:
    headings = [p.text for p in open_docx(built.docx_id).paragraphs if p.style.name == "Heading 1"]
    dimensions = [DIMENSION_NAMES[d][0] for d in DIMENSION_CODES]
    assert headings == [
        "Identitas daerah",
        "Ringkasan",
        *dimensions,
        "Indikator RPJMD per sasaran",
        "Program tertinggal dari jadwal",
        "Lampiran sumber",
    ]


def test_every_programme_of_the_year_has_its_section_with_the_demo_analyst_named_as_source(built: Built) -> None:
    doc = open_docx(built.docx_id)
    level2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert set(built.programmes) <= set(level2)
    sources = [p.text for p in doc.paragraphs if p.text.startswith("Sumber: Realisasi 2025 dientri oleh")]
    assert len(sources) == len(built.programmes)
    # the demo's analyst entered and its admin reviewed every 2025 entry (accepted: the year is over)
    assert all("Analis (Bappeda/OPD)" in s and "Diterima oleh Admin (Kominfo)" in s for s in sources)
    assert all(s.endswith("(DATA CONTOH)") for s in sources)
    # every table has its source note right under it
    body = list(doc.element.body.iterchildren())
    for i, child in enumerate(body):
        if child.tag.endswith("}tbl"):
            text = "".join(t.text or "" for t in body[i + 1].iter() if t.tag.endswith("}t"))
            assert text.startswith("Sumber: "), text


def test_the_english_version_reads_in_english_with_the_same_tables(built: Built) -> None:
    en, ind = open_docx(built.docx_en), open_docx(built.docx_id)
    headings = [p.text for p in en.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Identity of the regency", "Summary"]
    assert headings[-3:] == ["RPJMD indicators per sasaran", "Programmes behind schedule", "Annex of sources"]
    assert len(en.tables) == len(ind.tables)
    assert any(p.text.startswith("Source: Realisation 2025 entered by") for p in en.paragraphs)
    assert "Smart City Evaluation" in en.sections[0].header.paragraphs[0].text


def test_the_command_writes_the_workbook(built: Built) -> None:
    assert "ditulis" in built.command_output
    wb = openpyxl.load_workbook(io.BytesIO(built.command_file))
    names = {r[0] for r in wb["Program"].iter_rows(min_row=4, values_only=True)}
    assert names == set(built.programmes)


def test_the_demo_shows_targets_beside_realised_values(built: Built) -> None:
    doc = open_docx(built.docx_id)
    indicator_tables = [t for t in doc.tables if "Target 2025" in [c.text for c in t.rows[0].cells]]
    rows = [[c.text for c in r.cells] for t in indicator_tables for r in t.rows[1:]]
    programme_rows = [r for r in rows if len(r) == 6]
    assert len(programme_rows) >= 3
    assert all(r[3] != "—" and r[4] != "—" for r in programme_rows), programme_rows
