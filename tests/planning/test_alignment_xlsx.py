"""The alignment matrices download as one XLSX with one sheet per matrix."""

from __future__ import annotations

import io

import openpyxl

from petakan.planning.models import RpjmdProgram, Sasaran
from tests.planning.conftest import make_programme


def test_the_workbook_has_one_sheet_per_matrix_with_the_links(period, login) -> None:  # type: ignore[no-untyped-def]
    s1 = Sasaran.objects.get(code="1.1.1")
    make_programme(
        period,
        name="Satu Data",
        elements=["gov_policy", "gov_service"],
        sasaran=[s1],
        rpjmd_programs=[RpjmdProgram.objects.get(code="P1")],
    )
    make_programme(period, name="Tanpa Tautan", elements=["env_waste"], dimension="env")
    response = login("analyst").get(f"/rencana/keselarasan.xlsx?periode={period.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Program x Sasaran", "Program x Elemen"]
    sasaran = wb["Program x Sasaran"]
    header = [c.value for c in sasaran[2]]
    assert header == ["Program", "1.1.1", "1.1.2", "Jumlah tautan"]
    rows = {r[0]: r[1:] for r in sasaran.iter_rows(min_row=3, max_row=4, values_only=True)}
    assert rows["Satu Data"] == ("L+P", None, 1) and rows["Tanpa Tautan"] == (None, None, 0)
    elements = wb["Program x Elemen"]
    header = [c.value for c in elements[2]]
    assert len(header) == 1 + 18 + 1 and header[1].startswith("gov_service")
    row = next(r for r in elements.iter_rows(min_row=3, values_only=True) if r[0] == "Satu Data")
    assert row[1:4] == ("E", None, "E") and row[-1] == 2


def test_the_public_download_holds_approved_programmes_only(period, login) -> None:  # type: ignore[no-untyped-def]
    make_programme(period, name="Draf Rahasia")
    response = login("anonymous").get(f"/rencana/keselarasan.xlsx?periode={period.pk}")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    names = [r[0] for r in wb["Program x Sasaran"].iter_rows(min_row=3, values_only=True)]
    assert "Draf Rahasia" not in names


def test_the_matrices_are_on_screen_too(period, login) -> None:  # type: ignore[no-untyped-def]
    make_programme(period, name="Satu Data", sasaran=[Sasaran.objects.get(code="1.1.2")])
    page = login("council").get("/rencana/keselarasan/").content.decode()
    assert page.count('<table class="matrix">') == 2
    assert 'class="mark on">L<' in page
