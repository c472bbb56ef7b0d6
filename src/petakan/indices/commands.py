"""The one way to compute a run from stored profiles, shared by the command line and the analysts' button."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from petakan.indices import services
from petakan.indices.models import Run

# the steps of a run, in order, as compute_run reports them: reading the profiles, computing, storing
STEPS = ("read", "compute", "store")


def compute_run(
    framework: str,
    year: int,
    status: str,
    *,
    user: Any = None,
    sensitivity_runs: int | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> Run:
    """Read the profiles of ``year`` (only published ones unless ``status == "all"``), compute and store a run.

    ``progress(step, seconds)`` is called after each of :data:`STEPS` with the seconds it took.
    """
    from petakan.profiles.services import profiles_frame

    def done(step: str, since: float) -> float:
        now = time.perf_counter()
        if progress is not None:
            progress(step, now - since)
        return now

    started = time.perf_counter()
    profiles, is_demo = profiles_frame(year, status)
    if profiles.empty:
        which = " terpublikasi" if status == "published" else ""
        raise services.NoProfilesError(f"tidak ada profil{which} untuk tahun {year}")
    started = done("read", started)
    fw = services.framework(framework)
    computed = services.compute(fw, profiles, sensitivity_runs=sensitivity_runs)
    started = done("compute", started)
    run = services.store(computed, year=year, profile_status=status, is_demo=is_demo, user=user)
    done("store", started)
    return run
