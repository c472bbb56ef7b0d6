from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from petakan import uploads
from petakan.economy.models import PdrbSeries, PriceBasis
from petakan.lib.uploads import UploadError, check_size

# Size limit: PETAKAN_UPLOAD_LIMITS["pdrb"] (2 MB). PDRB tables are a few kilobytes; a larger upload is a wrong
# file, and it travels back in the commit form.
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


class ImportForm(forms.Form):
    """Upload of a PDRB table. The file's bytes travel back base64-encoded in ``content`` after the dry run, so the
    commit re-reads and re-validates exactly the file that was checked, without keeping uploads on the server."""

    file = forms.FileField(
        label=_("Berkas tabel PDRB (CSV atau XLSX)"),
        required=False,
        help_text=_(
            "Tata letak BPS (kategori sebagai baris, tahun sebagai kolom) atau panjang (tahun, kategori, nilai)."
        ),
    )
    content = forms.CharField(widget=forms.HiddenInput, required=False)
    file_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    region_name = forms.CharField(label=_("Nama wilayah"), max_length=120, help_text=_("mis. Kendal atau Jawa Tengah"))
    region_code = forms.CharField(
        label=_("Kode wilayah BPS atau Kemendagri (boleh kosong)"), max_length=16, required=False
    )
    price_basis = forms.ChoiceField(label=_("Dasar harga"), choices=PriceBasis.choices)
    source = forms.CharField(
        label=_("Sumber"), max_length=500, help_text=_("mis. BPS Kabupaten Kendal, Kendal Dalam Angka 2024, tabel 11.1")
    )
    layout = forms.ChoiceField(
        label=_("Tata letak"),
        choices=[
            ("auto", _("kenali otomatis")),
            ("bps", _("tabel BPS")),
            ("long", _("panjang: tahun, kategori, nilai")),
        ],
        initial="auto",
    )
    number_format = forms.ChoiceField(
        label=_("Format angka"),
        choices=[
            ("auto", _("kenali otomatis")),
            ("id", _("Indonesia: 1.234.567,89")),
            ("en", _("Inggris: 1,234,567.89")),
        ],
        initial="auto",
    )
    sheet = forms.CharField(label=_("Lembar kerja (XLSX dengan beberapa lembar)"), max_length=100, required=False)
    illustrative = forms.BooleanField(label=_("Ini data contoh (ilustratif), bukan data resmi"), required=False)
    replace = forms.BooleanField(label=_("Ganti seri yang sudah ada untuk wilayah dan dasar harga ini"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            try:  # refused before the file is read
                check_size(upload.size, uploads.limits("pdrb"))
            except UploadError as exc:
                raise forms.ValidationError(uploads.message(exc)) from exc
            raw = upload.read()
            name = PurePath(upload.name).name
        elif data.get("content"):
            try:
                raw = base64.b64decode(data["content"], validate=True)
            except (binascii.Error, ValueError):
                raise forms.ValidationError(_("Isi berkas yang diperiksa rusak; unggah berkasnya lagi.")) from None
            name = PurePath(data.get("file_name") or "").name
        else:
            self.add_error("file", _("Pilih berkas CSV atau XLSX."))
            return data
        file_format = FORMATS.get(PurePath(name).suffix.casefold())
        if file_format is None:
            self.add_error("file", _("Berkas harus .csv atau .xlsx, bukan %(name)s.") % {"name": name or "?"})
            return data
        data["raw"] = raw
        data["file_name"] = name
        data["file_format"] = file_format
        return data

    def keep_upload(self) -> None:
        """After a dry run: put the checked file into the hidden fields, so that "Simpan" sends it back."""
        bound = self.data.copy()
        bound["content"] = base64.b64encode(self.cleaned_data["raw"]).decode("ascii")
        bound["file_name"] = self.cleaned_data["file_name"]
        self.data = bound


class AnalysisForm(forms.Form):
    """Which two series to compare, and over which years (defaults: the first and last common year)."""

    region = forms.ModelChoiceField(label=_("Wilayah"), queryset=PdrbSeries.objects.none())
    reference = forms.ModelChoiceField(label=_("Pembanding"), queryset=PdrbSeries.objects.none())
    start = forms.TypedChoiceField(label=_("Tahun awal"), coerce=int, required=False, empty_value=None)
    end = forms.TypedChoiceField(label=_("Tahun akhir"), coerce=int, required=False, empty_value=None)

    def __init__(
        self, data: Mapping[str, Any] | None, *, series: Sequence[PdrbSeries], years: Mapping[int, Sequence[int]]
    ) -> None:
        super().__init__(data)
        self.years = years
        ids = [s.pk for s in series]
        for name in ("region", "reference"):
            self.fields[name].queryset = PdrbSeries.objects.filter(pk__in=ids)  # type: ignore[attr-defined]
        all_years = sorted({y for ys in years.values() for y in ys})
        choices = [("", _("otomatis")), *((str(y), str(y)) for y in all_years)]
        self.fields["start"].choices = choices  # type: ignore[attr-defined]
        self.fields["end"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        region, reference = data.get("region"), data.get("reference")
        if region is None or reference is None:
            return data
        if region.pk == reference.pk:
            raise forms.ValidationError(_("Pilih dua seri yang berbeda untuk wilayah dan pembanding."))
        if region.price_basis != reference.price_basis:
            raise forms.ValidationError(
                _("Kedua seri harus memakai dasar harga yang sama (%(a)s dan %(b)s berbeda).")
                % {"a": region.get_price_basis_display(), "b": reference.get_price_basis_display()}
            )
        common = sorted(set(self.years.get(region.pk, ())) & set(self.years.get(reference.pk, ())))
        if len(common) < 2:
            raise forms.ValidationError(_("Kedua seri tidak memiliki paling sedikit dua tahun yang sama."))
        start = data.get("start") or common[0]
        end = data.get("end") or common[-1]
        missing = [str(y) for y in (start, end) if y not in common]
        if missing:
            raise forms.ValidationError(
                _("Tahun %(years)s tidak ada di kedua seri; tahun yang sama: %(first)s–%(last)s.")
                % {"years": ", ".join(missing), "first": common[0], "last": common[-1]}
            )
        if end <= start:
            self.add_error("end", _("Tahun akhir harus sesudah tahun awal."))
        data["start"], data["end"] = start, end
        return data
