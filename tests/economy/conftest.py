"""Fixtures for the economy pages and the PDRB import: demo series, small BPS-layout tables, logged-in clients."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from petakan.lib.pdrb import CATEGORIES
from tests.conftest import PASSWORD

YEARS = (2019, 2020, 2021, 2022, 2023)


def indonesian(value: float) -> str:
    """1234567.891 → '1.234.567,89', as Indonesian BPS tables print numbers."""
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


@pytest.fixture
def sector_values() -> np.ndarray:
    """(17, 5) values in juta rupiah with two decimals."""
    base = np.linspace(2_500_000.37, 12_345.67, len(CATEGORIES))
    growth = 1.0 + np.linspace(0.02, 0.09, len(CATEGORIES))
    return np.round(base[:, None] * growth[:, None] ** np.arange(len(YEARS))[None, :], 2)


def bps_rows(values: np.ndarray, totals: np.ndarray | None = None) -> list[list[str]]:
    """A BPS static table: a title, the year header (2022*, 2023**), 17 categories, the PDRB row and a source note."""
    totals = values.sum(axis=0) if totals is None else totals
    rows = [
        [
            "PDRB Kabupaten Contoh Atas Dasar Harga Konstan 2010 Menurut Lapangan Usaha (Juta Rupiah)",
            "",
            "",
            "",
            "",
            "",
        ],
        ["Lapangan Usaha", "2019", "2020", "2021", "2022*", "2023**"],
    ]
    for i, category in enumerate(CATEGORIES):
        rows.append([f"{category.code}. {category.name_id}", *(indonesian(v) for v in values[i])])
    rows.append(["Produk Domestik Regional Bruto", *(indonesian(v) for v in totals)])
    rows.append(["Sumber: BPS Kabupaten Contoh", "", "", "", "", ""])
    return rows


def to_csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def bps_csv(sector_values: np.ndarray) -> bytes:
    return to_csv(bps_rows(sector_values))


@pytest.fixture
def bps_file(tmp_path: Path, bps_csv: bytes) -> Path:
    path = tmp_path / "pdrb_contoh.csv"
    path.write_bytes(bps_csv)
    return path


@pytest.fixture
def demo(db, data_dir: Path, settings):  # type: ignore[no-untyped-def]
    """The illustrative Kendal and Jawa Tengah series, as `make demo` loads them."""
    from petakan.economy.models import PdrbSeries

    settings.PETAKAN_DATA_DIR = data_dir
    call_command("economy", "load-demo", stdout=StringIO())
    return {s.region_name: s for s in PdrbSeries.objects.all()}


@pytest.fixture
def login(client: Client, cast) -> Callable[[str], Client]:  # type: ignore[no-untyped-def]
    def log_in(role: str) -> Client:
        assert client.login(username=cast[role].username, password=PASSWORD)
        return client

    return log_in


IMPORT_FIELDS = {
    "region_name": "Kabupaten Contoh",
    "region_code": "3399",
    "price_basis": "ADHK2010",
    "source": "BPS Kabupaten Contoh, tabel uji",
    "layout": "auto",
    "number_format": "auto",
}


def post_import(client: Client, content: bytes, name: str = "pdrb.csv", commit: bool = False, **fields: object):  # type: ignore[no-untyped-def]
    """Post the import form with a file: a dry run, or the commit when ``commit``."""
    data: dict[str, object] = {**IMPORT_FIELDS, **fields, "file": SimpleUploadedFile(name, content)}
    data["commit" if commit else "dry_run"] = "1"
    return client.post("/ekonomi/unggah/", data)
