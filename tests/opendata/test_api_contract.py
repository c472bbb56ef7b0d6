"""Every answer the JSON API gives is stated in its OpenAPI document, with a schema the body validates against."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from django.test import Client

from petakan.indices.models import Run


def operation(doc: dict[str, Any], path: str) -> dict[str, Any]:
    return doc["paths"][path]["get"]


def check(doc: dict[str, Any], template: str, response: Any) -> None:
    """The status is documented for the operation and the body validates against the documented schema."""
    answers = operation(doc, template)["responses"]
    status = str(response.status_code)
    assert status in answers, f"{template} answered {status}, the document states {sorted(answers)}"
    content = answers[status].get("content")
    if not content:
        assert not response.content, f"{template} {status}: a body where the document states none"
        return
    media = response["Content-Type"].split(";")[0]
    assert media in content, f"{template} {status}: {media} not in {list(content)}"
    schema = {**content[media]["schema"], "components": doc["components"]}
    jsonschema.validate(response.json(), schema)


@pytest.fixture
def doc(db, client: Client) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json()


def test_every_status_the_areas_endpoints_give_is_documented(doc, kendal, client: Client) -> None:
    check(doc, "/api/v1/areas/{code}", client.get("/api/v1/areas/33.24"))
    check(doc, "/api/v1/areas/{code}", client.get("/api/v1/areas/99.99"))
    layer = client.get("/api/v1/areas/33.24/villages.geojson", HTTP_ACCEPT_ENCODING="identity")
    check(doc, "/api/v1/areas/{code}/villages.geojson", layer)
    again = client.get("/api/v1/areas/33.24/villages.geojson", HTTP_IF_NONE_MATCH=layer["ETag"])
    assert again.status_code == 304
    check(doc, "/api/v1/areas/{code}/villages.geojson", again)
    check(doc, "/api/v1/areas/{code}/villages.geojson", client.get("/api/v1/areas/99.99/villages.geojson"))


def test_every_status_the_open_data_endpoints_give_is_documented(doc, published_run: Run, profiles, client) -> None:  # type: ignore[no-untyped-def]
    scores = "/api/v1/runs/{run_id}/scores"
    run = published_run.pk
    cases = [
        ("/api/v1/runs", "/api/v1/runs", 200),
        (scores, f"/api/v1/runs/{run}/scores?unit=district", 200),
        (scores, f"/api/v1/runs/{run}/scores?node=no-such-node", 400),
        (scores, "/api/v1/runs/999999/scores", 404),
        (scores, "/api/v1/runs/abc/scores", 422),
        (scores, f"/api/v1/runs/{run}/scores?unit=planet", 422),
        ("/api/v1/profiles/{year}", "/api/v1/profiles/2026", 200),
        ("/api/v1/profiles/{year}", "/api/v1/profiles/1990", 404),
        ("/api/v1/profiles/{year}", "/api/v1/profiles/tahun-ini", 422),
    ]
    for template, url, expected in cases:
        response = client.get(url)
        assert response.status_code == expected, (url, response.content[:200])
        check(doc, template, response)


def test_empty_optional_parameters_mean_absent(published_run: Run, client: Client) -> None:
    url = f"/api/v1/runs/{published_run.pk}/scores"
    empty = client.get(url + "?node=&area=")
    assert empty.status_code == 200
    assert empty.json() == client.get(url).json()
    assert client.get(url + "?unit=&node=&area=").json()["unit"] == "village"  # the default


def test_empty_profile_filters_mean_absent(profiles, client: Client) -> None:  # type: ignore[no-untyped-def]
    empty = client.get("/api/v1/profiles/2026?village=&area=")
    assert empty.status_code == 200 and empty.json() == client.get("/api/v1/profiles/2026").json()
    assert empty.json()["count"] == 2


def test_an_empty_value_does_not_hide_a_real_one_given_twice(published_run: Run, client: Client) -> None:
    response = client.get(f"/api/v1/runs/{published_run.pk}/scores?node=&node=sci&unit=district")
    assert response.status_code == 200 and response.json()["nodes"] == ["sci"]
