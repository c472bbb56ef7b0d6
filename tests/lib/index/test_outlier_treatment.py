"""COINr's default outlier treatment: winsorise while |skew| ≥ 2 and kurtosis ≥ 3.5, up to winmax points, then
log_CT on the original values."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index.config import TREAT_DEFAULTS
from petakan.lib.index.stats import skew_kurt
from petakan.lib.index.steps import State, treat, winsorise_column

TAIL = [float(v) for v in range(1, 31)] + [100.0, 200.0, 300.0, 400.0]


def fails(values: list[float]) -> bool:
    skew, kurt = skew_kurt(np.array(values))
    return bool(abs(skew[0]) >= 2 and kurt[0] >= 3.5)


def params(**kw: object) -> dict[str, object]:
    return {"step": "treat", **TREAT_DEFAULTS, "indicators": {}, **kw}


def run_treat(columns: dict[str, list[float]], **kw: object) -> tuple[np.ndarray, dict[str, object], list[str]]:
    x = np.asfortranarray(np.column_stack(list(columns.values())))
    state = State(x=x, rows=np.arange(x.shape[0]))
    codes = np.array([f"u{i}" for i in range(x.shape[0])], dtype=object)
    res = treat(state, params(**kw), list(columns), codes)
    return state.x, res.summary, res.warnings


def test_the_highest_values_are_replaced_by_the_next_highest_until_the_column_passes() -> None:
    # 400 -> 300 (1 point), the two 300s -> 200 (2), the three 200s -> 100 (3): then it passes
    steps = [TAIL, [*TAIL[:-1], 300.0], [*TAIL[:-2], 200.0, 200.0], TAIL[:-3] + [100.0] * 3]
    assert [fails(s) for s in steps] == [True, True, True, False]
    col = np.array(TAIL)
    nwin, ok, hi, lo = winsorise_column(col, winmax=5, skew_thr=2.0, kurt_thr=3.5)
    assert (nwin, ok) == (3, True)
    assert col.tolist() == steps[-1]
    assert hi.tolist() == [31, 32, 33]
    assert lo.tolist() == []


def test_low_outliers_are_winsorised_upwards_when_the_skew_is_negative() -> None:
    col = np.array([-500.0, -400.0] + [float(v) for v in range(1, 31)])
    nwin, ok, _hi, lo = winsorise_column(col, winmax=5, skew_thr=2.0, kurt_thr=3.5)
    assert (nwin, ok) == (2, True)
    assert col[:3].tolist() == [1.0, 1.0, 1.0]
    assert lo.tolist() == [0, 1]


def test_winsorisation_stops_at_winmax_and_the_log_is_applied_to_the_original_values() -> None:
    x, summary, _ = run_treat({"v": TAIL}, winmax=2)
    # after 2 points the column still fails, so log_CT: ln(x − min + 0.01·(max − min)) of the raw values
    expected = np.log(np.array(TAIL) - 1 + 0.01 * 399)
    assert x[:, 0] == pytest.approx(expected, rel=1e-12)
    detail = summary["treated"]["v"]
    assert detail["transform"] == "log_ct"
    assert detail["winsorised_attempted"] == 2
    assert detail["winsorised"] == 0


def test_with_combine_the_log_is_applied_to_the_winsorised_values() -> None:
    x, _, _ = run_treat({"v": TAIL}, winmax=2, combine=True)
    winsorised = np.array(TAIL[:-3] + [200.0] * 3)
    expected = np.log(winsorised - 1 + 0.01 * 199)
    assert x[:, 0] == pytest.approx(expected, rel=1e-12)


def test_without_a_transform_the_still_failing_column_is_kept_winsorised_and_reported() -> None:
    x, summary, warnings = run_treat({"v": TAIL}, winmax=1, transform="none")
    assert x[:, 0].tolist() == [*TAIL[:-1], 300.0]
    assert summary["treated"]["v"]["passes_after"] is False
    assert any("still fails" in w for w in warnings)


def test_columns_that_pass_and_columns_switched_off_are_untouched() -> None:
    normal = [float(v) for v in range(1, 35)]
    x, summary, _ = run_treat({"ok": normal, "off": TAIL}, indicators={"off": {**TREAT_DEFAULTS, "method": "none"}})
    assert x[:, 0].tolist() == normal
    assert x[:, 1].tolist() == TAIL
    assert summary["treated"] == {}
    assert summary["untreated_by_config"] == ["off"]


def test_thresholds_are_configurable() -> None:
    # with a kurtosis threshold above the column's kurtosis the column passes untouched
    _, kurt = skew_kurt(np.array(TAIL))
    x, summary, _ = run_treat({"v": TAIL}, kurt_threshold=float(kurt[0]) + 1)
    assert x[:, 0].tolist() == TAIL
    assert summary["treated"] == {}


def test_a_constant_column_is_left_alone_with_a_warning() -> None:
    x, _, warnings = run_treat({"c": [3.0] * 10})
    assert x[:, 0].tolist() == [3.0] * 10
    assert any("undefined" in w for w in warnings)
