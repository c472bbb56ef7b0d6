"""``petakan worker``: run the task queue (see :mod:`petakan.jobs.worker` for how jobs are kept from being lost)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import validate_worker_id

from petakan.jobs.worker import JobWorker, default_worker_id


class Command(DbWorkerCommand):
    help = "Menjalankan antrean tugas (hitung indeks, impor besar, buku) sampai dihentikan dengan Ctrl+C / SIGTERM."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # stable across restarts, so that a restarted worker finds the jobs it was running when it stopped
        parser.set_defaults(worker_id=default_worker_id(), reload=False, queue_name="*")
        for action in parser._actions:
            if action.dest == "worker_id":
                action.type = validate_worker_id
                action.help = "Unique per worker and stable across its restarts (default: the host name)"

    def handle(self, *, verbosity: int, **options: Any) -> None:
        self.configure_logging(verbosity)
        worker = JobWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=options["exclude_queues"].split(",") if options["exclude_queues"] else [],
        )
        worker.configure_signals()
        worker.run()
