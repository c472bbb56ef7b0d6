from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from petakan.accounts.forms import AccountCreateForm, ThrottledAuthenticationForm
from petakan.accounts.models import User
from petakan.accounts.permissions import can


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


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
