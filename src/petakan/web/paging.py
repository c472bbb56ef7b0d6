"""Paging long tables: a page of a ranking, and links to its neighbours that keep the page's other parameters
(the run, the kecamatan compared on the radar, the search)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest

PAGE_PARAM = "hal"
SEARCH_PARAM = "cari"


def search_text(request: HttpRequest) -> str:
    return request.GET.get(SEARCH_PARAM, "").strip()[:100]


def page_number(request: HttpRequest) -> str:
    return request.GET.get(PAGE_PARAM, "1")


def pager(request: HttpRequest, page: Page, anchor: str) -> dict[str, Any]:
    """What ``web/_pager.html`` needs: the page, links to the previous and next pages, and the other query
    parameters to carry in the search form as hidden fields."""

    def link(number: int) -> str:
        query = request.GET.copy()
        query[PAGE_PARAM] = str(number)
        return f"?{query.urlencode()}#{anchor}"

    return {
        "page": page,
        "anchor": anchor,
        "search": search_text(request),
        "previous": link(page.previous_page_number()) if page.has_previous() else "",
        "next": link(page.next_page_number()) if page.has_next() else "",
        "keep": [(k, v) for k, v in request.GET.items() if k not in (PAGE_PARAM, SEARCH_PARAM) and v],
        "active": bool(search_text(request)) or PAGE_PARAM in request.GET,
    }
