"""Tables behind the dashboard: distribution of each dimension by zone, data completeness per kecamatan.

One query per table; the statistics are computed with pandas over the whole villages × dimensions frame.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from petakan.indices import scores
from petakan.indices.models import Run, Unit
from petakan.indices.reading import ZONE_NAMES, nodes, number
from petakan.lib.profile import completeness_frame, load_schema
from petakan.maps.data import fmt, signed
from petakan.maps.sources import ZONES
from petakan.regions.models import Area
from petakan.regions.models import Level as AreaLevel

QUARTILES = (0.0, 0.25, 0.5, 0.75, 1.0)


def dimension_frame(run: Run) -> pd.DataFrame:
    """The regency's villages (a run may cover more: a province, the country) × dimension code → score, the index
    included (NaN: data belum cukup)."""
    dims = [n["code"] for n in nodes(run, "dimension")]
    values = scores.table(run, Unit.VILLAGE, prefix=run_regency_prefix()).values
    return values.reindex(columns=[scores.index_code(run), *dims])


def zone_distribution(
    run: Run, lang: str, zones: pd.Series | None, village_scores: pd.DataFrame
) -> dict[str, Any] | None:
    """Five-number summary (min, Q1, median, Q3, max; linear quantiles) of each dimension's village scores per
    zone, for a boxplot and the table behind it. None without a village → zone assignment."""
    if zones is None or zones.empty:
        return None
    key = "name_en" if lang == "en" else "name_id"
    dims = nodes(run, "dimension")
    frame = village_scores[[d["code"] for d in dims]]
    zone_of = zones.reindex(frame.index)
    present = [z for z in ZONES if (zone_of == z).any()]
    stats = frame.groupby(zone_of).quantile(list(QUARTILES))  # (zone, q) × dimension
    counts = frame.groupby(zone_of).count()
    boxes: dict[str, list[list[float | None]]] = {}
    rows = []
    for zone in present:
        boxes[zone] = []
        for d in dims:
            five = [_num(stats.at[(zone, q), d["code"]]) for q in QUARTILES]
            n = int(counts.at[zone, d["code"]])
            boxes[zone].append(five if n else [None] * 5)
            rows.append(
                {
                    "dimension": d[key],
                    "zone": ZONE_NAMES.get(zone, zone),
                    "n": n,
                    "values": [fmt(v) for v in five] if n else ["–"] * 5,
                }
            )
    return {
        "dimensions": [d[key] for d in dims],
        "zones": [{"code": z, "name": ZONE_NAMES.get(z, z)} for z in present],
        "boxes": boxes,
        "rows": rows,
    }


def _num(value: Any) -> float | None:
    return None if pd.isna(value) else round(float(value), 1)


def completeness(run: Run, lang: str, profiles: pd.DataFrame | None, village_scores: pd.DataFrame) -> dict[str, Any]:
    """Per kecamatan: villages, villages with an index score, share of dimension scores present, and — when the
    profiles are there — the mean share of entered profile fields that are filled."""
    key = "name_en" if lang == "en" else "name_id"
    dims = nodes(run, "dimension")
    index_code = scores.index_code(run)
    villages = pd.DataFrame.from_records(
        list(
            Area.objects.filter(level=AreaLevel.VILLAGE, parent__level=AreaLevel.DISTRICT)
            .filter(code__startswith=run_regency_prefix())
            .values_list("code", "parent__code", "parent__name")
        ),
        columns=["code", "district", "district_name"],
    ).set_index("code")
    frame = village_scores.reindex(villages.index)
    scored = frame[index_code]
    villages["scored"] = scored.notna()
    for d in dims:
        villages[d["code"]] = frame[d["code"]].notna()
    filled_note = ""
    if profiles is not None and not profiles.empty:
        share = completeness_frame(load_schema(), profiles)
        villages["filled"] = share.reindex(villages.index).fillna(0.0)  # no profile: nothing filled
        filled_note = _(
            "Kelengkapan profil: rata-rata bagian isian profil yang terisi; desa tanpa profil dihitung 0 %."
        )
    grouped = villages.groupby(["district", "district_name"])
    table = grouped.agg(
        n=("scored", "size"), scored=("scored", "sum"), **{d["code"]: (d["code"], "mean") for d in dims}
    )
    if "filled" in villages:
        table["filled"] = grouped["filled"].mean()
    rows = []
    for (code, name), r in table.iterrows():
        rows.append(
            {
                "code": code,
                "name": name,
                "n": int(r["n"]),
                "scored": int(r["scored"]),
                "share": _pct(r["scored"] / r["n"] if r["n"] else np.nan),
                "dims": [_pct(r[d["code"]]) for d in dims],
                "filled": _pct(r["filled"]) if "filled" in table else None,
            }
        )
    total_n = int(villages.shape[0])
    total_scored = int(villages["scored"].sum())
    return {
        "rows": rows,
        "dimensions": [d[key] for d in dims],
        "n": total_n,
        "scored": total_scored,
        "share": _pct(total_scored / total_n if total_n else np.nan),
        "has_profiles": "filled" in table,
        "filled_note": filled_note,
    }


def _pct(share: Any) -> str:
    return "–" if pd.isna(share) else f"{fmt(100 * float(share), 0)} %"


def run_regency_prefix() -> str:
    from django.conf import settings

    return settings.PETAKAN_REGENCY_CODE + "."


def ranking_with_bars(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Adds the rank interval as percentages of the ranking's length ``n``, for a CSS bar next to each rank."""
    for r in rows:
        if n and r["low"] is not None and r["high"] is not None and r["rank"] is not None:
            r["bar_left"] = round(100 * (r["low"] - 1) / n, 1)
            r["bar_width"] = max(round(100 * (r["high"] - r["low"] + 1) / n, 1), 0.8)
            r["bar_mark"] = round(100 * (r["rank"] - 0.5) / n, 1)
    return rows


def add_district_changes(rows: list[dict[str, Any]], other: Run) -> list[dict[str, Any]]:
    """Adds to ``district_table`` rows each kecamatan's index change against another run (this run − other, the
    simple mean) and its rank change (positive: it moved up the ranking)."""
    index_code = scores.index_code(other)
    table = scores.table(other, Unit.DISTRICT, prefix=run_regency_prefix())
    values = table.values[index_code] if index_code in table.values else pd.Series(dtype=float)
    ranks = table.ranks[index_code] if index_code in table.ranks else pd.Series(dtype=float)
    for row in rows:
        before, rank_before = number(values.get(row["code"])), number(ranks.get(row["code"]))
        change = None if before is None or row["simple"] is None else row["simple"] - before
        row["change"] = change
        row["change_text"] = "–" if change is None else signed(change)
        row["rank_change"] = None if rank_before is None or row["rank"] is None else int(rank_before) - int(row["rank"])
    return rows
