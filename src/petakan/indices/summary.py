"""The summary a run's pages read instead of its 84,000 village rows (:class:`~petakan.indices.models.RunSummary`).

It holds every village's index score and rank as vectors in area-code order and the numbers the pages print.
From it a page takes, without touching the rows: the ranking order (so a page of the ranking fetches only its 100
rows), the ranking's length (for the rank-interval bars), the median rank-interval width (the reading under the
ranking) and the rank shifts between two runs. :func:`summarise` computes it from arrays — the store's in-memory
matrices, or the rows read back by :func:`from_rows` — so a stored summary and one rebuilt from the rows are the
same by construction (a test checks it against a hand-checkable run).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from petakan.indices.models import Run, RunSummary, Unit, UnitScores

# Bump when what a summary holds changes: older stored summaries are then rebuilt from the rows on first read.
VERSION = 1
IDS = np.dtype("<i8")
RANKS = np.dtype("<f4")  # exact below 16.7 million villages
VALUES = np.dtype("<f8")

_CACHE = "_petakan_summary"  # attribute on the Run instance: one read per request however many parts ask


@dataclass(frozen=True)
class Summary:
    """Villages of a run in area-code order: their area ids, index scores (NaN: data belum cukup) and ranks
    (NaN: none), and ``data``: ``villages``, ``scored``, ``ranking_length`` (the highest rank or 95 % rank bound,
    what rank-interval bars are drawn against) and ``interval_median`` (median width high − low of the villages'
    rank intervals, in ranks; None without intervals)."""

    area_ids: np.ndarray | None  # None: read without its vectors (``of(run, vectors=False)``)
    values: np.ndarray | None
    ranks: np.ndarray | None
    data: dict[str, Any]
    # area ids in ranking order: scored villages by rank (then code), villages without a score after them by code
    # — the order the ranking tables have always had
    order: np.ndarray


def summarise(
    area_ids: Any,
    codes: Any,
    values: Any,
    ranks: Any,
    rank_low: Any = None,
    rank_high: Any = None,
) -> Summary:
    """The summary of a run's villages given per village (any order): area id, area code, index score, index rank
    and the 5 %/95 % rank bounds (NaN or None where there are none)."""
    order = np.argsort(np.asarray(codes, dtype=object), kind="stable")
    ids = np.asarray(area_ids, dtype=IDS)[order]
    vals = _floats(values)[order]
    rks = _floats(ranks)[order]
    n = len(ids)
    low = _floats(rank_low if rank_low is not None else [None] * n)
    high = _floats(rank_high if rank_high is not None else [None] * n)
    both = ~np.isnan(low) & ~np.isnan(high)
    widths = np.sort((high - low)[both])
    bounds = np.concatenate([rks[~np.isnan(rks)], high[~np.isnan(high)]])
    data = {
        "villages": int(n),
        "scored": int((~np.isnan(vals)).sum()),
        "ranking_length": int(bounds.max()) if bounds.size else 0,
        "interval_median": int(widths[len(widths) // 2]) if widths.size else None,
    }
    rks = rks.astype(RANKS).astype(float)  # as stored
    ranking = np.lexsort((np.arange(n), np.where(np.isnan(rks), np.inf, rks), np.isnan(vals)))
    return Summary(ids, vals, rks, data, ids[ranking])


def _floats(column: Any) -> np.ndarray:
    """A column as floats, None (a NULL read from the rows) as NaN."""
    if isinstance(column, np.ndarray):
        return column.astype(float)
    return np.array([np.nan if v is None else v for v in column], dtype=float)


def from_rows(run: Run) -> Summary:
    """The summary computed from the run's stored village rows. One query."""
    rows = list(
        UnitScores.objects.filter(run=run, unit=Unit.VILLAGE).values_list(
            "area_id", "area__code", "value", "rank", "rank_low", "rank_high"
        )
    )
    columns = list(zip(*rows, strict=True)) if rows else [[]] * 6
    return summarise(*(list(c) for c in columns))


def save(run: Run, found: Summary) -> None:
    """Store ``found`` as ``run``'s summary (replacing any older one)."""
    RunSummary.objects.update_or_create(
        run=run,
        defaults={
            "version": VERSION,
            "data": found.data,
            "area_ids": np.ascontiguousarray(found.area_ids, dtype=IDS).tobytes(),
            "ranks": np.ascontiguousarray(found.ranks, dtype=RANKS).tobytes(),
            "values": np.ascontiguousarray(found.values, dtype=VALUES).tobytes(),
            "order": np.ascontiguousarray(found.order, dtype=IDS).tobytes(),
        },
    )
    setattr(run, _CACHE, found)


def of(run: Run, *, vectors: bool = True) -> Summary:
    """``run``'s summary: the stored one, or — for a run stored before summaries, or with an older version — one
    built from its rows and saved, so that this happens once per run. ``vectors=False`` leaves the per-village
    scores and ranks unread (``area_ids``, ``values`` and ``ranks`` are None): a ranking page needs only the
    order and the numbers, a third of the bytes."""
    cached = getattr(run, _CACHE, None)
    if cached is not None and (cached.area_ids is not None or not vectors):
        return cached
    fields = ["data", "order", *(["area_ids", "values", "ranks"] if vectors else [])]
    row = RunSummary.objects.filter(run=run, version=VERSION).only("run", *fields).first()
    if row is None:
        found = from_rows(run)
        save(run, found)
        return found

    def vector(name: str, dtype: np.dtype) -> np.ndarray | None:
        return np.frombuffer(bytes(getattr(row, name)), dtype=dtype).astype(float if dtype != IDS else np.int64)

    found = Summary(
        vector("area_ids", IDS) if vectors else None,
        vector("values", VALUES) if vectors else None,
        vector("ranks", RANKS) if vectors else None,
        dict(row.data),
        vector("order", IDS),
    )
    setattr(run, _CACHE, found)
    return found


def forget(run: Run) -> None:
    """Drop ``run``'s stored summary (for tests and repairs that change a stored run's rows)."""
    RunSummary.objects.filter(run=run).delete()
    if hasattr(run, _CACHE):
        delattr(run, _CACHE)
