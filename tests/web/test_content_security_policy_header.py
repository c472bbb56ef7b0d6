"""The Content-Security-Policy header: on every page and answer Django gives, with the tile host allowed for images."""

from __future__ import annotations

import pytest
from django.test import Client

from petakan.web.csp import policy, tile_source


@pytest.mark.parametrize(
    ("template", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://tiles.kendalkab.go.id:8080/{z}/{x}/{y}.png", "http://tiles.kendalkab.go.id:8080"),
        ("https://tiles-{s}.example.org/{z}/{x}/{y}.png", "https:"),
        ("", ""),
        ("/static/tiles/{z}/{x}/{y}.png", ""),
    ],
)
def test_the_tile_template_becomes_the_image_source_it_needs(template: str, source: str) -> None:
    assert tile_source(template) == source


def test_the_policy_refuses_inline_script_eval_framing_and_foreign_images() -> None:
    directives = dict(d.split(" ", 1) for d in policy("https://tile.openstreetmap.org/{z}/{x}/{y}.png").split("; "))
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data: https://tile.openstreetmap.org"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-eval" not in policy("")


@pytest.mark.parametrize(
    "path", ["/", "/peta/", "/akun/masuk/", "/api/v1/docs", "/api/v1/areas/33.24", "/healthz", "/tidak-ada/"]
)
def test_every_answer_carries_the_policy_with_the_configured_tile_host(
    kendal,
    client: Client,
    settings,
    path: str,  # type: ignore[no-untyped-def]
) -> None:
    settings.PETAKAN_TILE_URL = "https://{s}.tiles.example.net/{z}/{x}/{y}.png"
    response = client.get(path)
    header = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in header and "img-src 'self' data: https://*.tiles.example.net" in header
