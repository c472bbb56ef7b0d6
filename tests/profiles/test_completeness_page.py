"""The completeness view: per kecamatan and village the status, share filled and last change; the export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from petakan.lib.profile import load_schema
from petakan.profiles.models import Profile
from petakan.regions.models import Area
from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE, OTHER_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE
from tests.profiles.conftest import YEAR

URL = "/profil/kelengkapan/"


def _row(text: str, code: str) -> str:
    start = text.index(f'<tr data-village="{code}">')
    return text[start : text.index("</tr>", start)]


def test_the_admin_sees_every_village_with_its_status_share_and_last_change(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    n = len(load_schema().fields)
    half = dict(list(complete_values.items())[: n // 2])
    make_profile(KENDAL_VILLAGE, "submitted", complete_values)
    make_profile(SAME_DISTRICT_OTHER_VILLAGE, "returned", half)
    login(client, "admin")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"tahun": YEAR})
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("<tr data-village=") == 286
    filled = round(100 * len(complete_values) / n)
    assert "diajukan" in _row(text, KENDAL_VILLAGE) and f"{filled}%" in _row(text, KENDAL_VILLAGE)
    assert "dikembalikan" in _row(text, SAME_DISTRICT_OTHER_VILLAGE)
    assert f"{round(100 * (n // 2) / n)}%" in _row(text, SAME_DISTRICT_OTHER_VILLAGE)
    assert "belum mulai" in _row(text, OTHER_VILLAGE) and "0%" in _row(text, OTHER_VILLAGE)
    assert "286 desa/kelurahan; 285 belum mengajukan profil." in text
    assert text.count('<section class="completeness"') == 20
    # a fixed number of queries, not one per village
    assert len(queries) < 12


def test_a_district_account_sees_only_its_kecamatan(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(OTHER_VILLAGE, "draft", {"pop_male": 5})
    login(client, "district")
    text = client.get(URL).content.decode()
    codes = {line.split('"')[1] for line in text.split("<tr data-village=")[1:]}
    assert KENDAL_VILLAGE in codes and OTHER_VILLAGE not in codes
    in_kecamatan = set(Area.objects.filter(parent__code=KENDAL_DISTRICT).values_list("code", flat=True))
    assert codes == in_kecamatan and len(codes) == 12
    assert text.count('<section class="completeness"') == 1


def test_the_export_lists_the_villages_that_have_not_submitted(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    make_profile(KENDAL_VILLAGE, "verified", complete_values)
    make_profile(SAME_DISTRICT_OTHER_VILLAGE, "draft", {"pop_male": 5}, is_demo=True)
    login(client, "district")
    response = client.get("/profil/kelengkapan/belum-diajukan.xlsx", {"tahun": YEAR})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'profil-belum-diajukan-{YEAR}-DATA-CONTOH.xlsx"')
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("kecamatan_code", "kecamatan", "village_code", "village", "status")
    codes = [r[2] for r in rows[1:]]
    assert KENDAL_VILLAGE not in codes and len(codes) == 11
    draft = next(r for r in rows if r[2] == SAME_DISTRICT_OTHER_VILLAGE)
    assert draft[4] == "draf" and draft[7] == "DATA CONTOH"
    assert next(r for r in rows if r[2] == "33.24.01.2003")[4] == "belum mulai"

    csv_response = client.get("/profil/kelengkapan/belum-diajukan.csv", {"tahun": YEAR})
    table = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert [r[2] for r in table[1:]] == codes


def test_an_invalid_year_is_a_bad_request(client: Client, login: Callable[..., Client], kendal) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    assert client.get(URL, {"tahun": "duaribu"}).status_code == 400
    assert client.get(URL, {"tahun": "1850"}).status_code == 400
