"""The worker: django_tasks_db's database worker plus a watchdog that keeps jobs from being lost.

Design. ``petakan worker`` runs :class:`JobWorker`, which is the backend's own worker loop (claim the next ready
task in a transaction, run it, record its outcome) with two additions:

- At start, before taking any task, it calls :func:`petakan.jobs.services.recover` with its own worker id. The id
  is stable across restarts (the host name unless ``--worker-id`` is given; give each worker on one machine its
  own), so jobs still "running" under it were cut off when it stopped — by a crash, SIGKILL or a reboot — and are
  retried once or marked failed.
- A watchdog thread refreshes the heartbeat of the job it runs every ``PETAKAN_JOB_HEARTBEAT_SECONDS`` (5 s), even
  while the task is deep in numpy without calling ``report``, and every ``PETAKAN_JOB_STALE_SECONDS / 2`` (30 s)
  recovers jobs of any worker whose heartbeat is older than ``PETAKAN_JOB_STALE_SECONDS`` (60 s): another machine's
  worker that died and does not come back is noticed within 90 s.

Management commands do not go through the queue: they run in the foreground with their own progress bars.
"""

from __future__ import annotations

import logging
import socket
import threading

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

from petakan.jobs import services

logger = logging.getLogger("petakan.jobs")


def default_worker_id() -> str:
    """Stable across restarts of the worker on this machine (see the module's docstring)."""
    return socket.gethostname()[:64] or "worker"


class JobWorker(Worker):
    """django_tasks_db's Worker with recovery at start and a heartbeat/recovery watchdog thread."""

    def run(self) -> None:
        services.current_worker_id = self.worker_id
        for job in services.recover(restarted_worker=self.worker_id):
            logger.warning("recovered job %s after a restart of worker %s", job.pk, self.worker_id)
        stop = threading.Event()
        watchdog = threading.Thread(target=self.watch, args=(stop,), name="job-watchdog", daemon=True)
        watchdog.start()
        try:
            super().run()
        finally:
            stop.set()
            watchdog.join(timeout=5)

    def watch(self, stop: threading.Event) -> None:
        beat_every = float(getattr(settings, "PETAKAN_JOB_HEARTBEAT_SECONDS", 5))
        recover_every = services.stale_after().total_seconds() / 2
        since_recovery = 0.0
        try:
            while not stop.wait(beat_every):
                since_recovery += beat_every
                try:
                    services.beat(self.worker_id)
                    if since_recovery >= recover_every:
                        since_recovery = 0.0
                        services.recover()
                except Exception:  # a locked SQLite file or a dropped connection: try again at the next beat
                    logger.exception("job watchdog of worker %s", self.worker_id)
        finally:
            connection.close()  # this thread's own connection


def run_pending(worker_id: str = "inline") -> int:
    """Run every ready task in this process, then return how many ran (tests: no watchdog thread, no signal
    handlers, and no ``close_old_connections``, which would close a test's transaction-wrapped connection).

    Claiming and running are the backend worker's own (``get_locked``, ``claim``, ``Worker.run_task``)."""
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    services.current_worker_id = worker_id
    ran = 0
    try:
        while True:
            with exclusive_transaction(DBTaskResult.objects.db):
                result = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
                if result is not None:
                    result.claim(worker_id)
            if result is None:
                return ran
            worker.run_task(result)
            ran += 1
    finally:
        services.current_worker_id = ""
