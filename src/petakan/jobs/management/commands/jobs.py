"""``petakan jobs prune --days N``: forget jobs that ended long ago, with the files they made (see
:func:`petakan.jobs.services.prune`). Waiting and running jobs are never touched."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from petakan.jobs import services


class Command(BaseCommand):
    help = "Jobs: prune (delete jobs that ended more than --days days ago, with their files)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        prune = sub.add_parser("prune", help="delete ended jobs older than --days days, with their files")
        prune.add_argument("--days", type=int, default=30, help="keep jobs that ended within this many days (30)")

    def handle(self, *args: Any, **opts: Any) -> None:
        days = max(0, opts["days"])
        jobs, results = services.prune(days)
        self.stdout.write(
            _(
                "%(jobs)d tugas yang selesai lebih dari %(days)d hari lalu dihapus (dengan berkasnya), "
                "%(results)d baris antrean."
            )
            % {"jobs": jobs, "days": days, "results": results}
        )
