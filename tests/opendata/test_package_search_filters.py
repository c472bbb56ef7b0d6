"""package_search answers a CKAN harvester's "modified since" filter and a portal's sort, and refuses a filter it
cannot answer with CKAN's Search Query Error instead of returning everything."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from petakan.indices.models import Run
from petakan.profiles.models import Profile


def search(client: Client, **params: object) -> dict:
    return client.get("/api/3/action/package_search", {"rows": 100, **params}).json()


def test_a_harvester_asking_for_changes_since_a_moment_gets_only_the_newer_datasets(
    published_run: Run, profiles: dict[str, Profile], client: Client
) -> None:
    everything = search(client)["result"]["results"]
    assert len(everything) == 3
    stamps = sorted(p["metadata_modified"] for p in everything if p["metadata_modified"])
    newest = stamps[-1]
    since = search(client, fq=f"metadata_modified:[{newest}Z TO *]")["result"]
    assert [p["metadata_modified"] for p in since["results"]] == [newest]
    after = search(client, fq="metadata_modified:{" + newest + "Z TO *}")["result"]  # exclusive: nothing newer
    assert after["count"] == 0


def test_results_come_most_recently_modified_first_unless_sorted_otherwise(
    published_run: Run, profiles: dict[str, Profile], client: Client
) -> None:
    published_run.created -= timedelta(days=30)
    published_run.save(update_fields=["created"])
    default = [p["name"] for p in search(client)["result"]["results"]]
    dated = [p["name"] for p in search(client)["result"]["results"] if p["metadata_modified"]]
    assert default[: len(dated)] == dated
    stamps = [p["metadata_modified"] for p in search(client)["result"]["results"] if p["metadata_modified"]]
    assert stamps == sorted(stamps, reverse=True)
    by_name = search(client, sort="name asc")["result"]
    assert [p["name"] for p in by_name["results"]] == sorted(default) and by_name["sort"] == "name asc"


def test_filters_combine_with_the_text_query(published_run: Run, profiles: dict[str, Profile], client: Client) -> None:
    found = search(client, q="desa", fq="+dataset_type:dataset -res_format:GeoJSON")["result"]
    assert found["count"] >= 1 and all(all(r["format"] != "GeoJSON" for r in p["resources"]) for p in found["results"])


def test_a_filter_it_cannot_answer_is_a_search_query_error(published_run: Run, client: Client) -> None:
    response = client.get("/api/3/action/package_search", {"fq": "name:a OR name:b"})
    assert response.status_code == 409
    body = response.json()
    assert body["success"] is False and body["error"]["__type"] == "Search Query Error"
    assert "no OR" in body["error"]["message"]
    assert client.get("/api/3/action/package_search", {"sort": "size desc"}).status_code == 409
