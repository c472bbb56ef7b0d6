from __future__ import annotations

from django.test import Client


def test_the_openapi_document_lists_the_open_data_paths_with_response_schemas(db, client: Client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    for path in ("/api/v1/runs", "/api/v1/runs/{run_id}/scores", "/api/v1/profiles/{year}"):
        operation = paths[path]["get"]
        assert operation["tags"] == ["open data"], path
        assert "application/json" in operation["responses"]["200"]["content"], path
    assert {"ScoresOut", "ProfilesOut", "RunOut"} <= set(doc["components"]["schemas"])
    params = {p["name"] for p in paths["/api/v1/runs/{run_id}/scores"]["get"]["parameters"]}
    assert {"unit", "node"} <= params
