from __future__ import annotations

import pytest
from django.test import Client

from petakan.accounts.models import User
from tests.conftest import PASSWORD


def login(client: Client, user: User) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def test_logout_ends_the_session(cast, client: Client) -> None:
    login(client, cast["village"])
    assert client.post("/akun/keluar/").status_code == 302
    assert not client.session.get("_auth_user_id")


def test_a_user_changes_their_own_password(cast, client: Client) -> None:
    login(client, cast["village"])
    new = "lebih-panjang-dan-baru-2026"
    response = client.post("/akun/kata-sandi/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    cast["village"].refresh_from_db()
    assert cast["village"].check_password(new)


def test_changing_a_password_needs_an_account(db, client: Client) -> None:
    response = client.get("/akun/kata-sandi/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_an_admin_creates_a_village_account(cast, client: Client, kendal) -> None:  # type: ignore[no-untyped-def]
    login(client, cast["admin"])
    from petakan.regions.models import Area

    area = Area.objects.get(code="33.24.03.2001")
    password = "sandi-awal-yang-panjang-1"
    response = client.post(
        "/akun/pengguna/baru/",
        {
            "username": "op-gentinggunung",
            "role": "village",
            "area": area.pk,
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="op-gentinggunung")
    assert user.role == "village" and user.area == area and user.check_password(password)


def test_a_village_account_must_be_bound_to_a_village(cast, client: Client, kendal) -> None:  # type: ignore[no-untyped-def]
    login(client, cast["admin"])
    from petakan.regions.models import Area

    kecamatan = Area.objects.get(code="33.24.03")
    password = "sandi-awal-yang-panjang-1"
    response = client.post(
        "/akun/pengguna/baru/",
        {"username": "op-x", "role": "village", "area": kecamatan.pk, "password1": password, "password2": password},
    )
    assert response.status_code == 200 and "harus terikat" in response.content.decode()
    assert not User.objects.filter(username="op-x").exists()


@pytest.mark.parametrize("role", ["analyst", "council", "district", "village"])
def test_only_admins_manage_accounts(cast, client: Client, role: str) -> None:
    login(client, cast[role])
    assert client.get("/akun/pengguna/").status_code == 403
    assert client.post("/akun/pengguna/baru/", {"username": "x", "role": "admin"}).status_code == 403
    assert not User.objects.filter(username="x").exists()


def test_anonymous_visitors_are_sent_to_login(db, client: Client) -> None:
    response = client.get("/akun/pengguna/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
