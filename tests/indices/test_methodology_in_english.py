"""The methodology page gives rationales and the source line in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from petakan.indices import services
from petakan.indices.models import Run

URL = "/indeks/metodologi/smart-city-v1/"


@pytest.mark.parametrize(("language", "other"), [("en", "id"), ("id", "en")])
def test_the_methodology_page_shows_rationales_and_source_in_the_readers_language(
    language: str, other: str, published: Run, client: Client
) -> None:
    fw = services.framework("smart-city-v1")
    client.cookies["django_language"] = language
    html = client.get(URL).content.decode()
    for i in fw.indicators:
        assert escape(i.rationale[language]) in html, i.code
        assert escape(i.rationale[other]) not in html, i.code
    assert escape(fw.source[language]) in html and escape(fw.source[other]) not in html
    assert f"#{published.pk} ({published.year})" in html  # the page with a current run's audit, named
