"""Did a programme move the needle? A plain difference-in-differences with matched comparison villages.

Inputs, per village: its score in the run before and in the run after (0–100; for a programme the mean of its
elements' scores), whether the programme reached it, and its zone (Kendal: the profiles' ``geo_zone``, pesisir /
dataran / pegunungan). Pure numpy, no Django.

Matching. Every reached village ``i`` is compared with the villages that were *not* reached, lie in the *same
zone* and started within a *caliper* of it: ``|before_j − before_i| ≤ caliper`` points (default 10 on the 0–100
scale). All villages inside the caliper count, equally weighted, so the result does not depend on the order of
ties. A reached village without any such neighbour is left out (and counted as unmatched): it has no fair
comparison. Villages without a score in either run take no part.

Estimate (the average effect on the reached villages, in index points)::

    d_i    = (after_i − before_i) − mean_{j ∈ C_i} (after_j − before_j)
    effect = mean_i d_i

which equals "mean change of the reached villages − mean change of their matched comparison", the comparison
villages weighted by how often they were matched (``w_j = Σ_i 1/|C_i| / n``). The group means before and after are
reported with the same weights, so ``(after_r − before_r) − (after_c − before_c) == effect`` exactly.

Uncertainty: a percentile bootstrap over the reached villages (each drawn with its matched set, so the noise of the
comparison villages enters through ``d_i``), 2,000 replicates, fixed seed (the same data always give the same
interval). Chosen over a Welch standard error because the groups are small and their changes need not be normal,
and because a village's comparison set makes the two groups' means dependent, which Welch's formula ignores. It is
an approximate 95 % interval: comparison villages shared between reached villages make it somewhat too narrow.
With fewer than two matched reached villages there is no interval.

The wording is modest on purpose: reached villages were chosen, not drawn at random, so the estimate is the change
that *accompanied* the programme, not proof that it caused it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

CALIPER = 10.0  # points on the 0–100 scale: how far a comparison village's starting score may lie
REPLICATES = 2000
CONFIDENCE = 0.95
SEED = 20


@dataclass(frozen=True)
class Village:
    """One village's scores (0–100, NaN = not measured) before and after, whether reached, and its zone."""

    code: str
    before: float
    after: float
    reached: bool
    zone: str = ""

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def measured(self) -> bool:
        return bool(np.isfinite(self.before) and np.isfinite(self.after))


@dataclass(frozen=True)
class Estimate:
    """The difference-in-differences, or no estimate and why (``reason_id``/``reason_en``; empty with an estimate).

    ``effect`` and the interval are in points of the 0–100 scale. ``pairs``: reached village → its comparison
    villages. ``unmatched``: reached villages measured in both runs but without a comparison village."""

    effect: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n_reached: int = 0
    n_comparison: int = 0
    reached_before: float | None = None
    reached_after: float | None = None
    comparison_before: float | None = None
    comparison_after: float | None = None
    pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unmatched: tuple[str, ...] = ()
    not_measured: tuple[str, ...] = ()  # reached villages without a score in one of the runs
    comparison_weights: dict[str, float] = field(default_factory=dict)
    caliper: float = CALIPER
    confidence: float = CONFIDENCE
    replicates: int = REPLICATES
    reason_id: str = ""
    reason_en: str = ""

    @property
    def has_estimate(self) -> bool:
        return self.effect is not None

    def reason(self, language: str) -> str:
        return self.reason_en if language.startswith("en") else self.reason_id


def match(villages: Sequence[Village], caliper: float = CALIPER) -> dict[str, tuple[str, ...]]:
    """Reached village → the not-reached villages of the same zone whose starting score lies within ``caliper``
    points (both measured in both runs). Reached villages without any such village are absent."""
    measured = [v for v in villages if v.measured]
    pool: dict[str, list[Village]] = {}
    for v in measured:
        if not v.reached:
            pool.setdefault(v.zone, []).append(v)
    pairs: dict[str, tuple[str, ...]] = {}
    for v in measured:
        if not v.reached:
            continue
        near = tuple(c.code for c in pool.get(v.zone, []) if abs(c.before - v.before) <= caliper + 1e-9)
        if near:
            pairs[v.code] = near
    return pairs


def estimate(
    villages: Sequence[Village],
    *,
    caliper: float = CALIPER,
    replicates: int = REPLICATES,
    confidence: float = CONFIDENCE,
    seed: int = SEED,
) -> Estimate:
    """The matched difference-in-differences of the module docstring."""
    by_code = {v.code: v for v in villages}
    reached = [v for v in villages if v.reached]
    not_measured = tuple(v.code for v in reached if not v.measured)
    common = {"caliper": caliper, "confidence": confidence, "replicates": replicates, "not_measured": not_measured}
    if not any(v.measured for v in reached):
        return Estimate(
            **common,
            reason_id="Tidak ada desa sasaran program yang memiliki nilai pada kedua hasil indeks.",
            reason_en="No village the programme reached has a score in both index runs.",
        )
    pairs = match(villages, caliper)
    unmatched = tuple(v.code for v in reached if v.measured and v.code not in pairs)
    if not pairs:
        return Estimate(
            **common,
            unmatched=unmatched,
            reason_id=(
                "Tidak ada desa pembanding: tidak ada desa yang tidak dijangkau program di zona yang sama dengan "
                f"nilai awal berselisih paling banyak {caliper:g} poin dari desa sasaran."
            ),
            reason_en=(
                "No comparison villages: no village outside the programme lies in the same zone with a starting "
                f"score within {caliper:g} points of a reached village."
            ),
        )
    order = list(pairs)
    n = len(order)
    change = np.array([by_code[c].change for c in order])
    counterfactual = np.array([np.mean([by_code[j].change for j in pairs[c]]) for c in order])
    d = change - counterfactual
    weights: dict[str, float] = {}
    for c in order:
        for j in pairs[c]:
            weights[j] = weights.get(j, 0.0) + 1.0 / (len(pairs[c]) * n)
    comparison_before = sum(w * by_code[j].before for j, w in weights.items())
    comparison_after = sum(w * by_code[j].after for j, w in weights.items())
    low = high = None
    if n >= 2:
        rng = np.random.default_rng(seed)
        draws = rng.integers(0, n, size=(replicates, n))
        means = d[draws].mean(axis=1)
        tail = (1 - confidence) / 2 * 100
        low, high = (float(x) for x in np.percentile(means, [tail, 100 - tail]))
    return Estimate(
        effect=float(d.mean()),
        ci_low=low,
        ci_high=high,
        n_reached=n,
        n_comparison=len(weights),
        reached_before=float(np.mean([by_code[c].before for c in order])),
        reached_after=float(np.mean([by_code[c].after for c in order])),
        comparison_before=float(comparison_before),
        comparison_after=float(comparison_after),
        pairs=pairs,
        unmatched=unmatched,
        comparison_weights=weights,
        **common,
    )
