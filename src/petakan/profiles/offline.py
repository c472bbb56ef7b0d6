"""The installable site: web app manifest, service worker and the page shown without a connection.

The service worker is Workbox (npm, served as static files); ``profiles/sw.js`` only says which requests go to
which Workbox strategy. It is served from ``/sw.js`` (not ``/static/``) so that its scope covers the profile pages.
Saving a section without a connection is done by the page (``profiles/edit.js``, IndexedDB via ``idb``), not here.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# Bump when the caching rules change, so that phones drop the old caches' names.
CACHE_GENERATION = "1"


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    modules = {name: static(f"npm/{name}/{name}.prod.js") for name in settings.WORKBOX_MODULES}
    modules["workbox-sw"] = static("npm/workbox-sw/workbox-sw.js")
    context = {
        "modules": json.dumps(modules),
        "static_prefix": json.dumps(static("")),
        "offline_url": json.dumps(reverse("offline")),
        "generation": json.dumps(CACHE_GENERATION),
    }
    response = render(request, "profiles/sw.js", context, content_type="text/javascript; charset=utf-8")
    # the worker lives at /sw.js already; the header states the scope it may claim, in case it moves under /static/
    response["Service-Worker-Allowed"] = "/"
    # browsers check for a new worker on each visit; never let a proxy keep an old one
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": "Petakan — " + _("Profil Desa"),
        "short_name": "Petakan",
        "description": _("Pemetaan potensi desa dan Smart City."),
        "lang": request.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#155e75",
        "icons": [
            {"src": static(f"profiles/offline/icon-{n}.png"), "sizes": f"{n}x{n}", "type": "image/png"}
            for n in (192, 512)
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it has no copy of, when there is no connection."""
    return render(request, "profiles/offline.html")
