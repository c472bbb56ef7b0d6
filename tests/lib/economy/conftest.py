"""Fixtures for the PDRB and sector-analysis tests: small BPS-layout tables written as CSV or XLSX on the fly."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from petakan.lib.pdrb import CATEGORIES

YEARS = (2019, 2020, 2021, 2022, 2023)
# How BPS heads the years: the last two are preliminary ("angka sementara" *, "sangat sementara" **).
YEAR_HEADERS = ("2019", "2020", "2021", "2022*", "2023**")


def indonesian(value: float) -> str:
    """1234567.891 → '1.234.567,89' (how Indonesian BPS tables print numbers)."""
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


@pytest.fixture
def sector_values() -> np.ndarray:
    """(17, 5) values in juta rupiah with two decimals; mining (B) is nil in 2019."""
    base = np.linspace(2_500_000.37, 12_345.67, len(CATEGORIES))
    growth = 1.0 + np.linspace(0.02, 0.09, len(CATEGORIES))
    values = np.round(base[:, None] * growth[:, None] ** np.arange(len(YEARS))[None, :], 2)
    values[1, 0] = 0.0
    return values


def _label(index: int) -> str:
    category = CATEGORIES[index]
    return f"{category.code}. {category.name_id}"


@pytest.fixture
def bps_rows(sector_values: np.ndarray) -> list[list[str]]:
    """A BPS static table as text cells: title, header with year marks, categories with a sub-category
    breakdown under A, the PDRB total row and a source note — numbers in the Indonesian format."""
    rows: list[list[str]] = [
        [
            "PDRB Kabupaten Contoh Atas Dasar Harga Konstan 2010 Menurut Lapangan Usaha (Juta Rupiah)",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", "", "", "", "", ""],
        ["Lapangan Usaha", *YEAR_HEADERS],
    ]
    for i in range(len(CATEGORIES)):
        cells = ["-" if v == 0 else indonesian(v) for v in sector_values[i]]
        rows.append([_label(i), *cells])
        if i == 0:
            rows.append(["1. Pertanian, Peternakan, Perburuan dan Jasa Pertanian", *cells])
            rows.append(["a. Tanaman Pangan", *(indonesian(v / 3) for v in sector_values[i])])
    rows.append(["Produk Domestik Regional Bruto", *(indonesian(v) for v in sector_values.sum(axis=0))])
    rows.append(["Sumber: BPS Kabupaten Contoh", "", "", "", "", ""])
    return rows


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[[Sequence[Sequence[object]], str], Path]:
    def write(rows: Sequence[Sequence[object]], name: str = "table.csv", delimiter: str = ",") -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, delimiter=delimiter).writerows(rows)
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[..., Path]:
    def write(sheets: dict[str, Sequence[Sequence[object]]], name: str = "table.xlsx") -> Path:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(list(row))
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def long_rows(sector_values: np.ndarray) -> list[list[str]]:
    """The same table in the long layout with plain numbers and the PDRB total."""
    rows = [["year", "category", "value"]]
    for y, year in enumerate(YEARS):
        for i, category in enumerate(CATEGORIES):
            rows.append([str(year), category.code, f"{sector_values[i, y]:.2f}"])
        rows.append([str(year), "PDRB", f"{sector_values[:, y].sum():.2f}"])
    return rows


@pytest.fixture
def to_indonesian() -> Callable[[float], str]:
    return indonesian
