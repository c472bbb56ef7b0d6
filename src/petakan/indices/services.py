"""Compute and store a Smart City index run: profiles → indicators → engine → aggregates → rows.

Thin glue around the pure parts (petakan.lib.smartcity, petakan.lib.index); the only work done here is reading
profiles, writing rows in bulk and marking the current run.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection, transaction

from petakan.indices.models import Level, Run, Score, Unit
from petakan.lib import index as engine
from petakan.lib.profile import load_schema
from petakan.lib.smartcity import POPULATION_FIELDS, SmartCityFramework, load_framework, weighted_group_means
from petakan.regions.models import Area
from petakan.regions.models import Level as AreaLevel

log = logging.getLogger("petakan.indices")


class NoProfilesError(ValueError):
    pass


def framework(code: str) -> SmartCityFramework:
    return load_framework(code, [f.code for f in load_schema().fields])


@dataclass
class Computed:
    """Everything a run stores, before it is written."""

    fw: SmartCityFramework
    profiles: pd.DataFrame
    indicators: pd.DataFrame
    run: Any  # petakan.lib.index.Run
    sensitivity: Any | None


def compute(fw: SmartCityFramework, profiles: pd.DataFrame, *, sensitivity_runs: int | None = None) -> Computed:
    """Run the framework's pipeline over profiles (index: village code; columns: profile fields)."""
    if profiles.empty:
        raise NoProfilesError("no profiles")
    indicators = fw.compute_indicators(profiles)
    data, meta = fw.engine_tables(profiles, indicators)
    run = engine.build(data, meta, fw.engine_config())
    n = sensitivity_runs if sensitivity_runs is not None else int(fw.uncertainty.get("n", 0) or 0)
    sa = engine.sensitivity(run, n=n, seed=int(fw.uncertainty.get("seed", 0))) if n >= 2 else None
    return Computed(fw, profiles, indicators, run, sa)


def level_of(fw: SmartCityFramework, code: str) -> str:
    node = fw.node(code)
    return getattr(node, "level", Level.INDICATOR)


def village_frames(c: Computed) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores (0–100) and ranks per village × node, every node of the tree; villages screened out are NaN."""
    table = c.run.results_table().set_index("unit_code")
    codes = [i.code for i in c.fw.indicators] + [n.code for n in (*c.fw.elements, *c.fw.dimensions, c.fw.index)]
    normalised = c.run.dataset("Normalised")
    normalised = normalised.set_index(normalised.columns[0]) if "uCode" in normalised.columns else normalised
    scores = pd.DataFrame(index=c.profiles.index, columns=codes, dtype=float)
    for code in codes:
        if f"{code}_score" in table:
            scores[code] = table[f"{code}_score"].reindex(scores.index)
        elif code in normalised:
            scores[code] = pd.to_numeric(normalised[code], errors="coerce").reindex(scores.index)
    # villages the screen step dropped have no score at any level ("data belum cukup")
    scores.loc[~scores.index.isin(table.index)] = np.nan
    ranks = scores.rank(ascending=False, method="min")
    return scores, ranks


def store(c: Computed, *, year: int, profile_status: str, is_demo: bool, user: Any = None, label: str = "") -> Run:
    """Write a new immutable run with all its rows and make it the current one for its framework and year."""
    scores, ranks = village_frames(c)
    codes = list(scores.columns)
    levels = [level_of(c.fw, code) for code in codes]
    villages = {a.code: a for a in Area.objects.filter(level=AreaLevel.VILLAGE, code__in=list(scores.index))}
    missing = sorted(set(scores.index) - set(villages))
    if missing:
        raise ValueError(f"profiles for unknown villages: {', '.join(missing[:5])}")
    districts = {a.pk: a for a in Area.objects.filter(level=AreaLevel.DISTRICT)}
    district_of = np.array([villages[code].parent_id for code in scores.index])
    population = c.profiles[list(POPULATION_FIELDS)].apply(pd.to_numeric, errors="coerce").sum(axis=1, min_count=2)
    zones = c.profiles[c.fw.grouping].fillna("").astype(str).to_numpy()
    values = scores.to_numpy(dtype=float)

    intervals = pd.DataFrame()
    sa_json: dict[str, Any] = {}
    if c.sensitivity is not None:
        intervals = c.sensitivity.summary
        indices = c.sensitivity.indices
        sa_json = {
            "target": c.sensitivity.target,
            "n": c.sensitivity.n,
            "seed": c.sensitivity.seed,
            "evaluations": c.sensitivity.evaluations,
            "indices": [] if indices is None else indices.reset_index().to_dict(orient="records"),
            "warnings": list(c.sensitivity.warnings),
        }

    with transaction.atomic():
        Run.objects.filter(framework=c.fw.code, year=year, profile_status=profile_status, is_current=True).update(
            is_current=False
        )
        run = Run.objects.create(
            framework=c.fw.code,
            framework_version=c.fw.version,
            framework_hash=c.fw.hash,
            data_hash=str(c.run.hash),
            year=year,
            profile_status=profile_status,
            is_current=True,
            is_demo=is_demo,
            label=label,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            n_units=int(np.isfinite(values[:, codes.index(c.fw.index.code)]).sum()),
            log=engine.jsonable(c.run.log),
            audit=engine.jsonable(c.run.audit()),
            sensitivity=engine.jsonable(sa_json),
            tree=c.fw.tree(),
        )
        rows: list[tuple[Any, ...]] = []
        raw = c.indicators.reindex(scores.index)
        index_code = c.fw.index.code
        for i, code in enumerate(scores.index):
            area_id = villages[code].pk
            lo = hi = med = None
            if code in intervals.index:
                lo, hi = intervals.at[code, "q05_rank"], intervals.at[code, "q95_rank"]
                med = intervals.at[code, "median_rank"]
            for j, node in enumerate(codes):
                v = values[i, j]
                is_index = node == index_code and np.isfinite(v)
                rows.append(
                    (
                        Unit.VILLAGE,
                        area_id,
                        "",
                        node,
                        levels[j],
                        _f(v),
                        _f(raw.iat[i, raw.columns.get_loc(node)]) if node in raw.columns else None,
                        _i(ranks.iat[i, j]),
                        _f(med) if is_index else None,
                        _i(np.floor(lo)) if is_index and lo is not None else None,
                        _i(np.ceil(hi)) if is_index and hi is not None else None,
                    )
                )
        # Aggregates of the village scores: simple and population-weighted per kecamatan, per zone, regency.
        for unit, groups, weights in (
            (Unit.DISTRICT, district_of, None),
            (Unit.DISTRICT_WEIGHTED, district_of, population.to_numpy(dtype=float)),
            (Unit.ZONE, zones, None),
            (Unit.REGENCY, np.zeros(len(zones), dtype=int), None),
        ):
            labels, means = weighted_group_means(values, groups, weights)
            group_ranks = pd.DataFrame(means).rank(ascending=False, method="min").to_numpy()
            for g, label in enumerate(labels):
                area_id = int(label) if unit in (Unit.DISTRICT, Unit.DISTRICT_WEIGHTED) else None
                if unit == Unit.REGENCY:
                    area_id = next(iter(districts.values())).parent_id if districts else None
                zone = str(label) if unit == Unit.ZONE else ""
                for j, node in enumerate(codes):
                    rows.append(
                        (
                            unit,
                            area_id,
                            zone,
                            node,
                            levels[j],
                            _f(means[g, j]),
                            None,
                            _i(group_ranks[g, j]) if unit != Unit.REGENCY else None,
                            None,
                            None,
                            None,
                        )
                    )
        write_scores(run.pk, rows)
    return run


COLUMNS = ("unit", "area_id", "zone", "node", "level", "value", "raw", "rank", "rank_median", "rank_low", "rank_high")


def write_scores(run_id: int, rows: list[tuple[Any, ...]]) -> None:
    """Bulk insert: COPY on PostgreSQL (tens of thousands of rows a second), batched INSERTs elsewhere."""
    if connection.vendor == "postgresql":
        table = Score._meta.db_table
        with connection.cursor() as cursor:
            raw_cursor = cursor.cursor
            with raw_cursor.copy(f"COPY {table} (run_id, {', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((run_id, *row))
        return
    Score.objects.bulk_create(
        (Score(run_id=run_id, **dict(zip(COLUMNS, row, strict=True))) for row in rows), batch_size=2000
    )


def _f(value: Any) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if np.isfinite(v) else None


def _i(value: Any) -> int | None:
    v = _f(value)
    return int(v) if v is not None else None


def export_csv(run: Run) -> str:
    """Village scores of a run, one row per village, a column per node (for downloads)."""
    frame = run_frame(run)
    buffer = io.StringIO()
    frame.to_csv(buffer, float_format="%.4f")
    return buffer.getvalue()


def run_frame(run: Run, unit: str = Unit.VILLAGE) -> pd.DataFrame:
    rows = Score.objects.filter(run=run, unit=unit).values_list("area__code", "zone", "node", "value")
    frame = pd.DataFrame.from_records(list(rows), columns=["code", "zone", "node", "value"])
    key = "zone" if unit == Unit.ZONE else "code"
    return frame.pivot(index=key, columns="node", values="value")
