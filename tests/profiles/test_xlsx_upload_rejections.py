"""Each bad upload, through the upload page: a precise problem (sheet, row, column, value, reason), nothing written."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from petakan.profiles.models import FieldChange, Profile, Upload
from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE, OTHER_VILLAGE
from tests.profiles.conftest import YEAR

BLUMAH_ROW = 5  # the first village of Plantungan in the kecamatan template


@pytest.fixture
def stored(make_profile: Callable[..., Profile], complete_values: dict[str, Any]) -> Iterator[Profile]:
    profile = make_profile(values=complete_values)
    yield profile
    # "nothing written": the same values, version and history as before the upload
    fresh = Profile.objects.get(pk=profile.pk)
    assert fresh.values == complete_values and fresh.version == profile.version
    assert not FieldChange.objects.exists()
    assert not Upload.objects.exists()
    assert Profile.objects.count() == 1


@pytest.fixture
def template(client: Client, login: Callable[..., Client], stored: Profile) -> bytes:
    """The kecamatan template as the district account downloads it (the client stays logged in)."""
    login(client, "district")
    response = client.get(f"/profil/excel/templat.xlsx?cakupan={KENDAL_DISTRICT}&tahun={YEAR}")
    assert response.status_code == 200
    return response.content


def column_of(ws: Any, code: str) -> str:
    for cell in ws[1]:
        if cell.value == code:
            return get_column_letter(cell.column)
    raise KeyError(code)


def edited(content: bytes, change: Callable[[Any], None]) -> bytes:
    wb = load_workbook(io.BytesIO(content))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client: Client, content: bytes, name: str = "profil.xlsx") -> tuple[int, list[list[str]], str]:
    response = client.post("/profil/excel/", {"year": YEAR, "file": SimpleUploadedFile(name, content)})
    text = response.content.decode()
    rows = []
    if 'id="problems"' in text:
        body = text[text.index('id="problems"') :]
        body = body[body.index("<tbody>") + 7 : body.index("</tbody>")]
        for tr in body.split("<tr>")[1:]:
            rows.append([td.split("</td>")[0] for td in tr.split("<td>")[1:]])
    return response.status_code, rows, text


def set_cell(code: str, value: Any, row: int = BLUMAH_ROW) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        ws = wb["Profil"]
        ws[f"{column_of(ws, code)}{row}"] = value

    return change


def assert_one_problem(rows: list[list[str]], column: str, value: str, reason: str, row: int = BLUMAH_ROW) -> None:
    assert [r for r in rows if r[0] == "Profil" and r[1] == str(row) and r[2] == column and reason in r[5]], rows
    assert any(value in r[4] for r in rows), rows


def test_a_malformed_village_code(client: Client, template: bytes) -> None:
    status, rows, _ = upload(client, edited(template, set_cell("village_code", "33.24.01.XX")))
    assert status == 200
    assert_one_problem(rows, "A", "33.24.01.XX", "bukan kode desa Kemendagri")


def test_an_unknown_village_code(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, edited(template, set_cell("village_code", "33.24.01.2999")))
    assert_one_problem(rows, "A", "33.24.01.2999", "tidak terdaftar")


def test_a_village_outside_the_uploaders_kecamatan(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, edited(template, set_cell("village_code", OTHER_VILLAGE)))
    assert_one_problem(rows, "A", OTHER_VILLAGE, "di luar wilayah kewenangan Anda")


def test_a_value_out_of_range(client: Client, template: bytes) -> None:
    def change(wb: Any) -> None:
        set_cell("pop_male", -5)(wb)
        set_cell("util_clean_water_pct", 150)(wb)

    _, rows, _ = upload(client, edited(template, change))
    ws = load_workbook(io.BytesIO(template))["Profil"]
    assert_one_problem(rows, column_of(ws, "pop_male"), "-5", "kurang dari batas bawah 0")
    assert_one_problem(rows, column_of(ws, "util_clean_water_pct"), "150", "melebihi batas atas 100")


def test_text_in_a_numeric_cell(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, edited(template, set_cell("households", "kurang lebih 500")))
    ws = load_workbook(io.BytesIO(template))["Profil"]
    assert_one_problem(rows, column_of(ws, "households"), "kurang lebih 500", "bukan angka")


def test_a_formula(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, edited(template, set_cell("edu_sd", "=1+2")))
    ws = load_workbook(io.BytesIO(template))["Profil"]
    assert_one_problem(rows, column_of(ws, "edu_sd"), "=1+2", "Rumus tidak diperbolehkan")


def test_merged_cells(client: Client, template: bytes) -> None:
    def change(wb: Any) -> None:
        wb["Profil"].merge_cells("E5:F5")

    _, rows, _ = upload(client, edited(template, change))
    assert [r for r in rows if r[1] == "5" and r[2] == "E" and "Sel gabungan E5:F5" in r[5]], rows


def test_an_extra_sheet(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, edited(template, lambda wb: wb.create_sheet("Catatan")))
    assert [r for r in rows if r[0] == "Catatan" and "Lembar &#x27;Catatan&#x27; tidak dikenal" in r[5]], rows


def test_a_missing_sheet(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, edited(template, lambda wb: wb.remove(wb["Petunjuk"])))
    assert [r for r in rows if r[0] == "Petunjuk" and "tidak ada" in r[5]], rows


def test_a_file_that_is_not_xlsx(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, b"%PDF-1.4 this is not a workbook", name="profil.pdf")
    assert len(rows) == 1 and "Berkas bukan XLSX yang sah: isinya dokumen PDF." in rows[0][5]


def test_an_old_xls_file(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, name="profil.xls")
    assert len(rows) == 1 and "(.xls)" in rows[0][5]


def test_a_50_mb_file_is_refused_before_it_is_read(client: Client, template: bytes) -> None:
    _, rows, _ = upload(client, template + b"\0" * (50 * 1024 * 1024))
    assert len(rows) == 1
    assert "Berkas 50,0 MB melebihi batas 10 MB untuk profil desa (Excel)." in rows[0][5]


def test_a_change_to_a_profile_already_submitted(client: Client, template: bytes, stored: Profile) -> None:
    Profile.objects.filter(pk=stored.pk).update(status="submitted")
    _, rows, _ = upload(client, edited(template, set_cell("pop_male", 4321)))
    assert_one_problem(rows, "A", KENDAL_VILLAGE, "berstatus diajukan")
    Profile.objects.filter(pk=stored.pk).update(status="draft")


def test_every_problem_of_a_file_is_listed_at_once(client: Client, template: bytes) -> None:
    def change(wb: Any) -> None:
        set_cell("pop_male", "banyak")(wb)
        set_cell("edu_sd", "=1")(wb)
        set_cell("village_code", "33.24.01.2999", row=BLUMAH_ROW + 1)(wb)
        wb.create_sheet("Lain")

    _, rows, text = upload(client, edited(template, change))
    assert len(rows) == 4
    assert "4 masalah — tidak ada yang disimpan." in text


def test_the_problems_are_in_english_for_an_english_visitor(client: Client, template: bytes) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    _, rows, _ = upload(client, edited(template, set_cell("households", "many")))
    assert any("&#x27;many&#x27; is not a number." in r[5] for r in rows), rows


def test_an_empty_workbook(client: Client, template: bytes) -> None:
    out = io.BytesIO()
    Workbook().save(out)
    _, rows, _ = upload(client, out.getvalue())
    reasons = " | ".join(r[5] for r in rows)
    assert "Lembar &#x27;Profil&#x27; tidak ada." in reasons and "Lembar &#x27;Sheet&#x27; tidak dikenal" in reasons
