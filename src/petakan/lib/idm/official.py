"""Computed IDM next to a published (official) series, with the differences flagged."""

from __future__ import annotations

import numpy as np
import pandas as pd

from petakan.lib.idm.inputs import OFFICIAL_COLUMNS, OfficialSeries
from petakan.lib.idm.scoring import ScoreResult

# Published values are rounded to 4 decimals, so up to 0.00005 from the exact value is the same value.
DEFAULT_TOLERANCE = 0.00005


def compare_with_official(
    codes: np.ndarray,
    years: np.ndarray,
    result: ScoreResult,
    official: OfficialSeries,
    tolerance: float = DEFAULT_TOLERANCE,
) -> pd.DataFrame:
    """Side by side, one row per village-year present on either side (outer join on code and year).

    Columns: ``code``, ``year``; for each of iks, ike, ikl, idm: ``computed_<x>``, ``official_<x>`` and
    ``diff_<x>`` (computed − official, exact computed value); ``computed_status``, ``official_status``
    (codes); flags ``in_computed``, ``in_official``, ``value_differs`` (a |diff| above ``tolerance``),
    ``status_differs`` and ``differs`` (either, or present on one side only). ``source`` tags the official
    side.
    """
    edition = result.edition
    if (*edition.index_codes, edition.composite_code) != OFFICIAL_COLUMNS:
        raise ValueError(f"{edition.code}: official series compare iks, ike, ikl, idm; the edition has other indices")
    computed = pd.DataFrame({"code": np.asarray(codes, dtype=object), "year": np.asarray(years, dtype=np.int64)})
    for code in edition.index_codes:
        computed[f"computed_{code}"] = result.index_value(code)
    computed[f"computed_{edition.composite_code}"] = result.idm
    computed["computed_status"] = result.status_codes()
    computed["in_computed"] = True

    published = pd.DataFrame({"code": official.codes.astype(object), "year": official.years.astype(np.int64)})
    for j, column in enumerate(OFFICIAL_COLUMNS):
        published[f"official_{column}"] = official.values[:, j]
    status_codes = np.array([level.code for level in edition.statuses] + [""], dtype=object)
    published["official_status"] = status_codes[official.status]
    published["in_official"] = True

    merged = computed.merge(published, on=["code", "year"], how="outer", sort=True)
    merged["in_computed"] = merged["in_computed"].astype("boolean").fillna(False).astype(bool)
    merged["in_official"] = merged["in_official"].astype("boolean").fillna(False).astype(bool)
    value_differs = np.zeros(len(merged), dtype=bool)
    for column in OFFICIAL_COLUMNS:
        diff = merged[f"computed_{column}"] - merged[f"official_{column}"]
        merged[f"diff_{column}"] = diff
        value_differs |= (diff.abs() > tolerance + 1e-12).fillna(False).to_numpy()
    both = (merged["in_computed"] & merged["in_official"]).to_numpy()
    computed_status = merged["computed_status"].fillna("").to_numpy()
    official_status = merged["official_status"].fillna("").to_numpy()
    merged["value_differs"] = value_differs & both
    merged["status_differs"] = both & (computed_status != official_status)
    merged["differs"] = merged["value_differs"] | merged["status_differs"] | ~both
    merged["source"] = official.source
    columns = ["code", "year"]
    for column in OFFICIAL_COLUMNS:
        columns += [f"computed_{column}", f"official_{column}", f"diff_{column}"]
    columns += ["computed_status", "official_status", "in_computed", "in_official"]
    columns += ["value_differs", "status_differs", "differs", "source"]
    return merged[columns].reset_index(drop=True)
