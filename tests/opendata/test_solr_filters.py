"""The Solr filter and sort forms CKAN harvesters and portals send to package_search, over plain package dicts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from petakan.opendata import solr

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def package(name: str, modified: str | None, *, org: str = "kab-kendal", tags: tuple[str, ...] = (), fmt: str = "CSV"):
    return {
        "id": f"id-{name}",
        "name": name,
        "title": name.replace("-", " ").title(),
        "type": "dataset",
        "private": False,
        "organization": {"name": org},
        "metadata_created": modified,
        "metadata_modified": modified,
        "tags": [{"name": t} for t in tags],
        "resources": [{"format": fmt, "name": "data"}],
    }


PACKAGES: list[dict[str, Any]] = [
    package("indeks-2025", "2025-12-01T08:00:00", tags=("smart city",), fmt="XLSX"),
    package("indeks-2026", "2026-11-20T08:00:00.123456", tags=("smart city", "indeks")),
    package("profil-desa-2026", "2026-06-30T23:59:59", tags=("profil desa",)),
    package("batas-desa", None, org="bps", fmt="GeoJSON"),
]


def names(fq: str = "", sort: str = "") -> list[str]:
    return [p["name"] for p in solr.search(PACKAGES, fq, sort, now=NOW)]


def test_a_harvester_gets_only_what_changed_since_its_last_visit() -> None:
    assert names("metadata_modified:[2026-06-30T23:59:59Z TO *]") == ["indeks-2026", "profil-desa-2026"]


def test_an_exclusive_range_leaves_out_its_bounds() -> None:
    assert names("metadata_modified:{2026-06-30T23:59:59Z TO *}") == ["indeks-2026"]
    assert names("metadata_modified:[* TO 2025-12-01T08:00:00Z]") == ["indeks-2025"]


def test_dates_in_other_offsets_and_now_are_understood() -> None:
    # 2026-07-01T06:59:59+07:00 is the profiles' moment in Western Indonesian Time
    assert names("metadata_modified:[2026-07-01T06:59:59+07:00 TO 2026-07-01T06:59:59+07:00]") == ["profil-desa-2026"]
    assert names("metadata_modified:[2026-11-01T00:00:00Z TO NOW]") == ["indeks-2026"]


def test_the_default_order_is_most_recently_modified_first_with_undated_last() -> None:
    assert names() == ["indeks-2026", "profil-desa-2026", "indeks-2025", "batas-desa"]
    assert names(sort="metadata_modified asc") == ["indeks-2025", "profil-desa-2026", "indeks-2026", "batas-desa"]


def test_it_sorts_by_name_and_by_several_keys() -> None:
    assert names(sort="name asc") == ["batas-desa", "indeks-2025", "indeks-2026", "profil-desa-2026"]
    assert names(sort="name desc") == ["profil-desa-2026", "indeks-2026", "indeks-2025", "batas-desa"]
    assert names(sort="score desc, metadata_modified desc")[0] == "indeks-2026"


def test_must_and_must_not_clauses_all_hold() -> None:
    assert names("+organization:kab-kendal -tags:indeks") == ["profil-desa-2026", "indeks-2025"]
    assert names("organization:kab-kendal AND NOT tags:indeks") == ["profil-desa-2026", "indeks-2025"]
    assert names('tags:"smart city" res_format:XLSX') == ["indeks-2025"]
    assert names("+dataset_type:dataset capacity:public name:indeks-*") == ["indeks-2026", "indeks-2025"]
    assert names("*:*") == names()


@pytest.mark.parametrize(
    ("fq", "says"),
    [
        ("metadata_modified:{2026-06-30T23:59:59Z TO *]", "a range is [low TO high]"),
        ("metadata_modified:[yesterday TO *]", "'yesterday' is not a date"),
        ("colour:red", "'colour' is not a field that can be filtered on"),
        ("name:a OR name:b", "no OR"),
        ("(name:a)", "no OR, grouping"),
        ("indeks", "'indeks' is not field:value"),
        ("metadata_modified:[2026-01-01]", "the word TO"),
    ],
)
def test_it_refuses_what_it_cannot_answer_and_says_which_part(fq: str, says: str) -> None:
    with pytest.raises(solr.QueryError, match=None) as refused:
        solr.search(PACKAGES, fq)
    assert says in str(refused.value)


@pytest.mark.parametrize(("sort", "says"), [("colour asc", "cannot sort by 'colour'"), ("name up", "'name up'")])
def test_it_refuses_a_sort_it_cannot_do(sort: str, says: str) -> None:
    with pytest.raises(solr.QueryError) as refused:
        solr.search(PACKAGES, sort=sort)
    assert says in str(refused.value)
