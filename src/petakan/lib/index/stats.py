"""Column statistics over units × variables arrays, NaN-aware and vectorised (no SciPy).

Every function works on all columns at once; where a full-size temporary would be needed the work is done in
column blocks so that national-scale tables (83,762 units) stay within a small memory budget.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np

T = TypeVar("T")
BLOCK_ELEMENTS = 1 << 20  # ~8 MB of float64 per temporary


_POOL: ThreadPoolExecutor | None = None
_LOCAL = threading.local()
PARALLEL_MIN_VALUES = 200_000


def _pool() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)), thread_name_prefix="index")
    return _POOL


def workers() -> int:
    return _pool()._max_workers


def map_columns(fn: Callable[[int], T], cols: Iterable[int], n_rows: int) -> list[T]:
    """``[fn(j) for j in cols]``, on a few threads when the work is large (numpy releases the GIL in its
    loops, so per-column work runs in parallel on the machine's cores). ``fn`` must only write column j."""
    cols = list(cols)
    if len(cols) > 1 and n_rows * len(cols) >= PARALLEL_MIN_VALUES and workers() > 1:
        return list(_pool().map(fn, cols))
    return [fn(j) for j in cols]


def _buffers(n: int, count: int) -> list[np.ndarray]:
    """Per-thread scratch vectors of length n (reused between columns, so no page faults per column)."""
    bufs = getattr(_LOCAL, "bufs", None)
    if bufs is None or bufs[0].shape[0] != n or len(bufs) < count:
        bufs = [np.empty(n) for _ in range(max(count, 2))]
        _LOCAL.bufs = bufs
    return bufs[:count]


def column_blocks(n_rows: int, n_cols: int, budget: int = BLOCK_ELEMENTS) -> Iterator[slice]:
    step = max(1, budget // max(1, n_rows))
    for j in range(0, n_cols, step):
        yield slice(j, min(n_cols, j + step))


def row_blocks(n_rows: int, n_cols: int, budget: int = BLOCK_ELEMENTS) -> Iterator[slice]:
    step = max(1, budget // max(1, n_cols))
    for i in range(0, n_rows, step):
        yield slice(i, min(n_rows, i + step))


def column_moments(col: np.ndarray) -> tuple[float, float, float, float, float]:
    """(n, mean, Σd², Σd³, Σd⁴) of one column, NaN ignored, using the calling thread's scratch buffers."""
    rows = col.shape[0]
    d, d2 = _buffers(rows, 2)
    tot = col.sum()
    if np.isnan(tot):
        ok = ~np.isnan(col)
        cnt = int(ok.sum())
        m = col[ok].sum() / cnt if cnt else np.nan
        np.subtract(col, m, out=d)
        d[~ok] = 0.0
    else:
        cnt = rows
        m = tot / rows
        np.subtract(col, m, out=d)
    np.multiply(d, d, out=d2)
    # einsum, not BLAS: multi-threaded BLAS dots stall when the cores are shared
    return float(cnt), float(m), float(d2.sum()), float(np.einsum("i,i->", d2, d)), float(np.einsum("i,i->", d2, d2))


def central_moments(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per column: count n, mean, and the sums Σd², Σd³, Σd⁴ of deviations d = x − mean (NaN ignored).

    One column at a time with reused per-thread buffers: the temporaries stay in cache and no full-size array
    is allocated (allocating is what costs most at national scale).
    """
    rows, k = x.shape
    out = np.empty((5, k))

    def one(j: int) -> None:
        out[:, j] = column_moments(x[:, j])

    map_columns(one, range(k), rows)
    return out[0], out[1], out[2], out[3], out[4]


def skew_kurt_from_moments(
    n: np.ndarray, s2: np.ndarray, s3: np.ndarray, s4: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sample skewness and excess kurtosis, type 2 (e1071 / Excel / COINr ``skew`` and ``kurt``).

    skew = √n·Σd³/(Σd²)^(3/2) · √(n(n−1))/(n−2);
    kurt = ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)) with r = n·Σd⁴/(Σd²)².
    NaN when n < 3 (skew) or n < 4 (kurtosis), or when the column is constant.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        g1 = np.sqrt(n) * s3 / s2**1.5
        skew = g1 * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * s4 / (s2 * s2)
        kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    skew = np.where((n >= 3) & (s2 > 0), skew, np.nan)
    kurt = np.where((n >= 4) & (s2 > 0), kurt, np.nan)
    return skew, kurt


def skew_kurt(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Type-2 skewness and excess kurtosis of each column of ``x`` (see :func:`skew_kurt_from_moments`)."""
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        x = x[:, None]
    n, _, s2, s3, s4 = central_moments(x)
    return skew_kurt_from_moments(n, s2, s3, s4)


_FLIP = np.int64(0x7FFF_FFFF_FFFF_FFFF)


def _rank_1d(key: np.ndarray, ties: str) -> np.ndarray:
    """Ranks of a contiguous float vector (1 = smallest; NaN ranks are set by the caller).

    Sorting is done on an int64 image of the floats that has the same order (the bits of a non-negative
    float are ordered like the float; negative floats get their magnitude bits flipped; NaN goes last) because
    numpy's vectorised argsort is about twice as fast on int64 as on float64.
    """
    bits = key.view(np.int64)
    ikey = np.where(bits < 0, bits ^ _FLIP, bits)
    nan = np.isnan(key)
    if nan.any():
        ikey[nan] = np.iinfo(np.int64).max
    order = np.argsort(ikey)
    srt = key[order]
    n = len(key)
    pos = np.arange(1, n + 1, dtype=float)
    new = np.empty(n, dtype=bool)
    new[:1] = True
    np.not_equal(srt[1:], srt[:-1], out=new[1:])
    if new.all():
        val = pos
    elif ties == "dense":
        val = np.cumsum(new, dtype=float)
    else:
        start = np.maximum.accumulate(np.where(new, pos, 0.0))
        if ties == "min":
            val = start
        else:
            last = np.empty(n, dtype=bool)
            last[-1:] = True
            last[:-1] = new[1:]
            end = np.minimum.accumulate(np.where(last, pos, np.inf)[::-1])[::-1]
            val = end if ties == "max" else (start + end) / 2
    out = np.empty(n)
    out[order] = val
    return out


def rank_columns(x: np.ndarray, ties: str = "min", descending: bool = False, axis: int = 0) -> np.ndarray:
    """Ranks (1 = smallest, or largest with ``descending``) along ``axis``; NaN stays NaN.

    ``ties``: ``"min"`` (sport ranking 1, 2, 2, 4 — COINr's default), ``"max"``, ``"average"`` or ``"dense"``
    (1, 2, 2, 3). Ties are found from equal sorted values, so an unstable (faster) sort is enough. Series are
    ranked one by one (small temporaries), on a few threads when large (numpy's sort releases the GIL).
    """
    if ties not in ("min", "max", "average", "dense"):
        raise ValueError(f"unknown ties method {ties!r}")
    a = np.asarray(x, dtype=float)
    squeeze = a.ndim == 1
    if squeeze:
        a = a[:, None]
        axis = 0
    key = np.moveaxis(a, axis, -1)
    shape = key.shape
    flat = key.reshape(-1, shape[-1])
    flat = np.ascontiguousarray(-flat if descending else flat)
    out = np.empty_like(flat)

    def one(i: int) -> None:
        r = _rank_1d(flat[i], ties)
        r[np.isnan(flat[i])] = np.nan
        out[i] = r

    map_columns(one, range(flat.shape[0]), flat.shape[1])
    res = np.moveaxis(out.reshape(shape), -1, axis)
    return res[:, 0] if squeeze else res


def pearson_matrix(x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
    """Pearson correlations between the columns of ``x`` (and ``y``), pairwise-complete.

    r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²), with means and sums over the units where both values are present.
    Computed with matrix products over presence masks, so every pair is done at once.
    """
    x = np.asarray(x, dtype=float)
    if y is None and x.shape[0] >= 3 and not np.isnan(x).any():
        # complete data: one product of the standardised columns
        z = x - x.mean(axis=0)
        norm = np.sqrt(np.einsum("ij,ij->j", z, z))
        with np.errstate(invalid="ignore", divide="ignore"):
            z /= norm
            r = z.T @ z
        r[:, norm <= 0] = np.nan
        r[norm <= 0, :] = np.nan
        return np.clip(r, -1.0, 1.0)
    y = x if y is None else np.asarray(y, dtype=float)
    # centring by the column mean first keeps the sum formulas accurate
    xc = x - np.nanmean(x, axis=0) if x.size else x
    yc = y - np.nanmean(y, axis=0) if y.size else y
    mx, my = ~np.isnan(xc), ~np.isnan(yc)
    x0, y0 = np.where(mx, xc, 0.0), np.where(my, yc, 0.0)
    fx, fy = mx.astype(float), my.astype(float)
    n = fx.T @ fy
    sx = x0.T @ fy
    sy = fx.T @ y0
    sxx = (x0 * x0).T @ fy
    syy = fx.T @ (y0 * y0)
    sxy = x0.T @ y0
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = sxy - sx * sy / n
        vx = sxx - sx * sx / n
        vy = syy - sy * sy / n
        r = cov / np.sqrt(vx * vy)
    r[(n < 3) | (vx <= 0) | (vy <= 0)] = np.nan
    return np.clip(r, -1.0, 1.0)


def pearson_blocks(x: np.ndarray, blocks: Sequence[tuple[Sequence[int], Sequence[int]]]) -> list[np.ndarray]:
    """Pearson correlations of the columns ``a`` of ``x`` with its columns ``b``, for each block ``(a, b)``:
    ``pearson_matrix(x)[np.ix_(a, b)]`` without the correlations of every pair (an audit reports a few).

    Complete data: the columns are centred and scaled to unit length once, z = (x − x̄)/‖x − x̄‖, and each block
    is one product z_aᵀ·z_b (len(a) × len(b) dot products over the units). With missing values each block is
    :func:`pearson_matrix` on its columns (pairwise-complete). Equal to the full matrix up to rounding (≈1e-15).
    """
    x = np.asarray(x, dtype=float)
    if x.shape[0] < 3 or np.isnan(x).any():
        return [pearson_matrix(x[:, list(a)], x[:, list(b)]) for a, b in blocks]
    z = x - x.mean(axis=0)
    norm = np.sqrt(np.einsum("ij,ij->j", z, z))
    with np.errstate(invalid="ignore", divide="ignore"):
        z /= norm
    out = []
    for a, b in blocks:
        a, b = list(a), list(b)
        with np.errstate(invalid="ignore"):
            r = z[:, a].T @ z[:, b]
        r[norm[a] <= 0, :] = np.nan
        r[:, norm[b] <= 0] = np.nan
        out.append(np.clip(r, -1.0, 1.0))
    return out


def spearman_matrix(x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
    """Spearman rank correlations: Pearson correlation of average ranks (each column ranked on its own
    present values; exact when no values are missing)."""
    rx = rank_columns(x, ties="average")
    ry = None if y is None else rank_columns(y, ties="average")
    return pearson_matrix(rx, ry)


def cronbach_alpha(x: np.ndarray) -> float:
    """Cronbach's alpha of the columns of ``x`` over complete rows.

    α = k/(k−1) · (1 − Σ var(x_i) / var(Σ x_i)), sample variances (ddof = 1). NaN with fewer than 2 columns or
    2 complete rows.
    """
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return float("nan")
    total = x.sum(axis=1).var(ddof=1)
    if total <= 0:
        return float("nan")
    return float(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total))


def first_component(x: np.ndarray) -> tuple[float, np.ndarray]:
    """PCA of the standardised columns of ``x`` over complete rows.

    Returns (share of variance of the first principal component λ₁/Σλ, loadings of PC1 as the unit
    eigenvector with a positive sum). NaN share when fewer than 2 columns or 3 complete rows, or when a column
    is constant.
    """
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 3:
        return float("nan"), np.full(k, np.nan)
    sd = x.std(axis=0, ddof=1)
    if (sd <= 0).any():
        return float("nan"), np.full(k, np.nan)
    z = (x - x.mean(axis=0)) / sd
    corr = z.T @ z / (x.shape[0] - 1)
    vals, vecs = np.linalg.eigh(corr)
    v = vecs[:, -1]
    if v.sum() < 0:
        v = -v
    return float(vals[-1] / vals.sum()), v


def nanquantile_columns(a: np.ndarray, qs: Sequence[float]) -> np.ndarray:
    """Quantiles ``qs`` of every column of ``a`` (rows × columns), ignoring NaN: ``np.nanquantile(a, qs, axis=0)``.

    numpy's nanquantile loops over columns in Python (``apply_along_axis``) as soon as one NaN is present, which
    is 30 s for 84,000 villages' rank columns; this sorts once (NaN sort last) and interpolates linearly between
    the order statistics at ``q · (n − 1)``, n being the column's count of numbers — numpy's default ("linear",
    Hyndman & Fan type 7), with its rounding. A column without numbers gives NaN. Result: len(qs) × columns.
    """
    ordered = np.sort(a, axis=0)
    counts = np.sum(~np.isnan(a), axis=0)
    last = np.maximum(counts - 1, 0)
    out = np.full((len(qs), a.shape[1]), np.nan)
    for i, q in enumerate(qs):
        position = q * last
        below = np.floor(position).astype(np.intp)
        above = np.minimum(below + 1, last)
        t = position - below
        lo = np.take_along_axis(ordered, below[None], axis=0)[0]
        hi = np.take_along_axis(ordered, above[None], axis=0)[0]
        diff = hi - lo
        # numpy's _lerp: from the lower value below t = 0.5, from the upper one above, for the same rounding
        value = np.where(t >= 0.5, hi - diff * (1 - t), lo + diff * t)
        out[i] = np.where(counts > 0, value, np.nan)
    return out
