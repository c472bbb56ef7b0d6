"""What raises a village's IDM: the value of one more point per item, and a short plan to the next status.

One score point on an item of index k adds 1 / (n · M_k) to the IDM (idm-2020: IKS 1/525 = 0.0019048,
IKE 1/180 = 0.0055556, IKL 1/45 = 0.0222222), whatever the other scores; reaching the maximum adds
(max − score) times that. These are the "+ Nilai" figures of the Kemendesa status report.

The plan to the next status is greedy on the IDM gain per point: it takes points from the items with the
highest gain per point first (ties: the item with more room to its maximum, then the published order) until
the IDM passes the next cut-off under the edition's boundary rule. Because every point of an index is worth
the same, this uses the fewest score points possible; it is not guaranteed to touch the fewest items, and it
ignores cost and feasibility — it shows where points count most, the page must say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from petakan.lib.idm.edition import Edition, Item, StatusLevel
from petakan.lib.idm.scoring import MISSING, classify_numerators, score_matrix

PLAN_METHOD = (
    "greedy on IDM gain per score point (highest first; ties: most room to the maximum, then published "
    "order); fewest points, not necessarily fewest items"
)


@dataclass(frozen=True)
class ItemGain:
    """One item of one village-year: its score, the IDM gain of one more point and of reaching the maximum."""

    item: Item
    score: int | None
    gain_one_point: float
    gain_to_max: float


@dataclass(frozen=True)
class PlanStep:
    item: Item
    from_score: int
    to_score: int
    gain: float


@dataclass(frozen=True)
class ImprovementPlan:
    """The current status, the next one, the IDM gap to it and the greedy list of item improvements."""

    idm: float
    status: StatusLevel
    target: StatusLevel | None
    gap: float | None  # next cut-off − IDM; the IDM must pass the cut-off under the boundary rule
    steps: tuple[PlanStep, ...]
    points: int
    idm_after: float
    status_after: StatusLevel
    method: str = PLAN_METHOD


def point_value_per_item(edition: Edition) -> np.ndarray:
    """IDM gain of one score point, per item (float, edition order)."""
    return edition.item_weights / float(edition.denominator)


def gain_matrices(edition: Edition, scores: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised gains of a (n × items) score matrix: (one more point, reaching the maximum).

    Both are 0 at the maximum and NaN for a missing item.
    """
    matrix = np.asarray(scores, dtype=np.int64)
    value = point_value_per_item(edition)
    missing = matrix == MISSING
    room = edition.max_scores - matrix
    one = np.where(room > 0, value, 0.0)
    to_max = room * value
    return np.where(missing, np.nan, one), np.where(missing, np.nan, to_max)


def item_gains(edition: Edition, scores: Sequence[int | None]) -> list[ItemGain]:
    """Per item of one village-year (scores in edition order, None or MISSING for a missing item)."""
    row = _row(edition, scores)
    one, to_max = gain_matrices(edition, row[None, :])
    return [
        ItemGain(item, None if row[i] == MISSING else int(row[i]), float(one[0, i]), float(to_max[0, i]))
        for i, item in enumerate(edition.items)
    ]


def improvement_plan(edition: Edition, scores: Sequence[int | None], thresholds: str | None = None) -> ImprovementPlan:
    """Greedy shortest list of item improvements that lifts one village-year to the next status.

    Needs every item score (ValueError otherwise: a plan on missing scores would be wrong). At the top status
    the plan is empty and ``target``/``gap`` are None.
    """
    row = _row(edition, scores)
    if np.any(row == MISSING):
        missing = [edition.items[i].code for i in np.flatnonzero(row == MISSING)]
        raise ValueError(f"no plan without every item score; missing: {', '.join(missing)}")
    result = score_matrix(edition, row[None, :], thresholds)
    rule = result.rule
    numerator = int(result.numerator[0])
    status = int(result.status[0])
    idm = numerator / edition.denominator
    if status >= len(edition.statuses) - 1:
        level = edition.statuses[status]
        return ImprovementPlan(idm, level, None, None, (), 0, idm, level)
    target = status + 1
    gap = float(rule.cutoffs[status]) - idm
    order = sorted(
        range(len(edition.items)),
        key=lambda i: (-int(edition.item_weights[i]), -(int(edition.max_scores[i]) - int(row[i])), i),
    )
    steps: list[PlanStep] = []
    points = 0
    reached = False
    for i in order:
        room = int(edition.max_scores[i]) - int(row[i])
        weight = int(edition.item_weights[i])
        if room <= 0:
            continue
        # The fewest points on this item that pass the cut-off, or all its room when that is not enough.
        taken = room
        for extra in range(1, room + 1):
            candidate = np.array([numerator + extra * weight], dtype=np.int64)
            if classify_numerators(candidate, edition.denominator, rule)[0] >= target:
                taken, reached = extra, True
                break
        numerator += taken * weight
        points += taken
        steps.append(PlanStep(edition.items[i], int(row[i]), int(row[i]) + taken, taken * weight / edition.denominator))
        if reached:
            break
    status_after = int(classify_numerators(np.array([numerator], dtype=np.int64), edition.denominator, rule)[0])
    return ImprovementPlan(
        idm=idm,
        status=edition.statuses[status],
        target=edition.statuses[target],
        gap=gap,
        steps=tuple(steps),
        points=points,
        idm_after=numerator / edition.denominator,
        status_after=edition.statuses[status_after],
    )


def _row(edition: Edition, scores: Sequence[int | None]) -> np.ndarray:
    if len(scores) != len(edition.items):
        raise ValueError(f"expected {len(edition.items)} scores for {edition.code}, got {len(scores)}")
    row = np.array([MISSING if s is None else int(s) for s in scores], dtype=np.int64)
    if np.any((row < MISSING) | (row > edition.max_scores)):
        raise ValueError(f"scores outside 0..max for {edition.code}: {row.tolist()}")
    return row
