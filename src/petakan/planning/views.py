"""Masterplan pages. Thin: load, ask petakan.lib.planning (through services), render.

Who sees what (petakan.accounts.permissions): the public sees the RPJMD cascade and approved programmes (list,
detail, alignment, road map); plan.view_draft roles also see drafts, gaps, priorities, readiness, the Smart City
statements and the history; plan.edit roles edit; plan.approve (the council) approves.
"""

from __future__ import annotations

import functools
import io
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from petakan.accounts.permissions import can
from petakan.lib import planning as rules
from petakan.planning import forms as plan_forms
from petakan.planning import importer
from petakan.planning.books import BOOKS, DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, RULE_TITLES, build_book
from petakan.planning.exports import matrices_xlsx
from petakan.planning.framework import (
    DIMENSION_CODES,
    DIMENSION_NAMES,
    ELEMENT_DIMENSION,
    ELEMENT_NAMES,
    HORIZON_CHOICES,
)
from petakan.planning.history import diff, readable, record, snapshot
from petakan.planning.measurements import load_measurements, no_measurements
from petakan.planning.models import (
    AnnualTheme,
    BudgetSource,
    ChangeLog,
    Indicator,
    Misi,
    Period,
    Programme,
    Quadrant,
    ReadinessElement,
    ReadinessRating,
    RpjmdProgram,
    Sasaran,
    SmartStatement,
    Strategy,
    SwotEntry,
    Tujuan,
    VisionElement,
)
from petakan.planning.pdf import PdfError
from petakan.planning.services import current_period, plan_state, visible_programmes, with_links
from petakan.regions.models import Area


def requires(action: str) -> Callable:
    """Refuse with 403 when ``can`` says no; send an anonymous visitor to the login page instead."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, action):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _period(request: HttpRequest) -> Period | None:
    """The period asked for with ?periode=<id>, else the current one."""
    wanted = request.GET.get("periode", "")
    if wanted.isdigit():
        return get_object_or_404(Period, pk=int(wanted))
    return current_period()


def _common(request: HttpRequest, period: Period | None, **extra: Any) -> dict[str, Any]:
    return {
        "period": period,
        "periods": Period.objects.all(),
        "may_edit": can(request.user, "plan.edit"),
        "may_view_draft": can(request.user, "plan.view_draft"),
        "may_approve": can(request.user, "plan.approve"),
        **extra,
    }


def _no_period(request: HttpRequest) -> HttpResponse:
    return render(request, "planning/no_period.html", _common(request, None))


# -------------------------------------------------------------------------------------------------- overview


def overview(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    programmes = visible_programmes(request.user, period)
    context = _common(
        request,
        period,
        vision_elements=period.vision_elements.all(),
        themes=period.themes.all(),
        misi=period.misi.all(),
        n_programmes=programmes.count(),
        n_approved=programmes.filter(approved_at__isnull=False).count(),
        n_sasaran=Sasaran.objects.filter(tujuan__misi__period=period).count(),
    )
    return render(request, "planning/overview.html", context)


def cascade(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    misi = period.misi.prefetch_related(
        "tujuan__indicators",
        "tujuan__sasaran__indicators",
        "tujuan__sasaran__strategies",
        "tujuan__sasaran__programs__indicators",
        "tujuan__sasaran__programs__strategy",
    )
    return render(
        request,
        "planning/cascade.html",
        _common(request, period, misi=misi, vision_elements=period.vision_elements.all(), themes=period.themes.all()),
    )


# ----------------------------------------------------------------------------------- generic item editing

# kind (URL word) -> model, form, page to return to, parent field filled from ?induk=
KINDS: dict[str, tuple[type[Model], type, str, str]] = {
    "misi": (Misi, plan_forms.MisiForm, "planning:cascade", ""),
    "tujuan": (Tujuan, plan_forms.TujuanForm, "planning:cascade", "misi"),
    "sasaran": (Sasaran, plan_forms.SasaranForm, "planning:cascade", "tujuan"),
    "strategi": (Strategy, plan_forms.StrategyForm, "planning:cascade", "sasaran"),
    "program-rpjmd": (RpjmdProgram, plan_forms.RpjmdProgramForm, "planning:cascade", "sasaran"),
    "indikator": (Indicator, plan_forms.IndicatorForm, "planning:cascade", ""),
    "unsur-visi": (VisionElement, plan_forms.VisionElementForm, "planning:cascade", ""),
    "tema": (AnnualTheme, plan_forms.AnnualThemeForm, "planning:cascade", ""),
    "pernyataan": (SmartStatement, plan_forms.SmartStatementForm, "planning:smart_city", ""),
    "swot": (SwotEntry, plan_forms.SwotForm, "planning:readiness", ""),
    "nilai-kesiapan": (ReadinessRating, plan_forms.RatingForm, "planning:readiness", ""),
}


def period_of(obj: Model) -> Period:
    if isinstance(obj, Tujuan):
        return obj.misi.period
    if isinstance(obj, Sasaran):
        return obj.tujuan.misi.period
    if isinstance(obj, Strategy | RpjmdProgram):
        return obj.sasaran.tujuan.misi.period
    if isinstance(obj, Indicator):
        return period_of(obj.owner)
    return obj.period  # type: ignore[attr-defined]


@requires("plan.edit")
def item_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    model, form_class, back, parent_field = KINDS[kind]
    obj = get_object_or_404(model, pk=pk) if pk else model()
    period = period_of(obj) if pk else _period(request)
    if period is None:
        return _no_period(request)
    before = snapshot(obj) if pk else {}  # before the form: validation writes into the instance
    kwargs: dict[str, Any] = {"period": period, "instance": obj}
    if kind == "indikator" and not pk:
        kwargs["owner"] = request.GET.get("induk", "")
    elif parent_field and not pk and request.GET.get("induk", "").isdigit():
        kwargs["initial"] = {parent_field: int(request.GET["induk"])}
    if kind == "pernyataan" and not pk:
        kwargs["initial"] = {"kind": request.GET.get("jenis", ""), "dimension": request.GET.get("dimensi", "")}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            if hasattr(item, "period_id") and not isinstance(item, Period):
                item.period = period
            if isinstance(item, ReadinessRating):
                item.rated_by = request.user
            item.save()
            form.save_m2m()
            record(request.user, item, "update" if pk else "create", diff(before, snapshot(item)))
        messages.success(request, _("Tersimpan."))
        return redirect(reverse(back) + f"?periode={period.pk}")
    title = (_("Ubah %(what)s") if pk else _("Tambah %(what)s")) % {"what": model._meta.verbose_name}
    return render(
        request,
        "planning/form.html",
        _common(request, period, form=form, title=title, back=reverse(back) + f"?periode={period.pk}", kind=kind),
    )


@requires("plan.edit")
def item_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    model, _form, back, _parent = KINDS[kind]
    obj = get_object_or_404(model, pk=pk)
    period = period_of(obj)
    if request.method == "POST":
        with transaction.atomic():
            record(request.user, obj, "delete", {k: [v, None] for k, v in snapshot(obj).items()})
            obj.delete()
        messages.success(request, _("Dihapus."))
        return redirect(reverse(back) + f"?periode={period.pk}")
    return render(request, "planning/confirm_delete.html", _common(request, period, obj=obj, back=reverse(back)))


@requires("plan.edit")
def period_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    obj = get_object_or_404(Period, pk=pk) if pk else Period()
    before = snapshot(obj) if pk else {}
    form = plan_forms.PeriodForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            period = form.save()
            record(request.user, period, "update" if pk else "create", diff(before, snapshot(period)))
        messages.success(request, _("Tersimpan."))
        return redirect(reverse("planning:cascade") + f"?periode={period.pk}")
    title = _("Ubah periode RPJMD") if pk else _("Periode RPJMD baru")
    return render(
        request,
        "planning/form.html",
        _common(request, obj if pk else None, form=form, title=title, back=reverse("planning:overview")),
    )


@requires("plan.edit")
def settings_edit(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    before = snapshot(period)
    form = plan_forms.SettingsForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            record(request.user, period, "update", diff(before, snapshot(period)), label=_("Pengaturan analisis"))
        messages.success(request, _("Pengaturan tersimpan."))
        return redirect(reverse("planning:gaps") + f"?periode={period.pk}")
    return render(
        request,
        "planning/form.html",
        _common(
            request,
            period,
            form=form,
            title=_("Pengaturan celah dan prioritas"),
            help=_(
                "Elemen lemah: skor di bawah ambang ATAU termasuk bagian terbawah. Desa rendah: termasuk bagian "
                "terbawah indeks ATAU berstatus IDM Tertinggal/Sangat Tertinggal. Bobot prioritas tidak harus "
                "berjumlah 1: skor dibagi jumlah bobot komponen yang dapat dinilai."
            ),
            back=reverse("planning:gaps"),
        ),
    )


# ------------------------------------------------------------------------------------------------ programmes


def programme_list(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    qs = visible_programmes(request.user, period)
    filters = {}
    for key, field, allowed in (
        ("dimensi", "dimension", DIMENSION_CODES),
        ("horizon", "horizon", [h for h, _label in HORIZON_CHOICES]),
        ("status", "status", ["planned", "ongoing", "done"]),
    ):
        value = request.GET.get(key, "")
        if value in allowed:
            qs = qs.filter(**{field: value})
            filters[key] = value
    programmes = list(with_links(qs).order_by("dimension", "start_year", "name"))
    for p in programmes:
        p.budget_total = sum(b.amount for b in p.budget_list)
    return render(
        request,
        "planning/programme_list.html",
        _common(
            request,
            period,
            programmes=programmes,
            filters=filters,
            dimensions=[(c, DIMENSION_NAMES[c][0]) for c in DIMENSION_CODES],
            horizons=HORIZON_CHOICES,
        ),
    )


def _programme_or_404(request: HttpRequest, pk: int) -> Programme:
    p = get_object_or_404(Programme.objects.select_related("period", "approved_by"), pk=pk)
    if not p.is_approved and not can(request.user, "plan.view_draft"):
        raise Http404  # drafts do not exist for the public
    return p


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = _programme_or_404(request, pk)
    p = with_links(Programme.objects.filter(pk=p.pk)).select_related("period", "approved_by").get()
    measurements = load_measurements() if can(request.user, "plan.view_draft") else None
    elements = [
        {
            "code": code,
            "name": (measurements.names if measurements else ELEMENT_NAMES).get(code, (code, code))[0],
            "score": measurements.element_scores.get(code) if measurements else None,
        }
        for code in p.elements
    ]
    history = (
        readable(
            list(
                ChangeLog.objects.filter(
                    # the yearly realisations (petakan.monitoring) are part of the programme's story
                    Q(object_type="programme", object_id=p.pk)
                    | Q(object_type="realisation", object_id__in=p.realisations.values("pk"))
                ).select_related("user__area")[:50]
            )
        )
        if can(request.user, "plan.view_draft")
        else []
    )
    return render(
        request,
        "planning/programme_detail.html",
        _common(
            request,
            p.period,
            p=p,
            elements=elements,
            measures=p.measures.all(),
            history=history,
            budget_total=sum(b.amount for b in p.budget_list),
            run=measurements.run if measurements else None,
            may_view_realisation=can(request.user, "realisation.view"),
            realisation_year=min(max(timezone.localdate().year, p.start_year), p.end_year),
        ),
    )


@requires("plan.edit")
def programme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk:
        obj = get_object_or_404(Programme.objects.select_related("period"), pk=pk)
        period = obj.period
    else:
        period = _period(request)
        if period is None:
            return _no_period(request)
        obj = Programme(period=period)
    before = _programme_snapshot(obj) if pk else {}  # before the form: validation writes into the instance
    measurements = load_measurements()
    indicator_codes = set(measurements.indicator_element) if measurements.run is not None else None
    initial: dict[str, Any] = {}
    if not pk:
        initial = _prefill(request, period)
    form = plan_forms.ProgrammeForm(
        request.POST or None, instance=obj, period=period, indicator_codes=indicator_codes, initial=initial
    )
    budget = plan_forms.BudgetFormSet(request.POST or None, instance=obj, prefix="anggaran")
    measures = plan_forms.MeasureFormSet(request.POST or None, instance=obj, prefix="ukuran")
    if request.method == "POST":
        form_ok = form.is_valid()
        if form_ok:
            budget.start_year, budget.end_year = form.cleaned_data["start_year"], form.cleaned_data["end_year"]
        if form_ok and budget.is_valid() and measures.is_valid():
            with transaction.atomic():
                programme = form.save(commit=False)
                withdrawn = programme.is_approved
                if withdrawn:
                    programme.approved_at = None
                    programme.approved_by = None
                if pk:
                    programme.version = obj.version + 1
                programme.save()
                form.save_m2m()
                budget.instance = measures.instance = programme
                budget.save()
                measures.save()
                record(
                    request.user, programme, "update" if pk else "create", diff(before, _programme_snapshot(programme))
                )
            if withdrawn:
                messages.warning(request, _("Persetujuan Dewan dicabut karena program diubah; perlu disetujui lagi."))
            messages.success(request, _("Program tersimpan."))
            return redirect("planning:programme", pk=programme.pk)
    villages_by_district: dict[int, list] = defaultdict(list)
    for checkbox in form["villages"]:
        villages_by_district[checkbox.data["value"].instance.parent_id].append(checkbox)
    districts = []
    for cb in form["districts"]:
        villages = villages_by_district.get(cb.data["value"].value, [])
        chosen = sum(1 for v in villages if v.data["selected"])
        districts.append((cb, villages, cb.data["selected"], chosen))
    return render(
        request,
        "planning/programme_form.html",
        _common(
            request,
            period,
            form=form,
            budget=budget,
            measures=measures,
            obj=obj if pk else None,
            districts=districts,
            elements_by_dimension=_elements_by_dimension(form),
            run=measurements.run,
        ),
    )


def _programme_snapshot(p: Programme) -> dict[str, Any]:
    data = snapshot(p)
    if p.pk:
        data["budget_lines"] = [[b.year, b.source, b.amount] for b in p.budget_lines.all()]
        data["measures"] = [[m.kind, m.name, m.target] for m in p.measures.all()]
    return data


def _elements_by_dimension(form: plan_forms.ProgrammeForm) -> list[tuple[str, list]]:
    groups: dict[str, list] = defaultdict(list)
    for checkbox in form["elements"]:
        groups[ELEMENT_DIMENSION[checkbox.data["value"]]].append(checkbox)
    return [(DIMENSION_NAMES[d][0], groups[d]) for d in DIMENSION_CODES]


def _prefill(request: HttpRequest, period: Period) -> dict[str, Any]:
    """A new programme opened from a gap: ?elemen=…, ?desa=…, ?kecamatan=…, ?sasaran=…"""
    initial: dict[str, Any] = {"start_year": period.start_year, "end_year": period.start_year}
    element = request.GET.get("elemen", "")
    if element in ELEMENT_DIMENSION:
        initial["elements"] = [element]
        initial["dimension"] = ELEMENT_DIMENSION[element]
    village = Area.objects.filter(code=request.GET.get("desa", ""), level="village").first()
    if village:
        initial["villages"] = [village.pk]
    district = Area.objects.filter(code=request.GET.get("kecamatan", ""), level="district").first()
    if district:
        initial["districts"] = [district.pk]
    sasaran = request.GET.get("sasaran", "")
    if sasaran.isdigit() and Sasaran.objects.filter(pk=int(sasaran), tujuan__misi__period=period).exists():
        initial["sasaran"] = [int(sasaran)]
    return initial


@requires("plan.edit")
def programme_delete(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Programme, pk=pk)
    if request.method == "POST":
        with transaction.atomic():
            record(request.user, obj, "delete", {k: [v, None] for k, v in _programme_snapshot(obj).items()})
            obj.delete()
        messages.success(request, _("Program dihapus."))
        return redirect(reverse("planning:programmes") + f"?periode={obj.period_id}")
    return render(
        request,
        "planning/confirm_delete.html",
        _common(request, obj.period, obj=obj, back=reverse("planning:programme", args=[pk])),
    )


@require_POST
@requires("plan.approve")
def programme_approve(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_object_or_404(Programme, pk=pk)
    withdraw = request.POST.get("action") == "withdraw"
    before = snapshot(p)
    with transaction.atomic():
        if withdraw:
            p.approved_at, p.approved_by = None, None
        else:
            p.approved_at, p.approved_by = timezone.now(), request.user
        p.save(update_fields=["approved_at", "approved_by"])
        record(request.user, p, "withdraw" if withdraw else "approve", diff(before, snapshot(p)))
    messages.success(request, _("Persetujuan dicabut.") if withdraw else _("Program disetujui Dewan Smart City."))
    return redirect("planning:programme", pk=pk)


# ------------------------------------------------------------------------------------------- analysis pages


@requires("plan.view_draft")
def gaps(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    state = plan_state(period, Programme.objects.filter(period=period))
    language = get_language() or "id"
    village_ids = dict(Area.objects.filter(level="village").values_list("code", "pk"))
    sections = []
    for result in state.gaps():
        title, help_text = RULE_TITLES[result.rule]
        entries = [
            {"gap": gap, "reason": gap.reason(language), "links": _fix_links(gap, period, village_ids)}
            for gap in result.gaps
        ]
        sections.append(
            {
                "rule": result.rule,
                "title": title,
                "help": help_text,
                "evaluable": result.evaluable,
                "notes": result.notes(language),
                "entries": entries,
            }
        )
    m = state.measurements
    from petakan.monitoring.proposals import on_weak_elements

    # village proposals waiting on the weak elements no programme takes up (monitoring.proposals)
    weak_rules = [x for x in sections if x["rule"] == rules.RULE_WEAK_ELEMENT]
    weak = [e["gap"].element for x in weak_rules for e in x["entries"] if e["gap"].element]
    return render(
        request,
        "planning/gaps.html",
        _common(
            request,
            period,
            sections=sections,
            run=m.run,
            idm_available=m.idm_available,
            idm_year=m.idm_year,
            idm_demo=m.idm_demo,
            n_programmes=len(state.programmes),
            weak_proposals=on_weak_elements(weak, period),
        ),
    )


def _fix_links(gap: rules.Gap, period: Period, village_ids: dict[str, int]) -> list[tuple[str, str]]:
    new = reverse("planning:programme_new") + f"?periode={period.pk}"
    if gap.rule == rules.RULE_UNLINKED:
        return [(_("Tautkan ke RPJMD"), reverse("planning:programme_edit", args=[gap.programme_id]) + "#rpjmd")]
    if gap.rule == rules.RULE_WEAK_ELEMENT:
        return [(_("Tambah program untuk elemen ini"), f"{new}&elemen={gap.element}")]
    if gap.rule == rules.RULE_LOW_VILLAGE:
        return [
            (_("Tambah program untuk desa ini"), f"{new}&desa={gap.village}"),
            (_("Lihat desa"), reverse("web:area", args=[gap.village])),
        ]
    if gap.rule == rules.RULE_SASARAN:
        return [(_("Tambah program untuk sasaran ini"), f"{new}&sasaran={gap.sasaran_id}")]
    return [
        (_("Buka program pertama"), reverse("planning:programme", args=[gap.programme_id])),
        (_("Buka program kedua"), reverse("planning:programme", args=[gap.other_programme_id])),
    ]


def _matrices(request: HttpRequest, period: Period) -> tuple[rules.Matrix, rules.Matrix]:
    state = plan_state(period, visible_programmes(request.user, period), measurements=no_measurements())
    a = state.sasaran_matrix()
    a.title = _("Program × sasaran RPJMD")
    b = state.element_matrix()
    b.title = _("Program × elemen Smart City")
    return a, b


MATRIX_LEGEND = [
    gettext_lazy("L = tautan langsung ke sasaran; P = melalui program RPJMD di bawah sasaran itu"),
    gettext_lazy("E = elemen dipilih langsung; I = melalui indikator elemen itu"),
]


def alignment(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    a, b = _matrices(request, period)
    return render(
        request,
        "planning/alignment.html",
        _common(
            request,
            period,
            matrices=[
                {
                    "title": m.title,
                    "columns": m.columns,
                    "rows": [(pid, label, cells) for (pid, label), cells in zip(m.rows, m.cells, strict=True)],
                }
                for m in (a, b)
            ],
            legend=[str(x) for x in MATRIX_LEGEND],
        ),
    )


def alignment_xlsx(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        raise Http404
    a, b = _matrices(request, period)
    content = matrices_xlsx(
        [(_("Program x Sasaran"), a), (_("Program x Elemen"), b)],
        [str(x) for x in MATRIX_LEGEND],
        demo=period.is_demo,
    )
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="keselarasan-{period.start_year}-{period.end_year}.xlsx"'
    return response


@requires("plan.view_draft")
def priorities(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    state = plan_state(period, Programme.objects.filter(period=period))
    language = get_language() or "id"
    scored = state.priorities()
    by_id = {p.pk: p for p in state.programmes}
    rows = sorted(
        [{"p": by_id[x.programme_id], "priority": x, "explanation": x.explanation(language)} for x in scored],
        key=lambda r: (r["priority"].score is None, -(r["priority"].score or 0)),
    )
    shortlist = [
        {"p": by_id[p.id], "priority": x}
        for p, x in rules.quick_win_shortlist(state.inputs, scored, n=period.quick_win_count)
    ]
    return render(
        request,
        "planning/priorities.html",
        _common(request, period, rows=rows, shortlist=shortlist, run=state.measurements.run),
    )


def roadmap(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    state = plan_state(period, visible_programmes(request.user, period), measurements=no_measurements())
    road = state.roadmap()
    budget = state.budget()
    names = {d: DIMENSION_NAMES[d][0] for d in DIMENSION_CODES}
    chart = {
        "years": road.years,
        "series": [{"code": d, "name": names[d], "counts": road.counts[d]} for d in DIMENSION_CODES],
        "label": _("Jumlah program"),
    }
    table = [{"name": names[d], "counts": road.counts[d], "budget": road.budget[d]} for d in DIMENSION_CODES]
    horizons = dict(HORIZON_CHOICES)
    by_horizon = [(horizons[h], budget.by_horizon[h]) for h, _label in HORIZON_CHOICES if h in budget.by_horizon]
    undated = [p for p in state.programmes if p.pk in road.undated]
    return render(
        request,
        "planning/roadmap.html",
        _common(
            request,
            period,
            chart=chart,
            table=table,
            years=road.years,
            budget=budget,
            by_horizon=by_horizon,
            by_dimension=[(names[d], budget.by_dimension.get(d, 0)) for d in DIMENSION_CODES],
            by_source=[(BudgetSource(k).label, v) for k, v in sorted(budget.by_source.items())],
            undated=undated,
        ),
    )


@requires("plan.view_draft")
def readiness(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    swot = defaultdict(lambda: defaultdict(list))
    for entry in period.swot.all():
        swot[entry.element][entry.quadrant].append(entry)
    ratings = {r.element: r for r in period.ratings.select_related("rated_by")}
    rubric = {r.level: r for r in period.rubric.all()}
    elements = [
        {
            "code": code,
            "label": label,
            "optional": code in {ReadinessElement.ALAM, ReadinessElement.BUDAYA},
            "rating": ratings.get(code),
            "rubric": rubric.get(ratings[code].rating) if code in ratings else None,
            "quadrants": [(q, qlabel, swot[code][q]) for q, qlabel in Quadrant.choices],
        }
        for code, label in ReadinessElement.choices
    ]
    return render(
        request,
        "planning/readiness.html",
        _common(request, period, elements=elements, rubric=list(rubric.values())),
    )


@requires("plan.edit")
def rubric_edit(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    formset = plan_forms.RubricFormSet(request.POST or None, instance=period, prefix="rubrik")
    if request.method == "POST" and formset.is_valid():
        before = {"rubric": [[r.level, r.label, r.description] for r in period.rubric.all()]}
        with transaction.atomic():
            formset.save()
            after = {"rubric": [[r.level, r.label, r.description] for r in period.rubric.all()]}
            record(request.user, period, "update", diff(before, after), label=_("Rubrik kesiapan"))
        messages.success(request, _("Rubrik tersimpan."))
        return redirect(reverse("planning:readiness") + f"?periode={period.pk}")
    return render(request, "planning/rubric_form.html", _common(request, period, formset=formset))


@requires("plan.view_draft")
def smart_city(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    statements = list(period.smart_statements.prefetch_related("misi"))
    visions = [s for s in statements if s.kind == SmartStatement.Kind.VISION]
    by_dimension = [
        {
            "code": d,
            "name": DIMENSION_NAMES[d][0],
            "missions": [s for s in statements if s.kind == SmartStatement.Kind.MISSION and s.dimension == d],
            "strategies": [s for s in statements if s.kind == SmartStatement.Kind.STRATEGY and s.dimension == d],
        }
        for d in DIMENSION_CODES
    ]
    return render(
        request, "planning/smart_city.html", _common(request, period, visions=visions, by_dimension=by_dimension)
    )


@requires("plan.view_draft")
def history(request: HttpRequest) -> HttpResponse:
    entries = readable(list(ChangeLog.objects.select_related("user__area")[:300]))
    return render(request, "planning/history.html", _common(request, current_period(), entries=entries))


# ----------------------------------------------------------------------------------------------------- books


def books(request: HttpRequest) -> HttpResponse:
    """The four masterplan books as editable DOCX and as PDF; the staff-only ones are listed to plan.view_draft
    roles."""
    period = _period(request)
    if period is None:
        return _no_period(request)
    query = f"?periode={period.pk}"
    listed = [
        {
            "book": b,
            "url": reverse("planning:book", args=[b.slug]) + query,
            "pdf_url": reverse("planning:book_pdf", args=[b.slug]) + query,
            "pdf_job_url": reverse("planning:book_job", args=[b.slug]) + query,
        }
        for b in BOOKS.values()
        if can(request.user, b.action)
    ]
    return render(request, "planning/books.html", _common(request, period, books=listed))


def book_docx(request: HttpRequest, slug: str, fmt: str = "docx") -> HttpResponse:
    """One book as .docx or PDF, with the same permission as the pages it draws on (see books.BOOKS)."""
    book = BOOKS.get(slug)
    if book is None:
        raise Http404
    if not can(request.user, book.action):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    period = _period(request)
    if period is None:
        raise Http404
    try:
        content = build_book(slug, period, request.user, fmt=fmt)
    except PdfError as exc:
        return HttpResponse(
            _("PDF tidak dapat dibuat: %(reason)s") % {"reason": exc}, status=503, content_type="text/plain"
        )
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE if fmt == "pdf" else DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slug}-{period.start_year}-{period.end_year}.{fmt}"'
    return response


@require_POST
def book_job(request: HttpRequest, slug: str) -> HttpResponse:
    """A signed-in user's PDF of a book is built by the worker (LibreOffice takes seconds to a minute); the job's
    page links the file. The GET address (book_pdf) still builds it in the request, for the public."""
    book = BOOKS.get(slug)
    if book is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("planning:books"))
    if not can(request.user, book.action):
        raise PermissionDenied
    period = _period(request)
    if period is None:
        raise Http404
    from petakan.jobs.services import enqueue
    from petakan.planning.tasks import build_book as build_task

    label = _("PDF buku %(number)d %(title)s (%(start)d–%(end)d)") % {
        "number": book.number,
        "title": book.title,
        "start": period.start_year,
        "end": period.end_year,
    }
    params = {"slug": slug, "period_id": period.pk, "fmt": "pdf", "lang": get_language() or "id"}
    job = enqueue(build_task, kind="planning.book", label=label, user=request.user, **params)
    return redirect("jobs:job", job.pk)


# ---------------------------------------------------------------------------------------------------- import


@requires("plan.edit")
def import_cascade(request: HttpRequest) -> HttpResponse:
    form = plan_forms.ImportForm(request.POST or None, request.FILES or None)
    report, problems = None, []
    if request.method == "POST" and form.is_valid():
        try:
            report = importer.import_cascade(
                request.FILES["file"], commit=form.cleaned_data["commit"], user=request.user
            )
        except importer.CascadeImportError as exc:
            problems = exc.problems
        else:
            if report.committed:
                messages.success(request, report.summary())
                return redirect(reverse("planning:cascade") + f"?periode={report.period.pk}")  # type: ignore[union-attr]
    return render(
        request,
        "planning/import.html",
        _common(request, current_period(), form=form, report=report, problems=problems),
    )


@requires("plan.edit")
def template_xlsx(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        raise Http404
    out = io.BytesIO()
    importer.write_template(out, period.years(), period)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="rpjmd-{period.start_year}-{period.end_year}.xlsx"'
    return response
