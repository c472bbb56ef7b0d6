"""The command prints a slip for each of Kendal's 20 kecamatan and 286 villages: A4 pages, eight slips to a page,
a QR code that decodes to the site's address, and every one-time password on exactly one slip."""

from __future__ import annotations

import io
import re
from io import StringIO
from pathlib import Path

import zxingcpp
from django.core.management import call_command
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from petakan.accounts.models import User

SITE = "https://petakan.kendalkab.go.id/"


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_it_prints_a_slip_per_kecamatan_and_village_with_a_qr_code_of_the_site(kendal, tmp_path: Path) -> None:
    out, slips = tmp_path / "akun.xlsx", tmp_path / "akun.pdf"  # the slips go beside the XLSX by default
    log = StringIO()
    call_command("accounts", "create-area-accounts", "--out", str(out), "--site-url", SITE, "--commit", stdout=log)
    assert "39 halaman A4" in log.getvalue()

    reader = PdfReader(slips)
    assert len(reader.pages) == 39  # 306 slips, 8 to a page
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points

    rows = list(load_workbook(out).active.iter_rows(values_only=True))[1:]
    passwords = [row[1] for row in rows]
    assert len(passwords) == 306 == len(set(passwords))
    text = "\n".join(page_texts(reader))
    for username, password, *_rest in rows:
        assert text.count(password) == 1, password
        assert username in text
    # each slip names its village and kecamatan
    first_page = page_texts(reader)[0]
    assert "Kecamatan Plantungan" in first_page
    assert "desa-3324012001" in first_page and "Desa Blumah" in first_page

    images = reader.pages[0].images
    assert len(images) >= 1
    picture = Image.open(io.BytesIO(images[0].data))
    decoded = [result.text for result in zxingcpp.read_barcodes(picture)]
    assert decoded == [SITE]


def test_every_new_account_must_choose_its_own_password_at_first_login(kendal, tmp_path: Path) -> None:
    call_command("accounts", "create-area-accounts", "--out", str(tmp_path / "a.xlsx"), "--commit", stdout=StringIO())
    assert User.objects.filter(must_set_password=True).count() == 306


def test_one_time_passwords_use_the_cheap_hasher_meant_for_random_passwords(kendal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    call_command(
        "accounts", "create-area-accounts", "--within", "33.24.01", "--out", str(tmp_path / "a.xlsx"), "--commit",
        stdout=StringIO(),
    )  # fmt: skip
    rows = list(load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True))[1:]
    user = User.objects.get(username=rows[0][0])
    assert user.password.startswith("pbkdf2_sha256_otp$10000$")
    assert user.check_password(rows[0][1])
    user.refresh_from_db()
    assert not user.password.startswith("pbkdf2_sha256_otp$")  # rehashed the default way at first use


def test_without_a_configured_address_the_slips_point_at_the_local_server(kendal, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_SITE_URL = ""
    call_command(
        "accounts", "create-area-accounts", "--within", "33.24.01", "--out", str(tmp_path / "a.xlsx"), "--commit",
        stdout=StringIO(),
    )  # fmt: skip
    reader = PdfReader(tmp_path / "a.pdf")
    assert len(reader.pages) == 2  # Plantungan and its 12 villages: 13 slips
    assert "http://127.0.0.1:8000/" in reader.pages[0].extract_text()


def test_resetting_a_forgotten_password_prints_a_new_slip_and_the_old_password_stops_working(
    kendal, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    call_command("accounts", "create-area-accounts", "--out", str(tmp_path / "a.xlsx"), "--commit", stdout=StringIO())
    old = {row[0]: row[1] for row in load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True)}
    user = User.objects.get(username="desa-3324012001")
    user.must_set_password = False
    user.save()
    slip = tmp_path / "reset.pdf"
    call_command("accounts", "reset-password", "desa-3324012001", "--slips", str(slip), stdout=StringIO())
    text = PdfReader(slip).pages[0].extract_text()
    new = re.search(r"[a-z2-9]{12}", text.split("Kata sandi sekali pakai", 1)[1]).group(0)  # type: ignore[union-attr]
    user.refresh_from_db()
    assert new != old["desa-3324012001"]
    assert user.check_password(new) and not user.check_password(old["desa-3324012001"])
    assert user.must_set_password
