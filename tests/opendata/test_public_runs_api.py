from __future__ import annotations

import math

from django.test import Client

from petakan.indices import scores
from petakan.indices.models import Run, Unit


def test_anonymous_lists_the_published_run_with_its_framework_and_demo_flag(published_run: Run, client: Client) -> None:
    body = client.get("/api/v1/runs").json()
    assert [r["id"] for r in body] == [published_run.pk]
    run = body[0]
    assert run["framework"] == "smart-city-v1" and run["hash"] == published_run.framework_hash
    assert run["version"] == published_run.framework_version and run["year"] == 2026
    assert run["is_demo"] is True and run["n_units"] == published_run.n_units > 0


def test_village_scores_of_a_node_equal_the_stored_node_values(published_run: Run, client: Client) -> None:
    for node in ("sci", "gov_service"):
        body = client.get(f"/api/v1/runs/{published_run.pk}/scores", {"unit": "village", "node": node}).json()
        assert body["is_demo"] is True and body["nodes"] == [node] and body["unit"] == "village"
        got = {row["code"]: row["values"][node] for row in body["rows"]}
        assert got == scores.node_values(published_run, Unit.VILLAGE, node)
        assert len(got) == 286 and any(v is None for v in got.values())  # sparse demo villages: null, not NaN


def test_all_node_scores_of_the_districts_match_node_values_for_every_node(published_run: Run, client: Client) -> None:
    body = client.get(f"/api/v1/runs/{published_run.pk}/scores", {"unit": "district"}).json()
    assert body["nodes"] == scores.codes(published_run) and len(body["rows"]) == 20
    assert body["rows"][0]["code"] == "33.24.01" and body["rows"][0]["name"] == "Plantungan"
    for node in body["nodes"]:
        expected = scores.node_values(published_run, Unit.DISTRICT, node)
        for row in body["rows"]:
            want, got = expected[row["code"]], row["values"][node]
            assert (want is None and got is None) or math.isclose(got, want), (node, row["code"])


def test_regency_and_zone_scores_are_served(published_run: Run, client: Client) -> None:
    regency = client.get(f"/api/v1/runs/{published_run.pk}/scores", {"unit": "regency", "node": "sci"}).json()
    assert [r["code"] for r in regency["rows"]] == ["33.24"]
    zones = client.get(f"/api/v1/runs/{published_run.pk}/scores", {"unit": "zone", "node": "sci"}).json()
    assert {r["code"] for r in zones["rows"]} == set(scores.node_values(published_run, Unit.ZONE, "sci"))


def test_an_unknown_node_is_a_bad_request_and_an_unknown_unit_is_refused(published_run: Run, client: Client) -> None:
    url = f"/api/v1/runs/{published_run.pk}/scores"
    assert client.get(url, {"node": "no_such_node"}).status_code == 400
    assert client.get(url, {"unit": "district_pop"}).status_code == 422


def test_an_area_prefix_keeps_one_kecamatans_villages(published_run: Run, client: Client) -> None:
    url = f"/api/v1/runs/{published_run.pk}/scores"
    every_node = client.get(url, {"unit": "village", "area": "33.24.01."}).json()["rows"]
    one_node = client.get(url, {"unit": "village", "node": "econ", "area": "33.24.01."}).json()["rows"]
    plantungan = {c for c in scores.node_values(published_run, Unit.VILLAGE, "econ") if c.startswith("33.24.01.")}
    assert {r["code"] for r in every_node} == {r["code"] for r in one_node} == plantungan and len(plantungan) == 12
