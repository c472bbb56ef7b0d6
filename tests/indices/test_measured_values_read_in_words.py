"""Under the strongest and weakest indicators, the measured value reads as words: "ya"/"tidak" for a yes/no
indicator, the value with its unit otherwise, and nothing at all where nothing was measured (a kecamatan's mean),
never a placeholder like "(– 0/100)"."""

from __future__ import annotations

import re

from django.test import Client
from django.utils import translation

from petakan.indices.models import Run
from petakan.indices.reading import measured_text


def test_a_yes_no_indicator_reads_ya_or_tidak_and_yes_or_no_in_english() -> None:
    assert (measured_text(100.0, "0/100"), measured_text(0.0, "0/100")) == ("ya", "tidak")
    assert measured_text(45.0, "0/100") == "45 % ya"
    with translation.override("en"):
        assert (measured_text(100.0, "0/100"), measured_text(0.0, "0/100")) == ("yes", "no")


def test_nothing_measured_reads_as_nothing() -> None:
    assert measured_text(None, "0/100") == "" and measured_text(float("nan"), "layanan") == ""
    assert measured_text(3.0, "layanan") == "3,00 layanan"


def test_the_kecamatan_page_prints_no_placeholder_units(published: Run, client: Client) -> None:
    page = client.get("/wilayah/33.24.01/").content.decode()
    section = page[page.index('id="indeks"') :]
    assert "Tiga indikator terkuat" in section
    assert not re.search(r"\(\s*–", section) and "0/100)" not in section


def test_the_village_page_says_ya_or_tidak_for_yes_no_indicators(published: Run, client: Client) -> None:
    pages = [client.get(f"/wilayah/33.24.01.20{n:02d}/").content.decode() for n in range(1, 13)]
    lists = " ".join(p[p.index("Tiga indikator terkuat") : p.index("Skor elemen")] for p in pages)
    assert "0/100" not in lists
    assert "(ya)" in lists or "(tidak)" in lists
