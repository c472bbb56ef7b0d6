"""The one way to compute a run from stored profiles, shared by the command line and the analysts' button."""

from __future__ import annotations

from typing import Any

from petakan.indices import services
from petakan.indices.models import Run


def compute_run(
    framework: str, year: int, status: str, *, user: Any = None, sensitivity_runs: int | None = None
) -> Run:
    """Read the profiles of ``year`` (only published ones unless ``status == "all"``), compute and store a run."""
    from petakan.profiles.services import profiles_frame

    profiles, is_demo = profiles_frame(year, status)
    if profiles.empty:
        raise services.NoProfilesError(f"tidak ada profil {status} untuk tahun {year}")
    fw = services.framework(framework)
    computed = services.compute(fw, profiles, sensitivity_runs=sensitivity_runs)
    return services.store(computed, year=year, profile_status=status, is_demo=is_demo, user=user)
