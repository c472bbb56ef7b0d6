from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from petakan.regions.models import Area, Boundary, Generation


def test_kendal_has_its_20_kecamatan_and_286_villages_with_both_codes(kendal, data_dir: Path) -> None:
    villages = Area.objects.filter(level="village", code__startswith="33.24.")
    assert Area.objects.filter(level="district", parent=kendal).count() == 20
    assert villages.filter(kind="desa").count() == 266 and villages.filter(kind="kelurahan").count() == 20
    with open(data_dir / "kendal_bps_kemendagri_crosswalk.csv", encoding="utf-8") as f:
        crosswalk = {row["kemendagri_code"]: row["bps_code"] for row in csv.DictReader(f)}
    assert dict(villages.values_list("code", "bps_code")) == crosswalk


def test_every_village_has_a_boundary_centroid_and_area(kendal) -> None:
    gen = Generation.current()
    assert gen is not None and gen.name == "BPS 2024"
    assert Boundary.objects.filter(generation=gen, area__level="village").count() == 286
    village = Area.objects.get(code="33.24.01.2001")
    assert round(village.area_km2, 2) == 4.90  # BPS luas
    assert -7.2 < village.centroid_lat < -7.1 and 109.9 < village.centroid_lng < 110.0
    assert village.postal_code == "51362"


def test_it_names_the_missing_file(db, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = tmp_path
    with pytest.raises(CommandError, match=r"kendal_desa_kelurahan\.csv"):
        call_command("regions", "load-kendal")


def test_it_explains_an_unset_data_directory(db, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = None
    with pytest.raises(CommandError, match="PETAKAN_DATA_DIR"):
        call_command("regions", "load-kendal")


def test_the_regency_has_its_official_area(kendal) -> None:
    assert kendal.area_km2 == 1006.174  # BIG 2024, in indonesia_province_regency_area_population.csv
