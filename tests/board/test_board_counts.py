"""The Bimtek board counts, per kecamatan and for the regency, the villages that logged in, started, submitted, were
returned, verified and published, in two queries, and lists the villages that have not started."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from petakan.board import services
from petakan.profiles.models import Profile, Status
from petakan.regions.models import Area
from tests.conftest import make_user

YEAR = 2026
PLANTUNGAN = "33.24.01"  # 12 villages


def profile(code: str, status: str, values: dict | None = None, year: int = YEAR, demo: bool = False) -> Profile:
    return Profile.objects.create(
        area=Area.objects.get(code=code),
        year=year,
        schema="profile-v1",
        values={"households": 900} if values is None else values,
        status=status,
        is_demo=demo,
    )


def setup_progress() -> None:
    logged = make_user("desa-blumah", "village", "33.24.01.2001")
    logged.last_login = timezone.now()
    logged.save()
    make_user("desa-kediten", "village", "33.24.01.2002")  # an account that never logged in
    make_user("staf-plantungan", "district", PLANTUNGAN).__class__.objects.filter(username="staf-plantungan").update(
        last_login=timezone.now()
    )  # a kecamatan account logging in does not make a village "logged in"
    profile("33.24.01.2001", Status.DRAFT)
    profile("33.24.01.2002", Status.SUBMITTED)
    profile("33.24.01.2003", Status.RETURNED)
    profile("33.24.01.2004", Status.VERIFIED)
    profile("33.24.01.2005", Status.PUBLISHED)
    profile("33.24.01.2006", Status.DRAFT, values={})  # a row without any value has not started
    profile("33.24.01.2007", Status.PUBLISHED, year=YEAR - 1)  # last year's work does not count
    profile("33.24.02.2002", Status.SUBMITTED)


def test_it_counts_each_stage_per_kecamatan_and_for_the_regency(kendal) -> None:  # type: ignore[no-untyped-def]
    setup_progress()
    with CaptureQueriesContext(connection) as queries:
        data = services.board("33.24", YEAR)
    assert len(queries) == 2
    assert len(data.lines) == 20
    plantungan = next(line for line in data.lines if line.code == PLANTUNGAN)
    assert plantungan.name == "Plantungan" and plantungan.villages == 12
    assert plantungan.counts == {
        "logged_in": 1,
        "started": 5,
        "submitted": 4,
        "returned": 1,
        "verified": 2,
        "published": 1,
    }
    assert data.total.villages == 286
    assert data.total.counts == {
        "logged_in": 1,
        "started": 6,
        "submitted": 5,
        "returned": 1,
        "verified": 2,
        "published": 1,
    }
    assert ("started", 6, 2) in [(k, c, p) for k, c, p in data.total.cells()]  # 6 of 286 ≈ 2 %


def test_it_lists_the_villages_that_have_not_started_with_their_kecamatan(kendal) -> None:  # type: ignore[no-untyped-def]
    setup_progress()
    data = services.board("33.24", YEAR)
    assert len(data.not_started) == 286 - 6
    codes = {row[0] for row in data.not_started}
    assert "33.24.01.2006" in codes and "33.24.01.2007" in codes and "33.24.01.2001" not in codes
    assert data.not_started[0][2] == "Plantungan"
    assert not any(row[3] for row in data.not_started)  # the only village that logged in has started


def test_it_marks_the_villages_that_logged_in_but_have_not_started(kendal) -> None:  # type: ignore[no-untyped-def]
    user = make_user("desa-8", "village", "33.24.01.2008")
    user.last_login = timezone.now()
    user.save()
    data = services.board("33.24", YEAR)
    assert [row for row in data.not_started if row[3]] == [
        ("33.24.01.2008", Area.objects.get(code="33.24.01.2008").name, "Plantungan", True)
    ]


def test_the_not_started_list_is_exported_as_xlsx(kendal) -> None:  # type: ignore[no-untyped-def]
    setup_progress()
    rows = list(load_workbook(io.BytesIO(services.not_started_xlsx(services.board("33.24", YEAR)))).active.values)
    assert rows[0] == ("Kode desa", "Desa/Kelurahan", "Kecamatan", "Sudah masuk")
    assert len(rows) == 1 + 280
    name = Area.objects.get(code="33.24.01.2006").name
    assert ("33.24.01.2006", name, "Plantungan", "belum") in rows


def test_demo_profiles_make_the_board_say_data_contoh(kendal) -> None:  # type: ignore[no-untyped-def]
    assert services.board("33.24", YEAR).demo_profiles == 0
    profile("33.24.01.2001", Status.PUBLISHED, demo=True)
    assert services.board("33.24", YEAR).demo_profiles == 1
