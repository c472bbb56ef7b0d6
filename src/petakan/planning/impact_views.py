"""The programme's impact page: did it move the needle? (issue 20, item 3, and the map of item 2)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from petakan.accounts.permissions import can
from petakan.indices import reading
from petakan.indices.models import Run
from petakan.maps import sources
from petakan.planning.impact import impact, public_runs, reached_villages
from petakan.planning.services import visible_programmes
from petakan.planning.views import _common, _no_period, _period, _programme_or_404


def _map_config(before: Run, after: Run, reached: dict[str, list[str]]) -> dict[str, Any]:
    """What impact.js needs: the thematic map's comparison data (after − before, diverging classes, the index),
    the village geometry, and the reached villages (code → names of the programmes that reached it)."""
    return {
        "data": reverse("maps:data"),
        "query": {"run": after.pk, "banding": before.pk, "level": "village", "k": 5},
        "villages": reverse("web:layer", args=["village"]),
        "reached": sorted(reached),
        "programmes": reached,
        "tiles": settings.PETAKAN_TILE_URL,
        "text": {
            "missing": _("data belum cukup"),
            "reached": _("desa sasaran program"),
            "change": _("Perubahan indeks"),
            "loading": _("Memuat peta…"),
        },
    }


def programme_impact(request: HttpRequest, pk: int) -> HttpResponse:
    """Who sees the programme sees its impact from public runs; ``?profil=semua`` uses the runs over all profiles
    (drafts included) for roles that may read unpublished results, and is ignored for everyone else."""
    p = _programme_or_404(request, pk)
    lang = get_language() or "id"
    status = _profile_status(request)
    result = impact(p, profile_status=status)
    names = reading.names(result.after, lang) if result.after is not None else {}
    map_config = None
    if result.before is not None and result.after is not None:
        map_config = _map_config(result.before, result.after, {c: [p.name] for c in reached_villages(p)})
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
        with_drafts=status == "all",
        may_view_unpublished=can(request.user, "analysis.view_unpublished"),
    )
    return render(request, "planning/programme_impact.html", context)


def _profile_status(request: HttpRequest) -> str:
    wanted = request.GET.get("profil") == "semua" and can(request.user, "analysis.view_unpublished")
    return "all" if wanted else "published"


def _change(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def programmes_map(request: HttpRequest) -> HttpResponse:
    """Where the programmes worked (their villages, outlined) over the change of the index between two public runs
    (the two latest unless ``?sebelum=``/``?sesudah=`` name others). Programmes as ``visible_programmes`` shows them:
    drafts only to roles that may read them."""
    period = _period(request)
    if period is None:
        return _no_period(request)
    status = _profile_status(request)
    runs = public_runs(status)
    by_pk = {str(r.pk): r for r in runs}
    after = by_pk.get(request.GET.get("sesudah", "")) or (runs[-1] if runs else None)
    earlier = [r for r in runs if after is not None and r.year < after.year]
    before = by_pk.get(request.GET.get("sebelum", "")) or (earlier[-1] if earlier else None)
    if before is not None and after is not None and before.year >= after.year:
        before = earlier[-1] if earlier else None
    reached: dict[str, list[str]] = {}
    programmes = list(visible_programmes(request.user, period).filter(whole_regency=False).order_by("name"))
    n_programmes = 0
    for programme in programmes:
        codes = reached_villages(programme)
        n_programmes += bool(codes)
        for code in codes:
            reached.setdefault(code, []).append(programme.name)
    map_config = _map_config(before, after, reached) if before is not None and after is not None else None
    return render(
        request,
        "planning/programmes_map.html",
        _common(
            request,
            period,
            runs=runs,
            before=before,
            after=after,
            map_config=map_config,
            n_programmes=n_programmes,
            n_villages=len(reached),
            map_query=f"run={after.pk}&banding={before.pk}&level=village" if map_config and after and before else "",
            with_drafts=status == "all",
            may_view_unpublished=can(request.user, "analysis.view_unpublished"),
        ),
    )
