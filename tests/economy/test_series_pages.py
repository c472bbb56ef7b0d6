"""The stored series are public: a list and a page per series with its table, demo series labelled."""

from __future__ import annotations

from django.test import Client

DEMO_LABEL = "DATA CONTOH / ilustratif — bukan data sektor resmi BPS"


def test_the_list_shows_both_demo_series_labelled(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ekonomi/data/").content.decode()
    assert DEMO_LABEL in html
    assert "Kendal" in html and "Jawa Tengah" in html and "2010–2023" in html


def test_a_series_page_shows_its_17_categories_and_the_published_total(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/ekonomi/data/{demo['Kendal'].pk}/")
    html = response.content.decode()
    assert DEMO_LABEL in html
    assert len(response.context["table"]["rows"]) == 17
    assert "35.286.233,79" in html  # Kendal's real 2023 total (ADHK 2010), Indonesian format
    assert "angka sangat sementara" not in html or "2023" in html


def test_an_unknown_series_is_404(db, client: Client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/ekonomi/data/999/").status_code == 404
