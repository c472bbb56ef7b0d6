"""The header menu is the same on every page for a role: pages add their own links under it, never into it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.conftest import KENDAL_VILLAGE, PASSWORD

PAGES = [
    "/beranda/",
    "/peta/dasbor/",
    "/indeks/",
    "/idm/",
    "/ekonomi/",
    "/rencana/",
    "/profil/excel/",
    f"/wilayah/{KENDAL_VILLAGE}/",
    f"/profil/{KENDAL_VILLAGE}/2026/",
]


def menu(html: str) -> str:
    found = re.search(r'<nav aria-label="[^"]*" id="main-menu">(.*?)</nav>', html, re.S)
    assert found, "no main menu"
    # the CSRF token of the logout form changes per page; the links do not
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", found.group(1))


@pytest.mark.parametrize("role", ["village", "district", "admin"])
def test_every_page_shows_the_same_menu_with_my_home(role: str, client: Client, cast: Any) -> None:
    assert client.login(username=cast[role].username, password=PASSWORD)
    menus = set()
    for url in PAGES:
        response = client.get(url)
        if response.status_code != 200:  # e.g. a kecamatan may not see the village's profile of another year
            continue
        menus.add(menu(response.content.decode()))
    assert len(menus) == 1
    assert "Beranda saya" in menus.pop()
