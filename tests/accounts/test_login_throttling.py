from __future__ import annotations

from django.test import Client

from tests.conftest import PASSWORD


def test_it_logs_in_with_the_right_password(cast, client: Client) -> None:
    response = client.post("/akun/masuk/", {"username": "eka-village", "password": PASSWORD})
    assert response.status_code == 302 and client.session.get("_auth_user_id")


def test_it_refuses_to_check_passwords_after_five_failures(cast, client: Client) -> None:
    for _attempt in range(5):
        response = client.post("/akun/masuk/", {"username": "eka-village", "password": "wrong"})
        assert response.status_code == 200
    # even the right password is refused now: the account is locked for the window
    response = client.post("/akun/masuk/", {"username": "eka-village", "password": PASSWORD})
    assert response.status_code == 200 and "Terlalu banyak percobaan" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_failures_on_one_account_do_not_lock_another(cast, client: Client) -> None:
    for _attempt in range(5):
        client.post("/akun/masuk/", {"username": "eka-village", "password": "wrong"})
    response = client.post("/akun/masuk/", {"username": "fajar-village", "password": PASSWORD})
    assert response.status_code == 302


def test_a_successful_login_clears_earlier_failures(cast, client: Client) -> None:
    for _attempt in range(4):
        client.post("/akun/masuk/", {"username": "eka-village", "password": "wrong"})
    assert client.post("/akun/masuk/", {"username": "eka-village", "password": PASSWORD}).status_code == 302
    client.logout()
    for _attempt in range(4):
        client.post("/akun/masuk/", {"username": "eka-village", "password": "wrong"})
    assert client.post("/akun/masuk/", {"username": "eka-village", "password": PASSWORD}).status_code == 302
