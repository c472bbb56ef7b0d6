"""Pages of the Smart City index: runs, a run's ranking, the methodology and audit, comparisons, exports."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from petakan.accounts.permissions import can
from petakan.indices import method, reading
from petakan.indices.models import Run, Unit
from petakan.lib.cells import frame_for_export
from petakan.lib.smartcity import FRAMEWORKS_DIR
from petakan.regions.models import Area
from petakan.regions.models import Level as AreaLevel
from petakan.web import paging

DIMENSION_LEVEL = "dimension"


def visible_runs(user: Any) -> QuerySet[Run]:
    """Runs computed from published profiles are public; runs over drafts only for regency-wide roles."""
    runs = Run.objects.all()
    if not can(user, "analysis.view_unpublished"):
        runs = runs.filter(profile_status="published")
    return runs


def current_runs(user: Any, framework: str = "smart-city-v1", year: int | None = None) -> QuerySet[Run]:
    """The runs ``user`` may see as current, the one to show first."""
    runs = visible_runs(user).filter(framework=framework, is_current=True)
    if year:
        runs = runs.filter(year=year)
    # a user who may see drafts still prefers the published picture when both exist for the same year
    return runs.order_by("-year", "-profile_status", "-created")


def current_run(user: Any, framework: str = "smart-city-v1", year: int | None = None) -> Run | None:
    return current_runs(user, framework, year).first()


def frameworks() -> list[str]:
    return sorted(p.stem for p in FRAMEWORKS_DIR.glob("smart-city-*.yaml"))


def runs_page(request: HttpRequest) -> HttpResponse:
    runs = visible_runs(request.user).order_by("-created")[:50]
    return render(
        request,
        "indices/runs.html",
        {
            "runs": runs,
            "frameworks": frameworks(),
            "may_run": can(request.user, "analysis.run"),
            "years": range(2024, 2031),
        },
    )


@require_POST
def compute(request: HttpRequest) -> HttpResponse:
    """Check the form and queue the computation; the job's page shows its progress and then links the run."""
    if not can(request.user, "analysis.run"):
        raise PermissionDenied
    from petakan.indices.tasks import compute_run
    from petakan.jobs.services import enqueue

    framework = request.POST.get("framework", "")
    status = request.POST.get("status", "published")
    try:
        year = int(request.POST.get("year", ""))
        if framework not in frameworks() or status not in ("published", "all"):
            raise ValueError(framework)
    except ValueError as exc:
        messages.error(request, _("Perhitungan gagal: %(err)s") % {"err": exc})
        return redirect("indices:runs")
    which = _("profil terpublikasi") if status == "published" else _("semua profil")
    label = _("Hitung indeks %(framework)s %(year)d (%(which)s)") % {
        "framework": framework,
        "year": year,
        "which": which,
    }
    job = enqueue(
        compute_run,
        kind="indices.compute",
        label=label,
        user=request.user,
        framework=framework,
        year=year,
        status=status,
    )
    return redirect("jobs:job", job.pk)


def get_run(request: HttpRequest, run_id: int) -> Run:
    run = visible_runs(request.user).filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


def run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_run(request, run_id)
    lang = translation.get_language() or "id"
    names = reading.names(run, lang)
    ranking = reading.ranking_page(run, paging.search_text(request), paging.page_number(request))
    districts = list(
        Area.objects.filter(level=AreaLevel.DISTRICT, code__startswith=run_regency_prefix()).order_by("code")
    )
    compare_code = request.GET.get("kecamatan") or ""
    series = [reading.radar_series(run, Unit.REGENCY, None, _("Kabupaten"))]
    if compare_code:
        district = next((d for d in districts if d.code == compare_code), None)
        if district:
            series.append(reading.radar_series(run, Unit.DISTRICT, district, district.name))
    district_rows = reading.district_table(run, lang, within=run_regency_prefix())
    return render(
        request,
        "indices/run.html",
        {
            "run": run,
            "ranking": ranking.object_list,
            "pager": paging.pager(request, ranking, "h-ranking"),
            "districts": districts,
            "compare_code": compare_code,
            "radar": {"axes": reading.dimension_axes(run, lang), "series": series},
            "district_rows": district_rows,
            "names": names,
            "zones": reading.zone_table(run, lang),
            "other_runs": visible_runs(request.user).exclude(pk=run.pk).filter(framework=run.framework)[:20],
            "interval_text": reading.interval_reading(run),
            "run_title": method.run_title(run),
        },
    )


def run_regency_prefix() -> str:
    from django.conf import settings

    return settings.PETAKAN_REGENCY_CODE + "."


def methodology(request: HttpRequest, framework: str) -> HttpResponse:
    """The framework's methodology, with the audit of its public current run (named in the heading)."""
    if framework not in frameworks():
        raise Http404
    run = (
        visible_runs(request.user)
        .filter(framework=framework, is_current=True, profile_status="published")
        .order_by("-year")
        .first()
    )
    return _methodology_page(request, framework, run)


def run_methodology(request: HttpRequest, run_id: int) -> HttpResponse:
    """The methodology, audit and sensitivity of one run: that run's, whichever is current."""
    run = get_run(request, run_id)
    if run.framework not in frameworks():
        raise Http404
    return _methodology_page(request, run.framework, run)


def _methodology_page(request: HttpRequest, framework: str, run: Run | None) -> HttpResponse:
    from petakan.indices.services import framework as load

    fw = load(framework)
    lang = translation.get_language() or "id"
    return render(
        request,
        "indices/methodology.html",
        {
            "fw": fw,
            "lang": lang,
            "run": run,
            "run_title": method.run_title(run) if run else "",
            "steps": method.steps(fw, lang),
            "tree": reading.framework_tree(fw, lang),
            "audit": reading.audit_sentences(run, lang) if run else [],
            "sensitivity": reading.sensitivity_sentences(run, lang) if run else [],
        },
    )


def compare(request: HttpRequest) -> HttpResponse:
    try:
        a = get_run(request, int(request.GET.get("a", "")))
        b = get_run(request, int(request.GET.get("b", "")))
    except ValueError as exc:
        raise Http404 from exc
    if (b.created, b.pk) < (a.created, a.pk):
        a, b = b, a  # a comparison reads older → newer, whichever run it was opened from
    shifts = reading.rank_shifts(a, b)
    search = paging.search_text(request).lower()
    shown = shifts[shifts["name"].str.lower().str.contains(search, regex=False)] if search else shifts
    page = Paginator(range(len(shown)), reading.RANKING_PAGE).get_page(paging.page_number(request))
    return render(
        request,
        "indices/compare.html",
        {
            "a": a,
            "b": b,
            "rows": reading.shift_rows(shown.iloc[page.start_index() - 1 : page.end_index()]) if len(shown) else [],
            "summary": reading.shift_summary(shifts),
            "pager": paging.pager(request, page, "shifts"),
        },
    )


def export(request: HttpRequest, run_id: int, fmt: str) -> HttpResponse:
    run = get_run(request, run_id)
    frame = reading.export_frame(run)
    name = f"petakan-{run.framework}-{run.year}-run{run.pk}"
    if fmt == "csv":
        response = HttpResponse(
            frame_for_export(frame).to_csv(index=False, float_format="%.4f"), content_type="text/csv; charset=utf-8"
        )
    else:
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame_for_export(frame).to_excel(writer, sheet_name="Skor", index=False)
            frame_for_export(reading.methodology_frame(run)).to_excel(writer, sheet_name="Metodologi", index=False)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def area_context(request: HttpRequest, area: Area) -> dict[str, Any]:
    """The index section of a village or kecamatan page (empty when no visible run exists)."""
    if area.level not in (AreaLevel.VILLAGE, AreaLevel.DISTRICT):
        return {}
    run = current_run(request.user)
    if run is None:
        return {}
    lang = translation.get_language() or "id"
    return {"index": reading.area_summary(run, area, lang)}
