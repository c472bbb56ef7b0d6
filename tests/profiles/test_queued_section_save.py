"""A section saved on the phone without a connection, sent later: the same checks as online, answered in JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from petakan.accounts.naming import person
from petakan.profiles import services
from petakan.profiles.models import Profile
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

URL = f"/profil/{KENDAL_VILLAGE}/{YEAR}/ubah/population/"
QUEUED = {"HTTP_X_PETAKAN_QUEUED": "1"}


def test_a_queued_save_is_stored_and_answered_with_the_new_version(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    p = make_profile(values={"pop_male": 1000})
    login(client, "village")
    response = client.post(URL, {"version": 1, "pop_male": "1.100", "households": "600"}, **QUEUED)
    assert response.status_code == 200
    assert response.json() == {"status": "saved", "changes": 2, "version": 2}
    p.refresh_from_db()
    assert p.values == {"pop_male": 1100, "households": 600}


def test_a_queued_save_overtaken_by_another_is_refused_with_both_values(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    p = make_profile(values={"pop_male": 1000})
    services.save_section(p.area, YEAR, "population", {"pop_male": "1111"}, user=cast["admin"], version=1)
    login(client, "village")
    response = client.post(URL, {"version": 1, "pop_male": "999"}, **QUEUED)
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "conflict" and body["version"] == 2
    assert body["rows"][0]["now"] == "1.111 jiwa" and body["rows"][0]["mine"] == "999"
    assert body["rows"][0]["by"] == person(cast["admin"])  # named as on the page, not by username
    p.refresh_from_db()
    assert p.values == {"pop_male": 1111}


def test_a_queued_save_with_a_bad_value_is_refused_naming_the_field(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    p = make_profile(values={"pop_male": 1000})
    login(client, "village")
    response = client.post(URL, {"version": 1, "pop_male": "banyak"}, **QUEUED)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "problems" and list(body["errors"]) == ["pop_male"]
    p.refresh_from_db()
    assert p.values == {"pop_male": 1000} and p.version == 1


def test_a_queued_save_of_a_submitted_profile_is_refused_and_kept(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(values={"pop_male": 1000}, status="submitted")
    login(client, "village")
    response = client.post(URL, {"version": 1, "pop_male": "1001"}, **QUEUED)
    assert response.status_code == 409 and response.json()["status"] == "locked"


def test_a_queued_save_needs_the_right_to_edit(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(values={"pop_male": 1000})
    response = client.post(URL, {"version": 1, "pop_male": "1001"}, **QUEUED)
    assert response.status_code == 302  # to the login page: edit.js keeps the entry queued
    assert Profile.objects.get().values == {"pop_male": 1000}
