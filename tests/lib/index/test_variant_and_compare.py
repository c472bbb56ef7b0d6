"""Variants (one step changed) and unit-by-unit comparison of two runs."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index import Run, compare


def test_a_variant_changes_only_the_named_step(asem_run: Run) -> None:
    other = asem_run.variant("normalise", {"method": "zscore", "mean_sd": [50, 10]})
    steps_a = {s["step"]: s for s in asem_run.config["steps"]}
    steps_b = {s["step"]: s for s in other.config["steps"]}
    assert steps_b["normalise"]["method"] == "zscore" and "range" not in steps_b["normalise"]
    assert {k: v for k, v in steps_a.items() if k != "normalise"} == {
        k: v for k, v in steps_b.items() if k != "normalise"
    }
    assert np.array_equal(other.dataset("Treated").to_numpy(), asem_run.dataset("Treated").to_numpy(), equal_nan=True)


def test_parameters_without_a_method_are_merged_into_the_step(asem_run: Run) -> None:
    other = asem_run.variant("treat", {"winmax": 2})
    treat = next(s for s in other.config["steps"] if s["step"] == "treat")
    assert treat["winmax"] == 2 and treat["skew_threshold"] == 2.0


def test_comparing_a_run_with_itself_shows_no_change(asem_run: Run) -> None:
    cmp_ = compare(asem_run, asem_run)
    assert (cmp_.table["rank_change"] == 0).all()
    assert cmp_.summary["aggregates"]["Index"]["units_rank_changed"] == 0
    assert cmp_.summary["aggregates"]["Index"]["spearman_scores"] == pytest.approx(1.0)


def test_comparison_reports_score_and_rank_shifts_per_unit(asem_run: Run) -> None:
    other = asem_run.variant("weight", {"overrides": {"Conn": 3.0}})
    cmp_ = compare(asem_run, other, "Index")
    che = cmp_.table.loc["CHE"]
    assert che["score_a"] == pytest.approx(asem_run.scores().loc["CHE", "Index"])
    # Index = (3·Conn + Sust)/4 in the variant
    s = asem_run.scores().loc["CHE"]
    assert che["score_b"] == pytest.approx((3 * s["Conn"] + s["Sust"]) / 4)
    assert che["rank_change"] == che["rank_b"] - che["rank_a"]
    assert cmp_.table["abs_rank_change"].is_monotonic_decreasing
    assert cmp_.summary["aggregates"]["Conn"]["units_rank_changed"] == 0
