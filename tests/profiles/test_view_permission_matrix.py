"""Every view of the profiles app × every member of the cast, pinned cell by cell.

Outcomes: ``ok`` (200 for a page; for a POST that acts, a redirect that is not the login page and the change
done), ``hidden`` (200 but without the profile), ``403``, ``404`` and ``login`` (redirect to the login page).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from petakan.profiles import services
from petakan.profiles.models import Profile, Upload
from petakan.regions.models import Area
from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

ROLES = ["admin", "analyst", "council", "district", "village", "other_village", "anonymous"]
OK, HIDDEN, NO, GONE, LOGIN = "ok", "hidden", "403", "404", "login"
P = f"/profil/{KENDAL_VILLAGE}/{YEAR}"

# case -> (status of Blumah's profile or None, method, url, expected outcome per role in ROLES order)
#                                                             admin analyst council district village other anon
CASES: dict[str, tuple[str | None, str, str, tuple[str, ...]]] = {
    "profile page, draft": ("draft", "get", f"{P}/", (OK, OK, OK, OK, OK, NO, LOGIN)),
    "profile page, submitted": ("submitted", "get", f"{P}/", (OK, OK, OK, OK, OK, NO, LOGIN)),
    "profile page, published": ("published", "get", f"{P}/", (OK, OK, OK, OK, OK, OK, OK)),
    "profile page, none yet": (None, "get", f"{P}/", (OK, OK, OK, OK, OK, NO, LOGIN)),
    "village page, draft": ("draft", "get", f"/wilayah/{KENDAL_VILLAGE}/", (OK, OK, OK, OK, OK, HIDDEN, HIDDEN)),
    "village page, published": ("published", "get", f"/wilayah/{KENDAL_VILLAGE}/", (OK,) * 7),
    "edit form, draft": ("draft", "get", f"{P}/ubah/population/", (OK, NO, NO, NO, OK, NO, LOGIN)),
    "edit form, returned": ("returned", "get", f"{P}/ubah/population/", (OK, NO, NO, NO, OK, NO, LOGIN)),
    "save section, draft": ("draft", "post", f"{P}/ubah/population/", (OK, NO, NO, NO, OK, NO, LOGIN)),
    "submit, draft": ("draft", "post", f"{P}/ajukan/", (OK, NO, NO, NO, OK, NO, LOGIN)),
    "verify, submitted": ("submitted", "post", f"{P}/verifikasi/", (OK, NO, NO, OK, NO, NO, LOGIN)),
    "return, submitted": ("submitted", "post", f"{P}/kembalikan/", (OK, NO, NO, OK, NO, NO, LOGIN)),
    "return, published": ("published", "post", f"{P}/kembalikan/", (OK, NO, NO, NO, NO, NO, LOGIN)),
    "publish, verified": ("verified", "post", f"{P}/publikasikan/", (OK, NO, NO, NO, NO, NO, LOGIN)),
    "completeness": ("draft", "get", "/profil/kelengkapan/", (OK, OK, NO, OK, NO, NO, LOGIN)),
    "not submitted, xlsx": ("draft", "get", "/profil/kelengkapan/belum-diajukan.xlsx", (OK, OK, NO, OK, NO, NO, LOGIN)),
    "not submitted, csv": ("draft", "get", "/profil/kelengkapan/belum-diajukan.csv", (OK, OK, NO, OK, NO, NO, LOGIN)),
    "excel page": ("draft", "get", "/profil/excel/", (OK, OK, OK, OK, OK, OK, LOGIN)),
    "upload, dry run": ("draft", "upload", "/profil/excel/", (OK, NO, NO, OK, OK, OK, LOGIN)),
    "template, village": (
        "draft",
        "get",
        f"/profil/excel/templat.xlsx?cakupan={KENDAL_VILLAGE}&tahun={YEAR}",
        (OK, OK, OK, OK, OK, NO, LOGIN),
    ),
    "template, kecamatan": (
        "draft",
        "get",
        f"/profil/excel/templat.xlsx?cakupan={KENDAL_DISTRICT}&tahun={YEAR}",
        (OK, OK, OK, OK, NO, NO, LOGIN),
    ),
    "template, regency": (
        "draft",
        "get",
        f"/profil/excel/templat.xlsx?cakupan=33.24&tahun={YEAR}",
        (OK, OK, OK, NO, NO, NO, LOGIN),
    ),
    "commit an admin's upload": ("draft", "commit", "", (OK, NO, NO, GONE, GONE, GONE, LOGIN)),
}

EXPECTED_STATUS_AFTER = {
    "submit, draft": "submitted",
    "verify, submitted": "verified",
    "return, submitted": "returned",
    "return, published": "returned",
    "publish, verified": "published",
}

PARAMS = [(case, role, CASES[case][3][i]) for case in CASES for i, role in enumerate(ROLES)]


def _template(scope: str) -> bytes:
    out = io.BytesIO()
    services.write_scope_template(Area.objects.get(code=scope), YEAR, out, lang="id")
    return out.getvalue()


def _post_data(case: str, profile: Profile | None, complete: dict[str, Any]) -> dict[str, Any]:
    version = profile.version if profile else 0
    if case.startswith("save section"):
        return {"version": version, "pop_male": "1500", "pop_female": "1490", "households": "900"}
    # "konfirmasi": the second step of a confirmed action (the first answers with a confirmation page)
    return {"version": version, "comment": "Jumlah KK belum sesuai data Dukcapil.", "konfirmasi": "ya"}


@pytest.mark.parametrize(("case", "role", "expected"), PARAMS, ids=[f"{c}-{r}" for c, r, _ in PARAMS])
def test_each_role_gets_what_the_matrix_says(
    case: str,
    role: str,
    expected: str,
    client: Client,
    login: Callable[[Client, str], Client],
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
    cast: dict[str, Any],
) -> None:
    status, method, url, _ = CASES[case]
    profile = make_profile(status=status, values=complete_values) if status else None
    login(client, role)
    if method == "get":
        response = client.get(url)
    elif method == "post":
        response = client.post(url, _post_data(case, profile, complete_values))
    elif method == "upload":
        file = SimpleUploadedFile("blumah.xlsx", _template(KENDAL_VILLAGE))
        response = client.post(url, {"year": YEAR, "file": file})
    else:
        content = _template(KENDAL_VILLAGE)
        preview = services.preview_import(content, user=cast["admin"], year=YEAR)
        upload = services.keep_upload(content, preview, user=cast["admin"], year=YEAR, file_name="x.xlsx")
        response = client.post(f"/profil/excel/{upload.pk}/simpan/")

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/akun/masuk/")
    elif expected in (NO, GONE):
        assert response.status_code == int(expected)
    elif expected == HIDDEN:
        assert response.status_code == 200
        assert b'id="village-profile"' not in response.content
        assert b'id="profile-absent"' in response.content
    elif method == "get":
        assert response.status_code == 200
        if url.startswith("/wilayah/"):
            assert b'id="village-profile"' in response.content
    else:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert not response["Location"].startswith("/akun/")

    # a refused request changes nothing; an accepted one does what it says
    if profile is not None and method == "post":
        profile.refresh_from_db()
        if expected == OK and case in EXPECTED_STATUS_AFTER:
            assert profile.status == EXPECTED_STATUS_AFTER[case]
        elif expected == OK:
            assert profile.values["pop_male"] == 1500
        else:
            assert profile.status == status
            assert profile.values == complete_values
    if method == "commit":
        committed = Upload.objects.get().committed_at is not None
        assert committed == (expected == OK)
