"""What each role's home ("Beranda saya", /beranda/) shows: the work waiting for this user, counted in the database.

One function per role; each returns the template context of its part of ``web/my_home.html``. The regency-wide
counts are aggregated by the database (one grouped query for the statuses, one for the villages per kecamatan),
so the admin's home costs the same few queries for 286 villages as for 84,000.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from petakan.accounts.models import Role
from petakan.accounts.permissions import can
from petakan.profiles import services
from petakan.profiles.models import NOT_STARTED, Profile, ReopenRequest, ReopenStatus, Status
from petakan.profiles.presentation import current_lang, status_label
from petakan.regions.models import Area, Level

# the order in which a status reads along the workflow (columns of the admin's table, groups of the worklist)
STATUS_ORDER = (NOT_STARTED, Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.VERIFIED, Status.PUBLISHED)
# how many rows of a list a home shows before "see all"
LIST_LIMIT = 20


def home_context(request: HttpRequest) -> dict[str, Any]:
    """The context of the signed-in user's home, by role (``role`` tells the template which part to show)."""
    user = request.user
    year = timezone.localdate().year
    role = getattr(user, "role", "")
    context: dict[str, Any] = {"role": role, "year": year}
    if role == Role.VILLAGE and user.area_id:  # type: ignore[union-attr]
        context.update(village_home(request, year))
    elif role == Role.DISTRICT and user.area_id:  # type: ignore[union-attr]
        context.update(district_home(request, year))
    elif role == Role.ADMIN:
        context.update(admin_home(year))
    if role in (Role.ADMIN, Role.ANALYST, Role.COUNCIL):
        context.update(planning_home(request))
    if can(user, "realisation.view"):
        context.update(monitoring_home(request, year))
    return context


# ---------------------------------------------------------------------------------------------- village
def village_home(request: HttpRequest, year: int) -> dict[str, Any]:
    """The village's own profile of ``year``: status in words, share filled, the next step, comments, lock."""
    from petakan.profiles.views import profile_context

    area = Area.objects.select_related("parent").get(pk=request.user.area_id)  # type: ignore[union-attr]
    profile = services.profile_of(area, year)
    vp = profile_context(request, area, year, profile, history_limit=3)
    editable = [s for s in vp["sections"] if s.editable]
    n_entered = sum(s.n_entered for s in editable)
    n_filled = sum(s.n_filled for s in editable)
    # the next section to fill: the first one still missing a required value or not begun at all (optional fields
    # left empty do not hold a village back)
    missing = next((s for s in editable if s.missing_required), None)
    next_section = next((s for s in editable if s.missing_required or not s.n_filled), None)
    may_submit = "submit" in [name for _slug, name in vp["actions"]]
    from petakan.monitoring.proposals import home_summary

    return {
        "proposals": home_summary(area, year),
        "area": area,
        "vp": vp,
        "filled_pct": round(100 * n_filled / n_entered) if n_entered else 0,
        "n_filled": n_filled,
        "n_entered": n_entered,
        "next_section": next_section if vp["may_edit"] else None,
        "ready_to_submit": may_submit and missing is None,
    }


# ---------------------------------------------------------------------------------------------- district
def district_home(request: HttpRequest, year: int) -> dict[str, Any]:
    """A kecamatan's worklist: to verify, returned and waiting for the village, being filled, not started, done."""
    lang = current_lang()
    rows = services.completeness_rows(request.user, year)  # two queries for the whole kecamatan
    groups: dict[str, list[services.CompletenessRow]] = {}
    for r in rows:
        groups.setdefault(r.status, []).append(r)
    order = (Status.SUBMITTED, Status.RETURNED, Status.DRAFT, NOT_STARTED, Status.VERIFIED, Status.PUBLISHED)
    titles = {
        Status.SUBMITTED: _("Perlu diverifikasi"),
        Status.RETURNED: _("Dikembalikan, menunggu desa"),
        Status.DRAFT: _("Sedang diisi desa"),
        NOT_STARTED: _("Belum mulai mengisi"),
        Status.VERIFIED: _("Diverifikasi, menunggu publikasi Kominfo"),
        Status.PUBLISHED: _("Dipublikasikan"),
    }
    district = Area.objects.get(pk=request.user.area_id)  # type: ignore[union-attr]
    worklist = [
        {
            "status": s,
            "title": titles[s],
            "status_label": status_label(s, lang),
            "rows": [{"row": r, "filled_pct": round(100 * r.filled)} for r in groups.get(s, [])],
            "count": len(groups.get(s, [])),
        }
        for s in order
    ]
    from petakan.monitoring.proposals import home_summary

    return {
        "district": district,
        "worklist": worklist,
        "n_villages": len(rows),
        "proposals": home_summary(district, year),
    }


# ---------------------------------------------------------------------------------------------- admin
def regency_progress(year: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Per kecamatan of the regency, how many villages are in each status of ``year`` (not started included).

    Two grouped queries whatever the number of villages: villages per kecamatan, profiles per kecamatan × status.
    """
    regency = settings.PETAKAN_REGENCY_CODE
    districts = list(
        Area.objects.filter(level=Level.DISTRICT, parent__code=regency)
        .annotate(n=Count("children"))
        .order_by("code")
        .values_list("id", "code", "name", "n")
    )
    counts: dict[int, Counter[str]] = {}
    grouped = (
        Profile.objects.filter(year=year, area__parent__parent__code=regency)
        .values_list("area__parent_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for parent_id, status, n in grouped:
        counts.setdefault(parent_id, Counter())[status] = n
    rows = []
    totals: Counter[str] = Counter()
    for pk, code, name, n in districts:
        c = counts.get(pk, Counter())
        cells = {s: c[s] for s in STATUS_ORDER if s != NOT_STARTED}
        cells[NOT_STARTED] = n - sum(cells.values())
        totals.update(cells)
        totals["villages"] += n
        rows.append({"code": code, "name": name, "n": n, "cells": [cells[s] for s in STATUS_ORDER]})
    return rows, dict(totals)


def admin_home(year: int) -> dict[str, Any]:
    """The regency's progress per kecamatan, the profiles waiting to be published and the open reopen requests."""
    lang = current_lang()
    rows, totals = regency_progress(year)
    to_publish = Profile.objects.filter(year=year, status=Status.VERIFIED).select_related("area", "area__parent")
    reopen = ReopenRequest.objects.filter(status=ReopenStatus.OPEN).select_related("profile__area", "by").order_by("at")
    return {
        "progress": rows,
        "progress_totals": [totals.get(s, 0) for s in STATUS_ORDER],
        "n_villages": totals.get("villages", 0),
        "status_columns": [status_label(s, lang) for s in STATUS_ORDER],
        "to_publish": list(to_publish.order_by("area__code")[:LIST_LIMIT]),
        "n_to_publish": to_publish.count(),
        "reopen_requests": list(reopen[:LIST_LIMIT]),
    }


# ---------------------------------------------------------------------------------------------- analyst, council
def planning_home(request: HttpRequest) -> dict[str, Any]:
    """Index runs and the programmes waiting for the council's approval (for the regency-wide roles)."""
    from petakan.indices.views import visible_runs
    from petakan.planning.models import Programme

    waiting = Programme.objects.filter(approved_at__isnull=True).order_by("start_year", "name")
    return {
        "runs": list(visible_runs(request.user).order_by("-created")[:5]),
        "may_run": can(request.user, "analysis.run"),
        "may_approve": can(request.user, "plan.approve"),
        "waiting_programmes": list(waiting[:LIST_LIMIT]),
        "n_waiting_programmes": waiting.count(),
    }


# ---------------------------------------------------------------------------------------------- monitoring
def monitoring_home(request: HttpRequest, year: int) -> dict[str, Any]:
    """The yearly realisation: for those who enter it, the programmes of ``year`` still to enter (none entered, a
    draft or returned); for the reviewer, the realisations submitted; for everyone here, the council's summary."""
    from petakan.monitoring.models import Realisation, ReviewState
    from petakan.planning.models import Programme
    from petakan.planning.services import current_period

    period = current_period()
    out: dict[str, Any] = {"monitoring": True, "monitoring_year": year}
    if can(request.user, "realisation.edit") and period is not None:
        running = Programme.objects.filter(period=period, start_year__lte=year, end_year__gte=year)
        done = Realisation.objects.filter(year=year, review__in=[ReviewState.SUBMITTED, ReviewState.ACCEPTED])
        to_enter = running.exclude(pk__in=done.values("programme_id")).order_by("dimension", "name")
        out["to_enter"], out["n_to_enter"] = _first_and_count(to_enter)
    if can(request.user, "realisation.review"):
        waiting = (
            Realisation.objects.filter(review=ReviewState.SUBMITTED).select_related("programme").order_by("year", "pk")
        )
        out["to_review"], out["n_to_review"] = _first_and_count(waiting)
    return out


def _first_and_count(qs: Any) -> tuple[list[Any], int]:
    """The first LIST_LIMIT rows and how many there are: counted by the database only when the list is full."""
    first = list(qs[:LIST_LIMIT])
    return first, len(first) if len(first) < LIST_LIMIT else qs.count()
