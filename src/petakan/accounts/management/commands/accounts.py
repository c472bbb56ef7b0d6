"""``petakan accounts …``: bulk accounts for kecamatan and villages with printable slips, password resets that
print a new slip, and the demo cast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from petakan.accounts import services
from petakan.accounts.models import Role, User
from petakan.accounts.services import area_accounts_missing, create_area_accounts
from petakan.lib.cells import neutralise_workbook
from petakan.regions.models import Area, Level

DEMO_PASSWORD = "petakan-demo-2026"


class Command(BaseCommand):
    help = "Create accounts for every kecamatan and village, or the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        bulk = sub.add_parser(
            "create-area-accounts", help="one district account per kecamatan, one village account per village"
        )
        bulk.add_argument("--within", default="", help="regency code (default: PETAKAN_REGENCY_CODE)")
        bulk.add_argument("--out", type=Path, required=True, help="XLSX file for the initial passwords")
        bulk.add_argument("--slips", type=Path, help="PDF of printable slips (default: --out with .pdf)")
        bulk.add_argument("--site-url", default="", help="address printed on the slips (default: PETAKAN_SITE_URL)")
        bulk.add_argument("--commit", action="store_true")
        reset = sub.add_parser("reset-password", help="a new one-time password and its slip for one account")
        reset.add_argument("username")
        reset.add_argument("--slips", type=Path, help="PDF of the slip (default: slip-USERNAME.pdf)")
        reset.add_argument("--site-url", default="", help="address printed on the slip (default: PETAKAN_SITE_URL)")
        demo = sub.add_parser("create-demo", help="demo accounts with a shared, printed password (never in production)")
        demo.add_argument("--password", default=DEMO_PASSWORD)

    def handle(self, *args: Any, **opts: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        if opts["action"] == "create-area-accounts":
            slips = opts["slips"] or opts["out"].with_suffix(".pdf")
            url = opts["site_url"] or services.site_url()
            self.create_area_accounts(
                opts["within"] or settings.PETAKAN_REGENCY_CODE, opts["out"], opts["commit"], slips, url
            )
        elif opts["action"] == "reset-password":
            self.reset_password(
                opts["username"], opts["slips"] or Path(f"slip-{opts['username']}.pdf"), opts["site_url"]
            )
        else:
            self.create_demo(opts["password"])

    def create_area_accounts(self, within: str, out: Path, commit: bool, slips: Path, url: str) -> None:
        total = Area.objects.filter(level__in=[Level.DISTRICT, Level.VILLAGE], code__startswith=within + ".").count()
        if not total:
            raise CommandError(_("Tidak ada kecamatan/desa di bawah %(code)s; muat wilayah dulu") % {"code": within})
        if out.suffix.lower() != ".xlsx":
            raise CommandError(_("File keluaran harus .xlsx: %(path)s") % {"path": out})
        if slips.suffix.lower() != ".pdf":
            raise CommandError(_("File slip harus .pdf: %(path)s") % {"path": slips})
        missing = area_accounts_missing(within)
        self.stdout.write(
            _("%(new)d akun baru, %(old)d sudah ada") % {"new": len(missing), "old": total - len(missing)}
        )
        if not commit:
            self.stdout.write(_("Uji coba: tidak ada yang ditulis. Jalankan lagi dengan --commit."))
            return
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Akun")
        sheet.append(
            [_("Nama pengguna"), _("Kata sandi awal"), _("Peran"), _("Kode wilayah"), _("Wilayah"), _("Kecamatan")]
        )
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        # The files are written inside the transaction: if either cannot be written, no account is kept whose
        # password nobody has.
        with transaction.atomic():
            created = create_area_accounts(missing)
            for account in created:
                user, area = account.user, account.user.area
                district = area if area.level == Level.DISTRICT else area.parent
                sheet.append(
                    [
                        user.username,
                        account.password,
                        str(Role(user.role).label),
                        area.code,
                        area.name,
                        district.name if district else "",
                    ]
                )
            for column, width in zip("ABCDEF", (20, 16, 18, 16, 28, 22), strict=True):
                sheet.column_dimensions[column].width = width
            out.parent.mkdir(parents=True, exist_ok=True)
            neutralise_workbook(workbook).save(out)  # area names are data: no formula out
            slips.parent.mkdir(parents=True, exist_ok=True)
            with slips.open("wb") as stream:
                pages = services.write_account_slips(created, url, stream)
        self.stdout.write(
            _("Kata sandi awal ditulis ke %(path)s — bagikan dengan aman, lalu hapus file itu.") % {"path": out}
        )
        self.stdout.write(
            _("Slip untuk dicetak (%(pages)d halaman A4, alamat %(url)s): %(path)s")
            % {"pages": pages, "url": url, "path": slips}
        )

    def reset_password(self, username: str, slips: Path, url: str) -> None:
        user = User.objects.select_related("area__parent").filter(username=username).first()
        if user is None:
            raise CommandError(_("Tidak ada akun %(username)s") % {"username": username})
        if slips.suffix.lower() != ".pdf":
            raise CommandError(_("File slip harus .pdf: %(path)s") % {"path": slips})
        with transaction.atomic():
            account = services.reset_password(user)
            slips.parent.mkdir(parents=True, exist_ok=True)
            with slips.open("wb") as stream:
                services.write_account_slips([account], url or services.site_url(), stream)
        self.stdout.write(
            _("Kata sandi sekali pakai baru untuk %(username)s ada di slip %(path)s.")
            % {"username": username, "path": slips}
        )

    def create_demo(self, password: str) -> None:
        regency = settings.PETAKAN_REGENCY_CODE
        district = Area.objects.filter(level=Level.DISTRICT, code__startswith=regency + ".").order_by("code").first()
        village = (
            Area.objects.filter(level=Level.VILLAGE, parent=district).order_by("code").first() if district else None
        )
        if village is None:
            raise CommandError(_("Muat wilayah dulu (petakan regions load-kendal --commit)"))
        cast = [
            ("admin", Role.ADMIN, None),
            ("analis", Role.ANALYST, None),
            ("dewan", Role.COUNCIL, None),
            ("kecamatan", Role.DISTRICT, district),
            ("desa", Role.VILLAGE, village),
        ]
        self.stdout.write(_("Akun DEMO (kata sandi sama untuk semua: %(pw)s):") % {"pw": password})
        for username, role, area in cast:
            user, _created = User.objects.get_or_create(username=username, defaults={"role": role, "area": area})
            user.role, user.area = role, area
            user.is_staff = role == Role.ADMIN
            user.set_password(password)
            user.save()
            where = f" — {area.name} ({area.code})" if area else ""
            self.stdout.write(f"  {username:<10} {Role(role).label}{where}")
