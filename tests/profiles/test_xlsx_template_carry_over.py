"""The regency's XLSX template of a new year is pre-filled from each village's last published profile, with a
column saying which values are carried over; uploading it back stores them (the upload confirms them)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from petakan.profiles import services
from petakan.profiles.models import Profile
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

NEXT = YEAR + 1
OTHER = "33.24.01.2002"


def _rows(content: bytes) -> dict[str, dict[str, Any]]:
    ws = load_workbook(io.BytesIO(content))["Profil"]
    codes = [c.value for c in ws[1]]
    return {
        str(r[0].value): {code: cell for code, cell in zip(codes, r, strict=False)}
        for r in ws.iter_rows(min_row=5)
        if r[0].value
    }


def test_the_new_years_template_is_prefilled_and_says_which_values_are_carried(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    make_profile(values={"pop_male": 1200, "households": 700}, status="published")
    make_profile(code=OTHER, values={"pop_male": 900}, status="submitted")  # not published: nothing carried
    login(client, "admin")
    content = client.get(f"/profil/excel/templat.xlsx?cakupan=33.24&tahun={NEXT}").content
    rows = _rows(content)
    blumah = rows[KENDAL_VILLAGE]
    assert blumah["pop_male"].value == 1200 and blumah["households"].value == 700
    note = blumah["carried_over"].value
    assert note.startswith(f"dari {YEAR} — periksa:")
    assert "Penduduk laki-laki" in note and note.endswith("Penduduk laki-laki, Jumlah kepala keluarga")
    assert blumah["pop_male"].fill.fgColor.rgb.endswith("FFF4D6")
    assert rows[OTHER]["pop_male"].value is None and rows[OTHER]["carried_over"].value is None
    # the column is information: reading the file back finds no problem and no such field
    preview = services.preview_import(content, user=cast["admin"], year=NEXT)
    assert preview.ok, preview.problems[:3]
    assert preview.rows[KENDAL_VILLAGE]["pop_male"] == 1200
    assert {c.field for c in preview.changes if c.code == KENDAL_VILLAGE} == {"pop_male", "households"}


def test_a_template_without_anything_carried_has_no_extra_column(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(values={"pop_male": 1200}, status="draft")
    login(client, "admin")
    content = client.get(f"/profil/excel/templat.xlsx?cakupan=33.24&tahun={YEAR}").content
    assert "carried_over" not in next(iter(_rows(content).values()))


def test_an_uploaded_carried_value_is_stored_and_no_longer_awaits_confirmation(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    make_profile(values={"pop_male": 1200, "households": 700}, status="published")
    login(client, "village")
    # the village changes one value in the form; the other two stay carried, awaiting confirmation
    client.post(
        f"/profil/{KENDAL_VILLAGE}/{NEXT}/ubah/population/",
        {"version": 0, "pop_male": "1200", "pop_female": "1300", "households": "700"},
    )
    profile = Profile.objects.get(year=NEXT)
    assert set(services.pending_carry(profile.area, NEXT, profile).values) == {"pop_male", "households"}
    content = client.get(f"/profil/excel/templat.xlsx?cakupan={KENDAL_VILLAGE}&tahun={NEXT}").content
    assert _rows(content)[KENDAL_VILLAGE]["pop_male"].value == 1200
    preview, n = services.import_now(content, user=cast["admin"], year=NEXT)
    assert preview.ok and n == 2
    profile = Profile.objects.get(year=NEXT)
    profile.refresh_from_db()
    assert profile.values == {"pop_male": 1200, "pop_female": 1300, "households": 700}
    assert services.pending_carry(profile.area, NEXT, profile).values == {}
