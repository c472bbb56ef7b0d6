"""403, 404 and 500 answer in the visitor's language inside the site's layout (menu included) with a way home,
also when DEBUG is on: the demo never shows Django's technical pages (URL patterns, settings, tracebacks)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import path

from petakan.urls import urlpatterns as site_patterns
from tests.conftest import OTHER_VILLAGE, PASSWORD


def _fail(request: Any) -> Any:
    raise RuntimeError("a bug")


urlpatterns = [path("rusak/", _fail), *site_patterns]
handler404 = "petakan.web.errors.page_not_found"
handler500 = "petakan.web.errors.server_error"


@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_address_gets_the_indonesian_404_page_with_the_menu(
    debug: bool, client: Client, kendal: Any, settings: Any
) -> None:
    settings.DEBUG = debug
    response = client.get("/tidak-ada/sama-sekali/")
    text = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in text and 'id="main-menu"' in text and 'id="error-home"' in text
    assert "URLconf" not in text and "Using the URLconf" not in text


def test_a_404_raised_by_a_view_with_debug_on_is_the_site_page(client: Client, kendal: Any, settings: Any) -> None:
    settings.DEBUG = True
    response = client.get("/wilayah/99.99/")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.content.decode()


def test_a_village_opening_another_villages_form_is_told_why_in_indonesian_with_the_menu(
    client: Client, cast: Any, settings: Any
) -> None:
    settings.DEBUG = True
    assert client.login(username=cast["village"].username, password=PASSWORD)
    response = client.get(f"/profil/{OTHER_VILLAGE}/2026/ubah/population/")
    text = response.content.decode()
    assert response.status_code == 403
    assert "Anda tidak berhak membuka halaman ini" in text and "Akun desa hanya dapat" in text and "Blumah" in text
    assert 'id="menu-my-home"' in text and 'href="/beranda/"' in text and "Forbidden" not in text


def test_the_refusal_reads_in_english_when_english_was_chosen(client: Client, cast: Any) -> None:
    assert client.login(username=cast["village"].username, password=PASSWORD)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = client.get(f"/profil/{OTHER_VILLAGE}/2026/ubah/population/").content.decode()
    assert "You may not open this page" in text and "My home" in text


@pytest.mark.urls("tests.web.test_error_pages")
def test_a_failure_with_debug_on_shows_the_site_500_page_and_no_traceback(
    client: Client, kendal: Any, settings: Any, caplog: Any
) -> None:
    settings.DEBUG = True
    response = client.get("/rusak/")
    text = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in text and "Traceback" not in text and "RuntimeError" not in text
    assert any("a bug" in str(r.exc_info) for r in caplog.records if r.exc_info)  # logged for whoever runs it


@pytest.mark.urls("tests.web.test_error_pages")
def test_a_failure_with_debug_off_uses_the_same_500_page(client: Client, kendal: Any, settings: Any) -> None:
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/rusak/")
    assert response.status_code == 500 and "Terjadi kesalahan di server" in response.content.decode()


def test_an_expired_form_is_explained_in_the_site_layout(kendal: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/akun/masuk/", {"username": "x", "password": "y"})
    text = response.content.decode()
    assert response.status_code == 403 and "Formulir kedaluwarsa" in text and 'id="main-menu"' in text
