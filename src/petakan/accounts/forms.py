from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from petakan.accounts import throttle
from petakan.accounts.models import Role, User
from petakan.regions.models import Area, Level

AREA_LEVEL_OF_ROLE = {Role.DISTRICT: Level.DISTRICT, Role.VILLAGE: Level.VILLAGE}


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if username and throttle.is_locked(self.request, username):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                throttle.record_failure(self.request, username)
            raise
        throttle.clear(username)
        return cleaned


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
