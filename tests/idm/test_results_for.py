"""``results_for(year, codes)``: the frame behind the map and the summaries, computed by the library in one query."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.idm.services import results_for
from petakan.lib.idm import score_matrix
from tests.idm.conftest import YEAR


def test_it_computes_the_indices_exactly_like_the_library(store, scores_with_sums, edition, kendal) -> None:
    scores = scores_with_sums(127, 32, 10)
    store("33.24.01.2001", scores)

    frame = results_for(YEAR)

    expected = score_matrix(edition, np.array([[scores[c] for c in edition.item_codes]]))
    row = frame.loc["33.24.01.2001"]
    assert row["iks"] == pytest.approx(127 / 175, abs=1e-15)
    assert row["ike"] == pytest.approx(32 / 60, abs=1e-15)
    assert row["ikl"] == pytest.approx(10 / 15, abs=1e-15)
    assert row["idm"] == expected.idm[0]
    assert (row["status"], row["status_name"], row["status_level"]) == ("berkembang", "Berkembang", 2)
    assert row["name"] == "Blumah" and row["district_code"] == "33.24.01"
    assert bool(row["complete"]) and bool(row["public"]) and not bool(row["demo"])


def test_a_village_with_a_missing_item_gets_no_idm_rather_than_a_wrong_one(store, scores_with_sums, kendal) -> None:
    scores = scores_with_sums(127, 32, 10)
    del scores["ikl_02"]
    store("33.24.01.2001", scores)

    row = results_for(YEAR).loc["33.24.01.2001"]

    assert np.isnan(row["idm"]) and np.isnan(row["ikl"])
    assert row["iks"] == pytest.approx(127 / 175)
    assert row["status"] == "" and not bool(row["complete"])


def test_drafts_appear_only_for_users_who_may_read_the_village(store, scores_with_sums, cast) -> None:
    store("33.24.01.2001", scores_with_sums(127, 32, 10), status="draft")
    store("33.24.02.2002", scores_with_sums(127, 32, 10), status="submitted")

    assert list(results_for(YEAR).index) == []
    assert list(results_for(YEAR, user=cast["village"]).index) == ["33.24.01.2001"]
    assert list(results_for(YEAR, user=cast["district"]).index) == ["33.24.01.2001"]
    assert list(results_for(YEAR, user=cast["other_village"]).index) == ["33.24.02.2002"]
    assert list(results_for(YEAR, user=cast["council"]).index) == ["33.24.01.2001", "33.24.02.2002"]
    assert list(results_for(YEAR, all_statuses=True).index) == ["33.24.01.2001", "33.24.02.2002"]


def test_it_takes_one_query_whatever_the_number_of_villages(
    store, scores_with_sums, cast, django_assert_num_queries
) -> None:
    from petakan.regions.models import Area

    for area in Area.objects.filter(code__startswith="33.24.01.")[:12]:
        store(area.code, scores_with_sums(120, 40, 9))

    with django_assert_num_queries(1):
        frame = results_for(YEAR, user=cast["district"])
    assert len(frame) == 12


def test_it_filters_by_code(store, scores_with_sums, kendal) -> None:
    store("33.24.01.2001", scores_with_sums(127, 32, 10))
    store("33.24.01.2002", scores_with_sums(127, 32, 10))

    assert list(results_for(YEAR, codes=["33.24.01.2002"]).index) == ["33.24.01.2002"]
