"""``status_by_village(year)``: the masterplan's view of IDM — public, complete results only, Indonesian names."""

from __future__ import annotations

from petakan.idm.services import status_by_village
from tests.idm.conftest import YEAR


def test_it_names_the_status_of_verified_complete_villages_in_indonesian(store, scores_with_sums, kendal) -> None:
    store("33.24.01.2001", scores_with_sums(127, 32, 10))  # IDM 0.6419 → Berkembang
    store("33.24.01.2002", scores_with_sums(100, 30, 8))  # (100/175 + 30/60 + 8/15) / 3 = 0.5683 → Tertinggal
    store("33.24.02.2002", scores_with_sums(175, 60, 15))  # 1.0 → Mandiri

    assert status_by_village(YEAR) == {
        "33.24.01.2001": "Berkembang",
        "33.24.01.2002": "Tertinggal",
        "33.24.02.2002": "Mandiri",
    }


def test_it_leaves_out_unverified_and_incomplete_villages_and_other_years(store, scores_with_sums, kendal) -> None:
    store("33.24.01.2001", scores_with_sums(127, 32, 10))
    store("33.24.01.2002", scores_with_sums(127, 32, 10), status="submitted")
    store("33.24.01.2003", scores_with_sums(127, 32, 10), status="draft")
    incomplete = scores_with_sums(127, 32, 10)
    del incomplete["ike_04"]
    store("33.24.01.2004", incomplete)
    store("33.24.01.2005", scores_with_sums(127, 32, 10), year=YEAR - 1)

    assert status_by_village(YEAR) == {"33.24.01.2001": "Berkembang"}
    assert status_by_village(YEAR - 1) == {"33.24.01.2005": "Berkembang"}
    assert status_by_village(YEAR + 1) == {}
