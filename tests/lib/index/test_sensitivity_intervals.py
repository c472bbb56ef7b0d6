"""Bootstrap confidence intervals of Sobol indices, the "too uncertain to read" rule, and score intervals only on
one common scale."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index import Run, saltelli_sample, sensitivity, sobol_indices
from petakan.lib.index.sensitivity import factorial_indices, too_uncertain

EXPECTED = np.array([1, 4, 9]) / 14  # y = x1 + 2 x2 + 3 x3, x ~ U(0, 1): S_i = S_Ti = V_i / V


def linear(n: int, seed: int, offset: float = 0.0) -> dict[str, np.ndarray]:
    u = saltelli_sample(n, 3, np.random.default_rng(seed))
    y = offset + u @ np.array([1.0, 2.0, 3.0])
    return sobol_indices(y[:n], y[n : 2 * n], y[2 * n :].reshape(3, n), n_boot=400, rng=np.random.default_rng(seed))


def test_the_intervals_of_s1_and_st_contain_the_analytic_values_of_a_linear_function() -> None:
    # 95 % intervals: over 10 samples × 3 factors × 2 indices, nearly all of the 60 intervals cover the true value
    covered = []
    for seed in range(10):
        est = linear(2048, seed)
        for kind in ("first_order", "total"):
            covered += list((est[f"{kind}_low"] <= EXPECTED) & (est[f"{kind}_high"] >= EXPECTED))
            assert (est[f"{kind}_high"] - est[f"{kind}_low"] < 0.1).all()
    assert sum(covered) >= 54, f"{sum(covered)} of 60 intervals cover the analytic value"


def test_a_large_mean_of_the_output_does_not_widen_the_first_order_intervals() -> None:
    # the mean absolute rank shift is ~20 with a spread of ~2; the first-order estimator must not care
    plain, shifted = linear(1024, 1), linear(1024, 1, offset=100.0)
    width = plain["first_order_high"] - plain["first_order_low"]
    width_shifted = shifted["first_order_high"] - shifted["first_order_low"]
    assert np.allclose(width, width_shifted, atol=0.02)
    assert (width / 2 < 0.07).all()  # uncentred, the offset 100 made them ±2 and more


def test_an_interval_wider_than_five_hundredths_either_side_is_too_uncertain_to_read() -> None:
    assert too_uncertain(0.10, 0.30)
    assert not too_uncertain(0.10, 0.19)
    assert too_uncertain(None, 0.2) and too_uncertain(float("nan"), 0.2)
    small = linear(64, 0)
    assert any(
        too_uncertain(lo, hi) for lo, hi in zip(small["first_order_low"], small["first_order_high"], strict=True)
    )


def test_score_intervals_are_left_out_when_the_normalisation_varies(asem_run: Run) -> None:
    varied = [
        {"name": "normalisation", "step": "normalise", "alternatives": [{"method": "minmax"}, {"method": "zscore"}]}
    ]
    res = sensitivity(asem_run, varied, n=8, seed=1)
    assert "q05_score" not in res.summary and "median_rank" in res.summary
    assert any("different scales" in w for w in res.warnings)
    same_scale = [{"name": "winmax", "step": "treat", "alternatives": [{"winmax": 1}, {"winmax": 5}]}]
    kept = sensitivity(asem_run, same_scale, n=8, seed=1)
    assert {"q05_score", "median_score", "q95_score"} <= set(kept.summary.columns)


def test_a_factorial_design_gives_the_exact_indices_of_an_additive_function() -> None:
    # y = a + 2 b with a, b ∈ {0, 1} equally likely: Var(a) = 1/4, Var(2b) = 1 → S = ST = 0.2, 0.8; the third
    # factor (ten drawn "weight sets") does not enter y
    a, b, c = np.meshgrid([0.0, 1.0], [0.0, 1.0], np.arange(10.0), indexing="ij")
    est = factorial_indices(a + 2 * b + 0 * c, 3, n_boot=200, resample=(2,))
    assert est["first_order"] == pytest.approx([0.2, 0.8, 0.0])
    assert est["total"] == pytest.approx([0.2, 0.8, 0.0])
    assert est["first_order_low"] == pytest.approx([0.2, 0.8, 0.0])  # resampling c changes nothing here
    exact = factorial_indices(a + 2 * b, 3, n_boot=10)  # nothing resampled: the intervals are the values
    assert exact["total_high"] == pytest.approx([0.2, 0.8, 0.0])


def test_an_interaction_shows_in_the_total_but_not_the_first_order_index() -> None:
    a, b = np.meshgrid([-1.0, 1.0], [-1.0, 1.0], indexing="ij")
    est = factorial_indices(a * b, 2)
    assert est["first_order"] == pytest.approx([0.0, 0.0]) and est["total"] == pytest.approx([1.0, 1.0])


def test_the_factorial_design_runs_every_combination_once(asem_run: Run) -> None:
    steps = [
        {"name": "winmax", "step": "treat", "alternatives": [{"winmax": 1}, {"winmax": 5}]},
        {"name": "weights", "type": "weights", "noise": 0.25, "sets": 6},
    ]
    res = sensitivity(asem_run, steps, n=6, seed=2, method="factorial", n_boot=50)
    assert res.evaluations == 2 * 6 and len({tuple(r) for r in res.choices.tolist()}) == 12
    assert res.indices is not None and np.isfinite(res.indices.to_numpy()).all()
    assert (res.indices["first_order"] <= res.indices["total"] + 1e-12).all()
