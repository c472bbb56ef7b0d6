from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from petakan.accounts.permissions import ANONYMOUS, role_of
from petakan.indices import views as indices_views
from petakan.jobs.services import queue_health
from petakan.profiles import views as profiles_views
from petakan.regions.layers import get_layer
from petakan.regions.models import Area, Level
from petakan.web import fragments, homes
from petakan.web.http import etag_response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        # the queue's numbers for a monitor (README, "Operations"): alert on oldest_waiting_seconds (no worker?)
        queue = queue_health()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor, "queue": queue})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # a signed-in user starts from their own work; the regency map stays one tap away in the menu
    if request.user.is_authenticated:
        return redirect("web:my_home")
    regency = Area.objects.filter(code=settings.PETAKAN_REGENCY_CODE).first()
    return render(request, "web/home.html", {"regency": regency, "main_html": fragments.home_main(request, regency)})


@require_GET
def my_home(request: HttpRequest) -> HttpResponse:
    """ "Beranda saya": the work waiting for the signed-in user, by role (see :mod:`petakan.web.homes`)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "web/my_home.html", homes.home_context(request))


@require_GET
def area_page(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("parent__parent__parent"), code=code)
    ancestors = []
    node = area.parent
    while node is not None:
        ancestors.insert(0, node)
        node = node.parent
    children = list(area.children.order_by("code")) if area.level != Level.VILLAGE else []
    context: dict[str, Any] = {"area": area, "ancestors": ancestors, "children": children}
    if role_of(request.user) == ANONYMOUS:
        # public data only, the same for every anonymous visitor: rendered once per version of that data
        context["public_main"], context["has_index"] = fragments.area_main(request, area, ancestors, children)
    else:
        # Each analysis contributes its section of the village/kecamatan page.
        context.update(profiles_views.area_context(request, area))
        context.update(indices_views.area_context(request, area))
    return render(request, "web/area.html", context)


@require_GET
def layer(request: HttpRequest, key: str) -> HttpResponse:
    found = get_layer(key)
    if found is None:
        raise Http404
    return etag_response(request, found.etag, found.content, "application/geo+json")
