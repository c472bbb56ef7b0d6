"""A run's pages read a summary stored with the run (indices.summary) instead of every village's row: it must say
what the rows say, be built from the rows for runs stored without one, and be what the pages read."""

from __future__ import annotations

import re

import numpy as np
import pytest
from django.db import connection
from django.db.models import Max
from django.test import Client
from django.test.utils import CaptureQueriesContext

from petakan.indices import reading, scores, summary
from petakan.indices.models import Run, RunSummary, Unit, UnitScores
from petakan.regions.models import Area

TREE = [
    {"code": "sci", "parent": None, "level": "index", "name_id": "Indeks", "name_en": "Index"},
    {"code": "gov", "parent": "sci", "level": "dimension", "name_id": "Tata kelola", "name_en": "Governance"},
]


@pytest.fixture
def small(kendal) -> Run:  # type: ignore[no-untyped-def]
    """Five villages, stored row by row as an import would (no summary): two share rank 1, one has no score, one
    has no rank interval."""
    run = Run.objects.create(
        framework="t", framework_version="1", framework_hash="h", data_hash="d", year=2026, tree=TREE
    )
    rows = {  # code: (score, rank, (median, 5 %, 95 %))
        "33.24.02.2002": (80.0, 1, (1.5, 1, 3)),
        "33.24.01.2003": (80.0, 1, (2.0, 1, 2)),
        "33.24.01.2001": (55.5, 3, (3.0, 2, 6)),
        "33.24.01.2002": (None, None, (None, None, None)),
        "33.24.02.2003": (40.25, 4, (None, None, None)),
    }
    areas = {a.code: a for a in Area.objects.filter(code__in=rows)}
    UnitScores.objects.bulk_create(
        scores.row(run, Unit.VILLAGE, {"sci": v}, area=areas[c], ranks={"sci": r}, interval=iv)
        for c, (v, r, iv) in rows.items()
    )
    return run


def test_a_hand_checkable_run_summarises_to_the_numbers_its_rows_give(small: Run) -> None:
    assert not RunSummary.objects.filter(run=small).exists()
    found = summary.of(small)
    codes = dict(Area.objects.filter(pk__in=found.area_ids.tolist()).values_list("pk", "code"))
    assert [codes[i] for i in found.area_ids] == sorted(codes.values())  # vectors in code order
    # widths 2, 1, 4 → sorted 1, 2, 4 → the middle one; the ranking is as long as its highest 95 % bound
    assert found.data == {"villages": 5, "scored": 4, "ranking_length": 6, "interval_median": 2}
    # rank 1 twice (then by code), 3, 4, and the village without a score last
    assert [codes[i] for i in found.order] == [
        "33.24.01.2003",
        "33.24.02.2002",
        "33.24.01.2001",
        "33.24.02.2003",
        "33.24.01.2002",
    ]
    by_code = {codes[i]: (v, r) for i, v, r in zip(found.area_ids, found.values, found.ranks, strict=True)}
    assert by_code["33.24.01.2001"] == (55.5, 3.0)
    assert np.isnan(by_code["33.24.01.2002"][0]) and np.isnan(by_code["33.24.01.2002"][1])
    assert reading.ranking_length(small) == 6
    assert "paling banyak 2 peringkat" in reading.interval_reading(small)


def test_a_run_stored_without_a_summary_gets_one_from_its_rows_once(small: Run) -> None:
    summary.of(small)
    stored = RunSummary.objects.get(run=small)
    assert stored.version == summary.VERSION and stored.data["scored"] == 4
    again = Run.objects.get(pk=small.pk)  # a new request: read from the stored row, not the village rows
    with CaptureQueriesContext(connection) as queries:
        summary.of(again)
    assert len(queries) == 1 and "indices_unitscores" not in queries[0]["sql"]


def test_an_older_summary_version_is_rebuilt_from_the_rows(small: Run) -> None:
    summary.of(small)
    RunSummary.objects.filter(run=small).update(version=summary.VERSION - 1, data={"villages": 99})
    assert summary.of(Run.objects.get(pk=small.pk)).data["villages"] == 5
    assert RunSummary.objects.get(run=small).data["villages"] == 5


def test_the_summary_stored_with_a_computed_run_equals_what_its_rows_give(published: Run) -> None:
    stored = summary.of(Run.objects.get(pk=published.pk))
    rebuilt = summary.from_rows(published)
    assert np.array_equal(stored.area_ids, rebuilt.area_ids) and np.array_equal(stored.order, rebuilt.order)
    assert np.array_equal(stored.values, rebuilt.values, equal_nan=True)
    assert np.array_equal(stored.ranks, rebuilt.ranks, equal_nan=True)
    assert stored.data == rebuilt.data
    villages = UnitScores.objects.filter(run=published, unit=Unit.VILLAGE)
    bounds = villages.aggregate(rank=Max("rank"), high=Max("rank_high"))
    assert stored.data["ranking_length"] == max(bounds["rank"], bounds["high"])
    assert stored.data["villages"] == villages.count() == 286
    assert stored.data["scored"] == villages.exclude(value=None).count() == published.n_units
    widths = sorted(h - lo for lo, h in villages.exclude(rank_low=None).values_list("rank_low", "rank_high"))
    assert stored.data["interval_median"] == widths[len(widths) // 2]
    in_order = villages.order_by("rank", "area__code").exclude(value=None).values_list("area_id", flat=True)
    assert stored.order.tolist()[: published.n_units] == list(in_order)


def village_row_reads(queries: list[dict[str, str]]) -> list[str]:
    """The queries that read village score rows other than by a list of area ids (a page's rows) or by a
    kecamatan's or the regency's code prefix (the regency's part of a larger run)."""
    return [
        q["sql"]
        for q in queries
        if 'FROM "indices_unitscores"' in q["sql"]
        and "'village'" in q["sql"]
        and not re.search(r'"area_id" IN \(', q["sql"])
        and " LIKE " not in q["sql"]
    ]


@pytest.mark.parametrize(
    "url",
    ["/indeks/run/{a}/", "/indeks/run/{a}/?hal=3", "/indeks/run/{a}/?cari=sari", "/indeks/bandingkan/?a={a}&b={b}"],
)
def test_the_run_and_rank_shift_pages_read_the_summary_not_every_village(
    published: Run, small: Run, client: Client, url: str
) -> None:
    other = Run.objects.create(
        framework=published.framework,
        framework_version=published.framework_version,
        framework_hash=published.framework_hash,
        data_hash="other",
        year=2026,
        tree=published.tree,
    )
    UnitScores.objects.bulk_create(
        scores.row(other, Unit.VILLAGE, {"sci": float(i)}, area=area, ranks={"sci": 300 - i})
        for i, area in enumerate(Area.objects.filter(level="village", code__startswith="33.24.")[:250])
    )
    summary.of(other)
    client.get(url.format(a=published.pk, b=other.pk))  # warm the per-process caches (tree, framework file)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url.format(a=published.pk, b=other.pk))
    assert response.status_code == 200
    assert village_row_reads(queries.captured_queries) == []
    assert any("indices_runsummary" in q["sql"] for q in queries.captured_queries)


def test_the_dashboard_reads_the_summary_and_only_the_regencys_villages(published: Run, client: Client) -> None:
    client.get(f"/peta/dasbor/?run={published.pk}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/peta/dasbor/?run={published.pk}&hal=2")
    assert response.status_code == 200
    assert village_row_reads(queries.captured_queries) == []
    assert any("indices_runsummary" in q["sql"] for q in queries.captured_queries)


def test_rank_shifts_from_the_summaries_keep_villages_ranked_in_one_run_last(small: Run) -> None:
    later = Run.objects.create(
        framework="t", framework_version="1", framework_hash="h", data_hash="e", year=2026, tree=TREE
    )
    rows = {  # 33.24.01.2003 is gone, 33.24.01.2004 is new
        "33.24.02.2002": (70.0, 2),
        "33.24.01.2001": (90.0, 1),
        "33.24.01.2002": (50.0, 3),
        "33.24.02.2003": (10.0, 5),
        "33.24.01.2004": (30.0, 4),
    }
    areas = {a.code: a for a in Area.objects.filter(code__in=rows)}
    UnitScores.objects.bulk_create(
        scores.row(later, Unit.VILLAGE, {"sci": v}, area=areas[c], ranks={"sci": r}) for c, (v, r) in rows.items()
    )
    shifts = reading.rank_shifts(small, later)
    table = reading.shift_rows(shifts)
    assert [(r["code"], r["rank_a"], r["rank_b"], r["shift"]) for r in table] == [
        ("33.24.01.2001", 3, 1, -2),  # the largest move first
        ("33.24.02.2002", 1, 2, 1),
        ("33.24.02.2003", 4, 5, 1),  # same move: by rank in the first run
        ("33.24.01.2003", 1, None, None),  # ranked in one run only: last, by rank in the first run, then code
        ("33.24.01.2002", None, 3, None),
        ("33.24.01.2004", None, 4, None),
    ]
    assert table[0]["score_change"] == "+34,5"
    assert reading.shift_summary(shifts).startswith("3 desa berperingkat di kedua run; 3 di antaranya bergeser.")
