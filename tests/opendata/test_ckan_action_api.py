from __future__ import annotations

from urllib.parse import urlsplit

from django.test import Client

from petakan.indices.models import Run
from petakan.profiles.models import Profile


def test_every_action_answers_in_the_ckan_envelope(kendal, client: Client) -> None:
    for action in ("package_list", "package_search", "current_package_list_with_resources", "organization_list"):
        body = client.get(f"/api/3/action/{action}").json()
        assert body["success"] is True and "result" in body, action
        assert body["help"].startswith("http://testserver/api/3/action/help_show?name="), action
    status = client.get("/api/3/action/status_show").json()["result"]
    assert status["ckan_version"].startswith("2.") and status["site_url"] == "http://testserver"
    assert client.get("/api/3/action/organization_list").json()["result"] == ["kabupaten-kendal"]


def test_an_unknown_package_is_a_ckan_not_found_error(kendal, client: Client) -> None:
    response = client.get("/api/3/action/package_show", {"id": "no-such-dataset"})
    assert response.status_code == 404
    body = response.json()
    assert body["success"] is False and "result" not in body
    assert body["error"]["__type"] == "Not Found Error" and body["error"]["message"]


def test_a_missing_id_and_an_unknown_action_are_refused_like_ckan(kendal, client: Client) -> None:
    missing = client.get("/api/3/action/package_show")
    assert missing.status_code == 409 and missing.json()["error"]["__type"] == "Validation Error"
    assert missing.json()["error"]["id"] == ["Missing value"]
    unknown = client.get("/api/3/action/package_delete")
    assert unknown.status_code == 400 and unknown.json()["success"] is False
    assert client.get("/api/3/action/package_search", {"rows": "many"}).status_code == 409


def test_a_ckan_client_may_post_its_parameters_as_json(published_run: Run, client: Client) -> None:
    name = client.get("/api/3/action/package_list").json()["result"][0]
    body = client.post("/api/action/package_show", {"id": name}, content_type="application/json").json()
    assert body["success"] is True and body["result"]["name"] == name


def test_package_show_finds_a_run_dataset_by_name_and_by_id_with_ckan_fields(
    published_run: Run, client: Client
) -> None:
    name = f"indeks-smart-city-v1-2026-run-{published_run.pk}"
    package = client.get("/api/3/action/package_show", {"id": name}).json()["result"]
    assert client.get("/api/3/action/package_show", {"id": package["id"]}).json()["result"] == package
    assert package["license_id"] == "cc-by-4.0" and package["organization"]["name"] == "kabupaten-kendal"
    assert {"key": "is_demo", "value": "true"} in package["extras"] and "DATA CONTOH" in package["notes"]
    assert package["metadata_modified"].startswith(published_run.created.strftime("%Y-%m-%d"))
    assert {t["name"] for t in package["tags"]} >= {"smart-city", "data-contoh"}
    assert [r["format"] for r in package["resources"][:2]] == ["CSV", "XLSX"]


def test_the_boundaries_dataset_carries_the_bps_attribution_licence(kendal, client: Client) -> None:
    package = client.get("/api/3/action/package_show", {"id": "batas-desa"}).json()["result"]
    assert package["license_id"] == "other-at" and "BPS" in package["license_title"]
    assert package["resources"][0]["format"] == "GeoJSON"


def test_package_search_matches_substrings_and_pages_with_rows_and_start(
    published_run: Run, profiles: dict[str, Profile], client: Client
) -> None:
    everything = client.get("/api/3/action/package_search", {"rows": 100}).json()["result"]
    assert everything["count"] == 3  # the run, the 2026 profiles, the boundaries
    assert [
        p["name"] for p in client.get("/api/3/action/package_search", {"q": "potensi"}).json()["result"]["results"]
    ] == ["profil-desa-2026"]
    first = client.get("/api/3/action/package_search", {"rows": 1, "start": 0}).json()["result"]
    second = client.get("/api/3/action/package_search", {"rows": 1, "start": 1}).json()["result"]
    assert first["count"] == second["count"] == 3 and len(first["results"]) == 1
    assert first["results"][0]["name"] != second["results"][0]["name"]
    assert client.get("/api/3/action/package_search", {"q": "nothing-like-this"}).json()["result"]["count"] == 0


def test_every_resource_of_every_dataset_answers_200_to_anonymous(
    published_run: Run, profiles: dict[str, Profile], client: Client
) -> None:
    names = client.get("/api/3/action/package_list").json()["result"]
    assert len(names) == 3
    followed = 0
    for name in names:
        package = client.get("/api/3/action/package_show", {"id": name}).json()["result"]
        for resource in package["resources"]:
            url = urlsplit(resource["url"])
            assert url.scheme == "http" and url.netloc == "testserver", resource["url"]
            response = client.get(url.path + (f"?{url.query}" if url.query else ""))
            assert response.status_code == 200, resource["url"]
            followed += 1
    assert followed == 6 + 2 + 1  # run: CSV, XLSX, 4 API units; profiles: CSV, API; boundaries: GeoJSON
