"""Monitoring pages: the yearly realisation of each programme (entered by the analyst, reviewed by the admin) and the
progress views the council reads. Thin: load through ``services``, compare with ``lib.monitoring``, render.

Who (petakan.accounts.permissions): ``realisation.view`` (admin, analyst, council) reads everything here;
``realisation.edit`` (admin, analyst) enters realisations and RPJMD indicator values; ``realisation.review``
(admin) accepts or returns a submitted realisation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from petakan.accounts.permissions import can
from petakan.lib import monitoring as calc
from petakan.lib.uploads import UploadError, check_evidence
from petakan.monitoring import services
from petakan.monitoring.forms import RealisationForm, ReviewForm
from petakan.monitoring.models import (
    Evidence,
    IndicatorRealisation,
    MeasureRealisation,
    Realisation,
    RealisationSpend,
    ReviewState,
)
from petakan.planning.framework import DIMENSION_CODES, DIMENSION_NAMES
from petakan.planning.history import diff, readable, record
from petakan.planning.models import ChangeLog, Period, Programme, Sasaran
from petakan.planning.services import current_period
from petakan.planning.views import requires
from petakan.uploads import limits, message


def _period(request: HttpRequest) -> Period | None:
    wanted = request.GET.get("periode", "")
    if wanted.isdigit():
        return get_object_or_404(Period, pk=int(wanted))
    return current_period()


def _year(request: HttpRequest, first: int, last: int) -> int:
    """?tahun= when it is a year of the range, else this year kept inside the range."""
    wanted = request.GET.get("tahun", "")
    if wanted.isdigit() and first <= int(wanted) <= last:
        return int(wanted)
    return min(max(timezone.localdate().year, first), last)


def _common(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        "may_edit": can(request.user, "realisation.edit"),
        "may_review": can(request.user, "realisation.review"),
        "reason_rules": [
            _("Belum dimulai: tahun ini termasuk tahun program, tetapi realisasinya belum diisi atau berstatus "
              "belum dimulai."),
            _("Serapan rendah: serapan anggaran tahun ini kurang dari %(share)s%% dari bagian tahun yang sudah "
              "berjalan (tahun yang sudah lewat dihitung penuh).") % {"share": round(100 * calc.LOW_ABSORPTION_SHARE)},
            _("Indikator tertinggal: nilai realisasi sebuah indikator di bawah target tahun itu; target kualitatif "
              "(mis. «WTP») tercapai hanya bila nilainya sama."),
        ],
        **extra,
    }  # fmt: skip


def _no_period(request: HttpRequest) -> HttpResponse:
    return render(request, "monitoring/no_period.html", _common(request))


# ------------------------------------------------------------------------------------------------ summary


@requires("realisation.view")
def summary(request: HttpRequest) -> HttpResponse:
    """The regency summary the council reads on a phone: status, absorption, indicators, behind schedule."""
    period = _period(request)
    if period is None:
        return _no_period(request)
    year = _year(request, period.start_year, period.end_year)
    progress = services.period_progress(period, Programme.objects.all())
    s = services.summarise(progress, period, year)
    return render(
        request,
        "monitoring/summary.html",
        _common(
            request,
            period=period,
            year=year,
            years=period.years(),
            s=s,
            behind=[(pp, services.reason_texts(codes)) for pp, codes in s.behind],
            rows=[(pp, pp.row(year)) for pp in s.programmes],
            dimensions=[(code, DIMENSION_NAMES[code][0]) for code in DIMENSION_CODES],
        ),
    )


@requires("realisation.view")
def worklist(request: HttpRequest) -> HttpResponse:
    """Programmes running in a year with the state of their realisation: to enter, draft, to review, returned,
    accepted."""
    period = _period(request)
    if period is None:
        return _no_period(request)
    year = _year(request, period.start_year, period.end_year)
    programmes = Programme.objects.filter(period=period, start_year__lte=year, end_year__gte=year).order_by(
        "dimension", "name"
    )
    entered = {r.programme_id: r for r in Realisation.objects.filter(programme__in=programmes, year=year)}
    rows = [(p, entered.get(p.pk)) for p in programmes]
    return render(
        request,
        "monitoring/worklist.html",
        _common(request, period=period, year=year, years=period.years(), rows=rows),
    )


@requires("realisation.view")
def behind(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    if period is None:
        return _no_period(request)
    year = _year(request, period.start_year, period.end_year)
    s = services.summarise(services.period_progress(period, Programme.objects.all()), period, year)
    return render(
        request,
        "monitoring/behind.html",
        _common(
            request,
            period=period,
            year=year,
            years=period.years(),
            behind=[(pp, services.reason_texts(codes)) for pp, codes in s.behind],
        ),
    )


@requires("realisation.view")
def dimension(request: HttpRequest, code: str) -> HttpResponse:
    if code not in DIMENSION_CODES:
        raise Http404
    period = _period(request)
    if period is None:
        return _no_period(request)
    year = _year(request, period.start_year, period.end_year)
    progress = services.period_progress(period, Programme.objects.filter(dimension=code))
    s = services.summarise(progress, period, year)
    return render(
        request,
        "monitoring/dimension.html",
        _common(
            request,
            period=period,
            year=year,
            years=period.years(),
            code=code,
            name=DIMENSION_NAMES[code][0],
            s=s,
            rows=[(pp, pp.row(year), pp.absorption(range(period.start_year, year + 1))) for pp in progress],
            behind=[(pp, services.reason_texts(codes)) for pp, codes in s.behind],
        ),
    )


# ------------------------------------------------------------------------------------------------ programme


@requires("realisation.view")
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """Target vs realisation per year (chart and table) and budget planned vs spent per year and source."""
    qs = services.programmes_with_monitoring(Programme.objects.filter(pk=pk).select_related("period"))
    p = qs.first()
    if p is None:
        raise Http404
    pp = services.progress(p)
    sources = pp.sources()
    budget_rows = []
    for row in pp.years:
        cells = [pp.absorption([row.year], s) for s in sources]
        budget_rows.append((row, cells, pp.absorption([row.year])))
    totals = [pp.absorption(None, s) for s in sources]
    source_names = dict(services.BudgetSource.choices)
    return render(
        request,
        "monitoring/programme.html",
        _common(
            request,
            p=p,
            period=p.period,
            pp=pp,
            chart=services.chart_data(pp),
            sources=[(s, source_names[s]) for s in sources],
            budget_rows=budget_rows,
            totals=totals,
            total=pp.absorption(),
            measure_years=[(m, [r.measures[i] for r in pp.years]) for i, m in enumerate(p.measure_list)],
            reasons=[(row.year, services.reason_texts(row.reasons)) for row in pp.years if row.reasons],
        ),
    )


def _programme_year(pk: int, year: int) -> tuple[Programme, Realisation | None]:
    p = get_object_or_404(Programme.objects.select_related("period"), pk=pk)
    if not (p.period.start_year <= year <= p.period.end_year or p.start_year <= year <= p.end_year):
        raise Http404
    return p, Realisation.objects.filter(programme=p, year=year).first()


def _history(r: Realisation | None) -> list:
    if r is None:
        return []
    entries = ChangeLog.objects.filter(object_type="realisation", object_id=r.pk).select_related("user__area")[:50]
    return readable(list(entries))


@requires("realisation.view")
def realisation(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    p, r = _programme_year(pk, year)
    rows = services.measure_rows(p, r, year)
    for row in rows:
        lower = calc.lower_is_better(row["measure"].baseline, row["measure"].target)
        row["result"] = calc.compare(row["target"], row["value"], lower_better=lower)
    planned = calc.absorption(
        [calc.Money(b.year, b.source, float(b.amount)) for b in p.budget_lines.all()],
        [calc.Money(year, s.source, float(s.amount)) for s in (r.spending.all() if r else [])],
        [year],
    )
    return render(
        request,
        "monitoring/realisation.html",
        _common(
            request,
            p=p,
            period=p.period,
            year=year,
            r=r,
            rows=rows,
            absorption=planned,
            spending=list(r.spending.all()) if r else [],
            files=list(r.files.defer("data")) if r else [],
            history=_history(r),
            review_form=ReviewForm(),
        ),
    )


@requires("realisation.edit")
def realisation_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """Enter or change the realisation of one programme in one year. Every file is checked before anything is
    written; a save after acceptance sends it back to draft; a form opened before someone else's save is refused."""
    p, r = _programme_year(pk, year)
    obj = r or Realisation(programme=p, year=year, is_demo=False)
    before = services.realisation_snapshot(r) if r else {}
    spend = {s.source: int(s.amount) for s in r.spending.all()} if r else {}
    planned: dict[str, int] = {}
    for b in p.budget_lines.filter(year=year):
        planned[b.source] = planned.get(b.source, 0) + int(b.amount)
    form = RealisationForm(
        request.POST or None,
        request.FILES or None,
        instance=obj,
        measures=services.measure_rows(p, r, year),
        spend=spend,
    )
    if request.method == "POST" and form.is_valid():
        opened = form.cleaned_data.get("version") or 0
        current = r.version if r else 0
        if opened != current:
            form.add_error(
                None,
                _("Realisasi ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu isi lagi."),
            )
        checked = []
        for f in form.cleaned_data.get("evidence_files") or []:
            data = f.read(limits("evidence").max_bytes + 1)
            try:
                content_type = check_evidence(data, f.name, limits("evidence"))
            except UploadError as exc:
                form.add_error("evidence_files", message(exc))
                continue
            checked.append((f.name[:200], content_type, data))
        if not form.errors:
            return _save(request, form, obj, r, before, checked)
    return render(
        request,
        "monitoring/realisation_form.html",
        _common(
            request,
            p=p,
            period=p.period,
            year=year,
            r=r,
            form=form,
            planned=planned,
            spend_rows=[(form[name], planned.get(source, 0)) for source, name in form.source_fields],
            files=list(r.files.defer("data")) if r else [],
        ),
    )


def _save(
    request: HttpRequest,
    form: RealisationForm,
    obj: Realisation,
    r: Realisation | None,
    before: dict[str, Any],
    files: list[tuple[str, str, bytes]],
) -> HttpResponse:
    submit = request.POST.get("submit") == "1"
    with transaction.atomic():
        realisation = form.save(commit=False)
        was_accepted = r is not None and r.review == ReviewState.ACCEPTED
        # any save is a draft until it is (re)submitted: the admin reviews what is there now, not what was accepted
        realisation.review = ReviewState.DRAFT
        if r is not None:
            realisation.version = r.version + 1
        realisation.entered_by = request.user
        realisation.entered_at = timezone.now()
        realisation.save()
        spend = form.spend()
        realisation.spending.exclude(source__in=spend).delete()
        for source, amount in spend.items():
            RealisationSpend.objects.update_or_create(
                realisation=realisation, source=source, defaults={"amount": amount}
            )
        for measure, target, value, note in form.values():
            if target or value or note:
                MeasureRealisation.objects.update_or_create(
                    realisation=realisation, measure=measure, defaults={"target": target, "value": value, "note": note}
                )
            else:
                MeasureRealisation.objects.filter(realisation=realisation, measure=measure).delete()
        for name, content_type, data in files:
            Evidence.objects.create(
                realisation=realisation,
                name=name,
                content_type=content_type,
                size=len(data),
                data=data,
                uploaded_by=request.user,
            )
        record(
            request.user,
            realisation,
            "update" if r else "create",
            diff(before, services.realisation_snapshot(realisation)),
        )
        if submit:
            _submit(request, realisation)
    if was_accepted:
        messages.warning(
            request, _("Realisasi yang sudah diterima diubah: kembali menjadi draf dan perlu ditinjau lagi.")
        )
    messages.success(
        request, _("Realisasi tersimpan.") if not submit else _("Realisasi tersimpan dan diajukan untuk ditinjau.")
    )
    return redirect("monitoring:realisation", pk=realisation.programme_id, year=realisation.year)


def _submit(request: HttpRequest, r: Realisation) -> None:
    before = {"review": r.review}
    r.review = ReviewState.SUBMITTED
    r.version += 1
    r.save(update_fields=["review", "version", "updated"])
    record(request.user, r, "submit", diff(before, {"review": r.review}))


@require_POST
@requires("realisation.edit")
def realisation_submit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    _p, r = _programme_year(pk, year)
    if r is None:
        raise Http404
    if r.review in (ReviewState.DRAFT, ReviewState.RETURNED):
        with transaction.atomic():
            _submit(request, r)
        messages.success(request, _("Realisasi diajukan untuk ditinjau."))
    return redirect("monitoring:realisation", pk=pk, year=year)


@require_POST
@requires("realisation.review")
def realisation_review(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    _p, r = _programme_year(pk, year)
    if r is None:
        raise Http404
    form = ReviewForm(request.POST)
    if r.review != ReviewState.SUBMITTED:
        messages.error(request, _("Hanya realisasi yang sudah diajukan yang dapat ditinjau."))
    elif not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    else:
        accept = form.cleaned_data["action"] == "accept"
        before = {"review": r.review, "review_note": r.review_note}
        r.review = ReviewState.ACCEPTED if accept else ReviewState.RETURNED
        r.review_note = form.cleaned_data["note"].strip()
        r.reviewed_by = request.user
        r.reviewed_at = timezone.now()
        r.version += 1
        with transaction.atomic():
            r.save()
            record(
                request.user,
                r,
                "accept" if accept else "return",
                diff(before, {"review": r.review, "review_note": r.review_note}),
            )
        messages.success(request, _("Realisasi diterima.") if accept else _("Realisasi dikembalikan ke analis."))
    return redirect("monitoring:realisation", pk=pk, year=year)


@requires("realisation.view")
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file, always as a download with the type its first bytes proved (never rendered inline)."""
    e = get_object_or_404(Evidence, pk=pk)
    response = HttpResponse(bytes(e.data), content_type=e.content_type)
    safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in e.name) or "bukti"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires("realisation.edit")
def evidence_remove(request: HttpRequest, pk: int, year: int, file_pk: int) -> HttpResponse:
    """Remove one evidence file uploaded by mistake: a confirmation page on GET, the removal on POST. Only a file of
    this programme's realisation in this year is found; removing from an accepted realisation sends it back to draft,
    as any other edit after acceptance does, and the history names the file."""
    p, r = _programme_year(pk, year)
    if r is None:
        raise Http404
    e = get_object_or_404(Evidence.objects.defer("data"), pk=file_pk, realisation=r)
    if request.method != "POST":
        return render(
            request, "monitoring/evidence_remove.html", _common(request, p=p, period=p.period, year=year, r=r, e=e)
        )
    with transaction.atomic():
        r = Realisation.objects.select_for_update().get(pk=r.pk)
        before = services.realisation_snapshot(r)
        was_accepted = r.review == ReviewState.ACCEPTED
        e.delete()
        if was_accepted:
            r.review = ReviewState.DRAFT
        r.version += 1
        r.save(update_fields=["review", "version", "updated"])
        changes = {"removed_file": [None, e.name], **diff(before, services.realisation_snapshot(r))}
        record(request.user, r, "update", changes)
    if was_accepted:
        messages.warning(
            request, _("Realisasi yang sudah diterima diubah: kembali menjadi draf dan perlu ditinjau lagi.")
        )
    messages.success(request, _("Berkas bukti «%(name)s» dihapus.") % {"name": e.name})
    return redirect("monitoring:realisation", pk=pk, year=year)


# ------------------------------------------------------------------------------------------------ RPJMD sasaran


@requires("realisation.view")
def sasaran(request: HttpRequest, pk: int) -> HttpResponse:
    """A sasaran's indicators: target vs realised per year (entered here), and the programmes serving it."""
    s = get_object_or_404(Sasaran.objects.select_related("tujuan__misi__period"), pk=pk)
    period = s.tujuan.misi.period
    years = period.years()
    if request.method == "POST":
        if not can(request.user, "realisation.edit"):
            raise PermissionDenied
        return _save_indicator_values(request, s, years)
    rows = services.sasaran_indicators(s, years)
    programmes = services.period_progress(
        period, Programme.objects.filter(sasaran=s) | Programme.objects.filter(rpjmd_programs__sasaran=s)
    )
    year = _year(request, period.start_year, period.end_year)
    unique = {pp.programme.pk: pp for pp in programmes}
    return render(
        request,
        "monitoring/sasaran.html",
        _common(
            request,
            s=s,
            period=period,
            years=years,
            year=year,
            rows=rows,
            programmes=[(pp, pp.row(year)) for pp in unique.values()],
            is_demo=s.is_demo or any(r.indicator.is_demo for r in rows),
        ),
    )


def _save_indicator_values(request: HttpRequest, s: Sasaran, years: list[int]) -> HttpResponse:
    """Every ``ir_<indicator>_<year>`` field: a value creates or changes the year's realisation, an empty one
    removes it. Written all together, with one history line per indicator changed."""
    indicators = {i.pk: i for i in s.indicators.all()}
    stored = {(r.indicator_id, r.year): r for r in IndicatorRealisation.objects.filter(indicator__in=indicators)}
    changes: dict[int, dict[str, list[Any]]] = {}
    with transaction.atomic():
        for ind_pk, ind in indicators.items():
            for y in years:
                key = f"ir_{ind_pk}_{y}"
                if key not in request.POST:
                    continue
                value = request.POST[key].strip()[:60]
                old = stored.get((ind_pk, y))
                if old is not None and old.value == value:
                    continue
                if value:
                    IndicatorRealisation.objects.update_or_create(
                        indicator=ind, year=y, defaults={"value": value, "entered_by": request.user, "is_demo": False}
                    )
                elif old is not None:
                    old.delete()
                else:
                    continue
                changes.setdefault(ind_pk, {})[str(y)] = [old.value if old else None, value or None]
        for ind_pk, change in changes.items():
            record(request.user, indicators[ind_pk], "update", change, label=f"{indicators[ind_pk].name} (realisasi)")
    messages.success(request, _("Realisasi indikator tersimpan."))
    return redirect("monitoring:sasaran", pk=s.pk)
