"""The public /ekonomi/ page: Kendal against Jawa Tengah by default, readings per sector, demo data labelled."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from petakan.economy.models import PdrbSeries
from petakan.lib import economy, pdrb

DEMO_LABEL = "DATA CONTOH / ilustratif — bukan data sektor resmi BPS"


def _expected_readings(data_dir: Path, language: str) -> list[str]:
    """The readings computed straight from the shared totals file with lib, not through the database."""
    path = data_dir / "kendal_jateng_pdrb_total_bps.csv"
    tables = [
        pdrb.illustrative_split(pdrb.read_bps_totals(path, code, "ADHK2010"), *pdrb.ILLUSTRATIVE_SHARES[code])
        for code in ("3324", "3300")
    ]
    result = economy.analyse_sectors(tables[0].values, tables[1].values, tables[0].years, 2010, 2023)
    names = [c.reading_name(language) for c in pdrb.CATEGORIES]
    return economy.sector_readings(
        names, result.lq_end, result.growth, result.reference_growth, "Jawa Tengah", language
    )


def test_it_defaults_to_kendal_against_jawa_tengah_over_all_common_years(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/ekonomi/")
    result = response.context["result"]
    assert result.region == demo["Kendal"] and result.reference == demo["Jawa Tengah"]
    assert (result.start, result.end) == (2010, 2023)
    assert "Kendal dibanding Jawa Tengah, 2010–2023" in response.content.decode()


def test_it_shows_the_plain_language_reading_of_every_sector(demo, client: Client, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ekonomi/").content.decode()
    expected = _expected_readings(data_dir, "id")
    assert len(expected) == 17
    for reading in expected:
        assert reading in html, reading
    assert "Industri pengolahan: sektor basis (LQ 1,3) yang tumbuh lebih cepat dari Jawa Tengah" in html


def test_the_readings_follow_the_language(demo, client: Client, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/ekonomi/").content.decode()
    assert "Manufacturing: a basic sector (LQ 1.3) growing faster than Jawa Tengah" in html
    for reading in _expected_readings(data_dir, "en"):
        assert reading in html


def test_the_illustrative_label_is_shown_prominently(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ekonomi/").content.decode()
    assert f'<strong class="demo-badge">{DEMO_LABEL}</strong>' in html
    assert html.index(DEMO_LABEL) < html.index('id="leading-table"')


def test_real_data_is_not_labelled_as_demo(db, client: Client, bps_file: Path) -> None:  # type: ignore[no-untyped-def]
    quiet = StringIO()
    call_command(
        "economy", "import", str(bps_file), "--region", "A", "--price-basis", "ADHK2010", "--commit", stdout=quiet
    )
    call_command(
        "economy", "import", str(bps_file), "--region", "B", "--price-basis", "ADHK2010", "--commit", stdout=quiet
    )
    ids = {name: pk for pk, name in PdrbSeries.objects.values_list("pk", "region_name")}
    response = client.get("/ekonomi/", {"region": ids["A"], "reference": ids["B"]})
    assert response.context["result"] is not None
    assert DEMO_LABEL not in response.content.decode()


def test_the_table_shows_lq_dlq_shift_share_and_klassen_in_indonesian_numbers(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/ekonomi/")
    rows = {r.code: r for r in response.context["result"].rows}
    assert len(rows) == 17
    manufacturing = rows["C"]
    assert manufacturing.lq_end is not None and manufacturing.lq_end > 1
    assert manufacturing.klassen_number == "I" and manufacturing.klassen_label == "Sektor maju dan tumbuh pesat"
    assert manufacturing.dlq == pytest.approx(manufacturing.lq_end / manufacturing.lq_start)
    html = response.content.decode()
    lq = f"{manufacturing.lq_end:.2f}".replace(".", ",")
    assert f">{lq}</td>" in html


def test_the_chart_data_is_handed_to_the_script(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ekonomi/").content.decode()
    start = html.index('<script id="economy-data" type="application/json">') + len(
        '<script id="economy-data" type="application/json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["codes"] == list(pdrb.CATEGORY_CODES)
    assert len(data["lq_end"]) == len(data["n"]) == len(data["klassen"]) == 17
    assert "npm/echarts/echarts.min.js" in html and "economy/economy.js" in html
    for table in ("table-lq", "table-shift", "table-klassen"):
        assert f'id="{table}"' in html


def test_start_and_end_years_can_be_chosen_and_are_checked(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    ids = {"region": demo["Kendal"].pk, "reference": demo["Jawa Tengah"].pk}
    result = client.get("/ekonomi/", {**ids, "start": 2015, "end": 2019}).context["result"]
    assert (result.start, result.end) == (2015, 2019)
    response = client.get("/ekonomi/", {**ids, "start": 2019, "end": 2015})
    assert response.context["result"] is None and "Tahun akhir harus sesudah tahun awal" in response.content.decode()
    same = client.get("/ekonomi/", {"region": ids["region"], "reference": ids["region"]})
    assert same.context["result"] is None and "dua seri yang berbeda" in same.content.decode()


def test_without_any_series_the_page_says_how_to_get_data(db, client: Client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/ekonomi/")
    assert response.status_code == 200 and response.context["result"] is None
    assert "petakan economy load-demo" in response.content.decode()


def test_the_page_needs_a_fixed_number_of_queries(demo, client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    # series, years, the regency's BPS code, two choices validated and rendered, two series × (values, totals)
    with django_assert_max_num_queries(12):
        assert client.get("/ekonomi/").context["result"] is not None
    with django_assert_max_num_queries(3):
        assert client.get("/ekonomi/data/").status_code == 200
