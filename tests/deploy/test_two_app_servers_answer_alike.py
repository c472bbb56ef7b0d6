"""Two gunicorn servers on one database answer alike, whichever a balancer sends a request to.

The deployment of docs/deployment.md on one machine: two app servers (separate processes, nothing in memory in
common) on two ports, one database (a fresh PostgreSQL database in the PostgreSQL run, a shared SQLite file in the
SQLite run), one SECRET_KEY. One browser-like client (one cookie jar, CSRF token from the cookie as a browser
form sends it) alternates between them: it logs in on server 1 and is logged in on server 2; an XLSX dry run made
on server 2 is committed on server 1; a profile published on server 1 is public on server 2, and an index run
computed meanwhile (by the command, as the worker does) is the map's run on both, within the documented bound
(docs/deployment.md, "What every server sees"); the map data of that run has the same ETag on both servers, and
each answers the other's ETag with 304; the village layer comes as the same compressed bytes under one ETag.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from petakan.maps.fastpath import TTL_SECONDS
from tests.deploy.conftest import ADMIN, PASSWORD, YEAR, Databases, app_server, environment, petakan

# The documented bound: a public change is visible on every server after at most the fast path's time to live
# (pages read their version from the database at each request).
BOUND_SECONDS = TTL_SECONDS
DRAFT_VILLAGE = "33.24.01.2001"  # left in draft by the demo (the demo village account's)
VERIFIED_VILLAGE = "33.24.01.2005"  # verified by its kecamatan in the demo, waiting for Kominfo to publish
NOTE = "Jembatan dusun putus — dicatat lewat dua server"


@pytest.fixture
def servers(
    databases: Databases, demo_database: str, tmp_path: Path, data_dir: Path
) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Two servers on one new copy of the demo database: their addresses, and their environment."""
    env = environment(databases.new(template=demo_database), tmp_path, data_dir)
    with app_server(env, tmp_path) as one, app_server(env, tmp_path) as two:
        yield one, two, env


def post(client: requests.Session, url: str, data: dict[str, str], **kwargs: object) -> requests.Response:
    """A form post as a browser sends it: the CSRF token from the cookie, the page it came from as Referer."""
    token = client.cookies.get("csrftoken")
    assert token, "no CSRF cookie yet"
    return client.post(url, data={"csrfmiddlewaretoken": token, **data}, headers={"Referer": url}, **kwargs)  # type: ignore[arg-type]


def within_bound(check: Callable[[], bool]) -> float:
    """Seconds after the change at which a request first saw it, failing when a request asked later than
    BOUND_SECONDS after the change still does not see it (the request's own time, on a loaded machine, is not
    staleness: what counts is when it was asked)."""
    changed = time.monotonic()
    while True:
        asked = time.monotonic() - changed
        if check():
            return asked
        assert asked <= BOUND_SECONDS, f"still not visible when asked {asked:.1f} s after the change"
        time.sleep(0.1)


def words(html: str) -> str:
    """The text of a page as a reader sees it: tags removed, white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def edited_template(content: bytes, field: str, value: str) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Profil"]
    column = {c.value: get_column_letter(c.column) for c in sheet[1] if c.value}[field]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet[f"A{r}"].value == DRAFT_VILLAGE)
    sheet[f"{column}{row}"] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def commodity_of(databases: Databases, url: str, code: str) -> str:
    """A commodity of village ``code``'s profile with a volume, as stored (its LQ is on the map once published)."""
    with databases.connect(url) as connection:
        query = 'SELECT p."values" FROM profiles_profile p JOIN regions_area a ON a.id = p.area_id WHERE a.code = '
        stored = connection.execute(f"{query}'{code}'").fetchone()[0]
    values = json.loads(stored) if isinstance(stored, str) else stored
    return next(k for k, v in sorted(values.items()) if k.startswith("com_") and isinstance(v, int | float) and v > 0)


def test_two_servers_share_sessions_uploads_publications_and_etags(
    servers: tuple[str, str, dict[str, str]], databases: Databases
) -> None:
    one, two, env = servers
    browser = requests.Session()

    # logged in on server 1, and so on server 2 (the session lives in the database, signed with the shared key)
    browser.get(f"{one}/akun/masuk/")
    answer = post(browser, f"{one}/akun/masuk/", {"username": ADMIN, "password": PASSWORD}, allow_redirects=False)
    assert answer.status_code == 302, answer.text[:500]
    home = browser.get(f"{two}/beranda/", allow_redirects=False)
    assert home.status_code == 200 and ADMIN in home.text

    # an XLSX dry run on server 2 (the file is kept in the database) committed on server 1
    template = browser.get(f"{two}/profil/excel/templat.xlsx", params={"cakupan": DRAFT_VILLAGE, "tahun": YEAR})
    assert template.status_code == 200
    upload = edited_template(template.content, "notes_problems", NOTE)
    checked = post(
        browser,
        f"{two}/profil/excel/",
        {"year": str(YEAR)},
        files={"file": ("profil.xlsx", upload, "application/octet-stream")},
    )
    assert checked.status_code == 200
    commit = re.search(r'action="(/profil/excel/\d+/simpan/)"', checked.text)
    assert commit, "the dry run offers no commit"
    assert NOTE not in browser.get(f"{one}/profil/{DRAFT_VILLAGE}/{YEAR}/").text
    saved = post(browser, f"{one}{commit.group(1)}", {}, allow_redirects=False)
    assert saved.status_code == 302, saved.text[:500]
    assert NOTE in browser.get(f"{two}/profil/{DRAFT_VILLAGE}/{YEAR}/").text

    # published on server 1: public on server 2 within the bound, on its page and in the commodity map data that
    # server 2 has just replayed to anonymous visitors from its own memory (petakan.maps.fastpath)
    visitor = requests.Session()
    area = f"{two}/wilayah/{VERIFIED_VILLAGE}/"
    assert "Profil desa ini belum dipublikasikan" in words(visitor.get(area).text)
    shown = re.search(r'"run": "(\d+)"', visitor.get(f"{two}/peta/").text)
    assert shown
    commodity = commodity_of(databases, env["DATABASE_URL"], VERIFIED_VILLAGE)
    lq = f"{two}/peta/data.json?run={shown.group(1)}&var=lq:{commodity}"
    for _ in range(2):  # asked twice: the second answer is a replay
        assert visitor.get(lq).json()["values"].get(VERIFIED_VILLAGE) is None
    profile = browser.get(f"{one}/profil/{VERIFIED_VILLAGE}/{YEAR}/").text
    version = re.search(r'name="version" value="(\d+)"', profile)
    assert version
    published = post(
        browser,
        f"{one}/profil/{VERIFIED_VILLAGE}/{YEAR}/publikasikan/",
        {"version": version.group(1), "konfirmasi": "1"},
        allow_redirects=False,
    )
    assert published.status_code in (200, 302), published.text[:500]
    page_lag = within_bound(lambda: f"{YEAR} dipublikasikan" in words(visitor.get(area).text))
    data_lag = within_bound(lambda: visitor.get(lq).json()["values"].get(VERIFIED_VILLAGE) is not None)
    print(f"publication seen on the other server: page after {page_lag:.2f} s, map data after {data_lag:.2f} s")

    # a new index run from the published profiles (the worker's job; here the command): the map's run on both
    said = petakan(env, "indices", "compute", "--year", str(YEAR), "--status", "published")
    run = re.search(r"Run #(\d+)", said)
    assert run
    for server in (one, two):
        within_bound(lambda server=server: f'"run": "{run.group(1)}"' in visitor.get(f"{server}/peta/").text)

    # the same map data under the same ETag on both, and each answers the other's ETag with "not modified"
    data = f"/peta/data.json?run={run.group(1)}&var=sci"
    first, second = visitor.get(one + data), visitor.get(two + data)
    assert first.status_code == second.status_code == 200
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.content == second.content
    for server, etag in ((two, first.headers["ETag"]), (one, second.headers["ETag"])):
        assert visitor.get(server + data, headers={"If-None-Match": etag}).status_code == 304

    # the stored village layer: the same compressed bytes under the same ETag from both
    layer = "/api/v1/areas/33.24/villages.geojson"
    answers = [visitor.get(server + layer, headers={"Accept-Encoding": "gzip"}, stream=True) for server in (one, two)]
    assert answers[0].headers["ETag"] == answers[1].headers["ETag"]
    assert answers[0].raw.read() == answers[1].raw.read() != b""
