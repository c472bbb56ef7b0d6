"""Error pages (400, 403, 404, 500) in the visitor's language, inside the site's layout, with a way forward.

They are Django's ``handler400/403/404/500`` (``petakan/urls.py``) and the CSRF failure view; :class:`FriendlyErrors`
makes the demo (``DEBUG`` on) use them too instead of Django's technical pages, which list every URL pattern and
the settings. A failure is still logged with its traceback (``petakan.errors``) for whoever runs the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _

from petakan.accounts.models import Role

log = logging.getLogger("petakan.errors")


def _scope_text(request: HttpRequest) -> str:
    """What the signed-in account may reach, in one sentence, so a refusal says where the user can go instead."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return _("Halaman ini hanya untuk pengguna yang sudah masuk dengan akun yang berhak.")
    area = getattr(user, "area", None)
    if user.role == Role.VILLAGE and area is not None:
        return _(
            "Akun desa hanya dapat membuka dan mengubah data desanya sendiri: %(area)s. Data desa lain diurus "
            "oleh akun desa itu; yang sudah dipublikasikan dapat dibaca semua orang."
        ) % {"area": area.name}
    if user.role == Role.DISTRICT and area is not None:
        return _("Akun kecamatan hanya dapat memeriksa desa-desa di Kecamatan %(area)s.") % {"area": area.name}
    return _("Akun Anda (%(role)s) tidak berhak melakukan ini. Hubungi Kominfo bila memerlukannya.") % {
        "role": user.get_role_display()
    }


def _page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    context: dict[str, Any] = {"status": status, "title": title, "text": text}
    try:
        html = render_to_string("web/error.html", context, request=request)
    except Exception:  # the layout itself may be what fails (e.g. the database is down): a plain page then
        log.exception("the error page %s could not be rendered in the layout", status)
        title, text = escape(title), escape(text)
        html = f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{text}</p><p><a href='/'>Petakan</a></p>"
    response = HttpResponse(html, status=status)
    response.petakan_error_page = True  # type: ignore[attr-defined]
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        _("Permintaan tidak dapat dibaca"),
        _("Alamat atau isian yang dikirim tidak sesuai. Kembali ke halaman sebelumnya dan coba lagi."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, _("Anda tidak berhak membuka halaman ini"), _scope_text(request))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        _("Halaman tidak ditemukan"),
        _("Alamat ini tidak ada (lagi) di Petakan. Periksa alamatnya, atau mulai dari beranda."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        500,
        _("Terjadi kesalahan di server"),
        _("Kesalahan ini sudah dicatat. Tidak ada yang berubah karena langkah terakhir Anda; coba lagi sebentar lagi."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(
        request,
        403,
        _("Formulir kedaluwarsa"),
        _("Halaman ini dibuka terlalu lama atau dari jendela lain. Muat ulang halaman, lalu kirim lagi."),
    )


class FriendlyErrors:
    """With ``DEBUG`` on (the demo), answer with the site's error pages rather than Django's technical ones.

    Without ``DEBUG`` Django already uses the handlers; this only covers what ``DEBUG`` changes: an exception
    raised by a view (404, 400, any failure → 500, logged with its traceback) and an address that matches no
    URL pattern (Django's 404 listing every pattern).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and not getattr(response, "petakan_error_page", False)
        ):
            return page_not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG:
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return permission_denied(request, exception)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            return bad_request(request, exception)
        log.error("%s %s failed", request.method, request.path, exc_info=exception)
        return server_error(request)
