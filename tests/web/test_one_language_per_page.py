"""Every page of the demo reads in one language: in Indonesian no English status or action word, no raw field key
and no ISO timestamp appears in the visible text, for the public and for every role.

The pages are found by following the links of each user's pages from a few starting points (at most a few pages
per URL pattern, so that 286 village pages count as one), with the demo loaded and a bit of real work done on top
of it (a council approval, a returned profile), so that histories and worklists have something to show.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from petakan.accounts.models import User
from petakan.planning.models import Programme

# English words that must not appear as whole words in the Indonesian interface (statuses, actions, answers).
ENGLISH = [
    "draft",
    "submitted",
    "verified",
    "published",
    "returned",
    "approved",
    "pending",
    "all",
    "none",
    "true",
    "false",
    "yes",
    "submit",
    "save",
    "edit",
    "delete",
    "cancel",
    "update",
    "approve",
    "reject",
    "return",
    "publish",
    "unpublish",
    "verify",
    "back",
    "next",
    "previous",
    "search",
    "download",
    "login",
    "logout",
]
ENGLISH_RE = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.IGNORECASE)
# Indonesian status and action words that must not appear in the English interface ("ya"/"tidak" are not listed:
# the demo's own texts, Indonesian data shown as entered, use them).
INDONESIAN = ["draf", "diajukan", "dikembalikan", "diverifikasi", "dipublikasikan", "belum mulai"]
INDONESIAN += ["simpan", "ubah", "hapus", "batal", "ajukan", "verifikasi", "kembalikan", "publikasikan", "setujui"]
INDONESIAN_RE = re.compile(r"\b(" + "|".join(INDONESIAN) + r")\b", re.IGNORECASE)
# a raw model or form key shown to the reader ("approved_at:", "comment:") or a machine timestamp
RAW_KEY_RE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\s*:|(?<![\w-])comment:")
ISO_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# where text is code, data or a name rather than interface: not checked
SKIP_TAGS = {"script", "style", "code", "pre", "kbd", "samp", "template", "svg", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# links not to follow: downloads, the API, the language switch, logging out, Django's admin
NOT_PAGES = re.compile(r"\.(csv|xlsx|docx|json|geojson|zip|png|pdf)$|^/(api/|static/|i18n/|admin/|akun/keluar)")
PER_PATTERN = 2
MAX_PAGES = 160


class VisibleText(HTMLParser):
    """The text a reader sees (and button labels, placeholders, titles), with the links of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.stack: list[bool] = []
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        for name in ("placeholder", "title", "aria-label", "alt"):
            if a.get(name):
                self.parts.append(a[name] or "")
        if tag == "input" and a.get("type") in {"submit", "button"} and a.get("value"):
            self.parts.append(a["value"] or "")
        if tag in VOID:
            return
        skipped = tag in SKIP_TAGS or a.get("translate") == "no" or "hidden" in a
        self.stack.append(skipped)
        self.skip += skipped

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        self.skip -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def problems_of(text: str, lang: str = "id") -> list[str]:
    if lang == "en":
        found = [f"Indonesian word {m.group(0)!r}" for m in INDONESIAN_RE.finditer(text)]
    else:
        found = [f"English word {m.group(0)!r}" for m in ENGLISH_RE.finditer(text)]
    found += [f"raw key {m.group(0)!r}" for m in RAW_KEY_RE.finditer(text)]
    found += [f"ISO timestamp {m.group(0)!r}" for m in ISO_RE.finditer(text)]
    return found


def context(text: str, problem: str) -> str:
    word = problem.split("'")[1]
    i = text.find(word)
    return " ".join(text[max(0, i - 60) : i + 60].split())


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def crawl(client: Client, starts: list[str], lang: str = "id") -> tuple[dict[str, list[str]], list[str]]:
    """Every page reachable from ``starts`` (a few per URL pattern) → what is wrong with its visible text; and the
    pages read."""
    queued: set[str] = set(starts)
    per_route: Counter[str] = Counter(route_of(urlsplit(u).path) or "" for u in starts)
    queue = list(starts)
    bad: dict[str, list[str]] = {}
    read: list[str] = []
    while queue and len(read) < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code < 500, url
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read.append(url)
        parser = VisibleText()
        parser.feed(response.content.decode())
        text = " ".join(" ".join(parser.parts).split())
        found = problems_of(text, lang)
        if found:
            bad[url] = sorted({f"{p} in “…{context(text, p)}…”" for p in found})
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or NOT_PAGES.search(parts.path):
                continue
            route = route_of(parts.path)
            if href in queued or route is None or per_route[route] >= PER_PATTERN:
                continue
            queued.add(href)
            per_route[route] += 1
            queue.append(href)
    return bad, read


@pytest.fixture(scope="module")
def demo_with_work(django_db_setup, django_db_blocker, data_dir):  # type: ignore[no-untyped-def]
    """The demo loaded once for the module, plus a council approval made through the page."""
    from django.conf import settings

    with django_db_blocker.unblock():
        settings.PETAKAN_DATA_DIR = data_dir
        call_command("demo", stdout=StringIO())
        council = Client()
        council.force_login(User.objects.get(username="dewan"))
        programme = Programme.objects.filter(approved_at__isnull=True).order_by("pk").first()
        assert programme is not None
        council.post(f"/rencana/program/{programme.pk}/persetujuan/", {"action": "approve"})
        programme.refresh_from_db()
        assert programme.approved_at is not None and programme.approved_at <= timezone.now()
        yield programme
        call_command("flush", "--noinput", stdout=StringIO())
        call_command("regions", "load-kendal", "--commit", stdout=StringIO())


STARTS = [
    "/",
    "/peta/",
    "/peta/dasbor/",
    "/indeks/",
    "/idm/",
    "/ekonomi/",
    "/rencana/",
    "/rencana/riwayat/",
    "/profil/kelengkapan/",
    "/wilayah/33.24/",
    "/wilayah/33.24.01/",
    "/wilayah/33.24.01.2001/",
    "/wilayah/33.24.01.2004/",
]


@pytest.mark.parametrize("username", ["", "admin", "analis", "dewan", "kecamatan", "desa"])
def test_no_page_in_indonesian_shows_an_english_status_word_or_a_raw_key(
    demo_with_work: Programme, db: None, username: str
) -> None:
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    bad, read = crawl(client, STARTS)
    assert len(read) > 25, read
    report = "\n".join(f"{url}: {'; '.join(found)}" for url, found in sorted(bad.items()))
    assert not bad, f"{len(bad)} page(s) not in one language:\n{report}"


@pytest.mark.parametrize("username", ["", "admin", "kecamatan", "desa"])
def test_no_page_in_english_shows_an_indonesian_status_or_action_word(
    demo_with_work: Programme, db: None, username: str
) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    if username:
        client.force_login(User.objects.get(username=username))
    bad, read = crawl(client, STARTS, "en")
    assert len(read) > 25, read
    report = "\n".join(f"{url}: {'; '.join(found)}" for url, found in sorted(bad.items()))
    assert not bad, f"{len(bad)} page(s) not in one language:\n{report}"


def test_the_checker_finds_what_it_looks_for() -> None:
    parser = VisibleText()
    parser.feed("<p>Status: draft</p><p>approved_at: → 2026-12-04T21:04:54</p><code>published</code><b>Simpan</b>")
    text = " ".join(parser.parts)
    assert problems_of(text) == ["English word 'draft'", "raw key 'approved_at:'", "ISO timestamp '2026-12-04T21:04'"]
