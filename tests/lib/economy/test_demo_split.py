"""The illustrative split of Kendal's and Jawa Tengah's real total PDRB over the 17 categories."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from petakan.lib.pdrb import (
    ILLUSTRATIVE_SHARES,
    PdrbTable,
    category_by_code,
    illustrative_split,
    read_bps_totals,
    read_pdrb,
    write_long_csv,
)

TOTALS = "kendal_jateng_pdrb_total_bps.csv"
C = 2  # Industri Pengolahan


@pytest.fixture(params=["3324", "3300"])
def region(request: pytest.FixtureRequest) -> str:
    return request.param


def _split(data_dir: Path, region: str, basis: str = "ADHK2010") -> tuple[dict[int, float], PdrbTable]:
    totals = read_bps_totals(data_dir / TOTALS, region, basis)  # type: ignore[arg-type]
    return totals, illustrative_split(totals, *ILLUSTRATIVE_SHARES[region])


def test_the_real_totals_cover_2010_to_2023(data_dir: Path, region: str) -> None:
    totals = read_bps_totals(data_dir / TOTALS, region, "ADHK2010")
    assert list(totals) == list(range(2010, 2024))


def test_the_split_adds_up_exactly_to_the_real_totals_in_cents(data_dir: Path, region: str) -> None:
    for basis in ("ADHK2010", "ADHB"):
        totals, table = _split(data_dir, region, basis)
        cents = np.rint(table.values * 100).astype(np.int64)
        np.testing.assert_array_equal(cents.sum(axis=0), [round(totals[y] * 100) for y in table.years])
        assert (table.values > 0).all()


def test_the_split_is_labelled_illustrative(data_dir: Path, region: str) -> None:
    _, table = _split(data_dir, region)
    assert table.illustrative
    assert "illustrative" in table.source


def test_kendal_is_more_industry_heavy_than_jawa_tengah(data_dir: Path) -> None:
    _, kendal = _split(data_dir, "3324")
    _, jateng = _split(data_dir, "3300")
    kendal_share = kendal.values[C] / kendal.total
    jateng_share = jateng.values[C] / jateng.total
    assert (kendal_share > jateng_share).all()
    assert (kendal.values.argmax(axis=0) == C).all()
    assert category_by_code("C").name_id == "Industri Pengolahan"


def test_a_written_demo_file_validates_against_the_published_totals(
    data_dir: Path, region: str, tmp_path: Path
) -> None:
    totals, table = _split(data_dir, region)
    path = tmp_path / "demo.csv"
    write_long_csv(table, path)
    result = read_pdrb(path, published_totals=totals, expected_years=range(2010, 2024), abs_tolerance=0.005)
    assert result.report.ok, result.report.errors
    assert result.table is not None and result.table.illustrative


def test_shares_must_have_one_value_per_category() -> None:
    with pytest.raises(ValueError, match="17"):
        illustrative_split({2020: 1.0}, [1.0] * 16, [1.0] * 17)
