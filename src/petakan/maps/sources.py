"""Where the maps read data other than index scores: village profiles (zones, commodities) and IDM results.

Both apps may be absent from an installation (or not built yet); each accessor says so by returning None, and the
pages then show a note instead of the layer. A module that exists but fails to import is an error, not "absent".
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from functools import cache
from types import ModuleType
from typing import Any

import pandas as pd

log = logging.getLogger("petakan.maps")

ZONES = ("pesisir", "dataran", "pegunungan")


@cache
def _installed(name: str) -> bool:
    try:
        found = importlib.util.find_spec(name)
    except ModuleNotFoundError:  # the parent package itself is missing
        found = None
    if found is None:
        log.warning("%s is not installed: the maps leave out what it provides", name)
    return found is not None


def _module(name: str, attribute: str) -> ModuleType | None:
    if not _installed(name):
        return None
    module = importlib.import_module(name)
    return module if hasattr(module, attribute) else None


def profiles_available() -> bool:
    return _module("petakan.profiles.services", "profiles_frame") is not None


def profile_frame(year: int, status: str, prefix: str = "") -> pd.DataFrame | None:
    """Profiles of ``year`` (index: village code) that a run over ``status`` ("published" or "all") used, of the
    villages whose code starts with ``prefix``, or None when the profiles app is not there. ``profiles_frame``
    returns ``(frame, is_demo)``; a bare frame is accepted."""
    module = _module("petakan.profiles.services", "profiles_frame")
    if module is None:
        return None
    result: Any = module.profiles_frame(year, status, prefix)
    frame = result[0] if isinstance(result, tuple) else result
    return frame if isinstance(frame, pd.DataFrame) else None


def village_zones(year: int, status: str) -> pd.Series | None:
    """Village code → zone (pesisir / dataran / pegunungan) from the profiles; None without profiles or zones."""
    return zones_of(profile_frame(year, status))


def zones_of(frame: pd.DataFrame | None) -> pd.Series | None:
    if frame is None or "geo_zone" not in frame.columns:
        return None
    zones = frame["geo_zone"].astype("string")
    zones = zones[zones.isin(ZONES)]
    return zones.astype(str) if not zones.empty else None


def idm_services() -> ModuleType | None:
    return _module("petakan.idm.services", "results_for")
