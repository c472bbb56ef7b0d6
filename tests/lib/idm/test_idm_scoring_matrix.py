"""Vectorised scoring of many village-years: exact values, missing items, bad matrices, gap to the next status."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from petakan.lib.idm import MISSING, next_status_gap, score_matrix


def test_it_matches_an_exact_fraction_oracle_on_random_villages(edition, reference_idm, reference_status, fixed4):
    rng = np.random.default_rng(7)
    matrix = rng.integers(0, 6, size=(500, 50))
    result = score_matrix(edition, matrix)
    cutoffs = ["0.491", "0.599", "0.707", "0.815"]

    for i, row in enumerate(matrix.tolist()):
        idm = reference_idm(row)
        assert result.numerator[i] == idm * 6300
        assert result.idm[i] == pytest.approx(float(idm), abs=1e-15)
        assert result.formatted("idm")[i] == fixed4(idm)
        assert result.status[i] == reference_status(idm, cutoffs, "lower_status")
        assert result.index_value("iks")[i] == pytest.approx(sum(row[:35]) / 175, abs=1e-15)


def test_rounding_to_4_decimals_is_half_up_on_the_exact_value(edition, fixed4):
    # IKS 1/175 = 0.00571428… -> 0.0057; IKE 1/60 = 0.0166666… -> 0.0167; IKL 1/15 -> 0.0667.
    row = np.zeros(50, dtype=np.int64)
    row[[0, 35, 47]] = 1
    result = score_matrix(edition, row[None, :])

    assert [result.formatted(c)[0] for c in ("iks", "ike", "ikl")] == ["0.0057", "0.0167", "0.0667"]
    assert result.formatted("idm")[0] == fixed4(Fraction(1, 525) + Fraction(1, 180) + Fraction(1, 45))


def test_a_village_with_a_missing_item_gets_no_idm_and_no_status(edition):
    full = np.full((2, 50), 4, dtype=np.int64)
    full[1, 40] = MISSING  # an IKE item
    result = score_matrix(edition, full)

    assert result.complete.tolist() == [True, False]
    assert result.formatted("idm").tolist() == ["0.8000", ""]
    assert result.status_names("id").tolist() == ["Maju", ""]
    assert np.isnan(result.idm[1]) and np.isnan(result.index_value("ike")[1])
    # The indices without a missing item are still computed.
    assert result.formatted("iks")[1] == "0.8000" and result.formatted("ikl")[1] == "0.8000"
    assert result.formatted("ike")[1] == ""


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        (np.full((1, 49), 3), "shape"),
        (np.full((1, 50), 3.0), "integers"),
        (np.full((1, 50), 6), "outside 0..5"),
        (np.full((1, 50), -2), "outside 0..5"),
    ],
)
def test_it_refuses_a_matrix_it_cannot_score(edition, matrix, message):
    with pytest.raises(ValueError, match=message):
        score_matrix(edition, matrix)


def test_it_scores_an_empty_matrix(edition):
    result = score_matrix(edition, np.zeros((0, 50), dtype=np.int64))

    assert len(result) == 0 and result.formatted("idm").tolist() == []


def test_the_gap_to_the_next_status_is_the_next_cut_off_minus_the_idm(edition, row_with_sums):
    rows = np.stack([row_with_sums(127, 32, 10), row_with_sums(175, 60, 15), row_with_sums(0, 0, 0)])
    rows = np.vstack([rows, np.full((1, 50), MISSING)])
    result = score_matrix(edition, rows)
    target, gap = next_status_gap(result)

    assert target.tolist() == [3, -1, 1, -1]
    assert gap[0] == pytest.approx(0.7072 - float(Fraction(127, 525) + Fraction(32, 180) + Fraction(10, 45)))
    assert gap[2] == pytest.approx(0.4907)
    assert np.isnan(gap[1]) and np.isnan(gap[3])
