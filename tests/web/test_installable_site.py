"""The site is installable: a manifest, and a Workbox service worker at the root whose scope covers the profiles."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client


def test_the_service_worker_is_served_from_the_root_and_loads_workbox_from_static_files(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    text = response.content.decode()
    assert '"/static/npm/workbox-sw/workbox-sw.js"' in text
    assert "storage.googleapis.com" not in text  # no CDN: modulePathCb points at our static files
    for name in settings.WORKBOX_MODULES:
        path = "npm/workbox-sw/workbox-sw.js" if name == "workbox-sw" else f"npm/{name}/{name}.prod.js"
        assert finders.find(path), f"{path} is not among the static files (npm install?)"


def test_the_manifest_names_the_site_and_its_icons(client: Client) -> None:
    data = client.get("/manifest.webmanifest").json()
    assert data["short_name"] == "Petakan" and data["display"] == "standalone"
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/"))


def test_every_page_links_the_manifest_and_registers_the_worker_from_a_file(client: Client) -> None:
    text = client.get("/offline/").content.decode()
    assert 'rel="manifest"' in text and 'data-sw="/sw.js" defer' in text
    assert "Tidak ada koneksi" in text
    assert "<script>" not in text  # no inline script (Content-Security-Policy)


def test_the_offline_save_script_and_idb_are_static_files() -> None:
    assert finders.find("npm/idb/umd.js")
    assert "X-Petakan-Queued" in Path(finders.find("profiles/edit.js")).read_text()
