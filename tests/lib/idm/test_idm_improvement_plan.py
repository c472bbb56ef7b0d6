"""The greedy shortest list of item improvements that closes the gap to the next status."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import product

import numpy as np
import pytest

from petakan.lib.idm import MISSING, PLAN_METHOD, improvement_plan, score_matrix


def fewest_points(row: np.ndarray, cutoff: Fraction) -> int:
    """Oracle by enumeration: the fewest extra points (IKS a, IKE b, IKL c) that lift the IDM above ``cutoff``."""
    sums = [int(row[:35].sum()), int(row[35:47].sum()), int(row[47:].sum())]
    base = Fraction(sums[0], 525) + Fraction(sums[1], 180) + Fraction(sums[2], 45)
    best = None
    for b, c in product(range(60 - sums[1] + 1), range(15 - sums[2] + 1)):
        # The fewest IKS points a with base + a/525 + b/180 + c/45 > cutoff, if any.
        missing = (cutoff - base - Fraction(b, 180) - Fraction(c, 45)) * 525
        a = max(0, math.floor(missing) + 1)
        if a <= 175 - sums[0] and (best is None or a + b + c < best):
            best = a + b + c
    assert best is not None
    return best


def test_the_plan_lifts_pakisrejo_to_maju_with_the_fewest_points(edition, row_with_sums):
    row = row_with_sums(127, 32, 10)
    plan = improvement_plan(edition, row.tolist())

    assert (plan.status.code, plan.target.code, plan.status_after.code) == ("berkembang", "maju", "maju")
    assert plan.gap == pytest.approx(0.7072 - plan.idm)  # the default 4-decimal cut-off
    assert plan.points == fewest_points(row, Fraction("0.7072"))
    # IKL points are worth most (1/45): the plan starts there.
    assert plan.steps[0].item.code.startswith("ikl_")
    improved = row.copy()
    for step in plan.steps:
        assert improved[step.item.position] == step.from_score
        improved[step.item.position] = step.to_score
    assert score_matrix(edition, improved[None, :]).status_codes()[0] == "maju"
    assert plan.idm_after == pytest.approx(sum(step.gain for step in plan.steps) + plan.idm)
    assert "greedy" in plan.method and plan.method == PLAN_METHOD


def test_the_plan_uses_the_fewest_points_on_random_villages(edition):
    rng = np.random.default_rng(11)
    for row in rng.integers(0, 6, size=(25, 50)):
        plan = improvement_plan(edition, row.tolist())
        if plan.target is None:
            continue
        cutoff = edition.status_rule().cutoffs[edition.statuses.index(plan.status)]
        assert plan.points == fewest_points(row, cutoff)
        assert plan.status_after == plan.target


def test_a_mandiri_village_has_nothing_left_to_close(edition):
    plan = improvement_plan(edition, [5] * 50)

    assert plan.target is None and plan.gap is None and plan.steps == () and plan.status.code == "mandiri"


def test_no_plan_is_made_on_missing_scores(edition):
    with pytest.raises(ValueError, match="iks_03"):
        improvement_plan(edition, [5, 5, None] + [3] * 47)
    with pytest.raises(ValueError, match="ikl_03"):
        improvement_plan(edition, [3] * 49 + [MISSING])
