"""Only analysts and admins import PDRB tables (analysis.import); the analysis itself is public."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from petakan.economy.models import PdrbSeries
from tests.economy.conftest import post_import


def test_an_anonymous_visitor_is_sent_to_the_login(db, client: Client, bps_csv: bytes) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/ekonomi/unggah/")
    assert response.status_code == 302 and response.url.startswith("/akun/masuk/")
    response = post_import(client, bps_csv, commit=True)
    assert response.status_code == 302 and response.url.startswith("/akun/masuk/")
    assert not PdrbSeries.objects.exists()


@pytest.mark.parametrize("role", ["village", "district", "council"])
def test_village_district_and_council_accounts_cannot_import(
    role: str, login: Callable[[str], Client], bps_csv: bytes
) -> None:
    client = login(role)
    assert client.get("/ekonomi/unggah/").status_code == 403
    assert post_import(client, bps_csv, commit=True).status_code == 403
    assert not PdrbSeries.objects.exists()


@pytest.mark.parametrize("role", ["admin", "analyst"])
def test_admins_and_analysts_can_import(role: str, login: Callable[[str], Client], bps_csv: bytes) -> None:
    client = login(role)
    assert client.get("/ekonomi/unggah/").status_code == 200
    assert post_import(client, bps_csv, commit=True).status_code == 302
    assert PdrbSeries.objects.count() == 1


def test_the_upload_link_shows_only_to_those_who_may_import(demo, client: Client, login) -> None:  # type: ignore[no-untyped-def]
    assert "/ekonomi/unggah/" not in client.get("/ekonomi/").content.decode()
    assert "/ekonomi/unggah/" in login("analyst").get("/ekonomi/").content.decode()
