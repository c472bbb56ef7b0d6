"""IDM pages: regency and kecamatan summaries, the village page, score entry and review, imports, map data.

Thin: permissions come from ``petakan.accounts.permissions.can``, data and computations from ``idm.services``
(which calls ``petakan.lib.idm``); the views route between them and render.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from petakan.accounts.permissions import can
from petakan.idm import services
from petakan.idm.forms import (
    ItemScoresForm,
    OfficialImportForm,
    ReviewForm,
    ScoresImportForm,
    initial_scores,
    item_label,
)
from petakan.idm.models import ItemScores, ReviewStatus
from petakan.idm.problems import problem_lines
from petakan.lib.idm import DEFAULT_EDITION, IdmInputError, load_edition
from petakan.regions.models import Area, Kind, Level
from petakan.web.http import etag_response


def _year(request: HttpRequest, years: list[int]) -> int | None:
    raw = request.GET.get("tahun", "")
    if raw:
        if not raw.isdigit():
            raise Http404
        return int(raw)
    return years[0] if years else None


def _summary_page(request: HttpRequest, area: Area, template: str) -> HttpResponse:
    years = services.years_with_results(request.user)
    year = _year(request, years)
    thresholds = request.GET.get("batas") or None  # another cut-off set of the edition; unknown ones are ignored
    summary = services.summary(year, area, request.user, thresholds) if year is not None else None
    own_village = getattr(request.user, "area", None)
    return render(
        request,
        template,
        {
            "area": area,
            "years": years,
            "year": year,
            "summary": summary,
            "own_village": own_village if own_village and own_village.level == Level.VILLAGE else None,
            # a village opens its page for the year shown, or for this year when nothing is published yet
            "own_year": year or timezone.localdate().year,
            "may_import": can(request.user, "analysis.import"),
        },
    )


@require_GET
def regency_page(request: HttpRequest) -> HttpResponse:
    regency = get_object_or_404(Area, code=settings.PETAKAN_REGENCY_CODE)
    return _summary_page(request, regency, "idm/regency.html")


@require_GET
def district_page(request: HttpRequest, code: str) -> HttpResponse:
    district = get_object_or_404(Area.objects.select_related("parent"), code=code, level=Level.DISTRICT)
    return _summary_page(request, district, "idm/district.html")


def _village(code: str) -> Area:
    """A desa: IDM is defined for desa only, a kelurahan has no IDM page nor scores."""
    village = get_object_or_404(Area.objects.select_related("parent"), code=code, level=Level.VILLAGE)
    if village.kind == Kind.KELURAHAN:
        raise Http404(_("IDM hanya didefinisikan untuk desa, bukan kelurahan."))
    return village


@require_GET
def village_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    village = _village(code)
    report = services.village_report(village, year, request.user)
    record = report.record
    return render(
        request,
        "idm/village.html",
        {
            "village": village,
            "year": year,
            "report": report,
            "may_edit": _may_edit(request, village, record),
            "may_review": bool(
                record and record.status == ReviewStatus.SUBMITTED and can(request.user, "idm.verify", village)
            ),
            "review_form": ReviewForm(initial={"version": record.version}) if record else None,
        },
    )


def _may_edit(request: HttpRequest, village: Area, record: ItemScores | None) -> bool:
    if not can(request.user, "idm.edit", village):
        return False
    # verified scores are published: changing them takes someone who may also verify
    return record is None or record.status != ReviewStatus.VERIFIED or can(request.user, "idm.verify", village)


@login_required
@require_http_methods(["GET", "POST"])
def entry_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    village = _village(code)
    if not can(request.user, "idm.edit", village):
        raise PermissionDenied
    record = ItemScores.objects.filter(village=village, year=year).first()
    if not _may_edit(request, village, record):
        raise PermissionDenied
    edition = load_edition(record.edition if record else DEFAULT_EDITION)
    version = record.version if record else None
    if request.method == "POST":
        form = ItemScoresForm(request.POST, edition=edition)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services.save_scores(
                    village,
                    year,
                    form.scores(),
                    request.user,  # type: ignore[arg-type]
                    expected_version=form.cleaned_data.get("version"),
                    submit=submit,
                )
            except services.IdmEditError as exc:
                form.add_error(None, exc.message)
                for item in exc.items:
                    form.add_error(item.code, _("%(item)s: belum diberi skor.") % {"item": item_label(item)})
            else:
                messages.success(
                    request, _("Skor diajukan ke kecamatan untuk diverifikasi.") if submit else _("Skor disimpan.")
                )
                return redirect("idm:village", code=village.code, year=year)
    else:
        form = ItemScoresForm(initial=initial_scores(record.scores if record else {}, version), edition=edition)
    return render(
        request,
        "idm/entry.html",
        {"village": village, "year": year, "record": record, "form": form, "edition": edition},
    )


@login_required
@require_POST
def review_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    village = _village(code)
    if not can(request.user, "idm.verify", village):
        raise PermissionDenied
    record = get_object_or_404(ItemScores, village=village, year=year)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Formulir pemeriksaan tidak lengkap."))
    else:
        data = form.cleaned_data
        try:
            services.review(
                record,
                request.user,  # type: ignore[arg-type]
                verify=data["decision"] == "verify",
                comment=data["comment"],
                expected_version=data["version"],
            )
        except services.IdmEditError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Skor diverifikasi dan dipublikasikan.")
                if data["decision"] == "verify"
                else _("Skor dikembalikan ke desa."),
            )
    return redirect("idm:village", code=village.code, year=year)


def _import_page(request: HttpRequest, kind: str) -> HttpResponse:
    if not can(request.user, "analysis.import"):
        raise PermissionDenied
    form_class = ScoresImportForm if kind == "scores" else OfficialImportForm
    report = None
    commit_form = None
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        name, raw = data["payload"]
        try:
            table = services.read_upload(name, [raw], data.get("sheet"))
        except IdmInputError as exc:
            report = services.ImportReport(name, 0, problem_lines(exc.problems), [], [], committed=False)
        else:
            user = request.user
            if kind == "scores":
                report = services.import_scores(table, user, year=data.get("year"), commit=data["commit"])  # type: ignore[arg-type]
            else:
                report = services.import_official(table, data["source"], user, commit=data["commit"])  # type: ignore[arg-type]
        if report.committed:
            messages.success(request, _("%(n)d baris disimpan.") % {"n": len(report.planned)})
        elif report.ok:
            commit_form = form_class(initial=form.commit_data())
    context: dict[str, Any] = {"form": form, "report": report, "kind": kind, "commit_form": commit_form}
    return render(request, "idm/import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_scores_page(request: HttpRequest) -> HttpResponse:
    return _import_page(request, "scores")


@login_required
@require_http_methods(["GET", "POST"])
def import_official_page(request: HttpRequest) -> HttpResponse:
    return _import_page(request, "official")


@require_GET
def map_json(request: HttpRequest, year: int) -> HttpResponse:
    content = json.dumps(services.map_data(year), ensure_ascii=False, separators=(",", ":"))
    etag = hashlib.sha256(content.encode()).hexdigest()[:32]
    return etag_response(request, etag, content, "application/json")
