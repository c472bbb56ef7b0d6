"""Monte Carlo uncertainty and variance-based (Sobol) sensitivity analysis."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from petakan.lib.index import IndexConfigError, Run, saltelli_sample, sensitivity, sobol_indices

STEPS: list[dict[str, Any]] = [
    {"name": "winmax", "step": "treat", "alternatives": [{"winmax": 1}, {"winmax": 5}]},
    {
        "name": "normalisation",
        "step": "normalise",
        "alternatives": [{"method": "minmax", "range": [1, 100]}, {"method": "zscore", "mean_sd": [10, 2]}],
    },
    {"name": "aggregation", "step": "aggregate", "alternatives": [{"method": "arithmetic"}, {"method": "geometric"}]},
]


def test_sobol_indices_of_an_additive_function_match_the_analytic_values() -> None:
    # y = x1 + 2 x2 + 3 x3, x ~ U(0, 1): V_i ∝ 1, 4, 9 → S_i = S_Ti = 1/14, 4/14, 9/14
    n, d = 20_000, 3
    u = saltelli_sample(n, d, np.random.default_rng(42))
    y = u @ np.array([1.0, 2.0, 3.0])
    est = sobol_indices(y[:n], y[n : 2 * n], y[2 * n :].reshape(d, n), n_boot=50)
    expected = np.array([1, 4, 9]) / 14
    assert est["first_order"] == pytest.approx(expected, abs=0.02)
    assert est["total"] == pytest.approx(expected, abs=0.02)
    assert (est["first_order_low"] <= est["first_order"]).all()
    assert (est["first_order"] <= est["first_order_high"]).all()


def test_the_same_seed_gives_the_same_result_and_another_seed_does_not(asem_run: Run) -> None:
    a = sensitivity(asem_run, STEPS, n=40, seed=3)
    b = sensitivity(asem_run, STEPS, n=40, seed=3)
    c = sensitivity(asem_run, STEPS, n=40, seed=4)
    assert a.summary.equals(b.summary) and a.indices is not None and a.indices.equals(b.indices)
    assert not np.array_equal(a.choices, c.choices)


def test_each_batched_replication_equals_a_run_built_with_those_choices(asem_run: Run) -> None:
    res = sensitivity(asem_run, STEPS, n=10, seed=7, method="uncertainty")
    for r in range(0, 10, 3):
        variant = asem_run
        for i, a in enumerate(res.assumptions):
            variant = variant.variant(a.step, a.alternatives[res.choices[r, i]])  # type: ignore[arg-type]
        assert res.scores[r] == pytest.approx(variant.scores()["Index"].to_numpy(), rel=1e-10)
        assert np.array_equal(res.ranks[r], variant.ranks()["Index"].to_numpy())


def test_noisy_weights_are_the_nominal_weights_times_the_recorded_multipliers(asem_run: Run) -> None:
    spec = [{"name": "weights", "type": "weights", "noise": 0.25, "sets": 5}]
    res = sensitivity(asem_run, spec, n=6, seed=1, method="uncertainty")
    mult = res.weight_multipliers["weights"]
    fw = asem_run.framework
    for r in range(3):
        k = res.choices[r, 0]
        overrides = {
            c: float(w * m)
            for lvl in range(1, fw.n_levels)
            for c, w, m in zip(fw.levels[lvl - 1], asem_run.weights[lvl - 1], mult[lvl - 1][k], strict=True)
        }
        assert all(0.75 <= m <= 1.25 for lvl in mult for m in lvl[k])
        variant = asem_run.variant("weight", {"overrides": overrides})
        assert res.scores[r] == pytest.approx(variant.scores()["Index"].to_numpy(), rel=1e-10)


def test_rank_intervals_and_indices_are_reported_per_unit_and_assumption(asem_run: Run) -> None:
    res = sensitivity(asem_run, n=64, seed=11)  # the assumptions of examples/asem.yaml
    s = res.summary
    assert list(s.index) == asem_run.unit_codes.tolist()
    assert (s["q05_rank"] <= s["median_rank"]).all() and (s["median_rank"] <= s["q95_rank"]).all()
    assert s["nominal_rank"].tolist() == asem_run.ranks()["Index"].tolist()
    assert res.evaluations == 64 * (4 + 2)
    assert res.indices is not None and list(res.indices.index) == ["winmax", "normalisation", "weights", "aggregation"]
    assert np.isfinite(res.indices.to_numpy()).all()
    assert res.unit_total is not None and res.unit_total.shape == (51, 4)


def test_bad_assumptions_are_all_reported(asem_run: Run) -> None:
    bad = [
        {"name": "x", "step": "smooth", "alternatives": [{}]},
        {"name": "y", "step": "normalise", "alternatives": [{"method": "minmax", "range": [5, 1]}]},
        {"name": "z", "type": "weights", "noise": 2},
    ]
    with pytest.raises(IndexConfigError) as err:
        sensitivity(asem_run, bad, n=4, seed=0)
    fields = {p.field for p in err.value.problems}
    assert fields == {
        "sensitivity.assumptions[0].step",
        "sensitivity.assumptions[1].alternatives[0]",
        "sensitivity.assumptions[2].noise",
    }
