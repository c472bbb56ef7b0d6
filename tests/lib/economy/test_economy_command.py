"""``petakan economy analyse | validate | demo``."""

from __future__ import annotations

import csv
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from petakan.lib.economy import analyse_sectors
from petakan.lib.pdrb import CATEGORY_CODES, read_pdrb


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def demo_dir(tmp_path: Path, data_dir: Path) -> Path:
    with override_settings(PETAKAN_DATA_DIR=data_dir):
        call_command("economy", "demo", "--out", str(tmp_path), stdout=StringIO())
    return tmp_path


def test_demo_writes_illustrative_long_tables_for_kendal_and_jawa_tengah(demo_dir: Path) -> None:
    for name in ("kendal_pdrb_adhk2010_illustrative.csv", "jateng_pdrb_adhk2010_illustrative.csv"):
        table = read_pdrb(demo_dir / name).table_or_raise()
        assert table.illustrative
        assert table.years == tuple(range(2010, 2024))


def test_demo_refuses_to_run_without_the_data_directory(tmp_path: Path) -> None:
    with override_settings(PETAKAN_DATA_DIR=None), pytest.raises(CommandError, match="PETAKAN_DATA_DIR"):
        call_command("economy", "demo", "--out", str(tmp_path))


def test_analyse_writes_the_four_tables_with_the_lib_results(demo_dir: Path) -> None:
    out = demo_dir / "out"
    stdout = StringIO()
    call_command(
        "economy",
        "analyse",
        "--region",
        str(demo_dir / "kendal_pdrb_adhk2010_illustrative.csv"),
        "--reference",
        str(demo_dir / "jateng_pdrb_adhk2010_illustrative.csv"),
        "--start",
        "2010",
        "--end",
        "2023",
        "--out",
        str(out),
        "--reference-name",
        "Jawa Tengah",
        stdout=stdout,
    )
    region = read_pdrb(demo_dir / "kendal_pdrb_adhk2010_illustrative.csv").table_or_raise()
    reference = read_pdrb(demo_dir / "jateng_pdrb_adhk2010_illustrative.csv").table_or_raise()
    expected = analyse_sectors(region.values, reference.values, region.years, 2010, 2023)

    lq = _read(out / "lq.csv")
    assert list(lq[0]) == ["category", "lq_start", "lq_end", "data"]
    assert [r["category"] for r in lq] == list(CATEGORY_CODES)
    np.testing.assert_allclose([float(r["lq_end"]) for r in lq], expected.lq_end, atol=1e-6)

    dlq = _read(out / "dlq.csv")
    np.testing.assert_allclose([float(r["dlq"]) for r in dlq], expected.dlq, atol=1e-6)

    shift = _read(out / "shift_share.csv")
    assert list(shift[0])[:5] == ["category", "reference_growth", "industry_mix", "competitive", "total"]
    assert {"em_homothetic", "em_net_competitive", "em_allocation"} <= set(shift[0])
    np.testing.assert_allclose([float(r["competitive"]) for r in shift], expected.shift.competitive, atol=1e-4)

    klassen = _read(out / "klassen.csv")
    assert list(klassen[0])[:3] == ["category", "quadrant", "label"]
    c = CATEGORY_CODES.index("C")
    assert klassen[c]["quadrant"] == "I"
    assert klassen[c]["label"] == "Sektor maju dan tumbuh pesat"

    readings = _read(out / "readings.csv")
    assert readings[c]["reading_id"].startswith("Industri pengolahan: sektor basis (LQ 1,")
    assert "Jawa Tengah" in stdout.getvalue()
    assert stdout.getvalue().startswith("DATA CONTOH")  # the terminal summary says it first
    for name in ("lq", "dlq", "shift_share", "klassen", "readings"):  # and every file, in a `data` column
        rows = _read(out / f"{name}.csv")
        assert len(rows) == 17 and all(r["data"] == "DATA CONTOH" for r in rows), name


def test_analyse_refuses_an_invalid_input_and_names_the_problem(
    demo_dir: Path, tmp_path: Path, write_csv: Callable[..., Path]
) -> None:
    rows = _read(demo_dir / "kendal_pdrb_adhk2010_illustrative.csv")
    bad = [["year", "category", "value"]] + [[r["year"], r["category"], r["value"]] for r in rows]
    bad[5][1] = "Pariwisata"
    stderr = StringIO()
    with pytest.raises(CommandError, match="masalah"):
        call_command(
            "economy",
            "analyse",
            "--region",
            str(write_csv(bad, "bad.csv")),
            "--reference",
            str(demo_dir / "jateng_pdrb_adhk2010_illustrative.csv"),
            "--start",
            "2010",
            "--end",
            "2023",
            "--out",
            str(tmp_path / "out"),
            stderr=stderr,
        )
    assert "Pariwisata" in stderr.getvalue()
    assert "row 6" in stderr.getvalue()
    assert not (tmp_path / "out").exists()


def test_analyse_refuses_years_outside_the_data(demo_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command(
            "economy",
            "analyse",
            "--region",
            str(demo_dir / "kendal_pdrb_adhk2010_illustrative.csv"),
            "--reference",
            str(demo_dir / "jateng_pdrb_adhk2010_illustrative.csv"),
            "--start",
            "2005",
            "--end",
            "2023",
            "--out",
            str(tmp_path / "out"),
            stderr=StringIO(),
        )


def test_validate_accepts_a_bps_table_and_reports_one_that_does_not_add_up(
    bps_rows: list[list[str]], write_csv: Callable[..., Path]
) -> None:
    stdout = StringIO()
    call_command("economy", "validate", str(write_csv(bps_rows, "ok.csv")), "--years", "2019-2023", stdout=stdout)
    assert "ok.csv valid:" in stdout.getvalue()
    bps_rows[-2][1] = "1,00"
    stderr = StringIO()
    with pytest.raises(CommandError, match="1 galat"):
        call_command("economy", "validate", str(write_csv(bps_rows, "bad.csv")), stderr=stderr, stdout=StringIO())
    assert "total_mismatch" not in stderr.getvalue()  # the message, not the key, is shown
    assert "difference" in stderr.getvalue() and "2019" in stderr.getvalue()


def test_validate_compares_with_the_published_totals_file(data_dir: Path, demo_dir: Path) -> None:
    stdout = StringIO()
    call_command(
        "economy",
        "validate",
        str(demo_dir / "kendal_pdrb_adhk2010_illustrative.csv"),
        "--totals",
        str(data_dir / "kendal_jateng_pdrb_total_bps.csv"),
        "--region-code",
        "3324",
        stdout=stdout,
    )
    assert " valid: " in stdout.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "economy",
            "validate",
            str(demo_dir / "kendal_pdrb_adhk2010_illustrative.csv"),
            "--totals",
            str(data_dir / "kendal_jateng_pdrb_total_bps.csv"),
            "--region-code",
            "3300",
            stderr=StringIO(),
            stdout=StringIO(),
        )
