from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from petakan.accounts import throttle
from petakan.accounts.models import LoginFailure, User
from tests.conftest import PASSWORD

ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.7"


def attempt(client: Client, username: str, password: str = "wrong"):  # type: ignore[no-untyped-def]
    return client.post("/akun/masuk/", {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return bool(client.session.get("_auth_user_id"))


def test_it_logs_in_with_the_right_password(cast, client: Client) -> None:
    response = attempt(client, "eka-village", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_after_fifty_wrong_passwords_for_admin_from_one_address_admin_logs_in_from_another_at_once(cast) -> None:
    User.objects.create_user(username="admin", password=PASSWORD, role="admin")
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _attempt in range(50):
        attempt(attacker, "admin")
    owner = Client(REMOTE_ADDR=OFFICE)
    response = attempt(owner, "admin", PASSWORD)
    assert response.status_code == 302 and logged_in(owner)


def test_the_attacking_address_is_slowed_even_with_the_right_password(cast) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _attempt in range(5):
        assert attempt(attacker, "eka-village").status_code == 200
    response = attempt(attacker, "eka-village", PASSWORD)
    assert response.status_code == 429 and not logged_in(attacker)
    assert "Coba lagi dalam 1 menit" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 61


def test_attempts_while_waiting_are_not_checked_nor_counted(cast) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _attempt in range(50):
        attempt(attacker, "eka-village")
    # 5 free failures, then one more that starts the wait; the other 44 never reached the password check
    assert LoginFailure.objects.filter(username="eka-village").count() == 5


def test_the_wait_doubles_with_each_failure_up_to_the_cap(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_THROTTLE_BASE_DELAY_SECONDS = 60
    settings.LOGIN_THROTTLE_MAX_DELAY_SECONDS = 3600
    waits = [throttle.delay_seconds(n, 5) for n in range(4, 14)]
    assert waits == [0, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    assert throttle.delay_seconds(10_000, 5) == 3600


def test_once_the_wait_is_over_the_next_failure_waits_twice_as_long(cast) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _attempt in range(5):
        attempt(attacker, "eka-village")
    assert attempt(attacker, "eka-village").status_code == 429
    LoginFailure.objects.update(at=timezone.now() - timedelta(seconds=61))  # the 1-minute wait has passed
    assert attempt(attacker, "eka-village").status_code == 200  # checked, wrong, counted
    response = attempt(attacker, "eka-village")
    assert response.status_code == 429 and "Coba lagi dalam 2 menit" in response.content.decode()


def test_an_address_trying_many_usernames_is_slowed_for_every_username_it_tries(cast) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for number in range(20):
        attempt(attacker, f"guess-{number}")  # 20 usernames, 1 failure each: no pair reaches its limit
    response = attempt(attacker, "fajar-village", PASSWORD)
    assert response.status_code == 429 and not logged_in(attacker)
    # the same usernames from another address are not slowed
    assert attempt(Client(REMOTE_ADDR=OFFICE), "fajar-village", PASSWORD).status_code == 302


def test_a_browser_that_logged_in_before_is_not_slowed_by_other_usernames_failing_from_its_address(cast) -> None:
    office = Client(REMOTE_ADDR=OFFICE)
    assert attempt(office, "fajar-village", PASSWORD).status_code == 302
    office.post("/akun/keluar/")
    intruder = Client(REMOTE_ADDR=OFFICE)  # same shared connection, another browser
    for number in range(30):
        attempt(intruder, f"guess-{number}")
    assert attempt(intruder, "eka-village", PASSWORD).status_code == 429
    assert attempt(office, "fajar-village", PASSWORD).status_code == 302 and logged_in(office)


def test_a_forged_device_cookie_counts_for_nothing(cast) -> None:
    intruder = Client(REMOTE_ADDR=OFFICE)
    intruder.cookies[throttle.DEVICE_COOKIE] = "fajar-village"
    for number in range(30):
        attempt(intruder, f"guess-{number}")
    assert attempt(intruder, "fajar-village", PASSWORD).status_code == 429


def test_usernames_are_case_insensitive_in_the_throttle_key(cast) -> None:
    User.objects.create_user(username="victim", password=PASSWORD, role="analyst")
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for name in ("VICTIM", "Victim", "victim", "vIcTiM", " VICTIM"):
        attempt(attacker, name)
    assert attempt(attacker, "victim", PASSWORD).status_code == 429
    assert set(LoginFailure.objects.values_list("username", flat=True)) == {"victim"}


def test_a_successful_login_forgets_the_failures_of_that_username_from_that_address(cast, client: Client) -> None:
    for _attempt in range(4):
        attempt(client, "eka-village")
    assert attempt(client, "eka-village", PASSWORD).status_code == 302
    client.post("/akun/keluar/")
    for _attempt in range(4):
        attempt(client, "eka-village")
    assert attempt(client, "eka-village", PASSWORD).status_code == 302


def test_failures_older_than_the_window_no_longer_count(cast, settings) -> None:  # type: ignore[no-untyped-def]
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _attempt in range(5):
        attempt(attacker, "eka-village")
    LoginFailure.objects.update(at=timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS + 1))
    assert attempt(attacker, "eka-village", PASSWORD).status_code == 302


def test_the_throttle_lives_in_the_database_shared_by_every_app_server(cast) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _attempt in range(5):
        attempt(attacker, "eka-village")
    cache.clear()  # another process has an empty cache of its own: the throttle must not depend on it
    assert attempt(Client(REMOTE_ADDR=ATTACKER), "eka-village", PASSWORD).status_code == 429


def test_it_says_at_what_time_to_try_again_in_english_too(cast) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    attacker.cookies["django_language"] = "en"
    for _attempt in range(5):
        attempt(attacker, "eka-village")
    text = attempt(attacker, "eka-village").content.decode()
    until = timezone.localtime(timezone.now() + timedelta(seconds=60))
    assert "Try again in 1 minute (at " in text
    assert f"{until:%H:%M}" in text or f"{until - timedelta(seconds=2):%H:%M}" in text
