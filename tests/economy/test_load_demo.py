"""`petakan economy load-demo`: Kendal's and Jawa Tengah's real totals, split illustratively, stored idempotently."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from petakan.economy.models import Origin, PdrbSeries, PdrbValue
from petakan.economy.services import load_table
from petakan.lib.pdrb import read_bps_totals

TOTALS = "kendal_jateng_pdrb_total_bps.csv"


def test_it_stores_both_regions_as_illustrative_with_the_real_bps_totals(demo, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert set(demo) == {"Kendal", "Jawa Tengah"}
    for series, code in ((demo["Kendal"], "3324"), (demo["Jawa Tengah"], "3300")):
        assert series.illustrative and series.origin == Origin.DEMO and series.price_basis == "ADHK2010"
        assert series.region_code == code
        assert "ILUSTRATIF" in series.source
        table = load_table(series)
        assert table.years == tuple(range(2010, 2024))
        real = read_bps_totals(data_dir / TOTALS, code, "ADHK2010")
        np.testing.assert_allclose(table.total, [real[y] for y in table.years], rtol=0, atol=0.005)
        np.testing.assert_allclose(table.published_total, [real[y] for y in table.years], rtol=0, atol=0.005)
    assert demo["Jawa Tengah"].year_notes["2023"] == "angka sangat sementara"


def test_running_it_twice_replaces_the_demo_series_instead_of_adding(demo) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("economy", "load-demo", stdout=out)
    assert PdrbSeries.objects.count() == 2
    assert PdrbValue.objects.count() == 2 * 17 * 14
    assert out.getvalue().count("Diganti") == 2


def test_it_leaves_a_real_series_of_the_same_region_alone(demo, bps_file: Path) -> None:  # type: ignore[no-untyped-def]
    call_command(
        "economy",
        "import",
        str(bps_file),
        "--region",
        "Kendal",
        "--price-basis",
        "ADHK2010",
        "--commit",
        stdout=StringIO(),
    )
    call_command("economy", "load-demo", stdout=StringIO())
    assert sorted(PdrbSeries.objects.filter(region_name="Kendal").values_list("illustrative", flat=True)) == [
        False,
        True,
    ]


def test_it_needs_the_data_directory(db, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = None
    with pytest.raises(CommandError, match="PETAKAN_DATA_DIR"):
        call_command("economy", "load-demo")


def test_it_names_the_missing_file(db, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = tmp_path
    with pytest.raises(CommandError, match=TOTALS):
        call_command("economy", "load-demo")
    assert not PdrbSeries.objects.exists()
