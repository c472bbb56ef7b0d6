"""``petakan profiles …``: demo profiles, the XLSX template of a scope, and imports from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from petakan.accounts.models import User
from petakan.profiles import services
from petakan.regions.models import Area, Level


class Command(BaseCommand):
    help = "Village potential profiles: load-demo, template, import."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        demo = sub.add_parser("load-demo", help="generated profiles (DATA CONTOH) for every village, published")
        demo.add_argument("--year", type=int, required=True)
        demo.add_argument("--seed", type=int, default=1)
        demo.add_argument(
            "--with-work",
            action="store_true",
            help="leave a few villages in draft, submitted, returned or verified so that every role has work",
        )
        demo.add_argument(
            "--leads-to",
            type=int,
            metavar="LATER_YEAR",
            help="the profiles the demo of LATER_YEAR grew from: same villages, small drift, programmes' work undone",
        )
        template = sub.add_parser("template", help="the XLSX template of a village, kecamatan or regency")
        template.add_argument("--scope", required=True, help="Kemendagri code, e.g. 33.24 or 33.24.01")
        template.add_argument("--year", type=int, required=True)
        template.add_argument("--out", type=Path, required=True)
        template.add_argument("--lang", choices=["id", "en"], default="id")
        imp = sub.add_parser("import", help="dry run of a filled-in template; --commit writes it")
        imp.add_argument("file", type=Path)
        imp.add_argument("--year", type=int, required=True)
        imp.add_argument("--user", required=True, help="the account the import is recorded for (its scope applies)")
        imp.add_argument("--commit", action="store_true", help="write the changes (all or nothing)")

    def handle(self, *args: Any, **opts: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        action = opts["action"]
        if action == "load-demo":
            self.load_demo(opts["year"], opts["seed"], opts["with_work"], opts["leads_to"])
        elif action == "template":
            self.template(opts["scope"], opts["year"], opts["out"], opts["lang"])
        else:
            self.import_file(opts["file"], opts["year"], opts["user"], opts["commit"])

    def load_demo(self, year: int, seed: int, work: bool, leads_to: int | None) -> None:
        try:
            n = services.load_demo(year, seed, work=work, leads_to=leads_to)
        except (ValueError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from None
        if n and work:
            self.stdout.write(
                _(
                    "%(n)d profil contoh (DATA CONTOH) tahun %(year)d disimpan; beberapa masih draf, diajukan, "
                    "dikembalikan atau diverifikasi agar setiap peran punya pekerjaan."
                )
                % {"n": n, "year": year}
            )
        elif n:
            self.stdout.write(
                _("%(n)d profil contoh (DATA CONTOH) tahun %(year)d disimpan dan dipublikasikan.")
                % {"n": n, "year": year}
            )
        else:
            self.stdout.write(_("Profil contoh tahun %(year)d sudah ada; tidak ada yang berubah.") % {"year": year})

    def template(self, scope_code: str, year: int, out: Path, lang: str) -> None:
        scope = Area.objects.filter(code=scope_code, level__in=[Level.REGENCY, Level.DISTRICT, Level.VILLAGE]).first()
        if scope is None:
            raise CommandError(
                f"unknown scope {scope_code!r}: give the Kemendagri code of the regency, a kecamatan or a village"
            )
        n = services.scope_villages(scope).count()
        with out.open("wb") as stream:
            demo = services.write_scope_template(scope, year, stream, lang=lang)
        note = " (DATA CONTOH)" if demo else ""
        text = _("%(out)s: templat %(scope)s %(year)d, %(n)d desa") % {
            "out": out,
            "scope": scope.name,
            "year": year,
            "n": n,
        }
        self.stdout.write(f"{text}{note}.")

    def import_file(self, path: Path, year: int, username: str, commit: bool) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active account {username!r}")
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            if commit:
                preview, n = services.import_now(path, user=user, year=year)
            else:
                preview, n = services.preview_import(path, user=user, year=year), 0
        except services.NotAllowed:
            raise CommandError(f"account {username!r} may not import profiles") from None
        except services.StaleImportError as exc:
            raise CommandError(str(exc)) from None
        if not preview.ok:
            for p in preview.problems:
                self.stderr.write(p.describe("id"))
            raise CommandError(
                _("%(n)d masalah di %(file)s: tidak ada yang disimpan.")
                % {"n": len(preview.problems), "file": path.name}
            )
        schema = services.schema()
        for c in preview.changes:
            self.stdout.write(f"{c.code} {c.field} ({schema.field(c.field).label.id}): {c.old!r} -> {c.new!r}")
        villages = len(preview.changed_villages)
        if commit:
            text = _("%(n)d isian di %(villages)d desa disimpan sebagai impor oleh %(user)s.")
            self.stdout.write(text % {"n": n, "villages": villages, "user": username})
        else:
            text = _("Uji coba: %(n)d isian di %(villages)d desa akan berubah. Tambahkan --commit untuk menyimpan.")
            self.stdout.write(text % {"n": len(preview.changes), "villages": villages})
