"""The analysis table as CSV: fixed columns, one row per category, the lib's numbers, the demo flag."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from petakan.economy.services import load_table
from petakan.lib import economy, pdrb

COLUMNS = [
    "region",
    "reference",
    "price_basis",
    "start",
    "end",
    "category",
    "name",
    "lq_start",
    "lq_end",
    "dlq",
    "lq_dlq_class",
    "growth_region",
    "growth_reference",
    "ss_reference_growth",
    "ss_industry_mix",
    "ss_competitive",
    "ss_total",
    "em_allocation",
    "klassen_quadrant",
    "klassen_key",
    "klassen_label",
    "share_region",
    "share_reference",
    "reading",
    "illustrative",
]


def _download(client: Client, **params: object) -> tuple[object, list[dict[str, str]]]:
    response = client.get("/ekonomi/analisis.csv", params)
    text = response.content.decode("utf-8")
    return response, list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_the_columns_and_a_row_per_category(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    response, rows = _download(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "ilustratif" in response["Content-Disposition"]
    header = response.content.decode().splitlines()[0].split(",")
    assert header == [*COLUMNS, "data"]  # demo input: the DATA CONTOH column last
    assert [r["category"] for r in rows] == list(pdrb.CATEGORY_CODES)
    assert {r["illustrative"] for r in rows} == {"true"}
    assert {r["data"] for r in rows} == {"DATA CONTOH"}  # the file says so in words, as every export does
    assert {(r["region"], r["reference"], r["start"], r["end"]) for r in rows} == {
        ("Kendal", "Jawa Tengah", "2010", "2023")
    }


def test_the_csv_numbers_are_the_lib_results(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    region, reference = load_table(demo["Kendal"]), load_table(demo["Jawa Tengah"])
    expected = economy.analyse_sectors(region.values, reference.values, region.years, 2012, 2020)
    _response, rows = _download(
        client, region=demo["Kendal"].pk, reference=demo["Jawa Tengah"].pk, start=2012, end=2020
    )
    for i, row in enumerate(rows):
        assert float(row["lq_end"]) == pytest.approx(expected.lq_end[i], abs=1e-6)
        assert float(row["dlq"]) == pytest.approx(expected.dlq[i], abs=1e-6)
        assert float(row["ss_competitive"]) == pytest.approx(expected.shift.competitive[i], abs=1e-4)
        assert row["klassen_key"] == expected.klassen.quadrants.key_array()[i]


def test_the_csv_refuses_an_impossible_choice(demo, client: Client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/ekonomi/analisis.csv", {"region": demo["Kendal"].pk, "reference": demo["Kendal"].pk})
    assert response.status_code == 400
