from __future__ import annotations

from django.test import Client


def test_the_home_page_shows_kendal_and_its_map(kendal, client: Client) -> None:
    html = client.get("/").content.decode()
    assert "Kabupaten Kendal" in html and 'id="map"' in html and "20 kecamatan, 266 desa dan 20 kelurahan" in html
    assert "/static/npm/leaflet/leaflet.js" in html


def test_the_village_page_shows_names_codes_area_and_postal_code(kendal, client: Client) -> None:
    html = client.get("/wilayah/33.24.01.2001/").content.decode()
    for text in ("Blumah", "33.24.01.2001", "3324010001", "Plantungan", "4,90 km²", "51362"):
        assert text in html, text


def test_the_pages_speak_english_when_asked(kendal, client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/wilayah/33.24.01.2001/").content.decode()
    assert "Postal code" in html and "Kode pos" not in html
    assert "4.90 km²" in html


def test_an_unknown_area_page_is_404(kendal, client: Client) -> None:
    assert client.get("/wilayah/33.24.99/").status_code == 404


def test_indonesian_is_the_default_even_for_an_english_browser(kendal, client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in html
