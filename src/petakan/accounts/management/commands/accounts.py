"""``petakan accounts …``: bulk accounts for kecamatan and villages, and the demo cast."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from petakan.accounts.models import Role, User
from petakan.lib.cells import neutralise_workbook
from petakan.regions.models import Area, Level

# Easy to read aloud and type on a phone: no 0/O, 1/l/I.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
DEMO_PASSWORD = "petakan-demo-2026"


def new_password(length: int = 12) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def username_for(area: Area) -> str:
    digits = area.code.replace(".", "")
    return f"kec-{digits}" if area.level == Level.DISTRICT else f"desa-{digits}"


class Command(BaseCommand):
    help = "Create accounts for every kecamatan and village, or the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        bulk = sub.add_parser(
            "create-area-accounts", help="one district account per kecamatan, one village account per village"
        )
        bulk.add_argument("--within", default="", help="regency code (default: PETAKAN_REGENCY_CODE)")
        bulk.add_argument("--out", type=Path, required=True, help="XLSX file for the initial passwords")
        bulk.add_argument("--commit", action="store_true")
        demo = sub.add_parser("create-demo", help="demo accounts with a shared, printed password (never in production)")
        demo.add_argument("--password", default=DEMO_PASSWORD)

    def handle(self, *args: Any, **opts: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        if opts["action"] == "create-area-accounts":
            self.create_area_accounts(opts["within"] or settings.PETAKAN_REGENCY_CODE, opts["out"], opts["commit"])
        else:
            self.create_demo(opts["password"])

    def create_area_accounts(self, within: str, out: Path, commit: bool) -> None:
        areas = list(
            Area.objects.filter(level__in=[Level.DISTRICT, Level.VILLAGE], code__startswith=within + ".")
            .select_related("parent")
            .order_by("code")
        )
        if not areas:
            raise CommandError(_("Tidak ada kecamatan/desa di bawah %(code)s; muat wilayah dulu") % {"code": within})
        if out.suffix.lower() != ".xlsx":
            raise CommandError(_("File keluaran harus .xlsx: %(path)s") % {"path": out})
        existing = set(
            User.objects.filter(username__in=[username_for(a) for a in areas]).values_list("username", flat=True)
        )
        planned = [(a, username_for(a), new_password()) for a in areas if username_for(a) not in existing]
        self.stdout.write(_("%(new)d akun baru, %(old)d sudah ada") % {"new": len(planned), "old": len(existing)})
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
        with transaction.atomic():
            total = len(planned)
            for n, (area, username, password) in enumerate(planned, start=1):
                role = Role.DISTRICT if area.level == Level.DISTRICT else Role.VILLAGE
                user = User(username=username, role=role, area=area, first_name=area.name[:150])
                user.set_password(password)
                user.save()
                district = area if area.level == Level.DISTRICT else area.parent
                sheet.append(
                    [username, password, str(Role(role).label), area.code, area.name, district.name if district else ""]
                )
                if n % 50 == 0 or n == total:
                    self.stdout.write(f"  {n}/{total}")
            for column, width in zip("ABCDEF", (20, 16, 18, 16, 28, 22), strict=True):
                sheet.column_dimensions[column].width = width
            out.parent.mkdir(parents=True, exist_ok=True)
            neutralise_workbook(workbook).save(out)  # area names are data: no formula out
        self.stdout.write(
            _("Kata sandi awal ditulis ke %(path)s — bagikan dengan aman, lalu hapus file itu.") % {"path": out}
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
