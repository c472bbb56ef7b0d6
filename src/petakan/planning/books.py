"""The four masterplan books as documents a Bappeda can submit: editable Word (.docx, python-docx) and PDF
(the same .docx converted by LibreOffice headless, see planning/pdf.py), in the active language.

Buku 1 analisis-strategis (regional profile and zones, village potential, the six-dimension scores with maps and
the radar, IDM, leading economic sectors, readiness SWOT, the measured gaps), Buku 2 masterplan (visi/misi, strategy
per dimension and element, programmes per dimension with their RPJMD link, OPD, horizon, budget per year and source,
targets and the measured gap each answers, alignment matrices), Buku 3 quick-wins (the shortlist with its
justification, targets and budget) and Buku 4 peta-jalan (the road map as a figure within the RPJMD period,
milestones, yearly indicator targets, budget per year). Each book has a cover, a table of contents field, numbered
tables and figures with a source note under each, page numbers, and DATA CONTOH in the header of every page when
it shows generated values (planning/docwriter.py).

Every number comes from the computations the masterplan pages show (services.plan_state and petakan.lib.planning);
nothing is recomputed here. Who sees what follows the pages: a book whose page needs ``plan.view_draft`` needs it
too (``BOOKS[slug].action``), and the public books hold approved programmes only and no scores, as the public
pages do. Headings use Word's "Heading 1/2" styles and tables the "Table Grid" style, so the draft stays editable.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from petakan.accounts.permissions import can
from petakan.indices.models import Run
from petakan.lib import figures
from petakan.lib import planning as rules
from petakan.planning import regional
from petakan.planning.docwriter import Writer, language
from petakan.planning.framework import DIMENSION_CODES, DIMENSION_NAMES, ELEMENTS, HORIZON_CHOICES, INDEX_CODE
from petakan.planning.measurements import Measurements, current_run, load_measurements, no_measurements
from petakan.planning.models import (
    BudgetSource,
    Indicator,
    Period,
    Programme,
    ProgrammeIndicator,
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
PDF_CONTENT_TYPE = "application/pdf"
FORMATS = ("docx", "pdf")

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
    number: int
    slug: str
    title: Promise
    description: Promise
    action: str  # the permission the corresponding pages need


BOOKS: dict[str, Book] = {
    b.slug: b
    for b in (
        Book(
            1,
            "analisis-strategis",
            gettext_lazy("Analisis Strategis"),
            gettext_lazy(
                "Profil wilayah, potensi desa, indeks Smart City, IDM, sektor unggulan, kesiapan (SWOT) dan celah."
            ),
            "plan.view_draft",
        ),
        Book(
            2,
            "masterplan",
            gettext_lazy("Masterplan Smart City"),
            gettext_lazy("Visi dan misi, program per dimensi dengan tautan RPJMD dan celah yang ditanganinya."),
            "public.view",
        ),
        Book(
            3,
            "quick-wins",
            gettext_lazy("Quick Win"),
            gettext_lazy("Program quick win dengan skor prioritas dan perhitungannya."),
            "plan.view_draft",
        ),
        Book(
            4,
            "peta-jalan",
            gettext_lazy("Peta Jalan"),
            gettext_lazy("Program per horizon dan per tahun, dengan anggaran indikatif."),
            "public.view",
        ),
    )
}


BOOK_NUMBERS = {b.number: b.slug for b in BOOKS.values()}


# ------------------------------------------------------------------------------------------------ formatting


def _language() -> str:
    return language()


def _score(value: float | None) -> str:
    return "—" if value is None else floatformat(value, 1)


def _rupiah(value: float) -> str:
    return intcomma(floatformat(value, 0))


def _years(p: Programme) -> str:
    return str(p.start_year) if p.end_year == p.start_year else f"{p.start_year}–{p.end_year}"


def _years_within(p: Programme, period: Period) -> str:
    """The programme's years within the RPJMD period, saying when it began earlier or ends later."""
    start, end = max(p.start_year, period.start_year), min(p.end_year, period.end_year)
    if end < start:
        return _years(p)
    text = str(start) if start == end else f"{start}–{end}"
    notes = []
    if p.start_year < period.start_year:
        notes.append(_("sejak %(year)s") % {"year": p.start_year})
    if p.end_year > period.end_year:
        notes.append(_("sampai %(year)s") % {"year": p.end_year})
    return text + (f" ({', '.join(notes)})" if notes else "")


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
    """The programme's budget: the sum of all its budget lines, over every year it runs."""
    return float(sum(b.amount for b in p.budget_list))


def _budget_text(p: Programme) -> str:
    """The summed budget, or "belum dianggarkan" for a programme without any budget line (never a bare 0)."""
    return _rupiah(_budget(p)) if p.budget_list else _("belum dianggarkan")


def _regency_name() -> str:
    regency = Area.objects.filter(code=settings.PETAKAN_REGENCY_CODE).values_list("name", flat=True).first()
    if regency is None:
        logger.warning("regency %s is not loaded: the book's title page names its code", settings.PETAKAN_REGENCY_CODE)
        return settings.PETAKAN_REGENCY_CODE
    return regency


def _period_name(period: Period) -> str:
    years = f"{period.start_year}–{period.end_year}"
    return period.name if str(period.start_year) in period.name else f"{period.name} ({years})"


def _plan_source(period: Period, state: PlanState | None = None) -> str:
    """The plan as a source: the period with its legal basis, and the masterplan as stored in Petakan today."""
    basis = period.legal_basis or period.source
    text = _period_name(period) + (f" ({basis})" if basis else "")
    text += "; " + _("masterplan Smart City di Petakan per %(date)s") % {
        "date": formats.date_format(timezone.localdate(), "j F Y")
    }
    if period.is_demo or (state is not None and any(p.is_demo for p in state.programmes)):
        text += f" ({_('DATA CONTOH')})"
    return text


def _title_page(w: Writer, book: Book, period: Period, public: bool) -> None:
    regency = _regency_name()
    w.header = f"{_('Buku')} {book.number} {book.title} — {regency} — {period.start_year}–{period.end_year}"
    w.doc.core_properties.title = f"{book.title} — {regency}"
    w.para(f"{_('Buku')} {book.number}", bold=True)
    w.doc.add_heading(str(book.title), 0)
    w.para(regency, bold=True)
    w.para(_period_name(period))
    w.para(formats.date_format(timezone.localdate(), "j F Y"))
    w.para(_("DRAF"), bold=True)
    w.cover_mark = w.doc.add_paragraph()
    if public:
        w.para(_("Hanya program yang sudah disetujui."), italic=True)
    w.para(_("Draf dibuat oleh Petakan dari data platform; silakan disunting."), italic=True)
    w.page_break()
    w.toc()


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


def _run_for(year: int | None) -> Run | None:
    """The current published run of ``year`` (the latest current run when no year is given)."""
    if year is None:
        return current_run()
    for run in Run.objects.filter(is_current=True, profile_status="published", year=year).order_by("-created"):
        if any(node.get("code") == INDEX_CODE for node in run.tree):
            return run
    return None


def _measurements(year: int | None) -> Measurements:
    return load_measurements(_run_for(year)) if year is not None else load_measurements()


def _budget_lines_table(w: Writer, programmes: list[Programme], caption: str, source: str) -> None:
    """Budget per year and source for each programme, with a total row that is the sum of its lines."""
    sources = {k: str(v) for k, v in BudgetSource.choices}
    rows: list[tuple[object, ...]] = []
    for p in programmes:
        if not p.budget_list:
            rows.append((p.name, "—", "—", _("belum dianggarkan")))
            continue
        for b in p.budget_list:
            rows.append((p.name, b.year, sources.get(b.source, b.source), _rupiah(float(b.amount))))
        rows.append((p.name, _("Jumlah"), "", _rupiah(_budget(p))))
    w.table(caption, [_("Program"), _("Tahun"), _("Sumber dana"), _("Anggaran (Rp)")], rows, source, small=True)


def _measures(ids: list[int]) -> dict[int, list[ProgrammeIndicator]]:
    """The output and outcome targets of the programmes ``ids``, per programme."""
    out: dict[int, list[ProgrammeIndicator]] = {}
    for x in ProgrammeIndicator.objects.filter(programme_id__in=ids).order_by("programme_id", "kind", "pk"):
        out.setdefault(x.programme_id, []).append(x)
    return out


def _measure_text(x: ProgrammeIndicator) -> str:
    target = f"{x.target} {x.unit}".strip()
    base = f"{x.baseline} → " if x.baseline else ""
    year = f" ({x.target_year})" if x.target_year else ""
    return f"{x.name}: {base}{target}{year}"


# ---------------------------------------------------------------------------------------------------- books


def _analisis_strategis(w: Writer, book: Book, period: Period, user, year: int | None) -> None:  # type: ignore[no-untyped-def]
    state = plan_state(period, Programme.objects.filter(period=period), measurements=_measurements(year))
    language = _language()
    swot = list(period.swot.all())
    ratings = {r.element: r for r in period.ratings.all()}
    rubric = {r.level: r for r in period.rubric.all()}
    m = state.measurements
    data_year = m.run.year if m.run is not None else (year or min(period.end_year, timezone.localdate().year))
    _title_page(w, book, period, public=False)
    ctx = regional.context(m.run, data_year)
    regional.profile_chapter(w, ctx)
    regional.potential_chapter(w, ctx)
    weak = _weak_elements(state) if m.run is not None else None
    weak_rows = (
        [(_element_name(m, g.element or ""), g.value, g.reason(language)) for g in weak.gaps]
        if weak is not None
        else []
    )
    regional.index_chapter(w, ctx, weak_rows)
    if weak is not None:
        for note in weak.notes(language):
            w.para(note, italic=True)
    regional.idm_chapter(w, ctx)
    regional.economy_chapter(w, ctx)

    w.heading(_("Analisis kesiapan (SWOT)"), 1)
    quadrants = dict(Quadrant.choices)
    rated = {code: ratings[code].rating for code, _label in ReadinessElement.choices if code in ratings}
    readiness_source = _plan_source(period) + "; " + _("penilaian kesiapan oleh tim Smart City")
    if rated:
        best = max(rated, key=rated.get)  # type: ignore[arg-type]
        worst = min(rated, key=rated.get)  # type: ignore[arg-type]
        labels = dict(ReadinessElement.choices)
        w.para(
            _(
                "%(n)d dari %(total)d elemen kesiapan sudah dinilai; tertinggi %(best)s (%(b)d dari 5), terendah "
                "%(worst)s (%(v)d dari 5). Tercatat %(s)d entri SWOT."
            )
            % {
                "n": len(rated),
                "total": len(ReadinessElement.choices),
                "best": labels[best],
                "b": rated[best],
                "worst": labels[worst],
                "v": rated[worst],
                "s": len(swot),
            }
        )
        w.figure(
            figures.hbars(
                [str(label) for code, label in ReadinessElement.choices],
                [float(rated[code]) if code in rated else None for code, _label in ReadinessElement.choices],
                x_label=_("Nilai kesiapan (1–5)"),
                maximum=5,
            ),
            _("Nilai kesiapan per elemen"),
            readiness_source,
        )
    else:
        w.para(_("Elemen kesiapan belum dinilai; tercatat %(s)d entri SWOT.") % {"s": len(swot)})
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
                _("SWOT elemen %(name)s") % {"name": label},
                [_("Kuadran"), _("Uraian"), _("Bukti")],
                [(quadrants[s.quadrant], s.text, s.evidence) for s in entries],
                readiness_source,
            )
        else:
            w.para(_("Belum ada entri SWOT."), italic=True)

    w.heading(_("Celah"), 1)
    results = state.gaps()
    found = sum(len(r.gaps) for r in results if r.evaluable)
    w.para(
        _(
            "Lima aturan celah membandingkan program dengan hasil pengukuran; ditemukan %(n)d celah, terbanyak pada "
            "aturan “%(rule)s”."
        )
        % {
            "n": found,
            "rule": RULE_TITLES[max(results, key=lambda r: len(r.gaps)).rule][0] if results else "—",
        }
    )
    gap_source = _plan_source(period, state) + ("; " + regional.run_source(m.run) if m.run is not None else "")
    w.figure(
        figures.hbars(
            [str(RULE_TITLES[r.rule][0]) for r in results],
            [float(len(r.gaps)) if r.evaluable else None for r in results],
            x_label=_("Jumlah celah"),
        ),
        _("Jumlah celah per aturan"),
        gap_source,
    )
    for result in results:
        title, help_text = RULE_TITLES[result.rule]
        w.heading(str(title), 2)
        w.para(str(help_text), italic=True)
        for note in result.notes(language):
            w.para(note)
        if result.evaluable:
            if result.gaps:
                w.table(
                    str(title),
                    [_("No."), _("Temuan")],
                    [(i, g.reason(language)) for i, g in enumerate(result.gaps, 1)],
                    gap_source,
                )
            else:
                w.para(_("Tidak ada celah."))
    w.demo = _demo(period, state, swot, ratings.values()) or ctx.demo_values


def _masterplan(w: Writer, book: Book, period: Period, user, year: int | None) -> None:  # type: ignore[no-untyped-def]
    drafts = can(user, "plan.view_draft")
    # the public pages show no scores (programme_detail), nor the Smart City statements
    state = plan_state(
        period, visible_programmes(user, period), measurements=_measurements(year) if drafts else no_measurements()
    )
    misi = list(period.misi.all())
    vision_elements = list(period.vision_elements.all())
    statements = list(period.smart_statements.prefetch_related("misi")) if drafts else []
    sasaran = list(
        Sasaran.objects.filter(tujuan__misi__period=period).select_related("tujuan__misi").order_by("code", "pk")
    )
    _title_page(w, book, period, public=not drafts)
    source = _plan_source(period, state)
    m = state.measurements

    w.heading(_("Visi dan misi"), 1)
    w.para(
        _(
            "Masterplan ini menjabarkan visi %(period)s ke dalam %(n)d program Smart City pada enam dimensi, "
            "dengan anggaran indikatif Rp %(total)s."
        )
        % {"period": _period_name(period), "n": len(state.programmes), "total": _rupiah(state.budget().total)}
    )
    w.heading(_("Visi RPJMD"), 2)
    w.para(period.vision or "—")
    if vision_elements:
        w.table(
            _("Unsur visi RPJMD"), [_("Unsur visi"), _("Makna")], [(e.name, e.text) for e in vision_elements], source
        )
    w.heading(_("Misi RPJMD"), 2)
    w.table(_("Misi RPJMD"), [_("Kode"), _("Misi")], [(x.code, x.text) for x in misi], source)
    if sasaran:
        w.heading(_("Tujuan dan sasaran"), 2)
        w.table(
            _("Tujuan dan sasaran RPJMD"),
            [_("Misi"), _("Tujuan"), _("Sasaran")],
            [(s.tujuan.misi.code, f"{s.tujuan.code} {s.tujuan.text}", f"{s.code} {s.text}") for s in sasaran],
            source,
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
            w.table(
                _("Misi dan strategi Smart City per dimensi"),
                [_("Dimensi"), _("Jenis"), _("Uraian"), _("Misi RPJMD")],
                rows,
                source,
            )
        w.heading(_("Strategi per dimensi dan elemen"), 2)
        addressing: dict[str, list[str]] = {}
        for p in state.programmes:
            for code in set(p.elements) | {m.indicator_element[c] for c in p.indicators if c in m.indicator_element}:
                addressing.setdefault(code, []).append(p.name)
        weak_codes = {g.element for g in _weak_elements(state).gaps} if m.run is not None else set()
        w.table(
            _("Elemen per dimensi: skor terukur dan program yang menanganinya"),
            [_("Dimensi"), _("Elemen"), _("Skor"), _("Program")],
            [
                (
                    _dimension_name(d),
                    _element_name(m, code) + (f" ({_('elemen lemah')})" if code in weak_codes else ""),
                    _score(m.element_scores.get(code)),
                    "; ".join(addressing.get(code, [])) or "—",
                )
                for code, d, _n, _e in ELEMENTS
            ],
            source + ("; " + regional.run_source(m.run) if m.run is not None else ""),
            small=True,
        )

    weak = {g.element for g in _weak_elements(state).gaps}
    horizons = dict(HORIZON_CHOICES)
    w.heading(_("Program per dimensi"), 1)
    if m.run is None and drafts:
        w.para(_("Belum ada perhitungan indeks: kolom celah terukur kosong."), italic=True)
    header = [_("Program"), _("Elemen"), _("Horizon"), _("OPD"), _("Anggaran (Rp)"), _("Tautan RPJMD")]
    if drafts:
        header.append(_("Celah terukur"))
    measures = _measures([p.pk for p in state.programmes])
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
                _budget_text(p),
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
        w.table(
            _("Program %(dimension)s") % {"dimension": DIMENSION_NAMES[d][0]},
            header,
            rows,
            source + ("; " + regional.run_source(m.run) if drafts and m.run is not None else ""),
            small=True,
        )
        _budget_lines_table(
            w,
            programmes,
            _("Anggaran per tahun dan sumber dana, %(dimension)s") % {"dimension": DIMENSION_NAMES[d][0]},
            source,
        )
        targets = [(p.name, _measure_text(x)) for p in programmes for x in measures.get(p.pk, [])]
        if targets:
            w.table(
                _("Target program, %(dimension)s") % {"dimension": DIMENSION_NAMES[d][0]},
                [_("Program"), _("Indikator dan target")],
                targets,
                source,
            )
    if not state.programmes:
        w.para(_("Belum ada program."))
    else:
        w.heading(_("Matriks keselarasan"), 1)
        w.para(
            _(
                "Tanda pada matriks: L = tautan langsung ke sasaran, P = melalui program RPJMD; E = elemen yang "
                "ditangani, I = melalui indikatornya."
            )
        )
        matrix = state.sasaran_matrix()
        if matrix.columns:
            w.table(
                _("Program × sasaran RPJMD"),
                [_("Program"), *(str(label) for _id, label in matrix.columns)],
                [(label, *cells) for (_id, label), cells in zip(matrix.rows, matrix.cells, strict=True)],
                source,
                small=True,
            )
        elements = state.element_matrix()
        used = [j for j in range(len(elements.columns)) if any(row[j] for row in elements.cells)]
        if used:
            # numbered columns with a key above: element codes are too long for nine columns on a page
            w.para(
                "; ".join(f"E{n} = {_element_name(m, str(elements.columns[j][0]))}" for n, j in enumerate(used, 1)),
                italic=True,
            )
            w.table(
                _("Program × elemen Smart City (elemen yang ditangani saja)"),
                [_("Program"), *(f"E{n}" for n in range(1, len(used) + 1))],
                [
                    (label, *(cells[j] for j in used))
                    for (_id, label), cells in zip(elements.rows, elements.cells, strict=True)
                ],
                source,
                small=True,
            )
    w.demo = _demo(period, state, misi, vision_elements, statements, sasaran)


def _quick_wins(w: Writer, book: Book, period: Period, user, year: int | None) -> None:  # type: ignore[no-untyped-def]
    state = plan_state(period, Programme.objects.filter(period=period), measurements=_measurements(year))
    language = _language()
    scored = state.priorities()
    by_id = {p.pk: p for p in state.programmes}
    priority = {x.programme_id: x for x in scored}
    shortlist = rules.quick_win_shortlist(state.inputs, scored, n=period.quick_win_count)
    quick = [p for p in state.programmes if p.horizon == "quick_win"]
    measures = _measures([p.pk for p in quick])
    _title_page(w, book, period, public=False)
    source = _plan_source(period, state)
    m = state.measurements
    if m.run is not None:
        source += "; " + regional.run_source(m.run)

    w.heading(_("Metode prioritas"), 1)
    w.para(
        _("%(n)d program quick win dinilai; %(k)d masuk daftar pendek dengan anggaran Rp %(total)s.")
        % {
            "n": len(quick),
            "k": len(shortlist),
            "total": _rupiah(sum(_budget(by_id[p.id]) for p, _x in shortlist)),
        }
    )
    w.para(
        f"{_('Bobot')}: {_('kesenjangan')} {formats.localize(period.weight_gap)}, "
        f"{_('penerima manfaat')} {formats.localize(period.weight_people)}, "
        f"{_('keselarasan RPJMD')} {formats.localize(period.weight_alignment)}, "
        f"{_('kelayakan')} {formats.localize(period.weight_feasibility)}."
    )
    if m.run is None:
        w.para(_("Belum ada perhitungan indeks: komponen kesenjangan belum dapat dinilai."), bold=True)

    w.heading(_("Daftar pendek quick win"), 1)
    if shortlist:
        w.table(
            _("Daftar pendek quick win"),
            [_("No."), _("Program"), _("Skor"), _("OPD"), _("Tahun"), _("Anggaran (Rp)")],
            [
                (i, p.name, _score(x.score), by_id[p.id].opd, _years(by_id[p.id]), _budget_text(by_id[p.id]))
                for i, (p, x) in enumerate(shortlist, 1)
            ],
            source,
        )
        w.figure(
            figures.hbars(
                [p.name for p, _x in shortlist],
                [x.score for _p, x in shortlist],
                x_label=_("Skor prioritas (0–100)"),
                maximum=100,
            ),
            _("Skor prioritas daftar pendek"),
            source,
        )
        _budget_lines_table(w, [by_id[p.id] for p, _x in shortlist], _("Anggaran daftar pendek per tahun"), source)
    else:
        w.para(_("Belum ada program quick win yang belum selesai."))

    w.heading(_("Semua program quick win"), 1)
    if not quick:
        w.para(_("Belum ada program."))
    statuses = dict(Status.choices)
    for p in sorted(quick, key=lambda p: (priority[p.pk].score is None, -(priority[p.pk].score or 0), p.name)):
        x = priority[p.pk]
        w.heading(p.name, 2)
        addressed = sorted(set(p.elements) | {m.indicator_element[c] for c in p.indicators if c in m.indicator_element})
        gaps = [f"{_element_name(m, c)} {_score(m.element_scores.get(c))}" for c in addressed]
        w.table(
            p.name,
            [_("Butir"), _("Isi")],
            [
                (_("Dimensi"), DIMENSION_NAMES[p.dimension][0]),
                (_("Skor"), _score(x.score)),
                (_("Perhitungan"), x.explanation(language)),
                (
                    _("Justifikasi"),
                    (p.description or "—") + (f" ({_('menangani')}: {'; '.join(gaps)})" if gaps else ""),
                ),
                (_("Target"), "; ".join(_measure_text(t) for t in measures.get(p.pk, [])) or "—"),
                (_("Status"), str(statuses.get(p.status, p.status))),
                (_("OPD"), p.opd),
                (_("Tahun"), _years(p)),
                (_("Anggaran (Rp)"), _budget_text(p)),
                (_("Tautan RPJMD"), _rpjmd_link(p)),
            ],
            source,
        )
    w.demo = _demo(period, state)


def _peta_jalan(w: Writer, book: Book, period: Period, user, year: int | None) -> None:  # type: ignore[no-untyped-def]
    drafts = can(user, "plan.view_draft")
    state = plan_state(period, visible_programmes(user, period), measurements=no_measurements())
    years = period.years()
    # the road map runs within the RPJMD period: programmes that began earlier are shown from its first year
    road = rules.roadmap(state.inputs, DIMENSION_CODES, years)
    budget = state.budget()
    _title_page(w, book, period, public=not drafts)
    source = _plan_source(period, state)
    names = {d: DIMENSION_NAMES[d][0] for d in DIMENSION_CODES}
    in_period = sum(b for y, b in budget.by_year.items() if period.start_year <= y <= period.end_year)
    busiest = max(range(len(years)), key=lambda i: sum(road.counts[d][i] for d in DIMENSION_CODES)) if years else 0

    w.heading(_("Program per horizon"), 1)
    w.para(
        _(
            "Peta jalan memuat %(n)d program dalam periode %(start)s–%(end)s; tahun tersibuk adalah %(year)s dengan "
            "%(k)d program berjalan. Anggaran indikatif dalam periode: Rp %(total)s."
        )
        % {
            "n": len(state.programmes),
            "start": period.start_year,
            "end": period.end_year,
            "year": years[busiest] if years else "—",
            "k": sum(road.counts[d][busiest] for d in DIMENSION_CODES) if years else 0,
            "total": _rupiah(in_period),
        }
    )
    for h, label in HORIZON_CHOICES:
        programmes = [p for p in state.programmes if p.horizon == h]
        if not programmes:
            continue
        w.heading(str(label), 2)
        w.para(f"{_('Anggaran')}: Rp {_rupiah(budget.by_horizon.get(h, 0.0))}")
        w.table(
            _("Program %(horizon)s") % {"horizon": label},
            [_("Program"), _("Dimensi"), _("Tahun"), _("OPD"), _("Anggaran (Rp)")],
            [(p.name, names[p.dimension], _years_within(p, period), p.opd, _budget_text(p)) for p in programmes],
            source,
        )
    if not state.programmes:
        w.para(_("Belum ada program."))

    w.heading(_("Program per tahun"), 1)
    dated = [p for p in state.programmes if p.end_year >= period.start_year and p.start_year <= period.end_year]
    if dated and years:
        ordered = sorted(dated, key=lambda p: (DIMENSION_CODES.index(p.dimension), p.start_year, p.name))
        w.figure(
            figures.gantt(
                [(p.name, p.dimension, p.start_year, p.end_year, p.start_year < period.start_year) for p in ordered],
                years,
                names,
                before_label=_("dimulai sebelum %(year)s") % {"year": period.start_year},
            ),
            _("Peta jalan program per dimensi, %(start)s–%(end)s") % {"start": years[0], "end": years[-1]},
            source,
        )
        w.table(
            _("Program berjalan per tahun"),
            [_("Tahun"), _("Program")],
            [(y, ", ".join(p.name for p in state.programmes if p.start_year <= y <= p.end_year) or "—") for y in years],
            source,
        )
        w.heading(_("Jumlah program per tahun"), 2)
        w.table(
            _("Jumlah program per dimensi dan tahun"),
            [_("Dimensi"), *map(str, years)],
            [(names[d], *road.counts[d]) for d in DIMENSION_CODES],
            source,
        )
        w.heading(_("Anggaran indikatif per tahun (Rp)"), 2)
        w.table(
            _("Anggaran indikatif per dimensi dan tahun (Rp)"),
            [_("Dimensi"), *map(str, years)],
            [(names[d], *map(_rupiah, road.budget[d])) for d in DIMENSION_CODES],
            source,
        )
    else:
        w.para(_("Belum ada program bertahun."))
    w.para(f"{_('Jumlah')}: Rp {_rupiah(budget.total)}", bold=True)

    w.heading(_("Tonggak capaian"), 1)
    measures = _measures([p.pk for p in dated])
    milestones = sorted(
        [(x.target_year or p.end_year, p.name, _measure_text(x)) for p in dated for x in measures.get(p.pk, [])]
        + [(p.end_year, p.name, _("program selesai")) for p in dated if p.end_year <= period.end_year],
        key=lambda r: (r[0], r[1]),
    )
    milestones = [r for r in milestones if period.start_year <= r[0] <= period.end_year]
    if milestones:
        w.table(_("Tonggak capaian per tahun"), [_("Tahun"), _("Program"), _("Tonggak")], milestones, source)
    else:
        w.para(_("Belum ada tonggak capaian."))
    w.heading(_("Target indikator per tahun"), 1)
    indicators = list(Indicator.objects.filter(sasaran__tujuan__misi__period=period).order_by("pk")) + list(
        Indicator.objects.filter(tujuan__misi__period=period).order_by("pk")
    )
    if indicators:
        w.table(
            _("Target indikator sasaran dan tujuan RPJMD per tahun"),
            [_("Indikator"), _("Satuan"), _("Awal"), *map(str, years)],
            [
                (x.name, x.unit or "—", x.baseline or "—", *((x.targets or {}).get(str(y), "—") for y in years))
                for x in indicators
            ],
            _plan_source(period),
            small=True,
        )
    else:
        w.para(_("Belum ada indikator RPJMD dengan target tahunan."))
    w.demo = _demo(period, state, indicators)


BUILDERS = {
    "analisis-strategis": _analisis_strategis,
    "masterplan": _masterplan,
    "quick-wins": _quick_wins,
    "peta-jalan": _peta_jalan,
}


def build_book(slug: str, period: Period, user, fmt: str = "docx", year: int | None = None) -> bytes:  # type: ignore[no-untyped-def]
    """The bytes of book ``slug`` for ``period`` as ``user`` may see it, in the active language: .docx, or PDF
    (``fmt="pdf"``: the same document converted by LibreOffice). ``year`` picks the Smart City run of that year
    (default: the current run).

    The caller checks ``can(user, BOOKS[slug].action)`` first (the views do); an unknown slug raises KeyError.
    """
    book = BOOKS[slug]
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    writer = Writer()
    BUILDERS[slug](writer, book, period, user, year)
    content = writer.bytes()
    if fmt == "pdf":
        from petakan.planning.pdf import docx_to_pdf, heading_pages

        # LibreOffice does not refresh the contents field: convert once, read where each heading landed, write
        # the page numbers into the contents and convert again (the numbers fit on the entries' lines, so the
        # pages do not move)
        pdf = docx_to_pdf(content)
        pages = heading_pages(pdf, [text for _level, text in writer.headings])
        if pages and any(pages):
            writer.set_toc_pages(pages)
            pdf = docx_to_pdf(writer.bytes())
        return pdf
    return content
