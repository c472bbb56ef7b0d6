"""A table as BPS publishes it — title rows, categories as rows, years with status marks, Indonesian numbers."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import openpyxl
from django.test import Client

from petakan.economy.models import PdrbSeries
from petakan.economy.services import load_table
from tests.economy.conftest import bps_rows, post_import, to_csv


def test_a_bps_csv_with_indonesian_numbers_imports(
    login: Callable[[str], Client], bps_csv: bytes, sector_values: np.ndarray
) -> None:
    client = login("analyst")
    dry = post_import(client, bps_csv)
    assert dry.context["report"].layout == "bps" and dry.context["report"].number_format == "id"
    assert dry.context["error_count"] == 0
    assert post_import(client, bps_csv, commit=True).status_code == 302
    table = load_table(PdrbSeries.objects.get())
    assert table.years == (2019, 2020, 2021, 2022, 2023)
    np.testing.assert_allclose(table.values, sector_values, atol=1e-6)
    np.testing.assert_allclose(table.published_total, sector_values.sum(axis=0), atol=1e-6)


def test_a_semicolon_csv_from_an_indonesian_spreadsheet_imports(
    login: Callable[[str], Client], sector_values: np.ndarray
) -> None:
    # A spreadsheet set to Indonesian writes ';' between cells, since ',' is its decimal mark.
    content = to_csv(bps_rows(sector_values), delimiter=";")
    assert b";" in content and b"2.500.000,37" in content
    assert post_import(login("analyst"), content, commit=True).status_code == 302
    np.testing.assert_allclose(load_table(PdrbSeries.objects.get()).values, sector_values, atol=1e-6)


def test_a_bps_workbook_imports_with_its_sheet_named(login: Callable[[str], Client], sector_values: np.ndarray) -> None:
    book = openpyxl.Workbook()
    book.active.title = "ADHB"
    book.active.append(["not this one"])
    sheet = book.create_sheet("ADHK")
    for row in bps_rows(sector_values):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    client = login("analyst")
    without_sheet = post_import(client, buffer.getvalue(), name="pdrb.xlsx")
    assert [i.kind for i in without_sheet.context["report"].errors] == ["sheet"]
    assert post_import(client, buffer.getvalue(), name="pdrb.xlsx", sheet="ADHK", commit=True).status_code == 302
    np.testing.assert_allclose(load_table(PdrbSeries.objects.get()).values, sector_values, atol=1e-6)
