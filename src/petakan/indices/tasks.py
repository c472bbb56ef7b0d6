"""Computing a run from the analysts' page, as a queued job (the command line computes in the foreground)."""

from __future__ import annotations

import time

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_noop
from django_tasks import task

from petakan.jobs.models import Job
from petakan.jobs.services import JobError, finish, job_task, log, report

# percent reached after each step of petakan.indices.commands.compute_run, and what comes next, in words;
# "compute" includes the uncertainty and sensitivity analysis (Monte Carlo/Sobol), the longest part
AFTER_STEP = {
    "read": (15, gettext_noop("Menghitung skor, ketidakpastian peringkat dan sensitivitas…")),
    "compute": (80, gettext_noop("Menyimpan run…")),
    "store": (99, gettext_noop("Run tersimpan.")),
}

STEP_WORDS = {"read": "Profil dibaca", "compute": "Skor dan sensitivitas dihitung", "store": "Run disimpan"}


@task()
@job_task
def compute_run(job: Job, *, framework: str, year: int, status: str) -> None:
    """Read the profiles, compute (with sensitivity) and store a run; the job's result links the run's page."""
    from petakan.indices import commands
    from petakan.indices.services import NoProfilesError
    from petakan.lib.smartcity import FrameworkError

    # stored in Indonesian, translated when shown (jobs/_status.html)
    report(job, 2, gettext_noop("Membaca profil desa…"))

    def progress(step: str, seconds: float) -> None:
        percent, message = AFTER_STEP[step]
        log(job, f"{STEP_WORDS[step]} ({seconds:.1f} s)")
        report(job, percent, message)
        delay = settings.PETAKAN_JOB_TEST_DELAY_SECONDS
        if step == "read" and delay:  # tests only: lets a test kill the worker in the middle of a job
            time.sleep(delay)

    try:
        run = commands.compute_run(framework, year, status, user=job.started_by, progress=progress)
    except (NoProfilesError, FrameworkError) as exc:
        raise JobError(f"Perhitungan gagal: {exc}") from exc
    log(job, f"Run #{run.pk}: {run.n_units} desa.")
    finish(job, reverse("indices:run", args=[run.pk]), f"Run #{run.pk} ({run.n_units} desa)")
