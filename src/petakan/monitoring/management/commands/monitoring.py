"""``petakan monitoring …``: the demo realisation data and the yearly Smart City evaluation document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from petakan.accounts.models import Role, User
from petakan.monitoring import demo, evaluation, proposals
from petakan.planning.models import Period


class Command(BaseCommand):
    help = "Monitoring: load-demo (realisation, DATA CONTOH), evaluation (the yearly document as DOCX or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load-demo", help="demo realisation of the current period's programmes (idempotent)")
        load.add_argument("--year", type=int, help="last year with realisation (default: this year, in the period)")
        ev = sub.add_parser("evaluation", help="write the yearly Smart City evaluation document")
        ev.add_argument("--year", type=int, required=True)
        ev.add_argument("--format", choices=sorted(evaluation.FORMATS), default="docx")
        ev.add_argument("--lang", choices=[code for code, _name in settings.LANGUAGES], default=settings.LANGUAGE_CODE)
        ev.add_argument("-o", "--out", type=Path, required=True)

    def handle(self, *args: Any, **opts: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        if opts["action"] == "load-demo":
            self.load_demo(opts["year"])
        else:
            with translation.override(opts["lang"]):
                self.evaluation(opts)

    def load_demo(self, year: int | None) -> None:
        # the demo accounts (petakan accounts create-demo) enter and review, when they exist
        analyst = User.objects.filter(username="analis", role=Role.ANALYST).first()
        reviewer = User.objects.filter(username="admin", role=Role.ADMIN).first()
        try:
            s = demo.load_demo(year=year, analyst=analyst, reviewer=reviewer)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Realisasi contoh dimuat (DATA CONTOH): %(r)d realisasi baru, %(s)d baris belanja, %(m)d nilai "
                "indikator program, %(f)d berkas bukti, %(i)d nilai indikator RPJMD."
            )
            % {"r": s.realisations, "s": s.spending, "m": s.measures, "f": s.files, "i": s.indicators}
        )
        # village proposals (usulan) from the demo profiles' old free text; the demo village's own two walked
        # through the workflow, so that its head sees one linked and one declined with the reason
        created = proposals.load_demo_proposals(analyst)
        village_user = User.objects.filter(username="desa", role=Role.VILLAGE).select_related("area__parent").first()
        decided = 0
        if village_user is not None and village_user.area is not None:
            created += proposals.demo_village_proposals(village_user, year)
            clerk = User.objects.filter(role=Role.DISTRICT, area=village_user.area.parent).first()
            decided = proposals.demo_outcomes(village_user.area, analyst, clerk)
        self.stdout.write(
            _("Usulan desa contoh (DATA CONTOH): %(c)d baru, %(d)d diputuskan.") % {"c": created, "d": decided}
        )

    def evaluation(self, opts: dict[str, Any]) -> None:
        year = opts["year"]
        period = (
            Period.objects.filter(start_year__lte=year, end_year__gte=year)
            .order_by("-is_current", "-start_year")
            .first()
        )
        if period is None:
            raise CommandError(_("Tidak ada periode RPJMD yang memuat tahun %(year)s.") % {"year": year})
        out: Path = opts["out"]
        out.write_bytes(evaluation.build(period, year, opts["format"]))
        self.stdout.write(
            _("Evaluasi Smart City %(year)s (%(period)s) ditulis: %(path)s")
            % {"year": year, "period": period.name, "path": out}
        )
