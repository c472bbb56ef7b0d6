from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from petakan.accounts import throttle
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
