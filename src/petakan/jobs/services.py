"""The jobs' small API for task code, and the rules that keep a job from being lost.

Task code is a function ``f(job, **params)`` decorated with ``@task()`` (Django's Tasks API, the ``django_tasks``
backport on Django 5.2) over :func:`job_task`; a view starts it with :func:`enqueue` and redirects to the job's
page. Inside, the function calls :func:`report` (percent and a message), :func:`log` (a line) and :func:`finish`
(the result's link). An exception fails the job: the user reads :attr:`Job.error` in words (the message of a
:class:`JobError`, or a general sentence), the traceback is kept in :attr:`Job.traceback` for admins.

Interrupted jobs (see :func:`recover`): a running job whose heartbeat is older than
``PETAKAN_JOB_STALE_SECONDS`` (60 s by default; the worker refreshes it every ``PETAKAN_JOB_HEARTBEAT_SECONDS``,
5 s) or that a restarted worker finds still "running" under its own id was cut off. It is enqueued again once
(a job runs at most :data:`MAX_ATTEMPTS` times) or else marked failed with "pekerja berhenti di tengah jalan";
it never stays "running".
"""

from __future__ import annotations

import functools
import logging
import traceback as tb
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_noop

from petakan.accounts.naming import person
from petakan.jobs.models import Job, JobFile, State

logger = logging.getLogger("petakan.jobs")

# a job runs at most twice: once, and once more after its worker died under it
MAX_ATTEMPTS = 2
# stored in Indonesian (the worker has no visitor) and translated when shown: see jobs/templates/jobs/_status.html
INTERRUPTED = gettext_noop("Pekerja berhenti di tengah jalan.")
UNEXPECTED = gettext_noop("Terjadi kesalahan tak terduga; tidak ada yang disimpan. Admin dapat melihat rinciannya.")
RETRIED_AFTER_INTERRUPTION = gettext_noop("Pekerja berhenti di tengah jalan; tugas diulang.")

# the worker that runs tasks in this process (set by ``petakan worker``; empty in a web request or a test)
current_worker_id = ""


class JobError(Exception):
    """A failure whose message is meant for the user, in words (e.g. "tidak ada profil terpublikasi")."""


def stale_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "PETAKAN_JOB_STALE_SECONDS", 60))


# ---------------------------------------------------------------------------------------------- starting
def enqueue(task: Any, *, kind: str, label: str, user: Any = None, **params: Any) -> Job:
    """Record a Job and put ``task`` (a ``django_tasks`` Task made with :func:`job_task`) on the queue.

    ``params`` (JSON values) are stored with the job and passed to the task on every attempt.
    """
    job = Job.objects.create(
        kind=kind,
        label=label[:200],
        started_by=user if getattr(user, "is_authenticated", False) else None,
        task_path=task.module_path,
        params=params,
    )
    _send(job)
    return job


def _send(job: Job) -> None:
    task = import_string(job.task_path)
    result = task.enqueue(job_id=job.pk)
    job.task_id = str(result.id)
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)


def retry(job: Job, user: Any = None) -> bool:
    """Run a failed job again (the "Coba lagi" button). False if it was not failed (e.g. a double click)."""
    attempts_note = f" oleh {person(user)}" if user is not None else ""
    claimed = Job.objects.filter(pk=job.pk, state=State.FAILED).update(
        state=State.WAITING,
        progress=0,
        message="",
        error="",
        traceback="",
        finished=None,
        result_url="",
        result_label="",
        result_file="",
        attempts=0,  # a fresh start: a worker dying under it may again cost one automatic retry
    )
    if not claimed:
        return False
    JobFile.objects.filter(job_id=job.pk).delete()
    log(job, f"Dicoba lagi{attempts_note}.")
    job.refresh_from_db()
    _send(job)
    return True


# ---------------------------------------------------------------------------------------------- task side
def job_task(func: Callable[..., Any]) -> Callable[[int], None]:
    """Turn ``func(job, **params)`` into the task body ``run(job_id)``; put ``@task()`` above this decorator.

    The job is claimed (waiting → running) first, so a task enqueued twice for one job runs once. An exception
    fails the job (words for the user, traceback for admins) and is not raised further: the job is the record.
    A function that returns without calling :func:`finish` finishes the job without a result link.
    """

    @functools.wraps(func)
    def run(job_id: int) -> None:
        job = _claim(job_id)
        if job is None:
            logger.info("job %s is not waiting any more; nothing to do", job_id)
            return
        try:
            func(job, **job.params)
        except Exception as exc:
            fail(job, exc)
            return
        finish(job, job.result_url, job.result_label)

    return run


def _claim(job_id: int) -> Job | None:
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=State.WAITING).update(
        state=State.RUNNING,
        attempts=F("attempts") + 1,
        started=now,
        heartbeat=now,
        worker_id=current_worker_id,
        progress=0,
    )
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    log(job, f"Mulai (percobaan ke-{job.attempts}).")
    return job


def _mine(job: Job) -> Any:
    """This attempt's row: updates from an attempt that was given up for dead must not overwrite a newer one."""
    return Job.objects.filter(pk=job.pk, state=State.RUNNING, attempts=job.attempts)


def report(job: Job, percent: float, message: str = "") -> None:
    """Progress ``percent`` (0–100, clipped; never goes backwards) and what is being done, in words."""
    pct = max(job.progress, min(100, max(0, round(percent))))
    job.progress, job.message = pct, message[:300]
    _mine(job).update(progress=pct, message=job.message, heartbeat=timezone.now())


def log(job: Job, line: str) -> None:
    """Append one line (with the local time) to the job's log, which everyone who sees the job can read."""
    stamp = timezone.localtime().strftime("%H:%M:%S")
    text = f"{stamp} {line.strip()}\n"
    Job.objects.filter(pk=job.pk).update(log=Concat(F("log"), Value(text)))
    job.log += text


def save_file(job: Job, name: str, content: bytes) -> str:
    """Keep ``content`` as the job's result file ``name`` (in the database, so every app server can serve it) and
    return the URL that downloads it (to those who may see the job)."""
    from django.urls import reverse

    JobFile.objects.update_or_create(job=job, defaults={"name": name, "data": content})
    job.result_file = name
    Job.objects.filter(pk=job.pk).update(result_file=job.result_file)
    return reverse("jobs:download", args=[job.pk])


def finish(job: Job, url: str = "", label: str = "") -> None:
    """Done: progress 100 % and the link to what the job made (a run's page, a file to download)."""
    now = timezone.now()
    job.result_url, job.result_label = url, label[:200]
    updated = _mine(job).update(
        state=State.DONE, progress=100, finished=now, heartbeat=now, result_url=url, result_label=job.result_label
    )
    if updated:
        job.state, job.progress, job.finished = State.DONE, 100, now
        log(job, "Selesai.")


def fail(job: Job, exc: BaseException) -> None:
    """Failed: the user reads the error in words; the traceback goes to the admins' view and the server log."""
    words = str(exc) if isinstance(exc, JobError) else UNEXPECTED
    trace = "".join(tb.format_exception(exc))
    logger.error("job %s (%s) failed:\n%s", job.pk, job.kind, trace)
    updated = _mine(job).update(state=State.FAILED, finished=timezone.now(), error=words, traceback=trace)
    if updated:
        job.state, job.error, job.traceback = State.FAILED, words, trace
        log(job, f"Gagal: {words}")


# ---------------------------------------------------------------------------------------------- recovery
def beat(worker_id: str) -> int:
    """Refresh the heartbeat of the jobs ``worker_id`` is running (called by the worker's watchdog thread)."""
    return Job.objects.filter(state=State.RUNNING, worker_id=worker_id).update(heartbeat=timezone.now())


def recover(*, restarted_worker: str = "") -> list[Job]:
    """Find interrupted jobs and retry each once or fail it; returns them.

    Interrupted: running with a heartbeat older than ``PETAKAN_JOB_STALE_SECONDS``, or (when ``restarted_worker``
    is given, which a worker does once as it starts, before it takes any task) running under that worker's id —
    the worker was stopped in the middle of it. Two workers recovering at once are safe: each change is made only
    if the job is still in the state it was read in.
    """
    now = timezone.now()
    cut = now - stale_after()
    interrupted = Q(heartbeat__lt=cut) | Q(heartbeat__isnull=True, started__lt=cut)
    if restarted_worker:
        interrupted |= Q(worker_id=restarted_worker)
    found = []
    for job in Job.objects.filter(Q(state=State.RUNNING) & interrupted):
        _close_task_result(job)
        if job.attempts < MAX_ATTEMPTS:
            if not _mine(job).update(state=State.WAITING, message=RETRIED_AFTER_INTERRUPTION, heartbeat=None):
                continue
            log(job, RETRIED_AFTER_INTERRUPTION)
            _send(job)
        else:
            if not _mine(job).update(state=State.FAILED, finished=now, error=INTERRUPTED):
                continue
            log(job, f"Gagal: {INTERRUPTED}")
        logger.warning("job %s (%s) was interrupted (worker %s)", job.pk, job.kind, job.worker_id or "?")
        found.append(job)
    return found


def _close_task_result(job: Job) -> None:
    """The backend's own row of the dead attempt would say "RUNNING" for ever: mark it failed too."""
    from django_tasks_db.models import DBTaskResult

    if job.task_id:
        DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
            status="FAILED", finished_at=timezone.now(), traceback=INTERRUPTED, exception_class_path=""
        )


# ---------------------------------------------------------------------------------------------- pruning
def prune(days: int) -> tuple[int, int]:
    """Delete jobs that ended (done or failed) more than ``days`` days ago, with the files they made, and the queue
    backend's finished task rows of the same age. Waiting and running jobs are never touched. Returns (jobs, task
    rows) deleted. The stored files (book PDFs) are what makes old jobs weigh: run it from cron, e.g. nightly."""
    from django_tasks_db.models import DBTaskResult

    cut = timezone.now() - timedelta(days=days)
    ended = Job.objects.filter(state__in=[State.DONE, State.FAILED], finished__lt=cut)
    task_ids = [t for t in ended.values_list("task_id", flat=True) if t]
    jobs = ended.count()
    ended.delete()  # their JobFile rows go with them (on_delete=CASCADE)
    results = DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cut)
    n_results, _ = (results | DBTaskResult.objects.filter(id__in=task_ids, finished_at__isnull=False)).delete()
    return jobs, n_results


# ---------------------------------------------------------------------------------------------- health
def queue_health() -> dict[str, Any]:
    """What /healthz reports about the queue (documented in the README, "Operations")."""
    now = timezone.now()
    waiting = Job.objects.filter(state=State.WAITING)
    oldest = waiting.order_by("created").values_list("created", flat=True).first()
    return {
        "waiting": waiting.count(),
        "oldest_waiting_seconds": round((now - oldest).total_seconds(), 1) if oldest else 0,
        "running": Job.objects.filter(state=State.RUNNING).count(),
        "failed_24h": Job.objects.filter(state=State.FAILED, finished__gte=now - timedelta(hours=24)).count(),
    }
