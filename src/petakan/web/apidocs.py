"""The API documentation page (/api/v1/docs) with Swagger UI from the npm package swagger-ui-dist.

django-ninja's own page loads Swagger UI from a public CDN when "ninja" is not an installed app, so the page was
blank offline, and its template carries inline code our Content-Security-Policy refuses. Here the bundle and its
stylesheet are static files like Leaflet and ECharts, the settings travel as ``json_script`` data and the start-up
code is the static file ``web/api-docs.js``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class OfflineSwagger(Swagger):
    """Swagger UI served from our static files; no request leaves the site."""

    # validatorUrl None: Swagger UI would otherwise show a badge image fetched from validator.swagger.io.
    default_settings = {"layout": "BaseLayout", "deepLinking": True, "validatorUrl": None}

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        config = dict(self.settings, url=self.get_openapi_url(api, kwargs))
        return render(request, "web/api_docs.html", {"api": api, "swagger_config": config})
