"""``petakan indices compute``: compute and store a Smart City index run from the village profiles."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from petakan.indices.commands import STEPS, compute_run
from petakan.indices.models import Run
from petakan.indices.services import NoProfilesError
from petakan.lib.smartcity import FrameworkError


class Command(BaseCommand):
    help = "Compute a Smart City index run from the village profiles."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("compute", help="compute and store a run (the previous one stays, no longer current)")
        run.add_argument("--framework", default="smart-city-v1")
        run.add_argument("--year", type=int, required=True)
        run.add_argument(
            "--status",
            choices=["published", "all"],
            default="published",
            help="published profiles only (public results), or all profiles including drafts",
        )
        run.add_argument(
            "--if-missing",
            action="store_true",
            help="do nothing when a current run of this framework, year and status exists (the demo's re-runs)",
        )
        run.add_argument(
            "--sensitivity-runs",
            type=int,
            default=None,
            help="Saltelli base sample N for the rank intervals (default: the framework's)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        started = time.perf_counter()
        which = _("profil terpublikasi") if opts["status"] == "published" else _("semua profil, termasuk draf")
        if opts["if_missing"]:
            current = Run.objects.filter(
                framework=opts["framework"], year=opts["year"], profile_status=opts["status"], is_current=True
            ).first()
            if current is not None:
                self.stdout.write(
                    _("Run #%(id)d (%(year)d, %(which)s) sudah ada; tidak dihitung ulang.")
                    % {"id": current.pk, "year": opts["year"], "which": which}
                )
                return
        self.stdout.write(
            _("Menghitung %(fw)s untuk %(year)d (%(which)s)…")
            % {"fw": opts["framework"], "year": opts["year"], "which": which}
        )
        labels = {
            "read": _("profil dibaca"),
            "compute": _("indeks dan analisis sensitivitas dihitung"),
            "store": _("skor disimpan"),
        }

        def progress(step: str, seconds: float) -> None:
            position = STEPS.index(step) + 1
            self.stdout.write(f"  [{position}/{len(STEPS)}] {labels[step]} ({seconds:.1f} s)")
            self.stdout.flush()

        try:
            run = compute_run(
                opts["framework"],
                opts["year"],
                opts["status"],
                sensitivity_runs=opts["sensitivity_runs"],
                progress=progress,
            )
        except FrameworkError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        except NoProfilesError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Run #%(id)d: %(n)d desa diberi skor, hash kerangka %(hash)s, %(s).1f detik%(demo)s")
            % {
                "id": run.pk,
                "n": run.n_units,
                "hash": run.framework_hash[:12],
                "s": time.perf_counter() - started,
                "demo": " — DATA CONTOH" if run.is_demo else "",
            }
        )
