"""Economic potential pages: the sector analysis (public), the stored PDRB series (public) and the import (analysts).

Thin: forms parse the request, petakan.lib.pdrb reads and validates, petakan.lib.economy computes (through
economy.analysis), economy.services stores; the views only route between them.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from petakan.accounts.permissions import can
from petakan.economy import services
from petakan.economy.analysis import CSV_COLUMNS, Analysis, AnalysisError, analyse, csv_rows, current_language
from petakan.economy.forms import AnalysisForm, ImportForm
from petakan.economy.issues import issue_line
from petakan.economy.models import Origin, PdrbSeries, PdrbValue
from petakan.lib import pdrb
from petakan.lib.cells import csv_writer


def _series_and_years() -> tuple[list[PdrbSeries], dict[int, list[int]]]:
    series = list(PdrbSeries.objects.all())
    years: dict[int, list[int]] = defaultdict(list)
    for series_id, year in PdrbValue.objects.values_list("series_id", "year").distinct().order_by("year"):
        years[series_id].append(year)
    return series, dict(years)


def _analysis_form(request: HttpRequest) -> tuple[AnalysisForm | None, list[PdrbSeries]]:
    """The bound form: the visitor's choice, else this regency against its province (None when neither)."""
    series, years = _series_and_years()
    params = request.GET.copy()
    if not params.get("region") and not params.get("reference"):
        pair = services.default_pair(series)
        if pair is None:
            return AnalysisForm(None, series=series, years=years), series
        params["region"], params["reference"] = str(pair[0].pk), str(pair[1].pk)
    return AnalysisForm(params, series=series, years=years), series


def _run(form: AnalysisForm) -> Analysis | None:
    if not form.is_bound or not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        return analyse(data["region"], data["reference"], data["start"], data["end"])
    except (AnalysisError, services.StoredSeriesIncompleteError) as exc:
        form.add_error(None, str(exc))
        return None


@require_GET
def analysis_page(request: HttpRequest) -> HttpResponse:
    form, series = _analysis_form(request)
    result = _run(form)
    return render(
        request,
        "economy/analysis.html",
        {
            "form": form,
            "series": series,
            "result": result,
            "chart_data": result.chart_data() if result else None,
            "csv_query": request.GET.urlencode() if result and request.GET else "",
            "may_import": can(request.user, "analysis.import"),
        },
    )


@require_GET
def analysis_csv(request: HttpRequest) -> HttpResponse:
    form, _series = _analysis_form(request)
    result = _run(form)
    if result is None:
        errors = "; ".join(str(e) for e in form.non_field_errors()) or _("Pilih dua seri PDRB.")
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    name = "-".join(
        slugify(part)
        for part in (
            "pdrb-sektor",
            result.region.region_name,
            result.reference.region_name,
            f"{result.start}-{result.end}",
            "ilustratif" if result.illustrative else "",
        )
        if part
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv_writer(response)
    # generated input: the file itself says DATA CONTOH, in a `data` column like the other exports
    label = ["DATA CONTOH"] if result.illustrative else []
    writer.writerow([*CSV_COLUMNS, *(["data"] if label else [])])
    writer.writerows([*row, *label] for row in csv_rows(result))
    return response


@require_GET
def series_list(request: HttpRequest) -> HttpResponse:
    series, years = _series_and_years()
    rows = [(s, years.get(s.pk, [])) for s in series]
    return render(
        request,
        "economy/series_list.html",
        {
            "rows": rows,
            "may_import": can(request.user, "analysis.import"),
            "any_illustrative": any(s.illustrative for s in series),
        },
    )


@require_GET
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(PdrbSeries.objects.select_related("imported_by"), pk=pk)
    table = services.load_table(series)
    return render(request, "economy/series_detail.html", {"series": series, "table": _table_view(table)})


def _year_note(mark: str) -> str:
    """BPS marks preliminary years with stars; anything else (a note from the totals file) is shown as it is."""
    marks = {"*": _("angka sementara"), "**": _("angka sangat sementara"), "***": _("angka sangat sangat sementara")}
    return marks.get(mark, mark)


def _table_view(table: pdrb.PdrbTable) -> dict[str, object]:
    """The 17 × years table for the template: rows of (code, name, values), the sums and the published totals."""
    language = current_language()
    rows = [(c.code, c.name(language), list(table.values[i])) for i, c in enumerate(pdrb.CATEGORIES)]
    published = list(table.published_total) if table.published_total is not None else None
    return {
        "years": [(y, _year_note(table.year_notes.get(y, ""))) for y in table.years],
        "rows": rows,
        "sums": list(table.total),
        "published": published,
        "illustrative": table.illustrative,
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "analysis.import"):
        raise PermissionDenied
    if request.method == "GET":
        return render(request, "economy/import.html", {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "economy/import.html", {"form": form})
    data = form.cleaned_data
    result = pdrb.read_pdrb(
        data["raw"],
        file_format=data["file_format"],
        sheet=data["sheet"] or None,
        layout=data["layout"],
        number_format=data["number_format"],
        limits=services.upload_limits(),
    )
    committed = "commit" in request.POST
    if committed and result.report.ok:
        assert result.table is not None
        try:
            series, replaced = services.store_series(
                result.table,
                region_name=data["region_name"].strip(),
                region_code=data["region_code"].strip(),
                price_basis=data["price_basis"],
                source=data["source"].strip(),
                illustrative=data["illustrative"],
                replace=data["replace"],
                origin=Origin.WEB,
                user=request.user,  # type: ignore[arg-type]
                layout=result.report.layout,
                number_format=result.report.number_format,
                file_name=data["file_name"],
                file_sha256=services.sha256(data["raw"]),
            )
        except services.SeriesExistsError as exc:
            form.add_error(
                "replace",
                _("Seri %(series)s sudah ada (diimpor %(at)s). Centang “Ganti” untuk menggantinya.")
                % {"series": exc.series, "at": exc.series.imported_at.date().isoformat()},
            )
        else:
            text = _("Seri %(series)s tersimpan: %(n)s nilai, %(first)s–%(last)s.") % {
                "series": series,
                "n": len(result.table.years) * len(pdrb.CATEGORIES),
                "first": result.table.years[0],
                "last": result.table.years[-1],
            }
            if replaced:
                text += " " + _("Seri lama diganti.")
            messages.success(request, text)
            return redirect("economy:series", pk=series.pk)
    report = result.report
    if not any(i.kind in ("upload_rejected", "unreadable_file") for i in report.errors):
        form.keep_upload()  # a refused file does not travel back in the page: the user sends another one
    return render(
        request,
        "economy/import.html",
        {
            "form": form,
            "checked": True,
            "committed": committed,
            "report": report,
            "issues": [issue_line(i) for i in report.issues],
            "error_count": len(report.errors),
            "warning_count": len(report.warnings),
            "table": _table_view(result.table) if result.table is not None else None,
            "illustrative": data["illustrative"] or (result.table is not None and result.table.illustrative),
            "sha256": services.sha256(data["raw"]),
        },
    )


@require_GET
def commodities_page(request: HttpRequest) -> HttpResponse:
    """Each village's leading commodities (LQ > 1 against the regency), listed per kecamatan; published profiles."""
    import datetime

    import pandas as pd

    from petakan.economy.commodities import leaders
    from petakan.profiles.services import profiles_frame
    from petakan.regions.models import Area

    try:
        year = int(request.GET.get("tahun", "") or datetime.date.today().year)
    except ValueError:
        year = datetime.date.today().year
    frame, is_demo = profiles_frame(year, "published")
    rows = Area.objects.filter(level="village", code__in=list(frame.index)).values_list(
        "code", "name", "parent__code", "parent__name"
    )
    villages = pd.DataFrame.from_records(
        list(rows), columns=["code", "name", "district_code", "district_name"]
    ).set_index("code")
    return render(
        request,
        "economy/commodities.html",
        {"year": year, "districts": leaders(frame, villages, current_language()), "is_demo": is_demo},
    )
