"""Public parts of pages, rendered once per version of the data they show and reused for every anonymous visitor.

A village page spent ~100 ms building and rendering its profile and index sections (profile, field history, the
run's scores and radar series), which under 20 concurrent visitors on two cores put its p95 far past 150 ms. For a
visitor who is not logged in, those sections hold public data only (the latest *published* profile, the current
*public* run) and no form or CSRF token, so the HTML is the same for every anonymous visitor in one language. It is
cached under a key of everything it depends on:

    (language, area id, code, name and parent's name, latest published profile's id/year/version/status/changed_at,
     current public run's id and creation time)

found by two small indexed queries per request, so a publication, a returned profile or a new run shows at once
(no time-to-live to wait out), in every app server process. Logged-in visitors may see drafts and buttons: their
sections are always rendered for them and never cached.

The home page's regency summary (counts and the kecamatan list) is the same for everyone; it is reference data that
only the import commands change, so it is kept for ``HOME_TTL_SECONDS``.
"""

from __future__ import annotations

import hashlib
from typing import Any, Final

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from petakan.indices.views import current_runs
from petakan.profiles.models import Profile, Status
from petakan.regions.models import Area, Level

SECTIONS_TTL_SECONDS: Final = 3600  # keys change with the data; this only bounds what stale keys occupy
HOME_TTL_SECONDS: Final = 30


def _key(prefix: str, *parts: Any) -> str:
    return prefix + ":" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def public_version(area: Area) -> tuple[Any, ...]:
    """What the public sections of ``area``'s page depend on, besides the area itself."""
    profile: tuple[Any, ...] | None = None
    if area.level == Level.VILLAGE:
        profile = (
            Profile.objects.filter(area=area, status=Status.PUBLISHED)
            .order_by("-year")
            .values_list("pk", "year", "version", "status", "changed_at")
            .first()
        )
    # with its creation time: SQLite may give a new run the id of one rolled back or deleted
    run = current_runs(AnonymousUser()).values_list("pk", "created").first()
    return profile, run


def area_sections(request: HttpRequest, area: Area) -> tuple[SafeString, bool]:
    """The profile and index sections of an area page as an anonymous visitor sees them (cached), and whether they
    include the index section (the page then loads the radar chart's scripts)."""
    from petakan.indices import views as indices_views
    from petakan.profiles import views as profiles_views

    parent = area.parent.name if area.parent_id and area.parent else ""
    key = _key("public-area-sections", get_language(), area.pk, area.code, area.name, parent, public_version(area))
    found = cache.get(key)
    if found is None:
        context: dict[str, Any] = {"area": area}
        context.update(profiles_views.area_context(request, area))
        context.update(indices_views.area_context(request, area))
        found = (str(render_to_string("web/_area_sections.html", context, request)), bool(context.get("index")))
        cache.set(key, found, SECTIONS_TTL_SECONDS)
    html, has_index = found
    return mark_safe(html), has_index


def regency_summary(regency: Area) -> dict[str, Any]:
    """Counts of kecamatan, desa and kelurahan and the kecamatan (code, name) of the home page."""
    key = _key("regency-summary", regency.pk, regency.code)
    summary = cache.get(key)
    if summary is None:
        villages = Area.objects.filter(level=Level.VILLAGE, code__startswith=regency.code + ".")
        districts = list(
            Area.objects.filter(level=Level.DISTRICT, parent=regency).order_by("code").values_list("code", "name")
        )
        summary = {
            "counts": {
                "districts": len(districts),
                "desa": villages.filter(kind="desa").count(),
                "kelurahan": villages.filter(kind="kelurahan").count(),
            },
            "districts": [{"code": code, "name": name} for code, name in districts],
        }
        cache.set(key, summary, HOME_TTL_SECONDS)
    return summary
