"""The economy pages name their source as a publication (title, table, edition, years), not as a file name."""

from __future__ import annotations

from django.test import Client


def test_the_analysis_page_names_the_bps_publication_and_no_file(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ekonomi/").content.decode()
    assert "kendal_jateng_pdrb_total_bps.csv" not in html
    assert "BPS, [SERI 2010] PDRB Atas Dasar Harga Konstan (2010=100) Menurut Pengeluaran Kabupaten/Kota" in html
    assert "WebAPI var 2194" in html and "2010–2023" in html
    assert "WebAPI var 533" in html  # Jawa Tengah's table, the reference


def test_the_stored_series_carry_the_publication(demo) -> None:  # type: ignore[no-untyped-def]
    for series in demo.values():
        assert series.source.startswith("Total PDRB per tahun: BPS, [SERI 2010]") and ".csv" not in series.source
        assert "DATA CONTOH" in series.source
