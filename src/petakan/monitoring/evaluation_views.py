"""The yearly evaluation document on the web: a page listing the years, and the DOCX/XLSX download itself.

Mounted at ``/pemantauan/evaluasi/`` (src/petakan/urls.py) beside the monitoring pages; who may see realisation
(``realisation.view``: admin, analyst, council) may download it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from petakan.accounts.permissions import can
from petakan.monitoring import evaluation
from petakan.monitoring.demo import demo_year
from petakan.planning.services import current_period


def evaluation_document(request: HttpRequest) -> HttpResponse:
    """Without ``format``: the page of years and links. With ``?tahun=Y&format=docx|xlsx&bahasa=id|en``: the file."""
    if not can(request.user, "realisation.view"):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    period = current_period()
    years = list(range(period.start_year, demo_year(period) + 1)) if period is not None else []
    fmt = request.GET.get("format")
    if not fmt:
        languages = [(code, name) for code, name in settings.LANGUAGES]
        return render(
            request,
            "monitoring/evaluation.html",
            {"period": period, "years": sorted(years, reverse=True), "languages": languages},
        )
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return HttpResponseBadRequest(_("Tahun tidak sah."), content_type="text/plain; charset=utf-8")
    lang = request.GET.get("bahasa") or translation.get_language() or settings.LANGUAGE_CODE
    if fmt not in evaluation.FORMATS or year not in years or lang not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(
            _("Pilih tahun periode berjalan, format docx atau xlsx, dan bahasa id atau en."),
            content_type="text/plain; charset=utf-8",
        )
    assert period is not None  # years is empty without a period
    with translation.override(lang):
        content = evaluation.build(period, year, fmt)
    response = HttpResponse(content, content_type=evaluation.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="evaluasi-smart-city-{year}-{lang}.{fmt}"'
    return response
