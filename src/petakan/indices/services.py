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
        frames = [village_rows(c, scores, ranks, levels, [villages[code].pk for code in scores.index], intervals)]
        regency_id = next(iter(districts.values())).parent_id if districts else None
        # Aggregates of the village scores: simple and population-weighted per kecamatan, per zone, regency.
        for unit, groups, weights in (
            (Unit.DISTRICT, district_of, None),
            (Unit.DISTRICT_WEIGHTED, district_of, population.to_numpy(dtype=float)),
            (Unit.ZONE, zones, None),
            (Unit.REGENCY, np.zeros(len(zones), dtype=int), None),
        ):
            labels, means = weighted_group_means(values, groups, weights)
            if unit in (Unit.DISTRICT, Unit.DISTRICT_WEIGHTED):
                area_ids: list[Any] = [int(label) for label in labels]
            else:
                area_ids = [regency_id if unit == Unit.REGENCY else None] * len(labels)
            group_ranks = pd.DataFrame(means).rank(ascending=False, method="min").to_numpy(copy=True)
            if unit == Unit.REGENCY:
                group_ranks[:] = np.nan
            frames.append(
                long_rows(
                    unit,
                    area_ids,
                    [str(label) if unit == Unit.ZONE else "" for label in labels],
                    codes,
                    levels,
                    means,
                    None,
                    group_ranks,
                )
            )
        write_scores(run.pk, pd.concat(frames, ignore_index=True))
    return run


COLUMNS = ("unit", "area_id", "zone", "node", "level", "value", "raw", "rank", "rank_median", "rank_low", "rank_high")


def long_rows(
    unit: str,
    area_ids: list[Any],
    zones: list[str],
    codes: list[str],
    levels: list[str],
    values: np.ndarray,
    raw: np.ndarray | None,
    ranks: np.ndarray,
) -> pd.DataFrame:
    """Score rows for units × nodes matrices, built without a loop over units (one row per unit and node)."""
    n_units, n_nodes = values.shape
    return pd.DataFrame(
        {
            "unit": unit,
            "area_id": pd.array(np.repeat(np.array(area_ids, dtype=object), n_nodes), dtype="Int64"),
            "zone": np.repeat(np.array(zones, dtype=object), n_nodes),
            "node": np.tile(np.array(codes, dtype=object), n_units),
            "level": np.tile(np.array(levels, dtype=object), n_units),
            "value": values.ravel(),
            "raw": raw.ravel() if raw is not None else np.nan,
            "rank": pd.array(np.where(np.isfinite(ranks.ravel()), ranks.ravel(), np.nan), dtype="Float64").astype(
                "Int64"
            ),
            "rank_median": np.nan,
            "rank_low": pd.NA,
            "rank_high": pd.NA,
        }
    )


def village_rows(
    c: Computed,
    scores: pd.DataFrame,
    ranks: pd.DataFrame,
    levels: list[str],
    area_ids: list[int],
    intervals: pd.DataFrame,
) -> pd.DataFrame:
    codes = list(scores.columns)
    values = scores.to_numpy(dtype=float)
    raw = c.indicators.reindex(index=scores.index, columns=codes).to_numpy(dtype=float)
    rank_values = np.where(np.isfinite(values), ranks.to_numpy(dtype=float), np.nan)
    frame = long_rows(Unit.VILLAGE, area_ids, [""] * len(area_ids), codes, levels, values, raw, rank_values)
    if not intervals.empty:
        # the Monte Carlo rank interval belongs to the index row of each scored village
        at = np.arange(len(area_ids)) * len(codes) + codes.index(c.fw.index.code)
        iv = intervals.reindex(scores.index)
        scored = np.isfinite(values[:, codes.index(c.fw.index.code)])
        frame.loc[at[scored], "rank_median"] = iv["median_rank"].to_numpy(dtype=float)[scored]
        frame.loc[at[scored], "rank_low"] = np.floor(iv["q05_rank"].to_numpy(dtype=float)[scored]).astype(int)
        frame.loc[at[scored], "rank_high"] = np.ceil(iv["q95_rank"].to_numpy(dtype=float)[scored]).astype(int)
    return frame


def write_scores(run_id: int, rows: pd.DataFrame) -> None:
    """Bulk insert: COPY on PostgreSQL (hundreds of thousands of rows a second), batched INSERTs elsewhere."""
    rows = rows[list(COLUMNS)]
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        rows.to_csv(buffer, index=False, header=False, na_rep="\\N", sep="\t")
        table = Score._meta.db_table
        with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {table} ({', '.join(COLUMNS)}, run_id) FROM STDIN WITH (FORMAT text)"
        ) as copy:
            # run_id is the same on every line: append it to each line rather than to 7 million cells
            copy.write(buffer.getvalue().replace("\n", f"\t{run_id}\n"))
        return
    rows = rows.astype(object).where(rows.notna(), None)
    # SQLite: one executemany on the driver's cursor; the ORM's per-object work would dominate (7 s vs 0.2 s).
    table = Score._meta.db_table
    placeholders = ", ".join(["?"] * (len(COLUMNS) + 1))
    with connection.cursor() as cursor:
        cursor.cursor.executemany(
            f"INSERT INTO {table} (run_id, {', '.join(COLUMNS)}) VALUES ({placeholders})",
            ((run_id, *row) for row in rows.itertuples(index=False, name=None)),
        )
