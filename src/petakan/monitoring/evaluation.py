"""The yearly Smart City evaluation document: what the masterplan's programmes did in one year, as DOCX and XLSX.

Structure (after Kominfo's *Pedoman Evaluasi Smart City*, whose body was not consulted: see
shared/spec/methodology/smart-city-framework.md; the chapter list is Petakan's, not the guide's):
cover and identity of the regency; summary (programmes by status, budget planned vs spent, absorption per
dimension); one chapter per dimension (governance, branding, economy, living, society, environment) with each
programme's status, budget planned vs spent by source, its indicators (the year's target beside the realised value)
and the evidence (text, link, file names); the RPJMD indicators per sasaran; programmes behind schedule; an annex of
sources naming every realisation entry (who entered it and when, who reviewed it and when).

Every number carries its source: the realisation entry it comes from, the plan (period and budget lines as stored in
Petakan on the day), the RPJMD indicator entry. The DOCX is written with the books' writer (planning/docwriter.py),
so that "DATA CONTOH" stands in the running header of every page when any demo row is in it; the XLSX carries it in
the first row and the print header of every sheet, and passes through ``lib.cells`` like every export.

Absorption (serapan) = spent ÷ planned × 100, in per cent, for the year (that year's budget lines) and to date
(all lines and realisations up to the year); none when nothing was planned (never a division by zero shown as 0).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from petakan.accounts.naming import person
from petakan.lib import figures
from petakan.lib import monitoring as calc
from petakan.lib.cells import neutralise_workbook
from petakan.monitoring.models import (
    Evidence,
    IndicatorRealisation,
    MeasureRealisation,
    Realisation,
    RealisationStatus,
    ReviewState,
)
from petakan.monitoring.services import elapsed_share, measure_target, reason_texts
from petakan.planning.books import _plan_source, _regency_name, _rupiah
from petakan.planning.docwriter import Writer
from petakan.planning.framework import DIMENSION_CODES, DIMENSION_NAMES
from petakan.planning.models import BudgetSource, Indicator, Period, Programme, ProgrammeBudget, ProgrammeIndicator
from petakan.regions.models import Area, Level

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"docx": DOCX_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}


# ----------------------------------------------------------------------------------------------- the numbers


def absorption(spent: int | None, planned: int) -> float | None:
    """Spent ÷ planned × 100 (per cent, lib.monitoring's arithmetic); None when nothing was planned or nothing
    was recorded."""
    if spent is None:
        return None
    return calc.Absorption(planned=float(planned), spent=float(spent)).pct


@dataclass
class MeasureLine:
    measure: ProgrammeIndicator
    target: str  # the year's target: the realisation's copy, else ProgrammeIndicator.targets[year]
    value: str  # the realised value ("" when not entered)
    note: str


@dataclass
class ProgrammeYear:
    """One programme in the evaluated year, with everything the document prints about it."""

    programme: Programme
    realisation: Realisation | None
    planned: dict[str, int]  # source -> rupiah planned in the year
    spent: dict[str, int]  # source -> rupiah spent in the year (empty without a realisation)
    planned_to_date: int
    spent_to_date: int
    measures: list[MeasureLine]
    files: list[str]
    behind: list[str] = field(default_factory=list)

    @property
    def planned_total(self) -> int:
        return sum(self.planned.values())

    @property
    def spent_total(self) -> int | None:
        return sum(self.spent.values()) if self.realisation is not None else None

    @property
    def absorption(self) -> float | None:
        return absorption(self.spent_total, self.planned_total)

    @property
    def absorption_to_date(self) -> float | None:
        return absorption(self.spent_to_date if self.realisation is not None else None, self.planned_to_date)

    @property
    def status_label(self) -> str:
        if self.realisation is None:
            return capfirst(_("belum dientri"))
        return str(RealisationStatus(self.realisation.status).label)

    @property
    def review_label(self) -> str:
        return str(ReviewState(self.realisation.review).label) if self.realisation is not None else "—"


@dataclass
class RpjmdLine:
    indicator: Indicator
    target: str
    entry: IndicatorRealisation | None


@dataclass
class Evaluation:
    period: Period
    year: int
    regency: str
    programmes: list[ProgrammeYear]
    rpjmd: list[tuple[str, list[RpjmdLine]]]  # (sasaran or tujuan label, its indicators)
    demo: bool
    made: str  # when the document was generated (formatted)
    elapsed: float = 1.0  # share of the year gone by when the document was made (0–1)

    def by_dimension(self, code: str) -> list[ProgrammeYear]:
        return [p for p in self.programmes if p.programme.dimension == code]

    @property
    def planned_total(self) -> int:
        return sum(p.planned_total for p in self.programmes)

    @property
    def spent_total(self) -> int:
        return sum(p.spent_total or 0 for p in self.programmes)

    def dimension_absorption(self, code: str) -> float | None:
        rows = self.by_dimension(code)
        return absorption(sum(p.spent_total or 0 for p in rows), sum(p.planned_total for p in rows))

    @property
    def behind(self) -> list[ProgrammeYear]:
        return [p for p in self.programmes if p.behind]


def _behind(row: ProgrammeYear, year: int, elapsed: float) -> list[str]:
    """Why a programme is behind schedule in ``year`` (empty: it is not): the same rules as the progress pages
    (lib.monitoring.behind_reasons), so that the document and the pages list the same programmes."""
    p, r = row.programme, row.realisation
    results = tuple(
        calc.compare(m.target, m.value, lower_better=calc.lower_is_better(m.measure.baseline, m.measure.target))
        for m in row.measures
    )
    codes = calc.behind_reasons(
        calc.ProgrammeYear(
            start_year=p.start_year,
            end_year=p.end_year,
            year=year,
            status=r.status if r is not None else None,
            planned=float(row.planned_total),
            spent=float(sum(row.spent.values())),
            measures=results,
            elapsed=elapsed,
        )
    )
    return reason_texts(codes)


def collect(period: Period, year: int, today: datetime.date | None = None) -> Evaluation:
    """Everything the document shows for ``year``: the period's programmes that run in the year or have a
    realisation for it, their budget lines and realisations, and the RPJMD indicators of the period. ``today``
    (default: the local date) tells whether the year has ended, for the behind-schedule rule."""
    realisations = {
        r.programme_id: r
        for r in Realisation.objects.filter(programme__period=period, year=year).select_related(
            "entered_by__area", "reviewed_by__area"
        )
    }
    programmes = [
        p
        for p in Programme.objects.filter(period=period).order_by("dimension", "start_year", "name")
        if p.start_year <= year <= p.end_year or p.pk in realisations
    ]
    ids = [p.pk for p in programmes]
    planned: dict[int, dict[str, int]] = {}
    planned_to_date: dict[int, int] = {}
    for b in ProgrammeBudget.objects.filter(programme_id__in=ids, year__lte=year):
        planned_to_date[b.programme_id] = planned_to_date.get(b.programme_id, 0) + int(b.amount)
        if b.year == year:
            per = planned.setdefault(b.programme_id, {})
            per[b.source] = per.get(b.source, 0) + int(b.amount)
    spent: dict[int, dict[str, int]] = {}
    spent_to_date: dict[int, int] = {}
    for r in Realisation.objects.filter(programme_id__in=ids, year__lte=year).prefetch_related("spending"):
        for s in r.spending.all():
            spent_to_date[r.programme_id] = spent_to_date.get(r.programme_id, 0) + int(s.amount)
            if r.year == year:
                per = spent.setdefault(r.programme_id, {})
                per[s.source] = per.get(s.source, 0) + int(s.amount)
    entered = {
        (m.realisation.programme_id, m.measure_id): m
        for m in MeasureRealisation.objects.filter(realisation__in=realisations.values()).select_related("realisation")
    }
    measures: dict[int, list[MeasureLine]] = {}
    for x in ProgrammeIndicator.objects.filter(programme_id__in=ids).order_by("kind", "pk"):
        m = entered.get((x.programme_id, x.pk))
        target = (m.target if m is not None and m.target else "") or measure_target(x, year)
        if m is None and not target:
            continue  # neither a target nor a value for this year
        measures.setdefault(x.programme_id, []).append(
            MeasureLine(x, target, m.value if m is not None else "", m.note if m is not None else "")
        )
    files: dict[int, list[str]] = {}
    for programme_id, name in Evidence.objects.filter(realisation__in=realisations.values()).values_list(
        "realisation__programme_id", "name"
    ):
        files.setdefault(programme_id, []).append(name)
    today = today or timezone.localdate()
    elapsed = elapsed_share(year, today)
    rows = []
    for p in programmes:
        row = ProgrammeYear(
            programme=p,
            realisation=realisations.get(p.pk),
            planned=planned.get(p.pk, {}),
            spent=spent.get(p.pk, {}),
            planned_to_date=planned_to_date.get(p.pk, 0),
            spent_to_date=spent_to_date.get(p.pk, 0),
            measures=measures.get(p.pk, []),
            files=files.get(p.pk, []),
        )
        row.behind = _behind(row, year, elapsed) if year <= today.year else []
        rows.append(row)
    rpjmd = _rpjmd(period, year)
    demo = (
        any(p.is_demo for p in programmes)
        or any(r.is_demo for r in realisations.values())
        or any(
            line.indicator.is_demo or (line.entry is not None and line.entry.is_demo) for _l, g in rpjmd for line in g
        )
    )
    return Evaluation(
        period=period,
        year=year,
        regency=_regency_name(),
        programmes=rows,
        rpjmd=rpjmd,
        demo=demo,
        made=formats.date_format(timezone.localtime(), "j F Y H:i"),
        elapsed=elapsed,
    )


def _rpjmd(period: Period, year: int) -> list[tuple[str, list[RpjmdLine]]]:
    """The period's tujuan and sasaran indicators with a target or a realised value for ``year``, grouped by the
    tujuan/sasaran they measure, in cascade order."""
    entries = {
        e.indicator_id: e
        for e in IndicatorRealisation.objects.filter(
            year=year, indicator__in=_period_indicators(period)
        ).select_related("entered_by__area")
    }
    groups: dict[str, list[RpjmdLine]] = {}
    for x in _period_indicators(period).select_related("tujuan", "sasaran").order_by("pk"):
        target = (x.targets or {}).get(str(year), "")
        if not target and x.pk not in entries:
            continue
        owner = x.sasaran or x.tujuan
        label = f"{_('Sasaran') if x.sasaran_id else _('Tujuan')} {owner.code} {owner.text}"
        groups.setdefault(label, []).append(RpjmdLine(x, target, entries.get(x.pk)))
    return sorted(groups.items(), key=lambda kv: kv[0])


def _period_indicators(period: Period):  # type: ignore[no-untyped-def]
    return Indicator.objects.filter(sasaran__tujuan__misi__period=period) | Indicator.objects.filter(
        tujuan__misi__period=period
    )


# ------------------------------------------------------------------------------------------------- formatting


def _percent(value: float | None) -> str:
    return "—" if value is None else formats.number_format(value, 1)


def _money(value: int | None) -> str:
    return "—" if value is None else _rupiah(float(value))


def _planned(value: int) -> str:
    """A planned amount, or "belum dianggarkan" when the year has no budget line (never a bare 0)."""
    return _money(value) if value else _("belum dianggarkan")


def _when(moment) -> str:  # type: ignore[no-untyped-def]
    return formats.date_format(timezone.localtime(moment), "j F Y") if moment else "—"


def entry_source(row: ProgrammeYear, year: int) -> str:
    """The realisation entry as a source: who entered it and when, its review, who reviewed it and when."""
    r = row.realisation
    if r is None:
        return _("Realisasi %(year)s belum dientri") % {"year": year}
    text = _("Realisasi %(year)s dientri oleh %(who)s pada %(when)s") % {
        "year": year,
        "who": person(r.entered_by),
        "when": _when(r.entered_at),
    }
    text += "; " + _("tinjauan: %(state)s") % {"state": row.review_label}
    if r.reviewed_by is not None or r.reviewed_at is not None:
        text += " " + _("oleh %(who)s pada %(when)s") % {"who": person(r.reviewed_by), "when": _when(r.reviewed_at)}
    if r.is_demo:
        text += f" ({_('DATA CONTOH')})"
    return text


def indicator_source(line: RpjmdLine) -> str:
    e = line.entry
    if e is None:
        return _("belum dientri")
    text = e.source or _("sumber tidak disebut")
    text += "; " + _("dientri oleh %(who)s pada %(when)s") % {"who": person(e.entered_by), "when": _when(e.entered_at)}
    return text + (f" ({_('DATA CONTOH')})" if e.is_demo else "")


def _sources() -> dict[str, str]:
    return {k: str(v) for k, v in BudgetSource.choices}


def _dimension(code: str) -> str:
    return DIMENSION_NAMES.get(code, (code, code))[0]


def _title(ev: Evaluation) -> str:
    return _("Evaluasi Smart City %(regency)s Tahun %(year)s") % {"regency": ev.regency, "year": ev.year}


# ------------------------------------------------------------------------------------------------------ DOCX


def build_docx(ev: Evaluation, with_figures: bool = True) -> bytes:
    """The evaluation document as .docx, in the active language (``with_figures=False``: the benchmark's
    baseline)."""
    w = Writer()
    plan = _plan_source(ev.period)
    w.header = _title(ev)
    w.doc.core_properties.title = _title(ev)
    w.para(_("Laporan Evaluasi Pelaksanaan Masterplan Smart City"), bold=True)
    w.doc.add_heading(_title(ev), 0)
    w.para(ev.regency, bold=True)
    w.para(plan)
    w.para(
        _("Dibuat oleh Petakan pada %(when)s dari data realisasi di platform; silakan disunting.") % {"when": ev.made}
    )
    w.cover_mark = w.doc.add_paragraph()
    w.page_break()
    w.toc()

    w.heading(_("Identitas daerah"), 1)
    areas = Area.objects.filter(code__startswith=settings.PETAKAN_REGENCY_CODE + ".")
    counts = {level: areas.filter(level=level).count() for level in (Level.DISTRICT, Level.VILLAGE)}
    vision = ev.period.vision or "—"
    w.table(
        _("Identitas daerah"),
        [_("Butir"), _("Isi")],
        [
            (_("Daerah"), ev.regency),
            (_("Periode RPJMD"), f"{ev.period.name} ({ev.period.start_year}–{ev.period.end_year})"),
            (_("Visi"), vision),
            (_("Tahun evaluasi"), ev.year),
            (_("Jumlah kecamatan"), counts[Level.DISTRICT]),
            (_("Jumlah desa/kelurahan"), counts[Level.VILLAGE]),
            (_("Program dievaluasi"), len(ev.programmes)),
        ],
        plan + "; " + _("wilayah: kode Kemendagri di Petakan"),
    )

    w.heading(_("Ringkasan"), 1)
    entered = [p for p in ev.programmes if p.realisation is not None]
    accepted = [p for p in entered if p.realisation.review == ReviewState.ACCEPTED]  # type: ignore[union-attr]
    summary_source = _("%(n)d entri realisasi %(year)s di Petakan (rincian di Lampiran sumber); rencana: %(plan)s") % {
        "n": len(entered),
        "year": ev.year,
        "plan": plan,
    }
    numbers = {
        "year": ev.year,
        "n": len(ev.programmes),
        "e": len(entered),
        "a": len(accepted),
        "planned": _money(ev.planned_total),
        "spent": _money(ev.spent_total),
        "share": _percent(absorption(ev.spent_total, ev.planned_total)),
        "b": len(ev.behind),
    }
    if ev.planned_total:
        w.para(
            _(
                "Tahun %(year)s: %(n)d program dijadwalkan; realisasi dientri untuk %(e)d, %(a)d di antaranya sudah "
                "diterima admin. Anggaran direncanakan Rp %(planned)s, terealisasi Rp %(spent)s (serapan %(share)s%%). "
                "%(b)d program tertinggal dari jadwal."
            )
            % numbers
        )
    else:
        # no budget line for the year: an absorption would be a division by zero, say so instead
        w.para(
            _(
                "Tahun %(year)s: %(n)d program dijadwalkan; realisasi dientri untuk %(e)d, %(a)d di antaranya sudah "
                "diterima admin. Belum ada anggaran yang direncanakan untuk tahun ini; terealisasi Rp %(spent)s. "
                "%(b)d program tertinggal dari jadwal."
            )
            % numbers
        )
    statuses = [(str(label), code) for code, label in RealisationStatus.choices]
    w.table(
        _("Program menurut status pelaksanaan %(year)s") % {"year": ev.year},
        [_("Status"), _("Jumlah program")],
        [
            *[(label, sum(1 for p in entered if p.realisation.status == code)) for label, code in statuses],  # type: ignore[union-attr]
            (capfirst(_("belum dientri")), len(ev.programmes) - len(entered)),
        ],
        summary_source,
    )
    w.table(
        _("Anggaran dan serapan per dimensi %(year)s") % {"year": ev.year},
        [_("Dimensi"), _("Program"), _("Rencana (Rp)"), _("Realisasi (Rp)"), _("Serapan (%)")],
        [
            (
                _dimension(d),
                len(ev.by_dimension(d)),
                _money(sum(p.planned_total for p in ev.by_dimension(d))),
                _money(sum(p.spent_total or 0 for p in ev.by_dimension(d))),
                _percent(ev.dimension_absorption(d)),
            )
            for d in DIMENSION_CODES
        ]
        + [
            (
                _("Jumlah"),
                len(ev.programmes),
                _money(ev.planned_total),
                _money(ev.spent_total),
                _percent(absorption(ev.spent_total, ev.planned_total)),
            )
        ],
        summary_source,
    )
    if not any(ev.dimension_absorption(d) is not None for d in DIMENSION_CODES):
        w.para(_("Serapan per dimensi belum dapat dihitung: belum ada anggaran yang direncanakan untuk tahun ini."))
    elif with_figures:
        w.figure(
            figures.hbars(
                [_dimension(d) for d in DIMENSION_CODES],
                [ev.dimension_absorption(d) for d in DIMENSION_CODES],
                x_label=_("Serapan anggaran (%)"),
                threshold=calc.LOW_ABSORPTION_SHARE * 100 * ev.elapsed,
                threshold_label=_("batas tertinggal"),
                maximum=110,
            ),
            _("Serapan anggaran per dimensi %(year)s") % {"year": ev.year},
            summary_source,
        )

    for d in DIMENSION_CODES:
        rows = ev.by_dimension(d)
        w.heading(_dimension(d), 1)
        if not rows:
            w.para(_("Tidak ada program dimensi ini yang berjalan pada %(year)s.") % {"year": ev.year}, italic=True)
            continue
        w.table(
            _("Program %(dimension)s %(year)s") % {"dimension": _dimension(d), "year": ev.year},
            [_("Program"), _("Status"), _("Rencana (Rp)"), _("Realisasi (Rp)"), _("Serapan (%)"), _("Tinjauan")],
            [
                (
                    p.programme.name,
                    p.status_label,
                    _planned(p.planned_total),
                    _money(p.spent_total),
                    _percent(p.absorption),
                    p.review_label,
                )
                for p in rows
            ],
            summary_source,
            small=True,
        )
        for p in rows:
            _programme_section(w, ev, p, plan)

    w.heading(_("Indikator RPJMD per sasaran"), 1)
    if ev.rpjmd:
        for label, lines in ev.rpjmd:
            w.heading(label, 2)
            w.table(
                label,
                [_("Indikator"), _("Satuan"), _("Target %(year)s") % {"year": ev.year}, _("Realisasi"), _("Sumber")],
                [
                    (
                        x.indicator.name,
                        x.indicator.unit or "—",
                        x.target or "—",
                        x.entry.value if x.entry else "—",
                        indicator_source(x),
                    )
                    for x in lines
                ],
                _("target: %(plan)s; realisasi: entri indikator RPJMD di Petakan") % {"plan": plan},
                small=True,
            )
    else:
        w.para(_("Belum ada indikator RPJMD dengan target atau realisasi tahun ini."), italic=True)

    w.heading(_("Program tertinggal dari jadwal"), 1)
    w.para(
        _(
            "Tertinggal (aturan yang sama dengan halaman pemantauan): belum dimulai atau realisasi belum diisi; "
            "serapan anggaran di bawah %(share)s%% dari bagian tahun yang sudah berjalan; atau ada indikator di "
            "bawah target tahun itu."
        )
        % {"share": _percent(calc.LOW_ABSORPTION_SHARE * 100)},
        italic=True,
    )
    if ev.behind:
        w.table(
            _("Program tertinggal dari jadwal %(year)s") % {"year": ev.year},
            [_("Program"), _("Dimensi"), _("OPD"), _("Alasan")],
            [
                (p.programme.name, _dimension(p.programme.dimension), p.programme.opd, "; ".join(p.behind))
                for p in ev.behind
            ],
            summary_source,
        )
    else:
        w.para(_("Tidak ada program yang tertinggal."))

    w.heading(_("Lampiran sumber"), 1)
    w.para(_("Rencana: %(plan)s.") % {"plan": plan})
    w.para(_("Dokumen dibuat oleh Petakan pada %(when)s.") % {"when": ev.made})
    w.table(
        _("Entri realisasi %(year)s") % {"year": ev.year},
        [_("Program"), _("Sumber")],
        [(p.programme.name, entry_source(p, ev.year)) for p in ev.programmes],
        _("entri realisasi di Petakan"),
        small=True,
    )
    w.demo = ev.demo
    return w.bytes()


def _programme_section(w: Writer, ev: Evaluation, p: ProgrammeYear, plan: str) -> None:
    prog = p.programme
    source = entry_source(p, ev.year)
    w.heading(prog.name, 2)
    w.para(
        f"{_('OPD')}: {prog.opd}. {_('Tahun program')}: {prog.start_year}–{prog.end_year}. "
        f"{_('Status')}: {p.status_label}."
    )
    sources = _sources()
    keys = sorted(set(p.planned) | set(p.spent))
    rows = [
        (
            sources.get(k, k),
            _money(p.planned.get(k, 0)),
            _money(p.spent.get(k) if p.realisation else None),
            _percent(absorption(p.spent.get(k, 0) if p.realisation else None, p.planned.get(k, 0))),
        )
        for k in keys
    ]
    rows.append(
        (
            _("Jumlah %(year)s") % {"year": ev.year},
            _money(p.planned_total),
            _money(p.spent_total),
            _percent(p.absorption),
        )
    )
    rows.append(
        (
            _("Sampai dengan %(year)s") % {"year": ev.year},
            _money(p.planned_to_date),
            _money(p.spent_to_date if p.realisation else None),
            _percent(p.absorption_to_date),
        )
    )
    w.table(
        _("Anggaran %(programme)s") % {"programme": prog.name},
        [_("Sumber dana"), _("Rencana (Rp)"), _("Realisasi (Rp)"), _("Serapan (%)")],
        rows,
        _("rencana: %(plan)s; realisasi: %(entry)s") % {"plan": plan, "entry": source},
        small=True,
    )
    if p.measures:
        w.table(
            _("Indikator %(programme)s") % {"programme": prog.name},
            [
                _("Indikator"),
                _("Jenis"),
                _("Satuan"),
                _("Target %(year)s") % {"year": ev.year},
                _("Realisasi"),
                _("Catatan"),
            ],
            [
                (
                    m.measure.name,
                    m.measure.get_kind_display(),
                    m.measure.unit or "—",
                    m.target or "—",
                    m.value or "—",
                    m.note,
                )
                for m in p.measures
            ],
            _("target: %(plan)s; realisasi: %(entry)s") % {"plan": plan, "entry": source},
            small=True,
        )
    r = p.realisation
    evidence = []
    if r is not None and r.evidence_text:
        evidence.append(f"{_('Uraian')}: {r.evidence_text}")
    if r is not None and r.evidence_link:
        evidence.append(f"{_('Tautan')}: {r.evidence_link}")
    if p.files:
        evidence.append(f"{_('Berkas')}: {', '.join(p.files)}")
    w.para(_("Bukti"), bold=True)
    if evidence:
        w.bullets(evidence)
    else:
        w.para(_("Belum ada bukti."), italic=True)
    if r is not None and r.review == ReviewState.RETURNED and r.review_note:
        w.para(f"{_('Catatan tinjauan')}: {r.review_note}", italic=True)
    w.source(source)


# ------------------------------------------------------------------------------------------------------ XLSX


def build_xlsx(ev: Evaluation) -> bytes:
    """The same content as a workbook: numbers as numbers (rupiah, per cent) with their source in the row."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    mark = f" — {_('DATA CONTOH')}" if ev.demo else ""
    plan = _plan_source(ev.period)
    sources = _sources()

    def sheet(title: str, header: list[str], rows: list[list[object]], note: str) -> None:
        ws = wb.create_sheet(title[:31])
        ws.append([f"{_title(ev)} — {title}{mark}"])
        ws["A1"].font = bold
        ws.append([f"{_('Sumber')}: {note}"])
        ws.append(header)
        for cell in ws[3]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            ws.append(row)
        for i in range(1, len(header) + 1):
            ws.column_dimensions[get_column_letter(i)].width = 40 if i == 1 else 18
        ws.freeze_panes = "B4"
        # printed pages carry the mark too
        ws.oddHeader.center.text = (_("DATA CONTOH") + " — " if ev.demo else "") + _title(ev)
        ws.oddFooter.center.text = _("Halaman") + " &P " + _("dari") + " &N"

    entries = _("entri realisasi %(year)s di Petakan; rencana: %(plan)s") % {"year": ev.year, "plan": plan}
    sheet(
        _("Ringkasan"),
        [_("Butir"), _("Nilai")],
        [
            [_("Daerah"), ev.regency],
            [_("Periode RPJMD"), ev.period.name],
            [_("Tahun evaluasi"), ev.year],
            [_("Program dievaluasi"), len(ev.programmes)],
            [_("Realisasi dientri"), sum(1 for p in ev.programmes if p.realisation is not None)],
            [_("Rencana (Rp)"), ev.planned_total],
            [_("Realisasi (Rp)"), ev.spent_total],
            [_("Serapan (%)"), _round(absorption(ev.spent_total, ev.planned_total))],
            [_("Program tertinggal"), len(ev.behind)],
            [_("Dibuat"), ev.made],
        ],
        entries,
    )
    sheet(
        _("Program"),
        [
            _("Program"),
            _("Dimensi"),
            _("OPD"),
            _("Status"),
            _("Rencana (Rp)"),
            _("Realisasi (Rp)"),
            _("Serapan (%)"),
            _("Rencana s.d. tahun (Rp)"),
            _("Realisasi s.d. tahun (Rp)"),
            _("Tinjauan"),
            _("Dientri oleh"),
            _("Dientri pada"),
            _("Ditinjau oleh"),
            _("Ditinjau pada"),
            _("Sumber"),
        ],
        [
            [
                p.programme.name,
                _dimension(p.programme.dimension),
                p.programme.opd,
                p.status_label,
                p.planned_total,
                p.spent_total,
                _round(p.absorption),
                p.planned_to_date,
                p.spent_to_date if p.realisation else None,
                p.review_label,
                person(p.realisation.entered_by) if p.realisation else "",
                _when(p.realisation.entered_at) if p.realisation else "",
                person(p.realisation.reviewed_by) if p.realisation and p.realisation.reviewed_at else "",
                _when(p.realisation.reviewed_at) if p.realisation and p.realisation.reviewed_at else "",
                entry_source(p, ev.year),
            ]
            for p in ev.programmes
        ],
        entries,
    )
    sheet(
        _("Anggaran per sumber"),
        [_("Program"), _("Sumber dana"), _("Rencana (Rp)"), _("Realisasi (Rp)"), _("Serapan (%)"), _("Sumber")],
        [
            [
                p.programme.name,
                sources.get(k, k),
                p.planned.get(k, 0),
                p.spent.get(k, 0) if p.realisation else None,
                _round(absorption(p.spent.get(k, 0) if p.realisation else None, p.planned.get(k, 0))),
                entry_source(p, ev.year),
            ]
            for p in ev.programmes
            for k in sorted(set(p.planned) | set(p.spent))
        ],
        entries,
    )
    sheet(
        _("Indikator program"),
        [_("Program"), _("Indikator"), _("Jenis"), _("Satuan"), _("Target"), _("Realisasi"), _("Catatan"), _("Sumber")],
        [
            [
                p.programme.name,
                m.measure.name,
                m.measure.get_kind_display(),
                m.measure.unit,
                m.target,
                m.value,
                m.note,
                entry_source(p, ev.year),
            ]
            for p in ev.programmes
            for m in p.measures
        ],
        entries,
    )
    sheet(
        _("Bukti"),
        [_("Program"), _("Uraian"), _("Tautan"), _("Berkas"), _("Sumber")],
        [
            [
                p.programme.name,
                p.realisation.evidence_text,
                p.realisation.evidence_link,
                ", ".join(p.files),
                entry_source(p, ev.year),
            ]
            for p in ev.programmes
            if p.realisation is not None
        ],
        entries,
    )
    sheet(
        _("Indikator RPJMD"),
        [_("Sasaran/tujuan"), _("Indikator"), _("Satuan"), _("Target"), _("Realisasi"), _("Sumber")],
        [
            [label, x.indicator.name, x.indicator.unit, x.target, x.entry.value if x.entry else "", indicator_source(x)]
            for label, lines in ev.rpjmd
            for x in lines
        ],
        _("target: %(plan)s; realisasi: entri indikator RPJMD di Petakan") % {"plan": plan},
    )
    sheet(
        _("Tertinggal"),
        [_("Program"), _("Dimensi"), _("OPD"), _("Alasan")],
        [
            [p.programme.name, _dimension(p.programme.dimension), p.programme.opd, "; ".join(p.behind)]
            for p in ev.behind
        ],
        entries,
    )
    out = io.BytesIO()
    neutralise_workbook(wb).save(out)
    return out.getvalue()


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def build(period: Period, year: int, fmt: str, today: datetime.date | None = None) -> bytes:
    """The evaluation of ``year`` for ``period`` as ``fmt`` ("docx" or "xlsx") in the active language."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {sorted(FORMATS)}, not {fmt!r}")
    ev = collect(period, year, today)
    return build_docx(ev) if fmt == "docx" else build_xlsx(ev)
