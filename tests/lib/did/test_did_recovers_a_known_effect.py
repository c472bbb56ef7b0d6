"""The difference-in-differences recovers a programme's effect built into a hand-made regency."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.did import Village, estimate


def villages(effect: float, noise: float, seed: int = 3) -> list[Village]:
    """Three zones with their own trends; reached villages gain ``effect`` points more than their zone."""
    rng = np.random.default_rng(seed)
    trend = {"pesisir": 2.0, "dataran": -1.0, "pegunungan": 4.0}
    out = []
    for z, zone in enumerate(trend):
        for i in range(60):
            before = 30 + i * 0.5 + z * 5
            reached = i % 4 == 0
            after = before + trend[zone] + (effect if reached else 0) + rng.normal(0, noise)
            out.append(Village(f"{z}.{i}", before, after, reached, zone))
    return out


def test_it_recovers_the_effect_exactly_when_there_is_no_noise() -> None:
    result = estimate(villages(effect=5.0, noise=0.0))
    assert result.has_estimate and result.reason_id == ""
    assert result.effect == pytest.approx(5.0, abs=1e-9)
    assert result.ci_low == pytest.approx(5.0, abs=1e-9) and result.ci_high == pytest.approx(5.0, abs=1e-9)
    assert result.n_reached == 45 and result.n_comparison > 0


def test_the_group_means_before_and_after_differ_by_exactly_the_effect() -> None:
    r = estimate(villages(effect=3.0, noise=1.5))
    assert (r.reached_after - r.reached_before) - (r.comparison_after - r.comparison_before) == pytest.approx(r.effect)


def test_with_noise_the_effect_is_close_and_inside_its_interval() -> None:
    result = estimate(villages(effect=5.0, noise=2.0))
    assert result.effect == pytest.approx(5.0, abs=1.0)
    assert result.ci_low < 5.0 < result.ci_high
    assert result.ci_high - result.ci_low < 3.0  # an interval that says something


def test_a_programme_that_did_nothing_gets_an_interval_around_zero() -> None:
    result = estimate(villages(effect=0.0, noise=2.0))
    assert result.ci_low < 0 < result.ci_high


def test_the_same_data_give_the_same_interval_every_time() -> None:
    data = villages(effect=5.0, noise=2.0)
    assert (estimate(data).ci_low, estimate(data).ci_high) == (estimate(data).ci_low, estimate(data).ci_high)
