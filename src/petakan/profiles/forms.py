"""Forms derived from the profile schema: one form per section, no hand-written form per field.

Every input is text (numbers may be typed the Indonesian way, ``1.234,5``); the values are read and checked by
:mod:`petakan.lib.profile` in :func:`petakan.profiles.services.save_section`, whose problems the view attaches
to the fields here. Django only parses the request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from petakan.lib.profile import Field, Problem, Value
from petakan.lib.profile.carry import CarryOver
from petakan.profiles.presentation import YES_NO, edit_text

TEXTAREA_FROM = 200  # characters of max_length from which a text field gets a text area


def _widget(f: Field, lang: str) -> forms.Widget:
    if f.type == "boolean":
        yes, no = YES_NO[lang]
        return forms.Select(choices=[("", "–"), ("ya", yes), ("tidak", no)])
    if f.type == "choice":
        return forms.Select(choices=[("", "–"), *((c.value, c.label.get(lang)) for c in f.choices)])
    if f.type == "text":
        attrs = {"maxlength": str(f.max_length)}
        if (f.max_length or 0) >= TEXTAREA_FROM:
            return forms.Textarea(attrs={**attrs, "rows": "4"})
        return forms.TextInput(attrs=attrs)
    # text inputs rather than type=number: people type "1.234,5", which a number input refuses
    mode = "numeric" if f.type == "integer" else "decimal"
    return forms.TextInput(attrs={"inputmode": mode, "autocomplete": "off", "class": "num"})


def _label(f: Field, lang: str) -> str:
    unit = ""
    if f.type == "percent":
        unit = " (%)"
    elif f.unit is not None:
        unit = f" ({f.unit.label.get(lang)})"
    return f.label.get(lang) + unit


class SectionForm(forms.Form):
    """The fields of one section, plus the profile ``version`` the form was loaded from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        fields: list[Field],
        lang: str,
        *,
        data: Mapping[str, Any] | None = None,
        values: Mapping[str, Value] | None = None,
        version: int = 0,
        carried: CarryOver | None = None,
    ) -> None:
        initial: dict[str, Any] = {"version": version}
        # a value carried from last year fills the input until it is confirmed or changed
        shown = {**(carried.values if carried else {}), **(values or {})}
        for f in fields:
            initial[f.code] = edit_text(f, shown.get(f.code), lang)
        super().__init__(data=data, initial=initial, label_suffix="")
        self.schema_fields = {f.code: f for f in fields}
        for f in fields:
            self.fields[f.code] = forms.CharField(
                label=_label(f, lang),
                help_text=f.help.get(lang),
                required=False,
                strip=True,
                max_length=f.max_length if f.type == "text" else 200,
                widget=_widget(f, lang),
            )
            self.fields[f.code].schema_required = f.required  # type: ignore[attr-defined]
            # the template marks "dari 2026 — periksa" and "definisi berubah" from these
            is_carried = carried is not None and f.code in carried.values and f.code not in (values or {})
            self.fields[f.code].carried_from = carried.from_year if is_carried else None  # type: ignore[attr-defined]
            redefined = carried is not None and f.code in carried.changed and (values or {}).get(f.code) is None
            self.fields[f.code].redefined_since = carried.from_year if redefined else None  # type: ignore[attr-defined]
        self.n_carried = sum(1 for f in fields if self.fields[f.code].carried_from)  # type: ignore[attr-defined]

    def raw_values(self) -> dict[str, str]:
        """The submitted text of every schema field (after Django's own parsing)."""
        return {code: self.cleaned_data.get(code, "") for code in self.schema_fields}

    def add_problems(self, problems: list[Problem], lang: str) -> None:
        """Attach each problem's message (in ``lang``) to its field, or to the form when it names no field here."""
        for p in problems:
            message = p.message(lang)
            if p.field in self.fields and p.field != "version":
                self.add_error(p.field, message)
            else:
                self.add_error(None, message)

    def keep_values(self) -> None:
        """Show the form again with the user's own input (after a refused save)."""
        self.initial.update({k: self.data.get(k, "") for k in self.schema_fields})


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    comment = forms.CharField(
        label=_("Catatan untuk desa"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": "3"})
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas Excel (.xlsx)"))
    year = forms.IntegerField(label=_("Tahun profil"), min_value=2000, max_value=2100)
