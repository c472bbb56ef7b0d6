from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from openpyxl import load_workbook

from petakan.accounts.models import User


def test_a_dry_run_creates_nothing_and_writes_no_file(kendal, tmp_path: Path) -> None:
    out = StringIO()
    call_command("accounts", "create-area-accounts", "--out", str(tmp_path / "a.xlsx"), stdout=out)
    assert "306 akun baru" in out.getvalue()
    assert User.objects.count() == 0 and not (tmp_path / "a.xlsx").exists()


def test_it_creates_one_account_per_kecamatan_and_village_with_passwords_in_xlsx(kendal, tmp_path: Path) -> None:
    path = tmp_path / "akun.xlsx"
    call_command("accounts", "create-area-accounts", "--out", str(path), "--commit", stdout=StringIO())
    assert User.objects.filter(role="district").count() == 20
    assert User.objects.filter(role="village").count() == 286
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 306
    by_name = {row[0]: row for row in rows[1:]}
    username, password, _role, code, name, kecamatan = by_name["desa-3324012001"]
    assert (code, name, kecamatan) == ("33.24.01.2001", "Blumah", "Plantungan")
    user = User.objects.get(username=username)
    assert user.check_password(password) and user.area.code == "33.24.01.2001"
    assert len({row[1] for row in rows[1:]}) == 306  # every password is different


def test_running_it_again_only_adds_what_is_missing(kendal, tmp_path: Path) -> None:
    call_command("accounts", "create-area-accounts", "--out", str(tmp_path / "1.xlsx"), "--commit", stdout=StringIO())
    out = StringIO()
    call_command("accounts", "create-area-accounts", "--out", str(tmp_path / "2.xlsx"), "--commit", stdout=out)
    assert "0 akun baru, 306 sudah ada" in out.getvalue()
    assert User.objects.count() == 306
