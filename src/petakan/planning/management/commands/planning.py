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
    help = "Masterplan: load-demo, template, import-rpjmd (dry run unless --commit), gaps, book."

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
        book = sub.add_parser("book", help="write one of the four masterplan books as DOCX or PDF")
        book.add_argument(
            "--book", type=int, required=True, choices=[1, 2, 3, 4], help="1 Analisis Strategis … 4 Peta Jalan"
        )
        book.add_argument("--year", type=int, help="data year: the RPJMD period holding it, the index run of it")
        book.add_argument("--format", choices=["docx", "pdf"], default="docx")
        book.add_argument(
            "--lang", choices=[code for code, _name in settings.LANGUAGES], default=settings.LANGUAGE_CODE
        )
        book.add_argument("--public", action="store_true", help="what the public sees (approved programmes only)")
        book.add_argument("--out", type=Path, required=True)

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
        elif action == "book":
            with translation.override(opts["lang"]):
                self.book(opts)

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

    def book(self, opts: dict[str, Any]) -> None:
        """Build a book as an analyst sees it (drafts included), or as the public does with --public."""
        from petakan.accounts.models import Role, User
        from petakan.accounts.permissions import can
        from petakan.planning.books import BOOK_NUMBERS, BOOKS, build_book
        from petakan.planning.models import Period
        from petakan.planning.pdf import PdfError

        year = opts["year"]
        periods = Period.objects.order_by("-is_current", "-start_year")
        period = (periods.filter(start_year__lte=year, end_year__gte=year) if year else periods).first()
        if period is None:
            raise CommandError(
                _("Tidak ada periode RPJMD yang memuat tahun %(year)s.") % {"year": year}
                if year
                else _("Belum ada periode RPJMD.")
            )
        slug = BOOK_NUMBERS[opts["book"]]
        user = None if opts["public"] else User(username="petakan-command", role=Role.ANALYST, is_active=True)
        if not can(user, BOOKS[slug].action):
            raise CommandError(_("Buku %(n)d bukan buku publik.") % {"n": opts["book"]})
        out: Path = opts["out"]
        try:
            content = build_book(slug, period, user, fmt=opts["format"], year=year)
        except PdfError as exc:
            raise CommandError(str(exc)) from exc
        out.write_bytes(content)
        self.stdout.write(
            _("Buku %(n)d %(title)s (%(period)s) ditulis: %(path)s")
            % {"n": opts["book"], "title": BOOKS[slug].title, "period": period.name, "path": out}
        )

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
