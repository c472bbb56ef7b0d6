"""The job most tests of the queue use: computing an index run, as the /indeks/hitung/ page enqueues it."""

from __future__ import annotations

from typing import Any

from petakan.indices import tasks
from petakan.jobs.models import Job
from petakan.jobs.services import enqueue


def run_job(user: Any, *, year: int = 2026, status: str = "all", label: str = "x") -> Job:
    """Enqueue (not run) a run computation of ``year`` from the profiles of ``status`` for ``user``; a year
    without profiles makes the job fail with a reason in words."""
    return enqueue(
        tasks.compute_run,
        kind="indices.compute",
        label=label,
        user=user,
        framework="smart-city-v1",
        year=year,
        status=status,
    )
