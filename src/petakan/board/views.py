"""The live Bimtek board: a page for the admin, the same board behind a secret read-only link for a projector, and
the small fragment both poll every few seconds (htmx)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from petakan.accounts.permissions import can
from petakan.board import services
from petakan.board.models import BoardLink

# Every viewer sees the same board: it is computed at most once per this many seconds per server process, so that
# a hall of phones polling it costs two queries per interval, not two per request. Polling is a little slower.
CACHE_SECONDS = 2
POLL_SECONDS = 3


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("tahun", "")
    if not raw:
        return timezone.localdate().year
    try:
        year = int(raw)
    except ValueError:
        raise Http404(_("Tahun tidak dikenal")) from None
    if not 2000 <= year <= 2100:
        raise Http404(_("Tahun tidak dikenal"))
    return year


def _fragment(request: HttpRequest, year: int, poll_url: str) -> str:
    """The board's HTML fragment, shared by every viewer of the same year and language for CACHE_SECONDS."""
    key = f"board:{settings.PETAKAN_REGENCY_CODE}:{year}:{get_language()}:{poll_url}"
    html = cache.get(key)
    if html is None:
        data = services.board(settings.PETAKAN_REGENCY_CODE, year)
        html = render_to_string(
            "board/_fragment.html",
            {
                "board": data,
                "measures": services.MEASURES,
                "poll_url": poll_url,
                "poll_seconds": POLL_SECONDS,
                "updated": timezone.localtime(),
            },
        )
        cache.set(key, html, CACHE_SECONDS)
    return html


def _fragment_response(html: str) -> HttpResponse:
    response = HttpResponse(html)
    response["Cache-Control"] = "no-cache"
    return response


def _poll_url(name: str, year: int, **kwargs: str) -> str:
    return f"{reverse(name, kwargs=kwargs)}?tahun={year}"


def _check(request: HttpRequest, action: str) -> None:
    if not can(request.user, action):
        raise PermissionDenied


@login_required
def board_page(request: HttpRequest) -> HttpResponse:
    _check(request, "board.view")
    year = _year(request)
    links = BoardLink.objects.filter(revoked_at__isnull=True)
    return render(
        request,
        "board/page.html",
        {
            "fragment": _fragment(request, year, _poll_url("board:fragment", year)),
            "year": year,
            "links": links,
            "may_share": can(request.user, "board.share"),
        },
    )


@login_required
def board_fragment(request: HttpRequest) -> HttpResponse:
    _check(request, "board.view")
    year = _year(request)
    return _fragment_response(_fragment(request, year, _poll_url("board:fragment", year)))


@login_required
def not_started_export(request: HttpRequest) -> HttpResponse:
    _check(request, "board.view")
    year = _year(request)
    data = services.board(settings.PETAKAN_REGENCY_CODE, year)
    response = HttpResponse(
        services.not_started_xlsx(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="desa-belum-mulai-{year}.xlsx"'
    return response


@require_POST
@login_required
def link_create(request: HttpRequest) -> HttpResponse:
    _check(request, "board.share")
    label = request.POST.get("label", "").strip()[:100]
    BoardLink.objects.create(label=label, created_by=request.user)
    messages.success(request, _("Tautan layar dibuat. Siapa pun yang memegang tautan itu dapat melihat papan."))
    return redirect("board:board")


@require_POST
@login_required
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _check(request, "board.share")
    link = get_object_or_404(BoardLink, pk=pk, revoked_at__isnull=True)
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    messages.success(request, _("Tautan layar dicabut."))
    return redirect("board:board")


def _link(token: str) -> BoardLink | None:
    return BoardLink.objects.filter(token=token, revoked_at__isnull=True).first()


def shared_page(request: HttpRequest, token: str) -> HttpResponse:
    """The board for a projector: no account, read-only, as long as its link is not revoked."""
    if _link(token) is None:
        raise Http404(_("Tautan ini tidak berlaku lagi."))
    year = _year(request)
    fragment = _fragment(request, year, _poll_url("board:shared_fragment", year, token=token))
    response = render(request, "board/projector.html", {"fragment": fragment, "year": year})
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"  # the token is the URL: do not hand it to other sites
    return response


def shared_fragment(request: HttpRequest, token: str) -> HttpResponse:
    if _link(token) is None:
        # 200 with a fragment that does not poll again: the screen says why it stopped instead of freezing
        return _fragment_response(render_to_string("board/_revoked.html"))
    year = _year(request)
    return _fragment_response(_fragment(request, year, _poll_url("board:shared_fragment", year, token=token)))
