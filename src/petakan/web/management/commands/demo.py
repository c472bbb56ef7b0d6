"""``petakan demo``: everything `make demo` loads, in order, each step idempotent.

Kendal's real reference data first, then generated village data clearly marked as DATA CONTOH, then the analyses
computed from it. Every role of the demo finds work: a few villages are left in draft, submitted, returned or
verified (see :func:`petakan.profiles.services.demo_work`). Run it again and nothing is duplicated and nothing a
user changed is undone: each step only adds what is missing (an existing index run is not recomputed, an edited or
approved programme and a profile someone worked on are left as they are).
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

YEAR = 2026


def steps(year: int) -> list[tuple[str, list[str]]]:
    return [
        (_("Wilayah Kendal (kode Kemendagri, batas BPS 2024)"), ["regions", "load-kendal", "--commit"]),
        # the year before, closed and published, so that change can be seen (the impact of a programme, the map)
        (
            _("Profil potensi desa tahun sebelumnya — DATA CONTOH"),
            ["profiles", "load-demo", "--year", str(year - 1), "--leads-to", str(year)],
        ),
        (
            _("Indeks Smart City tahun sebelumnya"),
            ["indices", "compute", "--year", str(year - 1), "--status", "published", "--if-missing"],
        ),
        (_("Profil potensi desa — DATA CONTOH"), ["profiles", "load-demo", "--year", str(year), "--with-work"]),
        (
            _("Indeks Smart City dari profil"),
            [
                "indices",
                "compute",
                "--year",
                str(year),
                "--status",
                "published",
                "--if-missing",
            ],
        ),
        (_("Skor IDM — DATA CONTOH"), ["idm", "load-demo", "--year", str(year)]),
        (_("PDRB Kendal dan Jawa Tengah (total riil, rincian sektor ilustratif)"), ["economy", "load-demo"]),
        (_("RPJMD dan masterplan Smart City"), ["planning", "load-demo"]),
        (_("Akun demo"), ["accounts", "create-demo"]),
        # after the accounts: the demo analyst enters the realisations and the demo admin reviews them
        (_("Realisasi program — DATA CONTOH"), ["monitoring", "load-demo"]),
    ]


class Command(BaseCommand):
    help = "Load Kendal and the demo data (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=YEAR)

    def handle(self, *args: Any, **opts: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        plan = steps(opts["year"])
        for n, (title, command) in enumerate(plan, start=1):
            started = time.perf_counter()
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{n}/{len(plan)}] {title}"))
            call_command(*command, stdout=self.stdout, stderr=self.stderr)
            self.stdout.write(f"      {time.perf_counter() - started:.1f} s")
