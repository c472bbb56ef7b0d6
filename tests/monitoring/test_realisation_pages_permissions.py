"""The monitoring pages are for the admin, the analyst and the council; entering is for the admin and the analyst,
reviewing for the admin; villages, kecamatan and the public are refused (the anonymous visitor is sent to log in)."""

from __future__ import annotations

import pytest

from petakan.monitoring.models import Realisation


def urls(programme) -> list[str]:  # type: ignore[no-untyped-def]
    sasaran = programme.period.misi.first().tujuan.first().sasaran.first()
    return [
        "/pemantauan/",
        "/pemantauan/realisasi/",
        "/pemantauan/tertinggal/",
        "/pemantauan/dimensi/gov/",
        f"/pemantauan/sasaran/{sasaran.pk}/",
        f"/pemantauan/program/{programme.pk}/",
        f"/pemantauan/program/{programme.pk}/2025/",
    ]


@pytest.mark.parametrize("role", ["admin", "analyst", "council"])
def test_the_regency_roles_read_every_page(login, programme, role) -> None:  # type: ignore[no-untyped-def]
    client = login(role)
    for url in urls(programme):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["village", "district"])
def test_villages_and_kecamatan_are_refused(login, programme, role) -> None:  # type: ignore[no-untyped-def]
    client = login(role)
    for url in [*urls(programme), f"/pemantauan/program/{programme.pk}/2025/isi/"]:
        assert client.get(url).status_code == 403, url


def test_the_public_is_sent_to_log_in(login, programme) -> None:  # type: ignore[no-untyped-def]
    client = login("anonymous")
    for url in urls(programme):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], url


def test_the_council_reads_but_neither_enters_nor_reviews(login, programme) -> None:  # type: ignore[no-untyped-def]
    client = login("council")
    assert client.get(f"/pemantauan/program/{programme.pk}/2025/isi/").status_code == 403
    Realisation.objects.create(programme=programme, year=2025, review="submitted")
    assert client.post(f"/pemantauan/program/{programme.pk}/2025/tinjau/", {"action": "accept"}).status_code == 403
    assert Realisation.objects.get().review == "submitted"


def test_the_analyst_enters_but_does_not_review(login, programme) -> None:  # type: ignore[no-untyped-def]
    client = login("analyst")
    assert client.get(f"/pemantauan/program/{programme.pk}/2025/isi/").status_code == 200
    Realisation.objects.create(programme=programme, year=2025, review="submitted")
    assert client.post(f"/pemantauan/program/{programme.pk}/2025/tinjau/", {"action": "accept"}).status_code == 403


def test_a_year_outside_the_period_and_the_programme_is_not_found(login, programme) -> None:  # type: ignore[no-untyped-def]
    assert login("analyst").get(f"/pemantauan/program/{programme.pk}/2031/").status_code == 404
