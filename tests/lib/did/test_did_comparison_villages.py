"""Which villages the difference-in-differences compares with: same zone, similar start; none → no estimate."""

from __future__ import annotations

import math

from petakan.lib.did import Village, estimate, match


def test_matching_takes_only_villages_of_the_same_zone() -> None:
    data = [
        Village("r", 50, 60, True, "pesisir"),
        Village("same-zone", 52, 55, False, "pesisir"),
        Village("other-zone", 50, 51, False, "pegunungan"),
    ]
    assert match(data) == {"r": ("same-zone",)}
    assert estimate(data).effect == 10 - 3


def test_matching_leaves_out_villages_that_started_further_than_the_caliper() -> None:
    data = [
        Village("r", 50, 60, True, "dataran"),
        Village("near", 59.5, 61, False, "dataran"),
        Village("far", 61, 80, False, "dataran"),
        Village("reached-too", 50, 50, True, "dataran"),
    ]
    assert match(data, caliper=10) == {"r": ("near",), "reached-too": ("near",)}


def test_no_comparison_villages_means_no_estimate_and_a_reason_in_words() -> None:
    data = [
        Village("r1", 40, 50, True, "pesisir"),
        Village("r2", 42, 49, True, "pesisir"),
        Village("elsewhere", 40, 41, False, "pegunungan"),
        Village("too-high", 80, 81, False, "pesisir"),
    ]
    result = estimate(data)
    assert not result.has_estimate and result.effect is None and result.ci_low is None
    assert "Tidak ada desa pembanding" in result.reason("id")
    assert result.reason("en").startswith("No comparison villages")
    assert set(result.unmatched) == {"r1", "r2"}


def test_a_reached_village_without_a_match_is_left_out_and_named() -> None:
    data = [
        Village("r1", 40, 50, True, "pesisir"),
        Village("alone", 90, 99, True, "pesisir"),
        Village("c", 41, 42, False, "pesisir"),
    ]
    result = estimate(data)
    assert result.unmatched == ("alone",)
    assert result.n_reached == 1 and result.effect == 9
    assert result.ci_low is None  # one village gives an estimate, not an interval


def test_villages_not_measured_in_both_runs_take_no_part() -> None:
    data = [
        Village("r", 40, math.nan, True, "pesisir"),
        Village("c", 41, 42, False, "pesisir"),
    ]
    result = estimate(data)
    assert not result.has_estimate and result.not_measured == ("r",)
    assert "kedua hasil indeks" in result.reason("id")
