"""``petakan backup FILE``: a consistent copy of the whole database (see :mod:`petakan.backups`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from petakan import backups
from petakan.web.management.progress import ProgressBar


class Command(BaseCommand):
    help = "Salin seluruh basis data ke satu berkas (PostgreSQL: pg_dump -Fc; SQLite: salinan daring)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="berkas cadangan yang ditulis (ditimpa bila sudah ada)")

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.parent.is_dir():
            raise CommandError(_("Folder %(folder)s tidak ada.") % {"folder": path.parent})
        started = time.perf_counter()
        kind = backups.engine()
        unit = _("tabel") if kind == "postgresql" else _("halaman")
        bar = ProgressBar(self.stdout, _("Mencadangkan"), unit)
        try:
            found = backups.backup(path, bar)
        except backups.BackupError as exc:
            raise CommandError(_(exc.message) % exc.params) from exc
        bar.finish()
        self.stdout.write(
            _("Cadangan ditulis ke %(file)s (%(size).1f MB): %(tables)d tabel, %(rows)d baris, %(s).1f detik.")
            % {
                "file": path,
                "size": path.stat().st_size / 1e6,
                "tables": found.tables,
                "rows": found.total,
                "s": time.perf_counter() - started,
            }
        )
