"""GET /idm/peta/<year>.json: public results for the map, {code: {"idm": .., "status": ..}}."""

from __future__ import annotations

from tests.idm.conftest import YEAR


def test_it_serves_public_complete_results_only(client, store, scores_with_sums) -> None:
    store("33.24.01.2001", scores_with_sums(127, 32, 10))
    store("33.24.01.2002", scores_with_sums(127, 32, 10), status="submitted")
    incomplete = scores_with_sums(127, 32, 10)
    del incomplete["iks_01"]
    store("33.24.01.2003", incomplete)

    response = client.get(f"/idm/peta/{YEAR}.json")

    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "33.24.01.2001": {"idm": 0.6419, "status": "berkembang", "status_name": "Berkembang", "demo": False}
    }


def test_it_answers_not_modified_to_a_client_that_has_it(client, store, scores_with_sums) -> None:
    store("33.24.01.2001", scores_with_sums(127, 32, 10))
    first = client.get(f"/idm/peta/{YEAR}.json")

    again = client.get(f"/idm/peta/{YEAR}.json", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_a_year_without_results_is_an_empty_object(client, kendal) -> None:
    assert client.get("/idm/peta/2031.json").json() == {}
