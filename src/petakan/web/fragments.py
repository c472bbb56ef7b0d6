"""Public parts of pages, rendered once per version of the data they show and reused for every anonymous visitor.

A village page spent ~100 ms building and rendering its profile and index sections (profile, field history, the
run's scores and radar series), which under 20 concurrent visitors on two cores put its p95 far past 150 ms. For a
visitor who is not logged in, the page's main part holds public data only (the area, the latest *published*
profile, the current *public* run) and no form or CSRF token (those are in the header, rendered per request), so
its HTML is the same for every anonymous visitor in one language. It is cached under a key of everything it
depends on:

    (language, tile URL, every field of the area, its ancestors' and children's codes and names, the latest
     public profile's id/year/version/status/changed_at/published version, the current public run's id and
     creation time)

found by two small indexed queries per request, so a publication, a returned profile or a new run shows at once
(no time-to-live to wait out), in every app server process. Logged-in visitors may see drafts and buttons: their
sections are always rendered for them and never cached.

The home page's regency summary (counts and the kecamatan list) is the same for everyone; it is reference data that
only the import commands change, so it is kept for ``HOME_TTL_SECONDS``.
"""

from __future__ import annotations

import hashlib
from typing import Any, Final

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from petakan.indices.views import current_runs
from petakan.profiles.services import public_profiles
from petakan.regions.models import Area, Level

SECTIONS_TTL_SECONDS: Final = 3600  # keys change with the data; this only bounds what stale keys occupy
HOME_TTL_SECONDS: Final = 30


def _key(prefix: str, *parts: Any) -> str:
    return prefix + ":" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def public_version(area: Area) -> tuple[Any, ...]:
    """What the public sections of ``area``'s page depend on, besides the area itself."""
    profile: tuple[Any, ...] | None = None
    if area.level == Level.VILLAGE:
        # what the public reads: published profiles and the last published version of one sent back for correction
        profile = (
            public_profiles()
            .filter(area=area)
            .order_by("-year")
            .values_list("pk", "year", "version", "status", "changed_at", "public_version_id")
            .first()
        )
    # with its creation time: SQLite may give a new run the id of one rolled back or deleted
    run = current_runs(AnonymousUser()).values_list("pk", "created").first()
    return profile, run


def _fields(area: Area) -> tuple[Any, ...]:
    return tuple(getattr(area, f.attname) for f in Area._meta.concrete_fields)


def area_main(request: HttpRequest, area: Area, ancestors: list[Area], children: list[Area]) -> tuple[SafeString, bool]:
    """The main part of an area page as an anonymous visitor sees it (cached), and whether it includes the index
    section (the page then loads the radar chart's scripts)."""
    from petakan.indices import views as indices_views
    from petakan.profiles import views as profiles_views

    key = _key(
        "public-area-main",
        get_language(),
        settings.PETAKAN_TILE_URL,
        _fields(area),
        [(a.code, a.name) for a in ancestors],
        [(c.code, c.name, c.kind) for c in children],
        public_version(area),
    )
    found = cache.get(key)
    if found is None:
        context: dict[str, Any] = {"area": area, "ancestors": ancestors, "children": children}
        context.update(profiles_views.area_context(request, area))
        context.update(indices_views.area_context(request, area))
        found = (str(render_to_string("web/_area_main.html", context, request)), bool(context.get("index")))
        cache.set(key, found, SECTIONS_TTL_SECONDS)
    html, has_index = found
    return mark_safe(html), has_index


def home_main(request: HttpRequest, regency: Area | None) -> SafeString:
    """The main part of the home page: the regency, its counts, the map and the kecamatan list, the same for every
    visitor (no form, no account data); kept for HOME_TTL_SECONDS."""
    key = _key("home-main", get_language(), settings.PETAKAN_TILE_URL, _fields(regency) if regency else None)
    html = cache.get(key)
    if html is None:
        context: dict[str, Any] = {"regency": regency, "counts": {}, "districts": []}
        if regency is not None:
            villages = Area.objects.filter(level=Level.VILLAGE, code__startswith=regency.code + ".")
            districts = list(
                Area.objects.filter(level=Level.DISTRICT, parent=regency).order_by("code").values("code", "name")
            )
            context["districts"] = districts
            context["counts"] = {
                "districts": len(districts),
                "desa": villages.filter(kind="desa").count(),
                "kelurahan": villages.filter(kind="kelurahan").count(),
            }
        html = str(render_to_string("web/_home_main.html", context, request))
        cache.set(key, html, HOME_TTL_SECONDS)
    return mark_safe(html)
