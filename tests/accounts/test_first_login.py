"""An account that holds a one-time password from a slip opens nothing until its holder sets their own password;
the admin resets a forgotten password by printing a new slip, and creates the area accounts from a page."""

from __future__ import annotations

import io

from django.test import Client
from pypdf import PdfReader

from petakan.accounts.models import User
from tests.conftest import PASSWORD

NEW = "kebun-kopi-sukorejo-77"


def one_time(user: User) -> User:
    user.must_set_password = True
    user.save()
    return user


def test_every_page_sends_a_one_time_password_to_the_set_password_page(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(one_time(cast["village"]))
    for path in ("/", "/profil/33.24.01.2001/2026/", "/akun/kata-sandi/", "/peta/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/akun/kata-sandi/baru/?next="), path
    assert client.get("/akun/kata-sandi/baru/").status_code == 200


def test_logout_and_static_files_still_open(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(one_time(cast["village"]))
    assert client.get("/static/web/site.css").status_code == 200
    assert client.post("/akun/keluar/").status_code == 302
    assert client.get("/").status_code == 200  # logged out: the public home


def test_setting_ones_own_password_opens_the_site_and_returns_where_the_user_was_going(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    user = one_time(cast["village"])
    client.force_login(user)
    response = client.post(
        "/akun/kata-sandi/baru/", {"new_password1": NEW, "new_password2": NEW, "next": "/profil/kelengkapan/"}
    )
    assert response.status_code == 302 and response["Location"] == "/profil/kelengkapan/"
    user.refresh_from_db()
    assert not user.must_set_password and user.check_password(NEW)
    assert not user.password.startswith("pbkdf2_sha256_otp$")  # one's own password is hashed the default way
    assert client.get("/beranda/").status_code == 200  # still logged in, and nothing is blocked


def test_a_weak_new_password_is_refused_and_the_block_stays(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    user = one_time(cast["village"])
    client.force_login(user)
    response = client.post("/akun/kata-sandi/baru/", {"new_password1": "12345", "new_password2": "12345"})
    assert response.status_code == 200
    assert "terlalu pendek" in response.content.decode() or "too short" in response.content.decode()
    user.refresh_from_db()
    assert user.must_set_password and user.check_password(PASSWORD)


def test_it_refuses_to_send_the_user_to_another_site_after(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(one_time(cast["village"]))
    response = client.post(
        "/akun/kata-sandi/baru/", {"new_password1": NEW, "new_password2": NEW, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/beranda/"  # the user's own home, not the other site


def test_an_account_with_its_own_password_is_not_held(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["village"])
    assert client.get("/beranda/").status_code == 200
    assert client.get("/akun/kata-sandi/baru/")["Location"] == "/akun/kata-sandi/"


def test_the_admin_resets_a_forgotten_password_and_gets_a_new_slip(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["admin"])
    village = cast["village"]
    response = client.post(f"/akun/pengguna/{village.pk}/atur-ulang/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert village.username in text and "http://testserver/" in text
    village.refresh_from_db()
    assert village.must_set_password and not village.check_password(PASSWORD)


def test_only_the_admin_resets_passwords_and_never_by_a_link(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    target = cast["other_village"]
    client.force_login(cast["district"])
    assert client.post(f"/akun/pengguna/{target.pk}/atur-ulang/").status_code == 403
    client.force_login(cast["admin"])
    assert client.get(f"/akun/pengguna/{target.pk}/atur-ulang/").status_code == 405
    target.refresh_from_db()
    assert target.check_password(PASSWORD)


def test_the_admin_creates_the_area_accounts_from_a_page_and_downloads_their_slips(
    cast, client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_SITE_URL = "https://petakan.kendalkab.go.id/"
    client.force_login(cast["admin"])
    page = client.get("/akun/pengguna/slip/")
    assert "306 kecamatan/desa belum punya akun" in page.content.decode()
    response = client.post("/akun/pengguna/slip/")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 39
    assert "https://petakan.kendalkab.go.id/" in reader.pages[0].extract_text()
    assert User.objects.filter(must_set_password=True).count() == 306
    again = client.post("/akun/pengguna/slip/")
    assert again.status_code == 302 and User.objects.count() == 6 + 306


def test_the_slips_page_is_for_the_admin_only(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["analyst"])
    assert client.get("/akun/pengguna/slip/").status_code == 403
    assert client.post("/akun/pengguna/slip/").status_code == 403
    assert User.objects.count() == 6


def test_a_polled_fragment_sends_the_whole_page_to_the_set_password_page(cast, client: Client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(one_time(cast["admin"]))
    response = client.get("/papan/isi/", headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == "/akun/kata-sandi/baru/"
