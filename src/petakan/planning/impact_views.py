"""The programme's impact page: did it move the needle? (issue 20, item 3, and the map of item 2)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from petakan.indices import reading
from petakan.maps import sources
from petakan.planning.impact import impact, reached_villages
from petakan.planning.views import _common, _programme_or_404
from petakan.regions import layers


def programme_impact(request: HttpRequest, pk: int) -> HttpResponse:
    """Who sees the programme sees its impact: the runs used are public ones, so nothing unpublished shows."""
    p = _programme_or_404(request, pk)
    lang = get_language() or "id"
    result = impact(p)
    names = reading.names(result.after, lang) if result.after is not None else {}
    map_config = None
    if result.before is not None and result.after is not None:
        map_config = {
            "data": reverse("maps:data"),
            "query": {"run": result.after.pk, "banding": result.before.pk, "level": "village", "k": 5},
            "villages": reverse("web:layer", args=["village"]),
            "districts": reverse("web:layer", args=["district"]),
            "reached": sorted(reached_villages(p)),
            "tiles": settings.PETAKAN_TILE_URL,
            "detailZoom": layers.DETAIL_MIN_ZOOM,
            "text": {
                "missing": _("data belum cukup"),
                "reached": _("desa sasaran program"),
                "change": _("Perubahan indeks"),
                "loading": _("Memuat peta…"),
            },
        }
    estimate = result.estimate if result.estimate is not None and result.estimate.has_estimate else None
    context = _common(
        request,
        p.period,
        p=p,
        result=result,
        estimate=estimate,
        reached_change=_change(estimate.reached_before, estimate.reached_after) if estimate else None,
        comparison_change=_change(estimate.comparison_before, estimate.comparison_after) if estimate else None,
        reason=result.reason(lang),
        element_names=[names.get(c, c) for c in result.elements],
        chart=result.chart(),
        map_config=map_config,
        map_query=(
            f"run={result.after.pk}&banding={result.before.pk}&level=village"
            if map_config and result.after and result.before
            else ""
        ),
        zone_names={z: reading.ZONE_NAMES[z] for z in sources.ZONES},
    )
    return render(request, "planning/programme_impact.html", context)


def _change(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before
