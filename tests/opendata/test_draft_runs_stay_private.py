from __future__ import annotations

from django.test import Client

from petakan.indices.models import Run


def test_a_run_over_drafts_answers_404_like_a_run_that_does_not_exist(draft_run: Run, client: Client) -> None:
    hidden = client.get(f"/api/v1/runs/{draft_run.pk}/scores", {"node": "sci"})
    missing = client.get(f"/api/v1/runs/{draft_run.pk + 1000}/scores", {"node": "sci"})
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_a_run_over_drafts_is_absent_from_the_runs_list_and_the_catalogue(
    draft_run: Run, published_run: Run, client: Client
) -> None:
    assert [r["id"] for r in client.get("/api/v1/runs").json()] == [published_run.pk]
    names = client.get("/api/3/action/package_list").json()["result"]
    assert any(name.endswith(f"run-{published_run.pk}") for name in names)
    assert not any(name.endswith(f"run-{draft_run.pk}") for name in names)
    search = client.get("/api/3/action/package_search", {"q": "smart", "rows": 100}).json()["result"]
    assert search["count"] == 1 and search["results"][0]["name"].endswith(f"run-{published_run.pk}")
    listed = client.get("/api/3/action/current_package_list_with_resources").json()["result"]
    assert f"run-{draft_run.pk}" not in str([p["name"] for p in listed])
