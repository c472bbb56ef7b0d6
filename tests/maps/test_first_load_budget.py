"""The first load of the map page (HTML, CSS, JS, the layers and the values) stays under 1.5 MB transferred."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from petakan.indices.models import Run

BUDGET_BYTES = 1.5 * 1024 * 1024


def transferred(client: Client, url: str) -> int:
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200, url
    return len(response.content)


def assets(html: str) -> list[Path]:
    urls = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)
    paths = []
    for url in urls:
        found = finders.find(url.removeprefix("/" + settings.STATIC_URL.strip("/") + "/"))
        assert found, url
        paths.append(Path(found))
    return paths


def test_the_first_load_of_the_map_page_is_within_budget(published: Run, client: Client) -> None:
    page = client.get("/peta/", HTTP_ACCEPT_ENCODING="gzip")
    html = client.get("/peta/").content.decode()
    config = json.loads(
        re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    files = assets(html)
    assert {p.name for p in files} >= {"leaflet.js", "leaflet.css", "map.js", "site.css", "maps.css"}
    # static files counted uncompressed (the development server does not compress them): an upper bound
    total = len(page.content) + sum(p.stat().st_size for p in files)
    total += transferred(client, config["urls"]["villages"]) + transferred(client, config["urls"]["districts"])
    total += transferred(client, f"{config['urls']['data']}?run={published.pk}")
    assert total <= BUDGET_BYTES, f"{total / 1024:.0f} KB"
