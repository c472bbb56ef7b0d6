"""Classes for choropleth maps: quantiles, equal intervals and Jenks natural breaks. Pure numpy, no Django.

Every method returns class *breaks*: k + 1 ascending edges ``b_0 = min ≤ b_1 ≤ … ≤ b_k = max`` of the finite
values. A value v belongs to class i (0-based) when ``b_i < v ≤ b_{i+1}``; the lowest class also holds ``b_0``.
Upper-inclusive classes are the convention of ColorBrewer legends and mapclassify, and they make a natural break
equal to the largest value of its class.

Equal edges collapse: data with fewer distinct values than classes (or quantiles that fall on ties) yield fewer
classes than asked; only b_1 = b_0 is kept, as a class of the minimum alone. :class:`Classes` keeps both ``k``
(what the data allow) and ``requested_k`` so a legend can say so.
Missing values (NaN) get class -1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

METHODS: Final = ("quantile", "equal", "jenks")
MIN_CLASSES: Final = 2
MAX_CLASSES: Final = 9
# Fisher–Jenks is O(k·m²) in the m distinct values; above this many, it runs on equal-count groups of the sorted values.
JENKS_EXACT_LIMIT: Final = 1000


class ClassificationError(ValueError):
    """A request the classifier cannot honour; ``field`` names the argument, ``value`` what was given."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        super().__init__(f"{field}={value!r}: {reason}")
        self.field = field
        self.value = value
        self.reason = reason


@dataclass(frozen=True)
class Classes:
    method: str
    requested_k: int
    breaks: np.ndarray  # k + 1 ascending edges; empty when there is no finite value
    classes: np.ndarray  # class per input value, -1 for NaN
    counts: np.ndarray  # number of values per class

    @property
    def k(self) -> int:
        return max(len(self.breaks) - 1, 0)

    @property
    def missing(self) -> int:
        return int((self.classes < 0).sum())


def _finite(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    if values.ndim != 1:
        raise ClassificationError("values", values.shape, "must be one-dimensional")
    return values[np.isfinite(values)]


def _check_k(k: int) -> None:
    if not isinstance(k, (int, np.integer)) or not MIN_CLASSES <= k <= MAX_CLASSES:
        raise ClassificationError("k", k, f"number of classes must be an integer from {MIN_CLASSES} to {MAX_CLASSES}")


def _collapse(edges: np.ndarray) -> np.ndarray:
    """Drop repeated edges (ties) above the first: b_1 may still equal b_0, a class holding only the minimum
    (e.g. the many zeros of a commodity), but no class is left empty by construction."""
    return np.concatenate([edges[:1], np.unique(edges[1:])])


def quantile_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """Edges at the i/k quantiles, i = 0…k (numpy's linear interpolation, Hyndman–Fan type 7):

    b_i = x_(⌊h⌋) + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋)),  h = (n − 1)·i/k  over the sorted finite values x_(0…n−1).
    """
    _check_k(k)
    x = _finite(values)
    if x.size == 0:
        return np.empty(0)
    return _collapse(np.quantile(x, np.linspace(0.0, 1.0, k + 1)))


def equal_interval_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """Edges b_i = min + i·(max − min)/k, i = 0…k (the last edge is exactly max)."""
    _check_k(k)
    x = _finite(values)
    if x.size == 0:
        return np.empty(0)
    lo, hi = float(x.min()), float(x.max())
    edges = lo + (hi - lo) * np.arange(k + 1) / k
    edges[-1] = hi
    return _collapse(edges)


def natural_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """Jenks natural breaks by Fisher's exact dynamic programme: the partition of the sorted values into k
    contiguous classes that minimises the total within-class sum of squared deviations

        SDCM = Σ_classes Σ_{v ∈ class} (v − mean_class)²,

    computed from cumulative sums (SSD of a run = Σw·v² − (Σw·v)² / Σw) over the *distinct* values weighted by their
    counts, so ties never straddle a break. Each inner edge is the largest value of its class. With more than
    ``JENKS_EXACT_LIMIT`` distinct values the sorted values are first grouped into that many equal-count groups
    (exact sums kept) and breaks are placed between groups — an approximation whose edges can be off by at most
    one group from the exact optimum.
    """
    _check_k(k)
    x = _finite(values)
    if x.size == 0:
        return np.empty(0)
    distinct, counts = np.unique(x, return_counts=True)
    if len(distinct) <= k:  # one class per distinct value
        return _collapse(np.concatenate([distinct[:1], distinct]))
    weight = counts.astype(float)
    first_moment = distinct * weight
    second_moment = distinct * distinct * weight
    upper = distinct
    if len(distinct) > JENKS_EXACT_LIMIT:
        # equal-count groups over the distinct values (in order): a group never splits one value
        edges = np.linspace(0, len(distinct), JENKS_EXACT_LIMIT + 1).round().astype(int)
        starts = edges[:-1]
        weight = np.add.reduceat(weight, starts)
        first_moment = np.add.reduceat(first_moment, starts)
        second_moment = np.add.reduceat(second_moment, starts)
        upper = distinct[edges[1:] - 1]
    m = len(weight)
    s0 = np.concatenate([[0.0], np.cumsum(weight)])
    s1 = np.concatenate([[0.0], np.cumsum(first_moment)])
    s2 = np.concatenate([[0.0], np.cumsum(second_moment)])
    # cost[i, j]: SSD of the run of values i..j (inclusive); +inf below the diagonal (no such run)
    i, j = np.triu_indices(m)
    cost = np.full((m, m), np.inf)
    n_run = s0[j + 1] - s0[i]
    total = s1[j + 1] - s1[i]
    cost[i, j] = np.maximum((s2[j + 1] - s2[i]) - total * total / n_run, 0.0)
    best = cost[0].copy()  # best[j]: minimal SDCM of values 0..j in c classes (c = 1 here)
    starts_of: list[np.ndarray] = []
    for _c in range(2, k + 1):
        # the last class starts at i ≥ 1; before it, values 0..i-1 in c-1 classes
        previous = np.concatenate([[np.inf], best[:-1]])
        total_cost = previous[:, None] + cost
        start = np.argmin(total_cost, axis=0)
        best = total_cost[start, np.arange(m)]
        starts_of.append(start)
    inner = []
    end = m - 1
    for start in reversed(starts_of):
        begin = int(start[end])
        inner.append(float(upper[begin - 1]))
        end = begin - 1
    return _collapse(np.array([float(distinct[0]), *reversed(inner), float(distinct[-1])]))


BREAKS = {"quantile": quantile_breaks, "equal": equal_interval_breaks, "jenks": natural_breaks}


def assign(values: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Class of each value under upper-inclusive ``breaks`` (see the module docstring); -1 for NaN.

    Values outside [b_0, b_k] fall in the nearest end class, so breaks computed on one set can colour another.
    """
    values = np.asarray(values, dtype=float)
    out = np.full(values.shape, -1, dtype=np.int64)
    if len(breaks) < 2:
        return out
    finite = np.isfinite(values)
    out[finite] = np.searchsorted(np.asarray(breaks)[1:-1], values[finite], side="left")
    return out


def classify(values: np.ndarray, method: str, k: int) -> Classes:
    """Breaks by ``method`` ("quantile", "equal" or "jenks"), each value's class and the count per class."""
    if method not in BREAKS:
        raise ClassificationError("method", method, f"unknown classification; use one of {', '.join(METHODS)}")
    values = np.asarray(values, dtype=float)
    breaks = BREAKS[method](values, k)
    classes = assign(values, breaks)
    n_classes = max(len(breaks) - 1, 0)
    counts = np.bincount(classes[classes >= 0], minlength=n_classes)[:n_classes] if n_classes else np.zeros(0, int)
    return Classes(method, int(k), breaks, classes, counts)
