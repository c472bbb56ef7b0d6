"""Pipeline steps over the units × indicators matrix: denominate, screen, impute, treat, normalise.

Each function works on all units at once (numpy over the whole matrix; loops only over indicators, groups or
a bounded number of winsorisation rounds, never over units), changes the working matrix in place where it
can, and returns a :class:`StepResult` with a JSON-able summary for the run log plus the small "replay" data
needed to rebuild the step's output data set later without keeping a full copy of it.
"""

from __future__ import annotations

import math
import warnings as pywarnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import IndexInputError, IndexMethodError, problem
from .stats import (
    central_moments,
    column_blocks,
    column_moments,
    map_columns,
    rank_columns,
    skew_kurt,
    skew_kurt_from_moments,
)


@contextmanager
def quiet_nan() -> Iterator[None]:
    """Silence numpy's empty-slice warnings: empty columns are detected and reported by the steps."""
    with pywarnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        pywarnings.simplefilter("ignore", RuntimeWarning)
        yield


@dataclass
class State:
    """The working data: ``x`` (units × indicators, column-major) and ``rows``, the positions of the current
    units in the input table (screening removes rows)."""

    x: np.ndarray
    rows: np.ndarray


@dataclass
class StepResult:
    """Outcome of one step: ``summary`` and ``warnings`` go to the log; ``replay`` rebuilds the data set."""

    summary: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    replay: Callable[[State], None] | None = None


# -- denominate ------------------------------------------------------------------------------------------
def denominate(
    state: State,
    indicators: list[str],
    denominators: dict[str, str],
    scale: dict[str, float],
    denominator_values: dict[str, np.ndarray],
    unit_codes: np.ndarray,
) -> StepResult:
    """x_i ← x_i / (d / s) for each indicator i with denominator d and scale factor s (default 1; COINr's
    ``ScaleFactor``), e.g. trade / GDP or flights / (population / 1000).

    A zero denominator is an input error (the unit and column are named); a missing denominator makes the
    value missing and is reported as a warning.
    """
    col = {c: j for j, c in enumerate(indicators)}
    problems = []
    warnings: list[str] = []
    for den in sorted(set(denominators.values())):
        d = denominator_values[den][state.rows]
        for pos in np.flatnonzero(d == 0):
            row = int(state.rows[pos])
            problems.append(
                problem(
                    "data",
                    "zero_denominator",
                    f"data row {row + 1} (unit {unit_codes[row]}), column {den}: the denominator is 0",
                    row=row + 1,
                    column=den,
                    code=str(unit_codes[row]),
                    value=0,
                )
            )
        n_missing = int(np.isnan(d).sum())
        if n_missing:
            users = sorted(c for c, v in denominators.items() if v == den)
            warnings.append(
                f"denominator {den} is missing for {n_missing} unit(s); {', '.join(users)} become missing there"
            )
    if problems:
        raise IndexInputError(problems)

    def apply(st: State) -> None:
        for code, den in denominators.items():
            j = col[code]
            st.x[:, j] /= denominator_values[den][st.rows] / scale.get(code, 1.0)

    apply(state)
    return StepResult(
        summary={"denominated": dict(denominators), "scale": dict(scale)}, warnings=warnings, replay=apply
    )


# -- screen ----------------------------------------------------------------------------------------------
def screen(
    state: State,
    by: str,
    min_availability: float,
    min_nonzero: float,
    force_include: list[str],
    force_exclude: list[str],
    unit_codes: np.ndarray,
) -> StepResult:
    """Keep units whose data availability (share of indicators present) is ≥ ``min_availability`` (``by: na``),
    whose share of non-zero values among present ones is ≥ ``min_nonzero`` (``by: zeros``), or both
    (``by: na_and_zeros``); then apply the forced inclusions / exclusions (COINr ``Screen``)."""
    x = state.x
    present = ~np.isnan(x)
    n_present = present.sum(axis=1)
    availability = n_present / x.shape[1]
    zeros = (x == 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        nonzero = 1 - zeros / n_present
    low_data = availability < min_availability
    low_nonzero = ~(nonzero >= min_nonzero)
    drop = {"na": low_data, "zeros": low_nonzero, "na_and_zeros": low_data | low_nonzero}[by]
    codes = unit_codes[state.rows]
    keep = ~drop
    if force_include:
        keep |= np.isin(codes, force_include)
    if force_exclude:
        keep &= ~np.isin(codes, force_exclude)
    removed = [str(c) for c in codes[~keep]]
    warnings = []
    if keep.sum() < 2:
        raise IndexMethodError(
            "screen", "too_few_units", f"screening keeps {int(keep.sum())} unit(s); at least 2 are needed"
        )
    if removed:
        warnings.append(f"screening removed {len(removed)} unit(s)")

    def apply(st: State) -> None:
        if not keep.all():
            st.x = np.asfortranarray(st.x[keep])
            st.rows = st.rows[keep]

    apply(state)
    return StepResult(
        summary={
            "kept": int(keep.sum()),
            "removed": removed,
            "min_availability_observed": float(availability.min()) if len(availability) else None,
        },
        warnings=warnings,
        replay=apply,
    )


# -- impute ----------------------------------------------------------------------------------------------
@dataclass
class GroupLayout:
    """How to sum a column by group with ``np.add.reduceat``: the row order that makes groups contiguous
    (None when the rows already are, e.g. villages sorted by code within provinces), where the labelled rows
    start, and the segment starts of the non-empty groups."""

    gid: np.ndarray
    sizes: np.ndarray
    order: np.ndarray | None
    first: int
    nonempty: np.ndarray
    starts: np.ndarray

    @classmethod
    def of(cls, gid: np.ndarray, n_groups: int) -> GroupLayout:
        sizes = np.bincount(gid[gid >= 0], minlength=n_groups)
        order = None if bool(np.all(gid[1:] >= gid[:-1])) else np.argsort(gid, kind="stable")
        sorted_gid = gid if order is None else gid[order]
        first = int(np.searchsorted(sorted_gid, 0))
        nonempty = np.flatnonzero(sizes > 0)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))[nonempty]
        return cls(gid=gid, sizes=sizes, order=order, first=first, nonempty=nonempty, starts=starts)


def _group_fill_values(col: np.ndarray, layout: GroupLayout, miss: np.ndarray, how: str) -> np.ndarray:
    """Per group: mean or median of the present values of ``col`` (NaN when the group has none); ``miss`` are
    the rows where ``col`` is missing."""
    gid, sizes = layout.gid, layout.sizes
    n_groups = len(sizes)
    gm = gid[miss]
    present_count = sizes - np.bincount(gm[gm >= 0], minlength=n_groups)
    if how == "mean":
        col[miss] = 0.0  # these cells are about to be filled; zero them in place instead of copying
        v = col if layout.order is None else col[layout.order]
        tot = np.zeros(n_groups)
        if len(layout.nonempty):
            tot[layout.nonempty] = np.add.reduceat(v[layout.first :], layout.starts)
        col[miss] = np.nan
        with np.errstate(invalid="ignore", divide="ignore"):
            return tot / present_count
    out = np.full(n_groups, np.nan)
    keep = (gid >= 0) & ~np.isnan(col)
    gp, vp = gid[keep], col[keep]
    order = np.lexsort((vp, gp))
    gp, vp = gp[order], vp[order]
    cnt = np.bincount(gp, minlength=n_groups)
    start = np.concatenate(([0], np.cumsum(cnt)[:-1]))
    has = cnt > 0
    lo = start[has] + (cnt[has] - 1) // 2
    hi = start[has] + cnt[has] // 2
    out[has] = (vp[lo] + vp[hi]) / 2
    return out


def impute(
    state: State,
    method: str,
    group_ids: tuple[np.ndarray, list[str]] | None,
    indicators: list[str],
    moments_out: np.ndarray | None = None,
) -> StepResult:
    """Fill missing values column by column: ``mean`` / ``median`` of the indicator, or ``group_mean`` /
    ``group_median`` within the unit's group (COINr ``i_mean``, ``i_median``, ``i_mean_grp``,
    ``i_median_grp``; units without a group label are left as they are). ``none`` records that nothing is
    imputed. Values that cannot be imputed (no value in the group) stay missing, with a warning.

    With ``moments_out`` (5 × indicators) the per-column moments of the imputed data are computed while each
    column is still in cache, for a following outlier treatment (see :func:`treat`)."""
    x = state.x
    k = x.shape[1]
    if method == "none":
        n_missing = int(sum(int(np.isnan(x[:, j]).sum()) for j in range(k)))

        def noop(st: State) -> None:
            return None

        return StepResult(summary={"imputed": 0, "left_missing": n_missing}, replay=noop)
    warnings: list[str] = []
    gid: np.ndarray | None = None
    layout: GroupLayout | None = None
    if method in ("group_mean", "group_median"):
        assert group_ids is not None
        gid = group_ids[0][state.rows]
        layout = GroupLayout.of(gid, len(group_ids[1]))
        if (gid < 0).any():
            warnings.append(f"{int((gid < 0).sum())} unit(s) have no group label; their missing values stay missing")
    all_grouped = gid is None or bool((gid >= 0).all())

    # one indicator at a time (column views of the column-major matrix, no full-size temporaries)
    def one(j: int) -> tuple[int, np.ndarray, np.ndarray, int]:
        j, rows, values, n_left = fill(j)
        if moments_out is not None:
            moments_out[:, j] = column_moments(x[:, j])
        return j, rows, values, n_left

    def fill(j: int) -> tuple[int, np.ndarray, np.ndarray, int]:
        col = x[:, j]
        miss = np.flatnonzero(np.isnan(col))
        if len(miss) == 0:
            return j, miss, np.empty(0), 0
        if method == "mean":
            values = np.full(len(miss), np.nanmean(col))
        elif method == "median":
            values = np.full(len(miss), np.nanmedian(col))
        else:
            assert gid is not None and layout is not None
            fills = _group_fill_values(col, layout, miss, "mean" if method == "group_mean" else "median")
            values = fills[gid[miss]] if all_grouped else np.where(gid[miss] >= 0, fills[gid[miss]], np.nan)
        ok = ~np.isnan(values)
        col[miss[ok]] = values[ok]
        return j, miss[ok], values[ok], int((~ok).sum())

    filled_rows: list[np.ndarray] = []
    filled_cols: list[np.ndarray] = []
    filled_vals: list[np.ndarray] = []
    left: dict[str, int] = {}
    for j, r, v, n_left in map_columns(one, range(k), x.shape[0]):
        if n_left:
            left[indicators[j]] = n_left
        if len(r):
            filled_rows.append(r)
            filled_cols.append(np.full(len(r), j, dtype=np.intp))
            filled_vals.append(v)
    rows = np.concatenate(filled_rows) if filled_rows else np.empty(0, dtype=np.intp)
    cols = np.concatenate(filled_cols) if filled_cols else np.empty(0, dtype=np.intp)
    vals = np.concatenate(filled_vals) if filled_vals else np.empty(0)
    if left:
        warnings.append(
            f"{sum(left.values())} value(s) could not be imputed (no value to impute from) in: "
            + ", ".join(sorted(left)[:20])
        )

    def apply(st: State) -> None:
        st.x[rows, cols] = vals

    per_indicator = np.bincount(cols, minlength=k)
    return StepResult(
        summary={
            "imputed": len(vals),
            "left_missing": int(sum(left.values())),
            "by_indicator": {indicators[j]: int(n) for j, n in enumerate(per_indicator) if n},
        },
        warnings=warnings,
        replay=apply,
    )


# -- treat -----------------------------------------------------------------------------------------------
def passes_skew_kurt(skew: np.ndarray, kurt: np.ndarray, skew_thr: np.ndarray, kurt_thr: np.ndarray) -> np.ndarray:
    """COINr ``check_SkewKurt``: pass when |skew| < threshold OR kurtosis < threshold."""
    return (np.abs(skew) < skew_thr) | (kurt < kurt_thr)


def _skew_kurt_scalar(n: float, m2: float, m3: float, m4: float) -> tuple[float, float]:
    """Scalar version of :func:`skew_kurt_from_moments` (same formulas, plain floats)."""
    if n < 3 or m2 <= 0:
        return math.nan, math.nan
    skew = math.sqrt(n) * m3 / m2**1.5 * math.sqrt(n * (n - 1)) / (n - 2)
    if n < 4:
        return skew, math.nan
    r = n * m4 / (m2 * m2)
    kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return skew, kurt


def winsorise_column(
    col: np.ndarray,
    winmax: int,
    skew_thr: float,
    kurt_thr: float,
    moments: tuple[float, float, float, float, float] | None = None,
    after: list[float] | None = None,
) -> tuple[int, bool, np.ndarray, np.ndarray]:
    """COINr ``winsorise`` on one column, in place.

    While the column fails the skew/kurtosis check and fewer than ``winmax`` points are winsorised (``winmax``
    < 0: no limit): if skew ≥ 0 the maximum value (all ties) is replaced by the next-highest value, otherwise
    the minimum by the next-lowest. The count is the number of points now sitting at the winsorised high end
    plus those at the low end (COINr counts ``length(imax) + length(imin)``; earlier winsorised points tie with
    the new extreme). Returns (points winsorised, passes, rows winsorised high, rows winsorised low).

    The power sums about the initial mean are updated from the replaced points only (all replaced points of a
    round share one old and one new value), so a round costs a few passes over the column instead of a full
    recomputation; they are recomputed exactly if an update cancels most of a sum. ``moments`` (n, mean, Σd²,
    Σd³, Σd⁴) may be passed when already known; ``after`` (a list) receives the final skew and kurtosis.
    """
    nwin = nhi = nlo = 0
    hi_rows: list[np.ndarray] = []
    lo_rows: list[np.ndarray] = []

    def exact() -> tuple[float, float, float, float, float, float]:
        cnt, c, m2, m3, m4 = (float(v[0]) for v in central_moments(col[:, None]))
        return cnt, c, 0.0, m2, m3, m4

    if moments is None:
        cnt, c, t1, t2, t3, t4 = exact()
    else:
        cnt, c, t2, t3, t4 = (float(v) for v in moments)
        t1 = 0.0

    last = [math.nan, math.nan]

    def check() -> tuple[float, bool]:
        dl = t1 / cnt
        m2 = t2 - cnt * dl * dl
        m3 = t3 - 3 * dl * t2 + 2 * cnt * dl**3
        m4 = t4 - 4 * dl * t3 + 6 * dl * dl * t2 - 3 * cnt * dl**4
        sk, ku = _skew_kurt_scalar(cnt, m2, m3, m4)
        last[:] = [sk, ku]
        return sk, bool(abs(sk) < skew_thr or ku < kurt_thr)

    sk, ok = check()
    while not ok and (winmax < 0 or nwin < winmax):
        high = sk >= 0
        ext = np.nanmax(col) if high else np.nanmin(col)
        mask = col == ext
        # next value: hide the extremes, take the extreme of the rest (fast SIMD reductions, no copy)
        np.putmask(col, mask, -np.inf if high else np.inf)
        nxt = np.nanmax(col) if high else np.nanmin(col)
        if not np.isfinite(nxt):
            np.putmask(col, mask, ext)
            break  # a single distinct value is left
        np.putmask(col, mask, nxt)
        rows = np.flatnonzero(mask)
        k = len(rows)
        a, b = float(ext) - c, float(nxt) - c
        old = (t2, t4)
        t1 += k * (b - a)
        t2 += k * (b * b - a * a)
        t3 += k * (b**3 - a**3)
        t4 += k * (b**4 - a**4)
        if t2 < 1e-8 * old[0] or t4 < 1e-8 * old[1]:
            cnt, c, t1, t2, t3, t4 = exact()
        if high:
            nhi = k
            hi_rows.append(rows)
        else:
            nlo = k
            lo_rows.append(rows)
        nwin = nhi + nlo
        sk, ok = check()
    hi = np.unique(np.concatenate(hi_rows)) if hi_rows else np.empty(0, dtype=np.intp)
    lo = np.unique(np.concatenate(lo_rows)) if lo_rows else np.empty(0, dtype=np.intp)
    if after is not None:
        after[:] = last
    return nwin, ok, hi, lo


def winsorise(
    x: np.ndarray, winmax: np.ndarray, skew_thr: np.ndarray, kurt_thr: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """:func:`winsorise_column` for every column of ``x`` (in place). Returns per column the number of points
    winsorised, whether the column passes, and the rows winsorised high and low."""
    k = x.shape[1]
    nwin = np.zeros(k, dtype=np.intp)
    ok = np.zeros(k, dtype=bool)
    hi: list[np.ndarray] = []
    lo: list[np.ndarray] = []
    for j in range(k):
        col = x[:, j] if x.flags.f_contiguous else np.array(x[:, j])
        nwin[j], ok[j], h, low = winsorise_column(col, int(winmax[j]), float(skew_thr[j]), float(kurt_thr[j]))
        if not x.flags.f_contiguous:
            x[:, j] = col
        hi.append(h)
        lo.append(low)
    return nwin, ok, hi, lo


def log_ct(x: np.ndarray, original: bool = False) -> np.ndarray:
    """COIN Tool log transform per column: ln(x − min + 0.01·(max − min)) (COINr ``log_CT``), or with
    ``original`` ln(x − min + 1) (``log_CT_orig``)."""
    mn = np.nanmin(x, axis=0)
    mx = np.nanmax(x, axis=0)
    shift = 1.0 if original else 0.01 * (mx - mn)
    return np.log(x - mn + shift)


def treat(
    state: State,
    params: dict[str, Any],
    indicators: list[str],
    unit_codes: np.ndarray,
    moments: np.ndarray | None = None,
) -> StepResult:
    """Outlier treatment, COINr's default two-stage rule, per indicator.

    1. Pass when |skew| < ``skew_threshold`` or kurtosis < ``kurt_threshold`` (type-2 sample statistics).
    2. Otherwise winsorise (see :func:`winsorise`) up to ``winmax`` points.
    3. If still failing, apply ``transform`` (``log_ct``: ln(x − min + 0.01(max − min))) to the original
       values (or to the winsorised ones when ``combine``) and keep it whatever the new check says.
    Indicators with ``method: none`` (globally or in ``indicators``) are left untouched. Columns whose
    skew/kurtosis are undefined (constant, or fewer than 4 values) are left untouched with a warning.
    ``moments`` (5 × indicators: n, mean, Σd², Σd³, Σd⁴ of the current data) may be passed when known.
    """
    x = state.x
    x.shape[1]
    spec = [params["indicators"].get(c, params) for c in indicators]
    use = np.array([s["method"] == "winsorise_log" for s in spec])
    skew_thr = np.array([s["skew_threshold"] for s in spec], dtype=float)
    kurt_thr = np.array([s["kurt_threshold"] for s in spec], dtype=float)
    winmax = np.array([-1 if s["winmax"] is None else s["winmax"] for s in spec], dtype=np.intp)
    n, mean, s2, s3, s4 = central_moments(x) if moments is None else moments
    sk0, ku0 = skew_kurt_from_moments(n, s2, s3, s4)
    warnings: list[str] = []
    undefined = use & (np.isnan(sk0) | np.isnan(ku0))
    if undefined.any():
        warnings.append(
            "skew/kurtosis undefined (constant or < 4 values), left untreated: "
            + ", ".join(indicators[j] for j in np.flatnonzero(undefined))
        )
    fail = use & ~undefined & ~passes_skew_kurt(sk0, ku0, skew_thr, kurt_thr)
    cols = np.flatnonzero(fail)
    details: dict[str, Any] = {}

    # replay data: winsorised cells sparsely, transformed columns whole
    def one(j: int) -> tuple[int, dict[str, Any], np.ndarray | None, np.ndarray | None, list[str]]:
        s = spec[j]
        col = x[:, j].copy()
        after: list[float] = []
        nwin, ok, hi, lo = winsorise_column(
            col,
            int(winmax[j]),
            float(skew_thr[j]),
            float(kurt_thr[j]),
            (n[j], mean[j], s2[j], s3[j], s4[j]),
            after,
        )
        d: dict[str, Any] = {
            "skew_before": float(sk0[j]),
            "kurt_before": float(ku0[j]),
            "winsorised": int(nwin),
            "winsorised_high": [str(c) for c in unit_codes[state.rows[hi]]][:50],
            "winsorised_low": [str(c) for c in unit_codes[state.rows[lo]]][:50],
            "transform": None,
        }
        warn: list[str] = []
        if ok or s["transform"] == "none":
            if not ok:
                warn.append(f"{indicators[j]} still fails the skew/kurtosis check after winsorisation")
            changed = np.concatenate([hi, lo])
            d.update(skew_after=after[0], kurt_after=after[1], passes_after=ok)
            return j, d, changed, col[changed], warn
        base = col if s["combine"] else x[:, j]
        d["transform"] = s["transform"]
        if not s["combine"]:
            d["winsorised_attempted"] = d["winsorised"]
            d["winsorised"] = 0
            d["winsorised_high"], d["winsorised_low"] = [], []
        logged = log_ct(base[:, None], original=s["transform"] == "log_ct_orig")[:, 0]
        sk1, ku1 = skew_kurt(logged[:, None])
        d.update(
            skew_after=float(sk1[0]),
            kurt_after=float(ku1[0]),
            passes_after=bool(abs(sk1[0]) < skew_thr[j] or ku1[0] < kurt_thr[j]),
        )
        return j, d, None, logged, warn

    cell_rows: list[np.ndarray] = []
    cell_cols: list[np.ndarray] = []
    cell_vals: list[np.ndarray] = []
    dense_cols: list[int] = []
    dense_vals: list[np.ndarray] = []
    for j, d, changed, values, warn in map_columns(one, cols, x.shape[0]):
        details[indicators[j]] = d
        warnings.extend(warn)
        if changed is not None:
            cell_rows.append(changed)
            cell_cols.append(np.full(len(changed), j, dtype=np.intp))
            cell_vals.append(values)  # type: ignore[arg-type]
        else:
            dense_cols.append(int(j))
            dense_vals.append(values)  # type: ignore[arg-type]
    rows_c = np.concatenate(cell_rows) if cell_rows else np.empty(0, dtype=np.intp)
    cols_c = np.concatenate(cell_cols) if cell_cols else np.empty(0, dtype=np.intp)
    vals_c = np.concatenate(cell_vals) if cell_vals else np.empty(0)

    def apply(st: State) -> None:
        st.x[rows_c, cols_c] = vals_c
        for j, v in zip(dense_cols, dense_vals, strict=True):
            st.x[:, j] = v

    apply(state)
    return StepResult(
        summary={
            "checked": int(use.sum()),
            "treated": details,
            "untreated_by_config": [indicators[j] for j in np.flatnonzero(~use)],
        },
        warnings=warnings,
        replay=apply,
    )


# -- normalise -------------------------------------------------------------------------------------------
def _constant_warning(name: str, codes: list[str]) -> str:
    return f"{name} is undefined for constant indicator(s) {', '.join(codes)}: their normalised values are missing"


def _undefined(warnings: list[str], name: str, codes: list[str], flags: Any, empty: frozenset[str]) -> None:
    """Warn of the flagged columns that are constant; columns with no value at all (``empty``) are reported once
    by :func:`normalise` as such, never as "constant"."""
    constant = [c for c, f in zip(codes, flags, strict=True) if f and c not in empty]
    if constant:
        warnings.append(_constant_warning(name, constant))


def _empty_warning(codes: list[str]) -> str:
    return (
        f"indicator(s) {', '.join(codes)} have no value for any unit (all missing): their normalised values are missing"
    )


def normalise_block(
    x: np.ndarray,
    spec: dict[str, Any],
    codes: list[str],
    directions: np.ndarray,
    targets: np.ndarray,
    warnings: list[str],
    empty: frozenset[str] = frozenset(),
) -> np.ndarray:
    """Normalise the columns of ``x`` (already multiplied by their direction) with one method; in place when
    possible, returns the result. ``empty``: codes of columns without any value (not warned of as constant).

    - ``minmax``: (x − min)/(max − min)·(b − a) + a, ``range`` [a, b];
    - ``zscore``: (x − mean)/sd·s + m, ``mean_sd`` [m, s], sd with n − 1;
    - ``rank``: rank of x (1 = lowest), ties by ``ties``;
    - ``prank``: (rank_min − 1)/(n − 1)·scale, n = number of present values;
    - ``goalposts``: (x − lo)/(hi − lo) for direction 1, (hi − x)/(hi − lo) for −1, with [lo, hi] in the
      indicator's own units, truncated to [0, 1], ·scale;
    - ``dist2target``: (x − min)/(t − min)·scale with t the target (meta ``Target`` or ``targets``) on the
      direction-adjusted scale, capped at 1·scale when ``cap``;
    - ``dist2frontier``: 1 − (max − x)/(max − min), ·scale (COINr ``n_dist2max``; the frontier is the best
      observed value);
    - ``fracmax``: x/max·scale.
    """
    method = spec["method"]
    with np.errstate(invalid="ignore", divide="ignore"):
        if method in ("minmax", "dist2frontier"):
            mn, mx = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
            const = mx == mn
            _undefined(warnings, method, codes, const, empty)
            lo, hi = spec["range"] if method == "minmax" else (0.0, spec["scale"])
            x -= mn
            x /= np.where(const, np.nan, mx - mn)
            x *= hi - lo
            x += lo
            return x
        if method == "zscore":
            m, s = spec["mean_sd"]
            mean = np.nanmean(x, axis=0)
            sd = np.nanstd(x, axis=0, ddof=1)
            const = ~(sd > 0)
            _undefined(warnings, method, codes, const, empty)
            x -= mean
            x *= np.where(const, np.nan, s / sd)
            x += m
            return x
        if method == "rank":
            return rank_columns(x, ties=spec["ties"])
        if method == "prank":
            r = rank_columns(x, ties="min")
            n = (~np.isnan(x)).sum(axis=0)
            return (r - 1) / (n - 1) * spec["scale"]
        if method == "goalposts":
            gp = np.array([spec["goalposts"][c] for c in codes], dtype=float)
            lo = np.where(directions > 0, gp[:, 0], -gp[:, 1])
            hi = np.where(directions > 0, gp[:, 1], -gp[:, 0])
            y = (x - lo) / (hi - lo)
            np.clip(y, 0.0, 1.0, out=y)
            y *= spec["scale"]
            return y
        if method == "dist2target":
            t = np.array([spec["targets"].get(c, tg) for c, tg in zip(codes, targets, strict=True)], dtype=float)
            t = t * directions
            mn = np.nanmin(x, axis=0)
            below = t <= mn
            if below.any():
                warnings.append(
                    "target at or below the worst value (scores not meaningful) for: "
                    + ", ".join(c for c, f in zip(codes, below, strict=True) if f)
                )
            y = (x - mn) / (t - mn)
            if spec["cap"]:
                np.minimum(y, 1.0, out=y)
            y *= spec["scale"]
            return y
        if method == "fracmax":
            mx = np.nanmax(x, axis=0)
            if (np.nanmin(x, axis=0) < 0).any() or (mx <= 0).any():
                raise IndexMethodError(
                    "normalise",
                    "fracmax_negative",
                    "fracmax (x / max) needs values ≥ 0 with a positive maximum; use minmax for: "
                    + ", ".join(c for c, a, b in zip(codes, np.nanmin(x, axis=0), mx, strict=True) if a < 0 or b <= 0),
                    codes=list(codes),
                )
            x /= mx
            x *= spec["scale"]
            return x
    raise ValueError(method)


def normalise(
    state: State, params: dict[str, Any], indicators: list[str], directions: np.ndarray, targets: np.ndarray
) -> StepResult:
    """Multiply each indicator by its direction (±1) and normalise it with its method (global or per
    indicator, see :func:`normalise_block`). Works in place on the whole matrix when one method applies to
    all indicators."""
    x = state.x
    warnings: list[str] = []
    # columns without any value are named as such, not as "constant"
    empty = frozenset(c for c, e in zip(indicators, np.isnan(x).all(axis=0), strict=True) if e)
    spec_of = [params["indicators"].get(c, params) for c in indicators]
    groups: dict[str, list[int]] = {}
    for j, s in enumerate(spec_of):
        key = repr(sorted((k, repr(v)) for k, v in s.items() if k not in ("step", "indicators")))
        groups.setdefault(key, []).append(j)
    if len(groups) == 1 and spec_of[0]["method"] in ("minmax", "dist2frontier"):
        # in place, column by column, in COINr's operation order (x − min)/(max − min)·(b − a) + a so that
        # the extremes come out exactly a and b; for direction −1, (max − x)/(max − min)
        spec = spec_of[0]
        lo, hi = spec["range"] if spec["method"] == "minmax" else (0.0, spec["scale"])

        def one(j: int) -> bool:
            col = x[:, j]
            mn, mx = np.nanmin(col), np.nanmax(col)
            if mx == mn or np.isnan(mn):
                col[:] = np.nan
                return True
            if directions[j] > 0:
                col -= mn
            else:
                np.subtract(mx, col, out=col)
            col /= mx - mn
            col *= hi - lo
            col += lo
            return False

        const = map_columns(one, range(x.shape[1]), x.shape[0])
        _undefined(warnings, spec["method"], indicators, const, empty)
    elif len(groups) == 1:
        for sl in column_blocks(*x.shape, budget=1 << 24):
            x[:, sl] *= directions[sl]
        y = normalise_block(x, spec_of[0], indicators, directions, targets, warnings, empty)
        if y is not x:
            state.x = np.asfortranarray(y)
    else:
        for idx in groups.values():
            cols = np.array(idx)
            block = x[:, cols] * directions[cols]
            x[:, cols] = normalise_block(
                block, spec_of[idx[0]], [indicators[j] for j in idx], directions[cols], targets[cols], warnings, empty
            )
    if empty:
        warnings.append(_empty_warning([c for c in indicators if c in empty]))
    methods = sorted({s["method"] for s in spec_of})
    return StepResult(summary={"methods": methods}, warnings=warnings)
