from __future__ import annotations

import pytest
from django.test import Client

from petakan.accounts.models import LoginFailure
from tests.conftest import PASSWORD

ATTACKER = "203.0.113.66"


def slow_down(username: str, address: str = ATTACKER) -> Client:
    attacker = Client(REMOTE_ADDR=address)
    for _attempt in range(6):
        attacker.post("/akun/masuk/", {"username": username, "password": "wrong"})
    return attacker


def test_an_admin_sees_who_is_slowed_and_until_when(cast) -> None:
    slow_down("eka-village")
    admin = Client()
    admin.force_login(cast["admin"])
    page = admin.get("/akun/pembatasan-masuk/").content.decode()
    assert "eka-village" in page and ATTACKER in page and "<strong>" in page


def test_an_admin_clears_a_throttle_and_the_owner_logs_in_at_once(cast) -> None:
    attacker = slow_down("eka-village")
    assert attacker.post("/akun/masuk/", {"username": "eka-village", "password": PASSWORD}).status_code == 429
    admin = Client()
    admin.force_login(cast["admin"])
    response = admin.post("/akun/pembatasan-masuk/", {"address": ATTACKER, "username": "eka-village"}, follow=True)
    assert "dihapus (5 kegagalan)" in response.content.decode()
    assert not LoginFailure.objects.filter(username="eka-village").exists()
    assert attacker.post("/akun/masuk/", {"username": "eka-village", "password": PASSWORD}).status_code == 302


def test_an_admin_clears_a_whole_address(cast) -> None:
    slow_down("eka-village")
    slow_down("fajar-village")
    slow_down("eka-village", "198.51.100.7")
    admin = Client()
    admin.force_login(cast["admin"])
    admin.post("/akun/pembatasan-masuk/", {"address": ATTACKER, "username": ""})
    assert list(LoginFailure.objects.values_list("address", flat=True).distinct()) == ["198.51.100.7"]


@pytest.mark.parametrize("role", ["analyst", "council", "district", "village"])
def test_no_one_else_may_see_or_clear_throttles(cast, role: str) -> None:
    slow_down("eka-village")
    client = Client()
    client.force_login(cast[role])
    assert client.get("/akun/pembatasan-masuk/").status_code == 403
    assert client.post("/akun/pembatasan-masuk/", {"address": ATTACKER}).status_code == 403
    assert LoginFailure.objects.count() == 5


def test_the_public_is_sent_to_the_login_page(cast) -> None:
    assert Client().get("/akun/pembatasan-masuk/").status_code == 302
