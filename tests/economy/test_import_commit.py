"""Committing stores the whole table at once — values, published totals and where they came from."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from petakan.economy.models import Origin, PdrbSeries, PdrbTotal, PdrbValue
from petakan.economy.services import load_table
from tests.economy.conftest import IMPORT_FIELDS, YEARS, post_import


def test_commit_after_the_dry_run_stores_every_value_and_the_totals(
    login: Callable[[str], Client], cast, bps_csv: bytes, sector_values: np.ndarray
) -> None:  # type: ignore[no-untyped-def]
    client = login("analyst")
    dry = post_import(client, bps_csv)
    # The commit button re-submits the checked file from the hidden fields, without a new upload.
    data = {**IMPORT_FIELDS, "content": dry.context["form"].data["content"], "file_name": "pdrb.csv", "commit": "1"}
    response = client.post("/ekonomi/unggah/", data)
    series = PdrbSeries.objects.get()
    assert response.status_code == 302 and response.url == f"/ekonomi/data/{series.pk}/"
    assert PdrbValue.objects.filter(series=series).count() == 17 * len(YEARS)
    table = load_table(series)
    np.testing.assert_allclose(table.values, sector_values, atol=1e-6)
    assert list(PdrbTotal.objects.filter(series=series).values_list("year", flat=True)) == list(YEARS)
    assert series.imported_by == cast["analyst"]
    assert series.origin == Origin.WEB
    assert series.region_code == "3399" and series.price_basis == "ADHK2010"
    assert series.year_notes == {"2022": "*", "2023": "**"}
    assert series.file_name == "pdrb.csv" and len(series.file_sha256) == 64
    assert not series.illustrative


def test_an_existing_series_is_kept_unless_replace_is_ticked(login: Callable[[str], Client], bps_csv: bytes) -> None:
    client = login("admin")
    post_import(client, bps_csv, commit=True)
    first = PdrbSeries.objects.get()
    response = post_import(client, bps_csv, commit=True)
    assert response.status_code == 200 and "sudah ada" in response.content.decode()
    assert list(PdrbSeries.objects.values_list("pk", flat=True)) == [first.pk]
    response = post_import(client, bps_csv, commit=True, replace="on")
    assert response.status_code == 302
    (second,) = PdrbSeries.objects.all()
    assert second.pk != first.pk
    assert PdrbValue.objects.count() == 17 * len(YEARS)


def test_the_command_with_commit_stores_the_table(bps_file: Path, sector_values: np.ndarray, db) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command(
        "economy",
        "import",
        str(bps_file),
        "--region",
        "Kabupaten Contoh",
        "--region-code",
        "3399",
        "--price-basis",
        "adhk2010",
        "--source",
        "BPS, tabel uji",
        "--commit",
        stdout=out,
    )
    series = PdrbSeries.objects.get()
    assert series.origin == Origin.COMMAND and series.source == "BPS, tabel uji"
    np.testing.assert_allclose(load_table(series).values, sector_values, atol=1e-6)
    assert "disimpan sebagai seri" in out.getvalue()
    with pytest.raises(CommandError, match="--replace"):
        call_command(
            "economy", "import", str(bps_file), "--region", "Kabupaten Contoh", "--price-basis", "ADHK2010", "--commit"
        )
    assert PdrbSeries.objects.count() == 1


def test_a_store_that_fails_halfway_leaves_nothing(bps_file: Path, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from petakan.economy import services

    def broken_bulk_create(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.PdrbTotal.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(RuntimeError):
        call_command("economy", "import", str(bps_file), "--region", "X", "--price-basis", "ADHK2010", "--commit")
    assert not PdrbSeries.objects.exists() and not PdrbValue.objects.exists()
