"""A village whose profile is published and locked sees why and who can open it, and asks Kominfo to reopen it
with a reason; Kominfo sees the request on its home and returns the profile, or declines with a reason the village
reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from petakan.profiles import services
from petakan.profiles.models import Profile, ReopenRequest
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

P = f"/profil/{KENDAL_VILLAGE}/{YEAR}"


@pytest.mark.parametrize(
    ("status", "who"),
    [("submitted", "petugas Kecamatan Plantungan"), ("verified", "Kominfo (admin)"), ("published", "Kominfo (admin)")],
)
def test_a_locked_profile_says_why_and_who_can_open_it(
    status: str,
    who: str,
    client: Client,
    login: Callable[..., Client],
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
) -> None:
    make_profile(status=status, values=complete_values)
    login(client, "village")
    text = client.get(f"{P}/").content.decode()
    assert 'id="lock-reason"' in text and "Yang dapat membukanya: " + who in text
    assert ('id="action-request-reopen"' in text) == (status == "published")


def test_the_village_asks_and_kominfo_sees_the_request_on_its_home_and_returns_the_profile(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(status="published", values=complete_values)
    login(client, "village")
    response = client.post(f"{P}/minta-dibuka/", {"reason": "Jumlah KK berubah setelah pemutakhiran DTKS."})
    assert response.status_code == 302
    assert 'id="reopen-state"' in client.get(f"{P}/").content.decode()

    client.logout()
    login(client, "admin")
    home = client.get("/beranda/").content.decode()
    assert 'id="reopen-requests"' in home and "Jumlah KK berubah setelah pemutakhiran DTKS." in home
    request = ReopenRequest.objects.get()
    assert client.post(f"/profil/permintaan-buka/{request.pk}/", {"decision": "accept"}).status_code == 302
    p.refresh_from_db()
    request.refresh_from_db()
    assert p.status == "returned" and p.return_comment == "Jumlah KK berubah setelah pemutakhiran DTKS."
    assert request.status == "accepted"
    assert 'id="reopen-requests"' not in client.get("/beranda/").content.decode()


def test_a_declined_request_shows_the_reason_to_the_village(
    client: Client,
    login: Callable[..., Client],
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
    cast: dict[str, Any],
) -> None:
    p = make_profile(status="published", values=complete_values)
    request = services.request_reopen(p, user=cast["village"], reason="Salah ketik.")
    login(client, "admin")
    response = client.post(f"/profil/permintaan-buka/{request.pk}/", {"decision": "decline", "comment": ""})
    assert "Tulis alasan penolakan untuk desa." in response.content.decode()
    client.post(f"/profil/permintaan-buka/{request.pk}/", {"decision": "decline", "comment": "Data sudah benar."})
    p.refresh_from_db()
    assert p.status == "published"
    client.logout()
    login(client, "village")
    text = client.get(f"{P}/").content.decode()
    assert "ditolak" in text and "Data sudah benar." in text
    assert 'id="action-request-reopen"' in text  # may ask again


def test_a_request_needs_a_reason_and_is_not_sent_twice(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    p = make_profile(status="published")
    login(client, "village")
    text = client.post(f"{P}/minta-dibuka/", {"reason": " "}).content.decode()
    assert 'id="reopen-error"' in text and "Tulis alasannya" in text
    services.request_reopen(p, user=cast["village"], reason="Perlu koreksi.")
    with pytest.raises(services.ReopenError):
        services.request_reopen(p, user=cast["village"], reason="Lagi.")
    assert ReopenRequest.objects.count() == 1


@pytest.mark.parametrize("role", ["other_village", "district", "analyst", "council"])
def test_only_the_village_itself_may_ask(
    role: str, client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(status="published")
    login(client, role)
    assert client.post(f"{P}/minta-dibuka/", {"reason": "x"}).status_code == 403
    assert not ReopenRequest.objects.exists()


def test_returning_the_profile_directly_answers_the_waiting_request(
    make_profile: Callable[..., Profile], complete_values: dict[str, Any], cast: dict[str, Any]
) -> None:
    p = make_profile(status="published", values=complete_values)
    request = services.request_reopen(p, user=cast["village"], reason="Perlu koreksi.")
    services.transition(p, "return", user=cast["admin"], version=p.version, comment="Silakan perbaiki.")
    request.refresh_from_db()
    assert request.status == "accepted" and request.decided_by == cast["admin"]
