"""Each step keeps its output data set (raw → denominated → imputed → screened → treated → normalised →
aggregated), rebuilt on demand from the raw data and the steps' records."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index import Run


def test_every_step_output_is_available(asem_run: Run) -> None:
    assert asem_run.dataset_names == [
        "Raw",
        "Denominated",
        "Imputed",
        "Screened",
        "Treated",
        "Normalised",
        "Aggregated",
    ]


def test_the_data_sets_follow_each_other_step_by_step(asem_run: Run, asem_tables: tuple) -> None:
    data, _ = asem_tables
    raw = asem_run.dataset("Raw")
    assert np.array_equal(raw["LPI"].to_numpy(), data["LPI"].to_numpy())
    den = asem_run.dataset("Denominated")
    assert den["Goods"].to_numpy() == pytest.approx((data["Goods"] / data["GDP"]).to_numpy())
    imp = asem_run.dataset("Imputed")
    assert int(den.isna().sum().sum()) > 0 and int(imp.isna().sum().sum()) == 0
    treated = asem_run.dataset("Treated")
    changed = [c for c in treated.columns if not np.array_equal(treated[c].to_numpy(), imp[c].to_numpy())]
    summary = next(r for r in asem_run.records if r.name == "treat").result.summary["treated"]
    assert sorted(changed) == sorted(summary)
    norm = asem_run.dataset("Normalised")
    assert norm.min().min() == 0.0 and norm.max().max() == 100.0
    agg = asem_run.dataset("Aggregated")
    assert list(agg.columns) == asem_run.framework.indicators + asem_run.framework.aggregates


def test_unknown_data_sets_are_refused_with_the_available_names(asem_run: Run) -> None:
    with pytest.raises(KeyError, match="Treated"):
        asem_run.dataset("Cleaned")
