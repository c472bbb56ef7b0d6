"""``petakan planning …``: the demo masterplan, the RPJMD cascade template and its XLSX import, and the gaps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from petakan.planning import importer
from petakan.planning.demo import load_demo
from petakan.planning.services import current_period, plan_state


class Command(BaseCommand):
    help = "Masterplan: load-demo, template, import-rpjmd (dry run unless --commit), gaps."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load-demo", help="Kendal's RPJMD 2021–2026 and Smart City programmes (idempotent)")
        template = sub.add_parser("template", help="write the RPJMD cascade workbook (filled from the current period)")
        template.add_argument("--out", type=Path, required=True)
        template.add_argument("--start", type=int, help="first year (for an empty template without a period)")
        template.add_argument("--end", type=int, help="last year")
        imp = sub.add_parser("import-rpjmd", help="import an RPJMD cascade workbook")
        imp.add_argument("file", type=Path)
        imp.add_argument("--commit", action="store_true", help="write; without it, only check (dry run)")
        sub.add_parser("gaps", help="print the gaps of the current period")

    def handle(self, *args: Any, **opts: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        action = opts["action"]
        if action == "load-demo":
            try:
                period = load_demo()
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            n = period.programmes.count()
            self.stdout.write(
                _("Demo masterplan dimuat: %(name)s, %(n)d program (DATA CONTOH).") % {"name": period.name, "n": n}
            )
        elif action == "template":
            self.template(opts)
        elif action == "import-rpjmd":
            self.import_rpjmd(opts["file"], opts["commit"])
        elif action == "gaps":
            self.gaps()

    def template(self, opts: dict[str, Any]) -> None:
        out: Path = opts["out"]
        if out.suffix.lower() != ".xlsx":
            raise CommandError(_("File keluaran harus .xlsx: %(path)s") % {"path": out})
        if opts["start"] or opts["end"]:
            if not (opts["start"] and opts["end"]) or opts["end"] < opts["start"]:
                raise CommandError(_("Beri --start dan --end, dengan --end tidak sebelum --start."))
            importer.write_template(out, list(range(opts["start"], opts["end"] + 1)))
            self.stdout.write(_("Templat kosong ditulis: %(path)s") % {"path": out})
            return
        period = current_period()
        if period is None:
            raise CommandError(_("Belum ada periode RPJMD berjalan: beri --start dan --end untuk templat kosong."))
        importer.write_template(out, period.years(), period)
        self.stdout.write(_("Templat berisi kaskade %(name)s ditulis: %(path)s") % {"name": period.name, "path": out})

    def import_rpjmd(self, path: Path, commit: bool) -> None:
        if not path.is_file():
            raise CommandError(_("File tidak ada: %(path)s") % {"path": path})
        try:
            report = importer.import_cascade(path, commit=commit)
        except importer.CascadeImportError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(n)d masalah di %(file)s; tidak ada yang ditulis.") % {"n": len(exc.problems), "file": path.name}
            ) from exc
        self.stdout.write(report.summary())
        if report.not_in_file:
            self.stdout.write(
                _("Ada di basis data tetapi tidak di file (dibiarkan): %(x)s") % {"x": ", ".join(report.not_in_file)}
            )
        if not commit:
            self.stdout.write(_("Uji coba: tidak ada yang ditulis. Jalankan lagi dengan --commit."))

    def gaps(self) -> None:
        period = current_period()
        if period is None:
            raise CommandError(_("Belum ada periode RPJMD berjalan."))
        state = plan_state(period, period.programmes.all())
        m = state.measurements
        demo_programmes = any(getattr(p, "is_demo", False) for p in state.programmes)
        if m.is_demo or demo_programmes:
            # said first: the findings below rest on generated values
            self.stdout.write(
                _("DATA CONTOH: celah ini dihitung dari data yang dibangkitkan (%(what)s), bukan data resmi.")
                % {
                    "what": ", ".join(
                        w
                        for w, flag in (
                            (
                                _("skor indeks run #%(id)s") % {"id": m.run.pk if m.run else ""},
                                bool(m.run and m.run.is_demo),
                            ),
                            (_("status IDM %(year)s") % {"year": m.idm_year}, m.idm_demo),
                            (_("program contoh"), demo_programmes),
                        )
                        if flag
                    )
                }
            )
        for result in state.gaps():
            status = str(len(result.gaps)) if result.evaluable else _("belum dapat dinilai")
            self.stdout.write(f"== {result.rule}: {status}")
            for note in result.notes("id"):
                self.stdout.write(f"   ({note})")
            for gap in result.gaps:
                self.stdout.write(f" - {gap.reason_id}")
