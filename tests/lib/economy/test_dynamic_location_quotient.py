"""Dynamic location quotient and average growth, hand-computed."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.economy import average_growth, dynamic_location_quotient, location_quotient

YEARS = [2010, 2011, 2012]
# Sector 1 grows 10 %/year in the region and 5 %/year in the reference; sector 2 does not grow (zero growth).
REGION = np.array([[100.0, 110.0, 121.0], [100.0, 100.0, 100.0]])
REFERENCE = np.array([[1000.0, 1050.0, 1102.5], [1000.0, 1000.0, 1000.0]])


def test_compound_dlq_matches_the_hand_computation() -> None:
    # DLQ = [(1+g_ij)/(1+g_j)]^t / [(1+G_i)/(1+G)]^t with compound g, t = 2: (1+g)^2 = E_2012/E_2010.
    expected_1 = (1.21 / (221 / 200)) / (1.1025 / (2102.5 / 2000))
    expected_2 = (1.0 / (221 / 200)) / (1.0 / (2102.5 / 2000))
    dlq = dynamic_location_quotient(REGION, REFERENCE, YEARS, 2010, 2012)
    np.testing.assert_allclose(dlq, [expected_1, expected_2], rtol=1e-12)
    assert dlq[0] > 1 > dlq[1]


def test_arithmetic_dlq_matches_the_hand_computation() -> None:
    g_ij, g_i = 0.10, 0.05
    g_j = ((210 / 200 - 1) + (221 / 210 - 1)) / 2
    g = ((2050 / 2000 - 1) + (2102.5 / 2050 - 1)) / 2
    expected = ((1 + g_ij) / (1 + g_j)) ** 2 / ((1 + g_i) / (1 + g)) ** 2
    dlq = dynamic_location_quotient(REGION, REFERENCE, YEARS, 2010, 2012, averaging="arithmetic")
    assert dlq[0] == pytest.approx(expected, rel=1e-12)


def test_compound_dlq_equals_the_ratio_of_end_and_start_lq() -> None:
    rng = np.random.default_rng(7)
    region = rng.uniform(1, 100, size=(5, 17, 14))
    reference = rng.uniform(100, 1000, size=(17, 14))
    years = list(range(2010, 2024))
    lq = location_quotient(region, reference)
    dlq = dynamic_location_quotient(region, reference, years, 2012, 2021)
    np.testing.assert_allclose(dlq, lq[..., 11] / lq[..., 2], rtol=1e-10)


def test_zero_growth_has_growth_rate_zero_under_both_averagings() -> None:
    for averaging in ("compound", "arithmetic"):
        g = average_growth(REGION[1], YEARS, 2010, 2012, averaging=averaging)  # type: ignore[arg-type]
        assert g == 0.0


def test_a_sector_absent_in_the_start_year_has_no_dlq_and_one_gone_by_the_end_has_dlq_zero() -> None:
    region = np.array([[0.0, 5.0, 10.0], [10.0, 5.0, 0.0], [50.0, 55.0, 60.0]])
    reference = np.array([[10.0, 11.0, 12.0], [10.0, 11.0, 12.0], [100.0, 110.0, 120.0]])
    dlq = dynamic_location_quotient(region, reference, YEARS, 2010, 2012)
    assert np.isnan(dlq[0])
    assert dlq[1] == 0.0
    assert np.isfinite(dlq[2])


def test_a_sector_absent_in_a_middle_year_breaks_only_the_arithmetic_mean() -> None:
    region = np.array([[10.0, 0.0, 12.0], [50.0, 55.0, 60.0]])
    reference = np.array([[10.0, 11.0, 12.0], [100.0, 110.0, 120.0]])
    assert np.isfinite(dynamic_location_quotient(region, reference, YEARS, 2010, 2012)[0])
    assert np.isnan(dynamic_location_quotient(region, reference, YEARS, 2010, 2012, averaging="arithmetic")[0])


def test_arithmetic_growth_needs_every_year_and_years_must_be_in_order() -> None:
    with pytest.raises(ValueError, match=r"missing \[2011\]"):
        average_growth(np.array([1.0, 2.0]), [2010, 2012], 2010, 2012, averaging="arithmetic")
    with pytest.raises(ValueError, match="2009 is not among"):
        average_growth(REGION, YEARS, 2009, 2012)
    with pytest.raises(ValueError, match="must come after"):
        average_growth(REGION, YEARS, 2012, 2010)
