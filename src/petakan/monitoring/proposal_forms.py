"""Forms of the village proposals: the village's item, and the analyst's decision (link or decline)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from petakan.monitoring.models import Proposal
from petakan.planning.framework import ELEMENT_CHOICES, ELEMENT_DIMENSION
from petakan.planning.models import Programme


class ProposalForm(forms.ModelForm):
    """One proposal item. The element must belong to the chosen dimension (the select lists all 18, grouped)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Proposal
        fields = ["title", "dimension", "element", "location", "estimated_cost", "description"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "estimated_cost": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 1000}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from petakan.planning.framework import DIMENSIONS

        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for code, name, _en in DIMENSIONS:
            groups.append((name, [(c, n) for c, n in ELEMENT_CHOICES if ELEMENT_DIMENSION[c] == code]))
        self.fields["element"] = forms.ChoiceField(
            label=_("Elemen"), choices=[("", _("— pilih elemen —")), *groups], required=True
        )
        self.fields["dimension"].choices = [("", _("— pilih dimensi —")), *self.fields["dimension"].choices[1:]]
        self.fields["estimated_cost"].help_text = _("Dalam rupiah, tanpa titik. Kosongkan bila belum tahu.")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        element, dimension = data.get("element"), data.get("dimension")
        if element and dimension and ELEMENT_DIMENSION.get(element) != dimension:
            self.add_error("element", _("Elemen ini bukan bagian dari dimensi yang dipilih."))
        if self.instance.pk and data.get("version") not in (None, self.instance.version):
            raise forms.ValidationError(
                _("Usulan ini sudah diubah orang lain sejak halaman dibuka. Muat ulang lalu ulangi.")
            )
        return data


class DecisionForm(forms.Form):
    """Link to a programme of the current period, or decline with a reason the village will read."""

    decision = forms.ChoiceField(
        label=_("keputusan"),
        choices=[("link", _("Masukkan ke program")), ("decline", _("Tolak"))],
        widget=forms.RadioSelect,
    )
    programme = forms.ModelChoiceField(label=_("program"), queryset=Programme.objects.none(), required=False)
    reason = forms.CharField(label=_("alasan penolakan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, choices: list[tuple[Programme, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        field.queryset = Programme.objects.filter(pk__in=[p.pk for p, _why in choices])
        field.choices = [("", _("— pilih program —"))] + [
            (p.pk, f"{p.name} ({why})" if why else p.name) for p, why in choices
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "link" and not data.get("programme"):
            if len(self.fields["programme"].choices) <= 1:  # only the "— pilih —" line
                self.add_error("decision", _("Belum ada program di periode berjalan untuk dipilih."))
            else:
                self.add_error("programme", _("Pilih program yang mengambil usulan ini."))
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Alasan penolakan wajib diisi: desa akan membacanya."))
        return data
