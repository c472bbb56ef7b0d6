"""The live Bimtek board: how far the villages have got, per kecamatan and for the regency, counted in the database.

Definitions, for the year shown (each is also written on the board):

- *masuk* (logged in): at least one village account of the village has logged in at least once;
- *mulai* (started): the village's profile for the year exists and has at least one field filled in;
- *diajukan* (submitted): the profile has been submitted to the kecamatan at least once — its status is
  submitted, returned, verified or published;
- *dikembalikan* (returned): the kecamatan sent it back and the village has not submitted it again yet;
- *diverifikasi* (verified): the kecamatan verified it — status verified or published;
- *dipublikasikan* (published): Kominfo published it.

Two queries: one GROUP BY kecamatan with conditional counts, one for the villages that have not started.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from petakan.accounts.models import Role, User
from petakan.lib.cells import neutralise_workbook
from petakan.profiles.models import Status
from petakan.regions.models import Area, Level

# (key, label, definition) in the order the board shows them.
MEASURES = (
    ("logged_in", gettext_lazy("Masuk"), gettext_lazy("akun desa sudah pernah masuk")),
    ("started", gettext_lazy("Mulai"), gettext_lazy("profil tahun ini punya minimal satu isian")),
    ("submitted", gettext_lazy("Diajukan"), gettext_lazy("pernah diajukan ke kecamatan")),
    ("returned", gettext_lazy("Dikembalikan"), gettext_lazy("dikembalikan, belum diajukan lagi")),
    ("verified", gettext_lazy("Diverifikasi"), gettext_lazy("diverifikasi kecamatan (termasuk yang sudah terbit)")),
    ("published", gettext_lazy("Dipublikasikan"), gettext_lazy("diterbitkan Kominfo")),
)
KEYS = tuple(key for key, _label, _definition in MEASURES)
SUBMITTED_OR_LATER = (Status.SUBMITTED, Status.RETURNED, Status.VERIFIED, Status.PUBLISHED)


@dataclass
class Line:
    """One kecamatan (or the regency): how many villages it has, and how many of them reached each measure."""

    code: str
    name: str
    villages: int
    counts: dict[str, int]

    def cells(self) -> list[tuple[str, int, int]]:
        """(key, count, percent of villages) per measure, in board order."""
        return [(k, self.counts[k], round(100 * self.counts[k] / self.villages) if self.villages else 0) for k in KEYS]


@dataclass
class Board:
    year: int
    lines: list[Line]
    total: Line
    not_started: list[tuple[str, str, str, bool]] = field(default_factory=list)  # code, village, kecamatan, logged in
    demo_profiles: int = 0


def _annotated(regency: str, year: int):  # type: ignore[no-untyped-def]
    """Kendal's villages, each joined to its profile of ``year`` (at most one: unique per village and year), with
    whether a village account of it has logged in."""
    return (
        Area.objects.filter(level=Level.VILLAGE, code__startswith=regency + ".")
        .alias(this_year=FilteredRelation("profiles", condition=Q(profiles__year=year)))
        .annotate(
            has_login=Exists(User.objects.filter(area=OuterRef("pk"), role=Role.VILLAGE, last_login__isnull=False))
        )
    )


# "started": a profile row for the year with at least one value (a row whose values were all cleared has not)
STARTED = Q(this_year__isnull=False) & ~Q(this_year__values={})
NOT_STARTED = Q(this_year__isnull=True) | Q(this_year__values={})


def board(regency: str, year: int) -> Board:
    """The board's numbers for the villages of ``regency`` and ``year`` (two queries)."""

    def having(status: Q) -> Count:
        return Count("pk", filter=status)

    rows = (
        _annotated(regency, year)
        .values("parent__code", "parent__name")
        .annotate(
            villages=Count("pk"),
            logged_in=having(Q(has_login=True)),
            started=having(STARTED),
            submitted=having(Q(this_year__status__in=SUBMITTED_OR_LATER)),
            returned=having(Q(this_year__status=Status.RETURNED)),
            verified=having(Q(this_year__status__in=(Status.VERIFIED, Status.PUBLISHED))),
            published=having(Q(this_year__status=Status.PUBLISHED)),
            demo=having(Q(this_year__is_demo=True)),
        )
        .order_by("parent__code")
    )
    lines, demo = [], 0
    for row in rows:
        lines.append(Line(row["parent__code"], row["parent__name"], row["villages"], {k: row[k] for k in KEYS}))
        demo += row["demo"]
    total = Line(
        regency,
        _("Kabupaten"),
        sum(line.villages for line in lines),
        {k: sum(li.counts[k] for li in lines) for k in KEYS},
    )
    waiting = (
        _annotated(regency, year)
        .filter(NOT_STARTED)
        .order_by("code")
        .values_list("code", "name", "parent__name", "has_login")
    )
    return Board(year, lines, total, list(waiting), demo)


def not_started_xlsx(data: Board) -> bytes:
    """The villages that have not started, with their kecamatan, as one XLSX sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Belum mulai %(year)d") % {"year": data.year}
    ws.append([_("Kode desa"), _("Desa/Kelurahan"), _("Kecamatan"), _("Sudah masuk")])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for code, name, district, logged_in in data.not_started:
        ws.append([code, name, district, _("ya") if logged_in else _("belum")])
    for column, width in zip("ABCD", (16, 28, 22, 12), strict=True):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    neutralise_workbook(wb).save(out)  # village names are data: no formula out
    return out.getvalue()
