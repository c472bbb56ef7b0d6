"""``petakan restore FILE [--force]``: replace the database with a backup (see :mod:`petakan.backups`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from petakan import backups
from petakan.web.management.progress import ProgressBar


class Command(BaseCommand):
    help = "Pulihkan basis data dari berkas cadangan `petakan backup`. Basis data berisi ditolak tanpa --force."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="berkas cadangan dari `petakan backup`")
        parser.add_argument(
            "--force", action="store_true", help="timpa basis data yang sudah berisi (isinya hilang, diganti cadangan)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(_("Berkas %(file)s tidak ada.") % {"file": path})
        started = time.perf_counter()
        kind = backups.engine()
        unit = _("tabel") if kind == "postgresql" else _("halaman")
        bar = ProgressBar(self.stdout, _("Memulihkan"), unit)
        try:
            before, after = backups.restore(path, bar, force=opts["force"])
        except backups.BackupError as exc:
            raise CommandError(_(exc.message) % exc.params) from exc
        bar.finish()
        if before.data_rows:
            self.stdout.write(
                _("Isi lama ditimpa (%(rows)d baris data).") % {"rows": before.data_rows},
            )
        self.stdout.write(
            _("Dipulihkan dari %(file)s: %(tables)d tabel, %(rows)d baris, %(s).1f detik.")
            % {"file": path, "tables": after.tables, "rows": after.total, "s": time.perf_counter() - started}
        )
