"""Drafts of the four masterplan books as editable Word documents (.docx, python-docx).

analisis-strategis (readiness SWOT, the Smart City index measurements, the gaps), masterplan (visi/misi, programmes
per dimension with their RPJMD link and the measured gap each addresses), quick-wins (the quick-win programmes with
their priority) and peta-jalan (the road map by horizon and year).

Every number comes from the computations the masterplan pages show (services.plan_state and petakan.lib.planning);
nothing is recomputed here. Who sees what follows the pages: a book whose page needs ``plan.view_draft`` needs it
too (``BOOKS[slug].action``), and the public books hold approved programmes only and no scores, as the public
pages do. Headings use Word's "Heading 1/2" styles and tables the "Table Grid" style, so the draft stays editable.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import docx
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from petakan.accounts.permissions import can
from petakan.lib import planning as rules
from petakan.planning.framework import DIMENSION_CODES, DIMENSION_NAMES, HORIZON_CHOICES
from petakan.planning.measurements import Measurements, no_measurements
from petakan.planning.models import (
    Period,
    Programme,
    Quadrant,
    ReadinessElement,
    Sasaran,
    SmartStatement,
    Status,
)
from petakan.planning.services import PlanState, gap_settings, plan_state, visible_programmes
from petakan.regions.models import Area

logger = logging.getLogger(__name__)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TABLE_STYLE = "Table Grid"

# gap rule -> (title, what it checks); the gap page shows the same words
RULE_TITLES = {
    rules.RULE_UNLINKED: (
        gettext_lazy("Program tanpa tautan RPJMD"),
        gettext_lazy("Setiap program harus dapat ditelusuri ke sasaran atau program RPJMD."),
    ),
    rules.RULE_WEAK_ELEMENT: (
        gettext_lazy("Elemen lemah tanpa program"),
        gettext_lazy("Elemen dengan skor rendah yang belum ditangani program mana pun."),
    ),
    rules.RULE_LOW_VILLAGE: (
        gettext_lazy("Desa rendah yang tidak dijangkau program"),
        gettext_lazy("Desa di bagian terbawah indeks atau berstatus IDM Tertinggal/Sangat Tertinggal."),
    ),
    rules.RULE_SASARAN: (
        gettext_lazy("Sasaran RPJMD tanpa program Smart City"),
        gettext_lazy("Sasaran yang belum didukung program Smart City mana pun."),
    ),
    rules.RULE_OVERLAP: (
        gettext_lazy("Program yang tumpang tindih"),
        gettext_lazy("Program dengan elemen yang sama di desa yang sama."),
    ),
}


@dataclass(frozen=True)
class Book:
    slug: str
    title: Promise
    description: Promise
    action: str  # the permission the corresponding pages need


BOOKS: dict[str, Book] = {
    b.slug: b
    for b in (
        Book(
            "analisis-strategis",
            gettext_lazy("Analisis Strategis"),
            gettext_lazy("Kesiapan (SWOT), skor indeks Smart City dan celah yang terukur."),
            "plan.view_draft",
        ),
        Book(
            "masterplan",
            gettext_lazy("Masterplan Smart City"),
            gettext_lazy("Visi dan misi, program per dimensi dengan tautan RPJMD dan celah yang ditanganinya."),
            "public.view",
        ),
        Book(
            "quick-wins",
            gettext_lazy("Quick Win"),
            gettext_lazy("Program quick win dengan skor prioritas dan perhitungannya."),
            "plan.view_draft",
        ),
        Book(
            "peta-jalan",
            gettext_lazy("Peta Jalan"),
            gettext_lazy("Program per horizon dan per tahun, dengan anggaran indikatif."),
            "public.view",
        ),
    )
}


# ------------------------------------------------------------------------------------------------ formatting


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _score(value: float | None) -> str:
    return "—" if value is None else floatformat(value, 1)


def _rupiah(value: float) -> str:
    return intcomma(floatformat(value, 0))


def _years(p: Programme) -> str:
    return str(p.start_year) if p.end_year == p.start_year else f"{p.start_year}–{p.end_year}"


def _element_name(m: Measurements, code: str) -> str:
    names = m.names.get(code, (code, code))
    return names[1] if _language().startswith("en") else names[0]


def _dimension_name(code: str) -> str:
    return DIMENSION_NAMES[code][0] if code in DIMENSION_NAMES else code


def _rpjmd_link(p: Programme) -> str:
    """The RPJMD sasaran and programs a prefetched programme (services.with_links) follows."""
    parts = [f"{_('Sasaran')} {s.code} {s.text}" for s in p.sasaran_list]
    parts += [f"{_('Program')} {x.code} {x.name}" for x in p.program_list]
    return "; ".join(parts) if parts else _("belum ditautkan")


def _budget(p: Programme) -> float:
    return float(sum(b.amount for b in p.budget_list))


class _Writer:
    """A python-docx document with the few building blocks the books use."""

    def __init__(self) -> None:
        self.doc = docx.Document()

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level)

    def para(self, text: str, bold: bool = False, italic: bool = False) -> None:
        run = self.doc.add_paragraph().add_run(text)
        run.bold, run.italic = bold, italic

    def table(self, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = TABLE_STYLE
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
        self.doc.add_paragraph()

    def title_page(self, book: Book, period: Period, demo: bool, public: bool) -> None:
        regency = Area.objects.filter(code=settings.PETAKAN_REGENCY_CODE).values_list("name", flat=True).first()
        if regency is None:
            logger.warning(
                "regency %s is not loaded: the book's title page names its code", settings.PETAKAN_REGENCY_CODE
            )
            regency = settings.PETAKAN_REGENCY_CODE
        self.doc.core_properties.title = f"{book.title} — {regency}"
        self.doc.add_heading(str(book.title), 0)
        self.para(regency, bold=True)
        years = f"{period.start_year}–{period.end_year}"
        self.para(period.name if str(period.start_year) in period.name else f"{period.name} ({years})")
        self.para(formats.date_format(timezone.localdate(), "j F Y"))
        self.para(_("DRAF"), bold=True)
        if demo:
            self.para(f"{_('DATA CONTOH')} — {_('Sebagian isi adalah contoh ilustratif')}", bold=True)
        if public:
            self.para(_("Hanya program yang sudah disetujui."), italic=True)
        self.para(_("Draf dibuat oleh Petakan dari data platform; silakan disunting."), italic=True)
        self.doc.add_page_break()

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _demo(period: Period, state: PlanState, *extra: Iterable[object]) -> bool:
    """DATA CONTOH when the period, a programme, the index run or any other item shown is demo content."""
    run = state.measurements.run
    return (
        period.is_demo
        or any(p.is_demo for p in state.programmes)
        or (run is not None and run.is_demo)
        or any(getattr(x, "is_demo", False) for items in extra for x in items)
    )


def _weak_elements(state: PlanState) -> rules.RuleResult:
    """Every weak element of the regency, as the gap rule sees them (no programme counts as addressing one)."""
    m = state.measurements
    return rules.weak_elements_without_programme(
        m.element_scores, [], gap_settings(state.period), m.names, m.indicator_element
    )


# ---------------------------------------------------------------------------------------------------- books


def _analisis_strategis(w: _Writer, book: Book, period: Period, user) -> None:  # type: ignore[no-untyped-def]
    state = plan_state(period, Programme.objects.filter(period=period))
    language = _language()
    swot = list(period.swot.all())
    ratings = {r.element: r for r in period.ratings.all()}
    rubric = {r.level: r for r in period.rubric.all()}
    w.title_page(book, period, _demo(period, state, swot, ratings.values()), public=False)

    w.heading(_("Analisis kesiapan (SWOT)"), 1)
    quadrants = dict(Quadrant.choices)
    for code, label in ReadinessElement.choices:
        w.heading(str(label), 2)
        rating = ratings.get(code)
        if rating is None:
            w.para(f"{_('Nilai kesiapan')}: {_('belum dinilai')}")
        else:
            level = rubric.get(rating.rating)
            w.para(f"{_('Nilai kesiapan')}: {rating.rating}" + (f" — {level.label}" if level else ""))
            if rating.justification:
                w.para(rating.justification, italic=True)
        entries = sorted((s for s in swot if s.element == code), key=lambda s: list(quadrants).index(s.quadrant))
        if entries:
            w.table(
                [_("Kuadran"), _("Uraian"), _("Bukti")], [(quadrants[s.quadrant], s.text, s.evidence) for s in entries]
            )
        else:
            w.para(_("Belum ada entri SWOT."), italic=True)

    m = state.measurements
    w.heading(_("Indeks Smart City"), 1)
    if m.run is None:
        w.para(_("Belum ada perhitungan indeks Smart City yang diterbitkan."))
    else:
        w.para(f"{_('Skor dari perhitungan indeks')} {m.run.framework} {m.run.year} (#{m.run.pk}).")
        w.heading(_("Skor elemen kabupaten"), 2)
        dimension_of = {n["code"]: n.get("parent") or "—" for n in m.run.tree if n.get("level") == "element"}
        w.table(
            [_("Dimensi"), _("Elemen"), _("Skor")],
            [
                (_dimension_name(dimension_of.get(code, "—")), _element_name(m, code), _score(value))
                for code, value in m.element_scores.items()
            ],
        )
        w.heading(_("Elemen terlemah"), 2)
        weak = _weak_elements(state)
        for note in weak.notes(language):
            w.para(note, italic=True)
        if weak.gaps:
            w.table(
                [_("Elemen"), _("Skor"), _("Alasan")],
                [(_element_name(m, g.element or ""), _score(g.value), g.reason(language)) for g in weak.gaps],
            )
        else:
            w.para(_("Tidak ada elemen lemah."))

    w.heading(_("Celah"), 1)
    for result in state.gaps():
        title, help_text = RULE_TITLES[result.rule]
        w.heading(str(title), 2)
        w.para(str(help_text), italic=True)
        for note in result.notes(language):
            w.para(note)
        if result.evaluable:
            if result.gaps:
                w.table([_("No."), _("Temuan")], [(i, g.reason(language)) for i, g in enumerate(result.gaps, 1)])
            else:
                w.para(_("Tidak ada celah."))


def _masterplan(w: _Writer, book: Book, period: Period, user) -> None:  # type: ignore[no-untyped-def]
    drafts = can(user, "plan.view_draft")
    # the public pages show no scores (programme_detail), nor the Smart City statements
    state = plan_state(period, visible_programmes(user, period), measurements=None if drafts else no_measurements())
    misi = list(period.misi.all())
    vision_elements = list(period.vision_elements.all())
    statements = list(period.smart_statements.prefetch_related("misi")) if drafts else []
    sasaran = list(
        Sasaran.objects.filter(tujuan__misi__period=period).select_related("tujuan__misi").order_by("code", "pk")
    )
    w.title_page(book, period, _demo(period, state, misi, vision_elements, statements, sasaran), public=not drafts)

    w.heading(_("Visi dan misi"), 1)
    w.heading(_("Visi RPJMD"), 2)
    w.para(period.vision or "—")
    if vision_elements:
        w.table([_("Unsur visi"), _("Makna")], [(e.name, e.text) for e in vision_elements])
    w.heading(_("Misi RPJMD"), 2)
    w.table([_("Kode"), _("Misi")], [(x.code, x.text) for x in misi])
    if sasaran:
        w.heading(_("Tujuan dan sasaran"), 2)
        w.table(
            [_("Misi"), _("Tujuan"), _("Sasaran")],
            [(s.tujuan.misi.code, f"{s.tujuan.code} {s.tujuan.text}", f"{s.code} {s.text}") for s in sasaran],
        )
    if drafts:
        w.heading(_("Visi Smart City"), 2)
        visions = [s.text for s in statements if s.kind == SmartStatement.Kind.VISION]
        w.para("\n".join(visions) if visions else "—")
        rows = [
            (
                _dimension_name(s.dimension or "—"),
                s.get_kind_display(),
                s.text,
                ", ".join(x.code for x in s.misi.all()) or _("belum ditautkan"),
            )
            for s in statements
            if s.kind != SmartStatement.Kind.VISION
        ]
        if rows:
            w.heading(_("Misi dan strategi Smart City per dimensi"), 2)
            w.table([_("Dimensi"), _("Jenis"), _("Uraian"), _("Misi RPJMD")], rows)

    m = state.measurements
    weak = {g.element for g in _weak_elements(state).gaps}
    horizons = dict(HORIZON_CHOICES)
    w.heading(_("Program per dimensi"), 1)
    if m.run is None and drafts:
        w.para(_("Belum ada perhitungan indeks: kolom celah terukur kosong."), italic=True)
    header = [_("Program"), _("Elemen"), _("Horizon"), _("OPD"), _("Anggaran (Rp)"), _("Tautan RPJMD")]
    if drafts:
        header.append(_("Celah terukur"))
    for d in DIMENSION_CODES:
        programmes = [p for p in state.programmes if p.dimension == d]
        if not programmes:
            continue
        w.heading(DIMENSION_NAMES[d][0], 2)
        rows = []
        for p in programmes:
            addressed = sorted(
                set(p.elements) | {m.indicator_element[c] for c in p.indicators if c in m.indicator_element}
            )
            row = [
                p.name + ("" if p.is_approved else f" ({_('draf')})"),
                ", ".join(_element_name(m, c) for c in p.elements) or "—",
                str(horizons.get(p.horizon, p.horizon)),
                p.opd,
                _rupiah(_budget(p)),
                _rpjmd_link(p),
            ]
            if drafts:
                measured = [
                    f"{_element_name(m, c)} {_score(m.element_scores[c])}"
                    + (f" ({_('elemen lemah')})" if c in weak else "")
                    for c in addressed
                    if m.element_scores.get(c) is not None
                ]
                row.append("; ".join(measured) or "—")
            rows.append(row)
        w.table(header, rows)
    if not state.programmes:
        w.para(_("Belum ada program."))


def _quick_wins(w: _Writer, book: Book, period: Period, user) -> None:  # type: ignore[no-untyped-def]
    state = plan_state(period, Programme.objects.filter(period=period))
    language = _language()
    scored = state.priorities()
    by_id = {p.pk: p for p in state.programmes}
    priority = {x.programme_id: x for x in scored}
    shortlist = rules.quick_win_shortlist(state.inputs, scored, n=period.quick_win_count)
    quick = [p for p in state.programmes if p.horizon == "quick_win"]
    w.title_page(book, period, _demo(period, state), public=False)

    w.heading(_("Metode prioritas"), 1)
    w.para(
        f"{_('Bobot')}: {_('kesenjangan')} {formats.localize(period.weight_gap)}, "
        f"{_('penerima manfaat')} {formats.localize(period.weight_people)}, "
        f"{_('keselarasan RPJMD')} {formats.localize(period.weight_alignment)}, "
        f"{_('kelayakan')} {formats.localize(period.weight_feasibility)}."
    )
    if state.measurements.run is None:
        w.para(_("Belum ada perhitungan indeks: komponen kesenjangan belum dapat dinilai."), bold=True)

    w.heading(_("Daftar pendek quick win"), 1)
    if shortlist:
        w.table(
            [_("No."), _("Program"), _("Skor"), _("OPD"), _("Tahun"), _("Anggaran (Rp)")],
            [
                (i, p.name, _score(x.score), by_id[p.id].opd, _years(by_id[p.id]), _rupiah(_budget(by_id[p.id])))
                for i, (p, x) in enumerate(shortlist, 1)
            ],
        )
    else:
        w.para(_("Belum ada program quick win yang belum selesai."))

    w.heading(_("Semua program quick win"), 1)
    if not quick:
        w.para(_("Belum ada program."))
    statuses = dict(Status.choices)
    for p in sorted(quick, key=lambda p: (priority[p.pk].score is None, -(priority[p.pk].score or 0), p.name)):
        x = priority[p.pk]
        w.heading(p.name, 2)
        w.table(
            [_("Butir"), _("Isi")],
            [
                (_("Dimensi"), DIMENSION_NAMES[p.dimension][0]),
                (_("Skor"), _score(x.score)),
                (_("Perhitungan"), x.explanation(language)),
                (_("Status"), str(statuses.get(p.status, p.status))),
                (_("OPD"), p.opd),
                (_("Tahun"), _years(p)),
                (_("Anggaran (Rp)"), _rupiah(_budget(p))),
                (_("Tautan RPJMD"), _rpjmd_link(p)),
            ],
        )


def _peta_jalan(w: _Writer, book: Book, period: Period, user) -> None:  # type: ignore[no-untyped-def]
    drafts = can(user, "plan.view_draft")
    state = plan_state(period, visible_programmes(user, period), measurements=no_measurements())
    road = state.roadmap()
    budget = state.budget()
    w.title_page(book, period, _demo(period, state), public=not drafts)
    names = {d: DIMENSION_NAMES[d][0] for d in DIMENSION_CODES}

    w.heading(_("Program per horizon"), 1)
    for h, label in HORIZON_CHOICES:
        programmes = [p for p in state.programmes if p.horizon == h]
        if not programmes:
            continue
        w.heading(str(label), 2)
        w.para(f"{_('Anggaran')}: Rp {_rupiah(budget.by_horizon.get(h, 0.0))}")
        w.table(
            [_("Program"), _("Dimensi"), _("Tahun"), _("OPD"), _("Anggaran (Rp)")],
            [(p.name, names[p.dimension], _years(p), p.opd, _rupiah(_budget(p))) for p in programmes],
        )
    if not state.programmes:
        w.para(_("Belum ada program."))

    w.heading(_("Program per tahun"), 1)
    if road.years:
        w.table(
            [_("Tahun"), _("Program")],
            [
                (y, ", ".join(p.name for p in state.programmes if p.start_year <= y <= p.end_year) or "—")
                for y in road.years
            ],
        )
        w.heading(_("Jumlah program per tahun"), 2)
        w.table([_("Dimensi"), *map(str, road.years)], [(names[d], *road.counts[d]) for d in DIMENSION_CODES])
        w.heading(_("Anggaran indikatif per tahun (Rp)"), 2)
        w.table(
            [_("Dimensi"), *map(str, road.years)],
            [(names[d], *map(_rupiah, road.budget[d])) for d in DIMENSION_CODES],
        )
    else:
        w.para(_("Belum ada program bertahun."))
    w.para(f"{_('Jumlah')}: Rp {_rupiah(budget.total)}", bold=True)


BUILDERS = {
    "analisis-strategis": _analisis_strategis,
    "masterplan": _masterplan,
    "quick-wins": _quick_wins,
    "peta-jalan": _peta_jalan,
}


def build_book(slug: str, period: Period, user) -> bytes:  # type: ignore[no-untyped-def]
    """The .docx bytes of book ``slug`` for ``period`` as ``user`` may see it, in the active language.

    The caller checks ``can(user, BOOKS[slug].action)`` first (the views do); an unknown slug raises KeyError.
    """
    book = BOOKS[slug]
    writer = _Writer()
    BUILDERS[slug](writer, book, period, user)
    return writer.bytes()
