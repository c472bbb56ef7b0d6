"""Benchmark: what working without a connection adds to the first load of a profile section on a phone.

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_offline_bundle.py``.

A throw-away SQLite database gets Kendal's villages and one village account, which opens the population section
through the Django test client. Measured, gzip level 6 (what a compressing web server sends):

- ``offline.bundle``: every byte the offline support makes a phone download on its first visit — the page's
  ``register.js``, ``idb`` (UMD build) and the whole of ``profiles/edit.js`` (an upper bound: part of it existed
  before), the web app manifest and its two icons, the service worker ``/sw.js`` and the Workbox modules it imports,
  and the "tidak ada koneksi" page the worker keeps at install. Budget: 150 KB.
- Baseline: the section page's existing first load (its HTML and the stylesheets and other scripts it links),
  measured in the same run; the ratio is bundle / existing first load.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_profile_save import load_villages, setup_django

BUDGET_BYTES = 150 * 1024
YEAR = 2026


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def static_bytes(url: str) -> bytes:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = finders.find(url.removeprefix("/" + settings.STATIC_URL.strip("/") + "/"))
    if path is None:
        raise SystemExit(f"static file not found: {url} (npm install?)")
    return Path(path).read_bytes()


def main() -> None:
    data_dir = setup_django()
    from django.test import Client

    from petakan.accounts.models import User
    from petakan.regions.models import Area

    load_villages(data_dir)
    village = Area.objects.get(code="33.24.01.2001")
    user = User.objects.create_user("bench-village", password="x" * 12, role="village", area=village)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    page = client.get(f"/profil/{village.code}/{YEAR}/ubah/population/")
    assert page.status_code == 200, page.status_code
    html = page.content.decode()
    linked = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)

    added_on_page = [u for u in linked if re.search(r"profiles/offline/register\.js|npm/idb/|profiles/edit\.js", u)]
    existing = gz(page.content) + sum(gz(static_bytes(u)) for u in linked if u not in added_on_page)

    parts: dict[str, int] = {u.rsplit("/", 1)[-1]: gz(static_bytes(u)) for u in added_on_page}
    manifest = client.get("/manifest.webmanifest")
    parts["manifest"] = gz(manifest.content)
    for icon in json.loads(manifest.content)["icons"]:
        parts[icon["src"].rsplit("/", 1)[-1]] = len(static_bytes(icon["src"]))  # PNG: gzip gains nothing
    worker = client.get("/sw.js")
    parts["sw.js"] = gz(worker.content)
    modules = json.loads(re.search(r"var MODULES = (\{.*?\});", worker.content.decode()).group(1))  # type: ignore[union-attr]
    workbox = sum(gz(static_bytes(u)) for u in modules.values())
    parts[f"workbox ({len(modules)} modules)"] = workbox
    parts["offline page"] = gz(client.get("/offline/").content)

    total = sum(parts.values())
    detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in parts.items())
    print(
        f"offline.bundle added to the first load of a profile section: {total / 1024:.1f} KB gzipped"
        f" (budget {BUDGET_BYTES / 1024:.0f} KB) | baseline existing first load {existing / 1024:.1f} KB"
        f" | ratio {total / existing:.2f}x"
    )
    print(f"  parts (KB): {detail}")
    if total > BUDGET_BYTES:
        raise SystemExit("offline bundle over budget")


if __name__ == "__main__":
    main()
