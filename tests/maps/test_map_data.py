"""/peta/data.json: the values of one variable for every area, their classes, colours and legend."""

from __future__ import annotations

import json

import numpy as np
import pytest
from django.test import Client

from petakan.indices import scores
from petakan.indices.models import Run, Unit
from petakan.lib.classify import quantile_breaks
from petakan.maps import palettes


def get(client: Client, run: Run, **params: str) -> dict:
    response = client.get("/peta/data.json", {"run": run.pk, **params})
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_it_gives_every_village_a_value_and_a_class_from_the_runs_scores(published: Run, client: Client) -> None:
    data = get(client, published, var="econ")
    stored = dict(scores.node_values(published, Unit.VILLAGE, "econ"))
    assert len(data["values"]) == 286 and set(data["values"]) == set(stored)
    for code, value in stored.items():
        if value is None:
            assert data["values"][code] is None and data["classes"][code] == -1
        else:
            assert data["values"][code] == pytest.approx(value, abs=1e-6)


def test_the_breaks_are_the_quantiles_of_the_values_and_each_class_holds_its_values(
    published: Run, client: Client
) -> None:
    data = get(client, published, var="gov", cls="quantile", k="5")
    values = np.array([v for v in data["values"].values() if v is not None])
    assert data["breaks"] == pytest.approx(quantile_breaks(values, 5).tolist())
    breaks = data["breaks"]
    for code, value in data["values"].items():
        cls = data["classes"][code]
        if value is None:
            continue
        assert breaks[cls] <= value <= breaks[cls + 1]
        if cls > 0:
            assert value > breaks[cls]  # upper-inclusive: a value on an edge belongs to the lower class


def test_the_legend_counts_and_colours_match_the_classes(published: Run, client: Client) -> None:
    data = get(client, published, var="society", cls="jenks", k="6", pal="viridis")
    classes = list(data["classes"].values())
    entries = data["legend"]
    assert [e["class"] for e in entries] == [0, 1, 2, 3, 4, 5, -1]
    assert [e["colour"] for e in entries[:-1]] == list(palettes.colours("viridis", 6))
    for e in entries:
        assert e["count"] == classes.count(e["class"])
    missing = entries[-1]
    assert missing["label"] == "data belum cukup" and missing["hatch"] and missing["count"] >= 1


def test_the_kecamatan_level_shows_the_20_kecamatan_means(published: Run, client: Client) -> None:
    data = get(client, published, var="sci", level="district")
    stored = dict(scores.node_values(published, Unit.DISTRICT, "sci"))
    assert len(data["values"]) == 20
    assert data["values"] == pytest.approx({c: round(v, 6) for c, v in stored.items()})
    assert "rata-rata" in data["note"]


def test_it_answers_304_to_a_known_etag_even_when_gzip_weakened_it(published: Run, client: Client) -> None:
    first = client.get("/peta/data.json", {"run": published.pk, "var": "env"})
    etag = first["ETag"]
    assert first["Cache-Control"].startswith("public")
    assert (
        client.get("/peta/data.json", {"run": published.pk, "var": "env"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    )
    weak = client.get("/peta/data.json", {"run": published.pk, "var": "env"}, HTTP_IF_NONE_MATCH="W/" + etag)
    assert weak.status_code == 304
    other = client.get("/peta/data.json", {"run": published.pk, "var": "env", "k": "4"})
    assert other["ETag"] != etag


def test_the_etag_is_known_without_reading_the_scores(
    published: Run, client: Client, django_assert_num_queries
) -> None:
    etag = client.get("/peta/data.json", {"run": published.pk, "var": "brand"})["ETag"]
    with django_assert_num_queries(1):  # the run's visibility only
        response = client.get("/peta/data.json", {"run": published.pk, "var": "brand"}, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


@pytest.mark.parametrize(
    ("param", "value"),
    [("var", "no_such_node"), ("level", "province"), ("cls", "headtail"), ("k", "12"), ("k", "x"), ("pal", "jet")],
)
def test_it_rejects_a_bad_parameter_naming_it(published: Run, client: Client, param: str, value: str) -> None:
    response = client.get("/peta/data.json", {"run": published.pk, param: value})
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["field"] == param and body["value"] == value and body["error"]


def test_a_missing_or_unknown_run_is_404(published: Run, client: Client) -> None:
    assert client.get("/peta/data.json").status_code == 404
    assert client.get("/peta/data.json", {"run": published.pk + 1000}).status_code == 404
    assert client.get("/peta/data.json", {"run": "abc"}).status_code == 404


def test_names_and_numbers_follow_the_language(published: Run, client: Client) -> None:
    indonesian = get(client, published, var="sci")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = get(client, published, var="sci")
    assert (indonesian["name"], english["name"]) == ("Indeks Smart City", "Smart City Index")
    assert "," in indonesian["legend"][0]["label"] and "." in english["legend"][0]["label"]
    assert indonesian["values"] == english["values"]
