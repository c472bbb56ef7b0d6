"""The board for the admin, the fragment it polls, the read-only projector link the admin creates and revokes,
and the XLSX of the villages that have not started."""

from __future__ import annotations

import io
import re

from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from petakan.board.models import BoardLink
from petakan.profiles.models import Profile, Status
from petakan.regions.models import Area


def shared_path(client: Client) -> str:
    page = client.get("/papan/").content.decode()
    match = re.search(r'href="(/papan/t/[^"/]+/)"', page)
    assert match, "no projector link on the page"
    return match.group(1)


def test_the_admin_sees_the_board_with_its_definitions_and_a_polling_fragment(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["admin"])
    html = client.get("/papan/?tahun=2026").content.decode()
    assert 'hx-get="/papan/isi/?tahun=2026"' in html and 'hx-trigger="every 3s"' in html
    assert "htmx.min.js" in html
    assert "profil tahun ini punya minimal satu isian" in html  # "started" defined in words
    assert "286 desa belum mulai" in html
    fragment = client.get("/papan/isi/?tahun=2026")
    assert fragment.status_code == 200 and fragment.content.decode().startswith('<section id="board"')
    assert "<html" not in fragment.content.decode()


def test_the_board_is_for_the_admin_only(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    for role in ("analyst", "council", "district", "village"):
        client.force_login(cast[role])
        for path in ("/papan/", "/papan/isi/", "/papan/belum-mulai.xlsx"):
            assert client.get(path).status_code == 403, (role, path)
        assert client.post("/papan/tautan/").status_code == 403
    client.logout()
    assert client.get("/papan/isi/").status_code == 302


def test_a_projector_link_shows_the_board_without_an_account_until_it_is_revoked(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["admin"])
    client.post("/papan/tautan/", {"label": "Aula Bimtek"})
    path = shared_path(client)
    projector = Client()
    page = projector.get(path)
    assert page.status_code == 200 and "Papan Bimtek" in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    assert f'hx-get="{path}isi/?tahun=' in page.content.decode()
    assert projector.get(path + "isi/").status_code == 200
    link = BoardLink.objects.get()
    client.post(f"/papan/tautan/{link.pk}/cabut/")
    assert projector.get(path).status_code == 404
    stopped = projector.get(path + "isi/").content.decode()
    assert "dicabut" in stopped and "hx-get" not in stopped  # the screen says so and stops polling


def test_a_made_up_token_shows_nothing(db, client: Client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/papan/t/tebakan/").status_code == 404


def test_the_fragment_shows_a_new_submission_within_seconds(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["admin"])
    before = client.get("/papan/isi/?tahun=2026").content.decode()
    assert re.search(r'data-district="regency">.*?data-measure="submitted">0<', before, re.S)
    Profile.objects.create(
        area=Area.objects.get(code="33.24.01.2001"), year=2026, schema="profile-v1", values={"x": 1},
        status=Status.SUBMITTED,
    )  # fmt: skip
    cache.clear()  # what CACHE_SECONDS of waiting does
    after = client.get("/papan/isi/?tahun=2026").content.decode()
    assert re.search(r'data-district="regency">.*?data-measure="submitted">1<', after, re.S)


def test_the_admin_downloads_the_villages_that_have_not_started(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["admin"])
    response = client.get("/papan/belum-mulai.xlsx?tahun=2026")
    assert response["Content-Disposition"] == 'attachment; filename="desa-belum-mulai-2026.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 1 + 286 and rows[1][2] == "Plantungan"


def test_a_year_that_is_not_a_year_is_refused(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["admin"])
    assert client.get("/papan/isi/?tahun=dua").status_code == 404
