"""Downloads of a compared map: both runs' values and the change, per area, with the comparison run named."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from petakan.indices.models import Run

QUERY = {"var": "sci", "level": "village", "cls": "quantile", "k": "5"}


def test_the_csv_of_a_comparison_has_both_values_and_the_change(published: Run, earlier: Run, client: Client) -> None:
    params = {"run": published.pk, "banding": earlier.pk, **QUERY}
    response = client.get("/peta/unduh.csv", params)
    assert f"run{published.pk}-vs-run{earlier.pk}-village-sci.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    data = json.loads(client.get("/peta/data.json", params).content)
    assert len(rows) == 286
    for row in rows:
        code = row["code"]
        for column, source in (("value", "values_run"), ("compare_value", "values_compare"), ("change", "values")):
            expected = data[source][code]
            assert (row[column] == "") == (expected is None)
            if expected is not None:
                assert float(row[column]) == pytest.approx(expected)
        if row["change"]:
            assert float(row["value"]) - float(row["compare_value"]) == pytest.approx(float(row["change"]), abs=1e-5)
            assert int(row["class"]) == data["classes"][code] + 1
        assert row["run"] == str(published.pk) and row["compare_run"] == str(earlier.pk)
        assert row["year"] == "2026" and row["compare_year"] == "2025"


def test_the_geojson_of_a_comparison_has_both_values_and_the_change(
    published: Run, earlier: Run, client: Client
) -> None:
    params = {"run": published.pk, "banding": earlier.pk, **QUERY, "level": "district"}
    collection = json.loads(client.get("/peta/unduh.geojson", params).content)
    data = json.loads(client.get("/peta/data.json", params).content)
    assert collection["petakan"]["compare_run"] == earlier.pk and collection["petakan"]["breaks"] == data["breaks"]
    assert len(collection["features"]) == 20
    for feature in collection["features"]:
        p = feature["properties"]
        assert p["value"] == data["values_run"][p["code"]]
        assert p["compare_value"] == data["values_compare"][p["code"]]
        assert p["change"] == data["values"][p["code"]]
        assert p["change"] == pytest.approx(p["value"] - p["compare_value"], abs=1e-5)
