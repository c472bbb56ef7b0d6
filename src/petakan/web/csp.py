"""Content-Security-Policy on every response Django answers.

Why our own middleware and not django-csp: the policy is one fixed string apart from the tile host, with no nonces,
no per-view exceptions and no reports to collect; twenty lines here are easier to read than a dependency whose
settings format changed incompatibly between its 3.x and 4.x releases. (Django 6.0 brings a built-in CSP
middleware; on moving to it, this file goes.)

The policy, and why each part:
- ``script-src 'self'``: every script is a static file (no inline ``<script>`` code, no ``eval``); data reaches the
  scripts through ``json_script`` blocks, which are ``type="application/json"`` and so are not scripts at all.
- ``style-src 'self'``: stylesheets only from our static files, no ``<style>`` elements (htmx is told not to add
  its own). The templates have no ``style=`` attributes either (bars are SVG with geometry attributes).
- ``style-src-attr 'unsafe-inline'``, deliberately: ECharts' SVG renderer writes a ``style`` attribute on each
  shape it draws and its HTML tooltips carry ``style`` attributes, so without it every chart is refused and
  unstyled. A style attribute cannot run script, cannot fetch from a host ``img-src``/``font-src`` refuse, and has no
  selectors with which to read the page; the dangerous part of inline CSS (``<style>`` rules) stays refused.
  Leaflet positions things through the CSSOM (``element.style.x = …``), which CSP does not restrict anyway.
- ``img-src 'self' data: <tile host>``: Leaflet's and Swagger UI's icons are data: URIs; background tiles come
  from the host of ``PETAKAN_TILE_URL`` (a ``{s}`` subdomain placeholder becomes a ``*.`` wildcard).
- ``frame-ancestors 'none'``: no page may be framed (clickjacking), as ``X-Frame-Options: DENY`` says to old browsers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
_PLACEHOLDER_LABEL = re.compile(r"^\{[a-z]+\}\.")


def tile_source(tile_url: str) -> str:
    """The CSP source expression that allows the tiles of a Leaflet URL template, or "" for no tiles.

    ``https://tile.openstreetmap.org/{z}/{x}/{y}.png`` -> ``https://tile.openstreetmap.org``;
    ``https://{s}.tile.example.org/{z}/{x}/{y}.png`` -> ``https://*.tile.example.org``. A template whose host has a
    placeholder anywhere else cannot be expressed as a host source: its scheme is allowed instead.
    """
    if not tile_url:
        return ""
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = _PLACEHOLDER_LABEL.sub("*.", parts.netloc)
    if "{" in host or "}" in host:
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


@lru_cache(maxsize=8)
def policy(tile_url: str) -> str:
    """The header value for an installation whose background tiles come from ``tile_url``."""
    images = " ".join(filter(None, ["'self'", "data:", tile_source(tile_url)]))
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        f"img-src {images}",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


class ContentSecurityPolicy:
    """Sets the policy on every response that has none yet (static files are answered by WhiteNoise before this)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = policy(settings.PETAKAN_TILE_URL or "")
        return response
