from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from petakan.accounts import services, throttle
from petakan.accounts.forms import AccountCreateForm, ThrottledAuthenticationForm
from petakan.accounts.models import User
from petakan.accounts.permissions import can


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        # this browser now knows the password: other usernames' failures from its address no longer slow it
        throttle.remember_device(response, form.get_user().get_username())
        return response

    def form_invalid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_invalid(form)
        if form.throttled_until is not None:
            # the form again, with its message, as "Too Many Requests" so that scripts see it too
            response.status_code = 429
            response["Retry-After"] = str(int((form.throttled_until - timezone.now()).total_seconds()) + 1)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/form.html"
    success_url = reverse_lazy("web:home")
    extra_context = {"title": _("Ganti kata sandi")}

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Kata sandi sudah diganti."))
        return super().form_valid(form)


@login_required
def accounts_list(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "account.manage"):
        raise PermissionDenied
    users = User.objects.select_related("area").order_by("role", "username")
    return render(request, "accounts/list.html", {"users": users})


@login_required
def account_create(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "account.manage"):
        raise PermissionDenied
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Akun %(username)s dibuat.") % {"username": user.username})
        return redirect("accounts:list")
    return render(request, "accounts/form.html", {"form": form, "title": _("Akun baru")})


@login_required
def set_own_password(request: HttpRequest) -> HttpResponse:
    """First login with a one-time password from a slip: the holder chooses their own before anything else opens."""
    user = request.user
    if not getattr(user, "must_set_password", False):
        return redirect("accounts:password_change")
    form = SetPasswordForm(user, request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            user.must_set_password = False
            user.save(update_fields=["must_set_password"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Kata sandi Anda sudah disimpan. Selamat datang di Petakan."))
        safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
        return redirect(next_url if next_url and safe else settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/set_password.html", {"form": form, "next": next_url})


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # one-time passwords: no copy in any cache
    response["Cache-Control"] = "no-store"
    return response


@login_required
def area_account_slips(request: HttpRequest) -> HttpResponse:
    """Create the missing kecamatan and village accounts and download their slips (the only copy of the passwords)."""
    if not can(request.user, "account.manage"):
        raise PermissionDenied
    missing = services.area_accounts_missing(settings.PETAKAN_REGENCY_CODE)
    if request.method == "POST":
        if not missing:
            messages.info(request, _("Semua kecamatan dan desa sudah punya akun."))
            return redirect("accounts:slips")
        stream = io.BytesIO()
        with transaction.atomic():
            created = services.create_area_accounts(missing)
            services.write_account_slips(created, services.site_url(request), stream)
        return _pdf(stream.getvalue(), "slip-akun-petakan.pdf")
    return render(request, "accounts/slips.html", {"missing": missing, "site_url": services.site_url(request)})


@require_POST
@login_required
def reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    """A forgotten password: a new one-time password for the account, handed over on a new slip."""
    if not can(request.user, "account.reset_password"):
        raise PermissionDenied
    user = get_object_or_404(User.objects.select_related("area__parent"), pk=pk)
    if user.pk == request.user.pk:
        raise PermissionDenied  # your own password is changed on the password page, not reset
    stream = io.BytesIO()
    with transaction.atomic():
        account = services.reset_password(user)
        services.write_account_slips([account], services.site_url(request), stream)
    return _pdf(stream.getvalue(), f"slip-{user.username}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def throttles(request: HttpRequest) -> HttpResponse:
    """Who is being slowed down at login, and a button to let a pair or an address try again at once."""
    if not can(request.user, "account.clear_throttle"):
        raise PermissionDenied
    if request.method == "POST":
        address = request.POST.get("address", "").strip()
        username = request.POST.get("username", "").strip()
        if address:
            forgotten = throttle.clear(address, username)
            who = f"{username} @ {address}" if username else address
            messages.success(
                request, _("Pembatasan masuk untuk %(who)s dihapus (%(n)d kegagalan).") % {"who": who, "n": forgotten}
            )
        return redirect("accounts:throttles")
    found = throttle.throttles()
    return render(
        request,
        "accounts/throttles.html",
        {"throttles": found, "now": timezone.now(), "window_hours": settings.LOGIN_THROTTLE_WINDOW_SECONDS / 3600},
    )
