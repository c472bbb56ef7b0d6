"""Plausible, seeded demo item scores for a regency's villages (labelled DATA CONTOH wherever they are shown).

No Django here: ``idm.services.load_demo`` reads the villages and stores the result. The generator is a latent
"development level" per village from its geography, turned into 0..max item scores:

    level_v = BASE + KELURAHAN_BONUS·kelurahan_v − HIGHLAND_PENALTY·highland_v − REMOTE_PENALTY·remote_v + ε_v
    score_vi = clip(round(max_i · (level_v + difficulty_i + η_vi)), 0, max_i)

with ``highland`` the villages south of the highland latitude (Kendal's mountains), ``remote`` the distance to the
nearest kelurahan (the urban centres) scaled to 0..1, ε ~ N(0, LEVEL_SD), η ~ N(0, ITEM_SD) and a fixed difficulty
per item. The ``n_tertinggal`` least developed desa get a level in TERTINGGAL_LEVEL and are redrawn until they score
Tertinggal, so that gap rules (masterplan) and improvement plans have Tertinggal villages to find.
Same inputs and seed → same scores (idempotent demo).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from petakan.lib.idm import Edition, score_matrix
from petakan.lib.profile.zones import HIGHLAND_LATITUDE, KM_PER_DEGREE

DEMO_SEED = 7_2026
BASE = 0.86
KELURAHAN_BONUS = 0.07
HIGHLAND_PENALTY = 0.07
REMOTE_PENALTY = 0.10
LEVEL_SD = 0.04
ITEM_SD = 0.18
DIFFICULTY_SD = 0.12
TERTINGGAL_LEVEL = (0.54, 0.58)
N_TERTINGGAL = 6
MAX_REDRAWS = 50


def demo_scores(
    edition: Edition,
    lat: ArrayLike,
    lng: ArrayLike,
    kelurahan: ArrayLike,
    seed: int = DEMO_SEED,
    n_tertinggal: int = N_TERTINGGAL,
) -> np.ndarray:
    """(villages × items) integer scores in edition order; ``lat``/``lng`` centroids in degrees.

    The random stream depends on the seed only (and the village order), never on the clock.
    """
    lat_a = np.asarray(lat, dtype=float)
    lng_a = np.asarray(lng, dtype=float)
    kel = np.asarray(kelurahan, dtype=bool)
    n = lat_a.shape[0]
    if lng_a.shape != (n,) or kel.shape != (n,) or np.isnan(lat_a).any() or np.isnan(lng_a).any():
        raise ValueError("demo scores need a latitude, longitude and kelurahan flag for every village")
    rng = np.random.default_rng(seed)
    highland = lat_a <= HIGHLAND_LATITUDE
    remote = _remoteness(lat_a, lng_a, kel)
    level = (
        BASE
        + KELURAHAN_BONUS * kel
        - HIGHLAND_PENALTY * highland
        - REMOTE_PENALTY * remote
        + rng.normal(0.0, LEVEL_SD, n)
    )
    lowest = np.zeros(0, dtype=np.int64)
    if n_tertinggal:
        candidates = np.flatnonzero(~kel)
        lowest = candidates[np.argsort(level[candidates], kind="stable")[:n_tertinggal]]
        level[lowest] = rng.uniform(*TERTINGGAL_LEVEL, lowest.shape[0])
    difficulty = rng.normal(0.0, DIFFICULTY_SD, len(edition.items))
    scores = _draw(edition, level, difficulty, rng)
    if lowest.size:
        # Item noise can push a designated village out of Tertinggal (IKL has only 3 items); redraw those rows
        # with further draws of the same seeded stream until each lands in it.
        target = edition.status_index("tertinggal")
        for _attempt in range(MAX_REDRAWS):
            status = score_matrix(edition, scores[lowest]).status
            wrong = lowest[status != target]
            if not wrong.size:
                break
            scores[wrong] = _draw(edition, level[wrong], difficulty, rng)
        else:
            raise RuntimeError(f"demo: {wrong.size} designated village(s) not Tertinggal after {MAX_REDRAWS} draws")
    return scores


def _draw(edition: Edition, level: np.ndarray, difficulty: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    noise = rng.normal(0.0, ITEM_SD, (level.shape[0], difficulty.shape[0]))
    raw = edition.max_scores * (level[:, None] + difficulty[None, :] + noise)
    return np.clip(np.rint(raw), 0, edition.max_scores).astype(np.int64)


def _remoteness(lat: np.ndarray, lng: np.ndarray, kelurahan: np.ndarray) -> np.ndarray:
    """Distance (km, equirectangular) to the nearest kelurahan centroid, scaled to 0..1 by the largest one."""
    if not kelurahan.any():
        return np.zeros(lat.shape[0])
    dy = (lat[:, None] - lat[kelurahan][None, :]) * KM_PER_DEGREE
    dx = (lng[:, None] - lng[kelurahan][None, :]) * KM_PER_DEGREE * np.cos(np.radians(lat[:, None]))
    distance = np.sqrt(dx**2 + dy**2).min(axis=1)
    top = distance.max()
    return distance / top if top > 0 else distance
