"""Who may compare with which run: the comparison run goes through visible_runs like the shown one, so the public
never gets a draft run's values through ?banding=, and a comparison's caching is no more public than its runs."""

from __future__ import annotations

import json
import re

from django.test import Client

from petakan.indices.models import Run


def without_token(content: bytes) -> bytes:
    """The page less what the header's language form carries per request: its CSRF token and the address to
    return to (which names the run asked for, the same for a draft and a nonexistent one)."""
    return re.sub(rb'name="(csrfmiddlewaretoken|next)" value="[^"]*"', b"", content)


def test_a_draft_comparison_run_is_a_404_for_the_public_like_a_nonexistent_run(
    published: Run, earlier_draft: Run, client: Client
) -> None:
    for path in ("/peta/data.json", "/peta/unduh.csv", "/peta/unduh.geojson", "/peta/"):
        draft = client.get(path, {"run": published.pk, "banding": earlier_draft.pk})
        nowhere = client.get(path, {"run": published.pk, "banding": 999999})
        assert draft.status_code == nowhere.status_code == 404, path
        # the same page, but for the language form's per-request fields
        assert without_token(draft.content) == without_token(nowhere.content)
    assert client.get("/peta/data.json", {"run": published.pk, "banding": "x1"}).status_code == 404
    # nor is the draft offered as a choice
    html = client.get("/peta/", {"run": published.pk}).content.decode()
    assert f'<option value="{earlier_draft.pk}"' not in html


def test_an_analyst_may_compare_with_a_draft_run_and_the_answer_is_private(
    published: Run, earlier_draft: Run, login
) -> None:
    analyst = login("analyst")
    response = analyst.get("/peta/data.json", {"run": published.pk, "banding": earlier_draft.pk, "var": "sci"})
    assert response.status_code == 200
    assert json.loads(response.content)["compare"]["run"] == earlier_draft.pk
    assert response["Cache-Control"] == "private, max-age=0, must-revalidate"
    html = analyst.get("/peta/", {"run": published.pk}).content.decode()
    assert f'<option value="{earlier_draft.pk}"' in html


def test_a_published_comparison_is_cached_publicly_and_changes_the_etag(
    published: Run, earlier: Run, client: Client
) -> None:
    alone = client.get("/peta/data.json", {"run": published.pk, "var": "sci", "pal": "RdBu"})
    both = client.get("/peta/data.json", {"run": published.pk, "banding": earlier.pk, "var": "sci"})
    assert both.status_code == 200 and "private" not in both.get("Cache-Control", "")
    assert alone["ETag"] != both["ETag"]
    again = client.get(
        "/peta/data.json", {"run": published.pk, "banding": earlier.pk, "var": "sci"}, HTTP_IF_NONE_MATCH=both["ETag"]
    )
    assert again.status_code == 304
