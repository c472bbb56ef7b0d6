"""A malformed ``fq`` is CKAN's search error (HTTP 409, "Search Query Error"), never "match everything/nothing"."""

from __future__ import annotations

import pytest
from django.test import Client

from petakan.indices.models import Run
from petakan.opendata import solr

MALFORMED = [
    ("NOT", "NOT needs a clause after it"),
    ("name:indeks-* NOT", "NOT needs a clause after it"),
    ("NOT NOT name:x", "NOT needs a clause after it"),
    ("AND AND", "AND needs a clause on each side"),
    ("AND name:x", "AND needs a clause on each side"),
    ("name:x AND", "AND needs a clause after it"),
    ("name:x AND AND name:y", "AND needs a clause on each side"),
    ("name:x NOT AND name:y", "AND needs a clause on each side"),
    ('name:"unterminated', "a quoted value is not closed"),
    ('tags:"smart city" name:"indeks', "a quoted value is not closed"),
]


@pytest.mark.parametrize(("fq", "says"), MALFORMED)
def test_the_parser_refuses_a_malformed_filter_and_says_why(fq: str, says: str) -> None:
    with pytest.raises(solr.QueryError) as refused:
        solr.parse_filters(fq)
    assert says in str(refused.value)


@pytest.mark.parametrize("fq", ["name:x AND NOT name:y", "NOT name:x", 'tags:"smart city"', "+name:x -name:y *:*", ""])
def test_well_formed_filters_still_parse(fq: str) -> None:
    solr.parse_filters(fq)


@pytest.mark.parametrize("fq", [fq for fq, _says in MALFORMED])
def test_package_search_answers_a_malformed_filter_with_ckans_search_error(
    published_run: Run, client: Client, fq: str
) -> None:
    response = client.get("/api/3/action/package_search", {"fq": fq})
    assert response.status_code == 409
    body = response.json()
    assert body["success"] is False and "result" not in body
    assert body["error"]["__type"] == "Search Query Error" and body["error"]["message"]
