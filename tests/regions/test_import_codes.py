"""Code-list imports: dry run by default, all-or-nothing, idempotent, every bad row named."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from petakan.regions.importers import import_codes
from petakan.regions.models import Area

HEADER = "code,name,type,kecamatan_code,kecamatan_name,regency_code,postal_code\n"


def write(tmp_path: Path, text: str, name: str = "codes.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_it_does_not_write_without_commit(kendal, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "33.24.01.2999,Desa Baru,desa,33.24.01,Plantungan,33.24,51362\n")
    report = import_codes([path])
    assert report.ok and report.created == 1 and not report.committed
    assert not Area.objects.filter(code="33.24.01.2999").exists()


def test_it_writes_with_commit_and_is_idempotent(kendal, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "33.24.01.2999,Desa Baru,desa,33.24.01,Plantungan,33.24,51362\n")
    assert import_codes([path], commit=True).created == 1
    again = import_codes([path], commit=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    area = Area.objects.get(code="33.24.01.2999")
    assert area.parent.code == "33.24.01" and area.kind == "desa" and area.level == "village"


def test_reimporting_the_real_kendal_list_changes_nothing(kendal, data_dir: Path) -> None:
    report = import_codes([data_dir / "kendal_desa_kelurahan.csv"], commit=True)
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 286)


def test_it_reports_duplicate_codes_with_both_lines(kendal, tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + "33.24.01.2998,A,desa,33.24.01,P,33.24,1\n33.24.01.2998,B,desa,33.24.01,P,33.24,1\n"
    )
    report = import_codes([path], commit=True)
    assert [p.code for p in report.problems] == ["33.24.01.2998"]
    assert "baris 3" in report.problems[0].where and "baris 2" in report.problems[0].message
    assert not Area.objects.filter(code="33.24.01.2998").exists()


def test_it_reports_an_unknown_parent(kendal, tmp_path: Path) -> None:
    report = import_codes([write(tmp_path, HEADER + "33.24.77.2001,X,desa,33.24.77,Nowhere,33.24,1\n")], commit=True)
    assert len(report.problems) == 1 and "33.24.77" in report.problems[0].message


def test_it_reports_a_village_under_the_wrong_kecamatan(kendal, tmp_path: Path) -> None:
    report = import_codes([write(tmp_path, HEADER + "33.24.01.2997,X,desa,33.24.02,Pageruyung,33.24,1\n")])
    assert len(report.problems) == 1
    assert "kecamatan_code=33.24.02" in report.problems[0].message and "baris 2" in report.problems[0].where


def test_it_rejects_a_file_that_is_not_utf8(kendal, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "33.24.01.2996,Désa,desa,33.24.01,P,33.24,1\n", encoding="latin-1")
    report = import_codes([path])
    assert not report.ok and "UTF-8" in report.problems[0].message


def test_it_rejects_a_malformed_csv(kendal, tmp_path: Path) -> None:
    report = import_codes([write(tmp_path, HEADER + "33.24.01.2995,X,desa,33.24.01,P,33.24,1,extra,columns\n")])
    assert not report.ok and "baris 2" in report.problems[0].message


def test_it_rejects_a_file_without_the_required_columns(kendal, tmp_path: Path) -> None:
    report = import_codes([write(tmp_path, "kode_desa;nama\n1;2\n")])
    assert not report.ok and "code" in report.problems[0].message


def test_one_bad_row_keeps_the_good_rows_out_too(kendal, tmp_path: Path) -> None:
    text = HEADER + "33.24.01.2991,Good,desa,33.24.01,P,33.24,1\n33.24.01.299X,Bad,desa,33.24.01,P,33.24,1\n"
    report = import_codes([write(tmp_path, text)], commit=True)
    assert len(report.problems) == 1 and report.problems[0].code == "33.24.01.299X"
    assert not Area.objects.filter(code="33.24.01.2991").exists()


def test_the_command_exits_non_zero_and_names_the_row(kendal, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, HEADER + "33.24.01.2990,X,dusun,33.24.01,P,33.24,1\n")
    with pytest.raises(CommandError):
        call_command("regions", "import-codes", str(path), "--commit")
    assert "baris 2" in capsys.readouterr().err


def test_it_loads_one_regency_from_the_national_list_without_creating_anything_new(kendal, data_dir: Path) -> None:
    report = import_codes(
        [
            data_dir / "indonesia_provinces.csv",
            data_dir / "indonesia_regencies.csv",
            data_dir / "indonesia_districts.csv",
            data_dir / "indonesia_villages.csv",
        ],
        within="33.24",
        commit=True,
    )
    assert report.ok, report.problems[:3]
    assert report.created == 0 and report.updated + report.unchanged == 308
    assert Area.objects.filter(level="village").count() == 286
    assert Area.objects.filter(level="district").count() == 20
