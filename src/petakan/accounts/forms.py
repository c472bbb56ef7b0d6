from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from petakan.accounts import throttle
from petakan.accounts.models import Role, User
from petakan.regions.models import Area, Level

AREA_LEVEL_OF_ROLE = {Role.DISTRICT: Level.DISTRICT, Role.VILLAGE: Level.VILLAGE}


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form that first asks :mod:`petakan.accounts.throttle` whether this username may try from this
    address now; if not, the password is not checked and the error says when to try again."""

    throttled_until: datetime | None = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if username:
            until = throttle.wait_until(self.request, username)
            if until is not None:
                self.throttled_until = until
                raise forms.ValidationError(throttled_message(until), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                throttle.record_failure(self.request, username)
            raise
        throttle.succeeded(self.request, username)
        return cleaned


def throttled_message(until: datetime) -> str:
    """ "… Coba lagi dalam 2 menit (pukul 21.50)." in the visitor's language and the installation's time zone."""
    minutes = throttle.minutes_left(until)
    clock = date_format(timezone.localtime(until), "H.i" if get_language() == "id" else "H:i")
    return ngettext(
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)d menit (pukul %(time)s).",
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)d menit (pukul %(time)s).",
        minutes,
    ) % {"minutes": minutes, "time": clock}


class AccountCreateForm(UserCreationForm):
    area = forms.ModelChoiceField(
        queryset=Area.objects.filter(level__in=[Level.DISTRICT, Level.VILLAGE]).order_by("code"),
        required=False,
        label=_("Wilayah (untuk akun kecamatan atau desa)"),
    )

    class Meta:
        model = User
        fields = ("username", "first_name", "email", "role", "area")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        role, area = cleaned.get("role"), cleaned.get("area")
        needed = AREA_LEVEL_OF_ROLE.get(role)
        if needed and (area is None or area.level != needed):
            self.add_error(
                "area", _("Akun dengan peran ini harus terikat pada satu %(level)s.") % {"level": Level(needed).label}
            )
        if not needed and area is not None:
            self.add_error("area", _("Peran ini berlaku untuk seluruh kabupaten; kosongkan wilayah."))
        return cleaned
