"""`petakan regions import-boundaries` with a GeoPackage or a zipped Shapefile: dry run, --commit, --layer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from petakan.regions.models import Boundary
from tests.lib.geofiles.writers import write_geopackage, write_shapefile, zip_files


def run(
    path: Path, *options: str, code_field: str = "kemendagri_code", err: io.StringIO | None = None
) -> tuple[str, str]:
    out, err = io.StringIO(), err or io.StringIO()
    call_command(
        "regions",
        "import-boundaries",
        str(path),
        "--generation",
        "Uji",
        "--level",
        "district",
        "--code-field",
        code_field,
        *options,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_a_dry_run_of_a_geopackage_prints_the_report_and_writes_nothing(kendal, kecamatan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_geopackage(tmp_path / "kendal.gpkg", {"kecamatan": kecamatan})
    before = Boundary.objects.count()
    out, _err = run(path)
    assert "kendal.gpkg: 20 baru, 0 berubah, 0 tetap, 0 masalah — uji coba (dry run), belum ditulis" in out
    assert Boundary.objects.count() == before


def test_commit_writes_a_zipped_shapefile(kendal, kecamatan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = zip_files(tmp_path / "kendal.zip", write_shapefile(tmp_path, "kecamatan", kecamatan))
    out, _err = run(path, "--commit", code_field="kemendagri")
    assert "20 baru" in out and "ditulis" in out
    assert Boundary.objects.filter(generation__name="Uji").count() == 20


def test_it_fails_naming_the_layers_of_a_geopackage_and_reads_the_one_given_with_layer(  # type: ignore[no-untyped-def]
    kendal, kecamatan, tmp_path: Path
) -> None:
    path = write_geopackage(tmp_path / "b.gpkg", {"kecamatan": kecamatan, "lama": kecamatan[:2]})
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 masalah; basis data tidak diubah"):
        run(path, "--commit", err=err)
    assert "b.gpkg: GeoPackage berisi 2 lapisan fitur (kecamatan, lama); pilih satu dengan --layer" in err.getvalue()
    out, _err = run(path, "--commit", "--layer", "lama")
    assert "2 baru" in out and Boundary.objects.filter(generation__name="Uji").count() == 2


def test_it_fails_on_a_shapefile_without_crs_printing_how_to_set_one(kendal, kecamatan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_shapefile(tmp_path, "kecamatan", kecamatan, prj=None)
    err = io.StringIO()
    with pytest.raises(CommandError):
        run(tmp_path / "kecamatan.shp", code_field="kemendagri", err=err)
    assert "kecamatan.shp: sistem koordinat tidak disebut; tetapkan CRS di QGIS: Layer › Set CRS" in err.getvalue()
    assert not Boundary.objects.filter(generation__name="Uji").exists()
