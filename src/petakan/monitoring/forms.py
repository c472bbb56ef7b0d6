"""Forms of the yearly realisation: one form per programme and year, with a row per budget source and per
programme indicator, evidence files, and the version the analyst opened (optimistic locking as for programmes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from petakan.lib.monitoring import parse_value
from petakan.monitoring.models import Realisation
from petakan.planning.models import BudgetSource


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); each is checked by the upload guard in the view."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # a hint for the phone's picker (camera, files); the upload guard still decides by content
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx,image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def parse_rupiah(text: str) -> int | None:
    """Rupiah as typed: "1.500.000", "1500000", "1,5" is refused (no fractions of a rupiah). None when empty."""
    text = (text or "").strip().removeprefix("Rp").strip()
    if not text:
        return None
    value = parse_value(text)
    if value is None or value < 0 or value != int(value):
        raise ValueError(text)
    return int(value)


class RealisationForm(forms.ModelForm):
    """Status, evidence, spend per source and each indicator's target and realised value of one year."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    evidence_link = forms.URLField(label=_("bukti (tautan)"), max_length=500, required=False, assume_scheme="https")
    evidence_files = MultipleFileField(label=_("berkas bukti (PDF, JPEG, PNG, XLSX, DOCX)"), required=False)

    class Meta:
        model = Realisation
        fields = ["status", "evidence_text", "evidence_link"]
        widgets = {"evidence_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, measures: list[dict[str, Any]], spend: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure_rows = measures
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        self.source_fields = []
        for source, label in BudgetSource.choices:
            name = f"spend_{source}"
            self.fields[name] = forms.CharField(
                label=label, required=False, initial=f"{spend[source]:,}".replace(",", ".") if source in spend else ""
            )
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
            self.source_fields.append((source, name))
        for row in measures:
            pk = row["measure"].pk
            self.fields[f"target_{pk}"] = forms.CharField(
                label=_("target"), required=False, max_length=60, initial=row["target"]
            )
            self.fields[f"value_{pk}"] = forms.CharField(
                label=_("realisasi"), required=False, max_length=60, initial=row["value"]
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label=_("catatan"), required=False, max_length=300, initial=row["note"]
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for source, name in self.source_fields:
            try:
                data[name] = parse_rupiah(data.get(name, ""))
            except ValueError:
                label = dict(BudgetSource.choices)[source]
                self.add_error(
                    name,
                    _("Realisasi anggaran %(source)s: «%(value)s» bukan jumlah rupiah (contoh: 1.500.000).")
                    % {"source": label, "value": self.data.get(self.add_prefix(name), "")},
                )
        return data

    def spend(self) -> dict[str, int]:
        return {s: self.cleaned_data[n] for s, n in self.source_fields if self.cleaned_data.get(n) is not None}

    def values(self) -> list[tuple[Any, str, str, str]]:
        return [
            (
                row["measure"],
                self.cleaned_data[f"target_{row['measure'].pk}"].strip(),
                self.cleaned_data[f"value_{row['measure'].pk}"].strip(),
                self.cleaned_data[f"note_{row['measure'].pk}"].strip(),
            )
            for row in self.measure_rows
        ]

    def rows(self) -> list[dict[str, Any]]:
        """The indicator rows with their bound fields, for the template."""
        return [
            {
                **row,
                "target_field": self[f"target_{row['measure'].pk}"],
                "value_field": self[f"value_{row['measure'].pk}"],
                "note_field": self[f"note_{row['measure'].pk}"],
            }
            for row in self.measure_rows
        ]


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", _("Terima")), ("return", _("Kembalikan"))])
    note = forms.CharField(label=_("catatan tinjauan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "return" and not (data.get("note") or "").strip():
            self.add_error("note", _("Tulis alasan pengembalian agar analis tahu apa yang perlu diperbaiki."))
        return data
