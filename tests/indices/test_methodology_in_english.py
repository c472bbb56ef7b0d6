"""The methodology page gives rationales and the source line in the reader's language."""

from __future__ import annotations

from django.test import Client
from django.utils.html import escape

from petakan.indices import services
from petakan.indices.models import Run

URL = "/indeks/metodologi/smart-city-v1/"


def test_the_english_methodology_page_shows_english_rationales_and_source(published: Run, client: Client) -> None:
    fw = services.framework("smart-city-v1")
    client.cookies["django_language"] = "en"
    html = client.get(URL).content.decode()
    for i in fw.indicators:
        assert escape(i.rationale["en"]) in html, i.code
        assert escape(i.rationale["id"]) not in html, i.code
    assert escape(fw.source["en"]) in html and escape(fw.source["id"]) not in html
    assert f"(#{published.pk}, {published.year})" in html  # the page with a current run's audit


def test_the_indonesian_methodology_page_shows_indonesian_rationales_and_source(db, client: Client) -> None:  # type: ignore[no-untyped-def]
    fw = services.framework("smart-city-v1")
    client.cookies["django_language"] = "id"
    html = client.get(URL).content.decode()
    for i in fw.indicators:
        assert escape(i.rationale["id"]) in html, i.code
        assert escape(i.rationale["en"]) not in html, i.code
    assert escape(fw.source["id"]) in html and escape(fw.source["en"]) not in html
