"""Forms of the IDM pages: item scores derived from the edition file, review, and the two imports."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from petakan import uploads
from petakan.lib.idm import Edition, Item
from petakan.lib.uploads import UploadError, check_size

UPLOAD_SUFFIXES = (".csv", ".xlsx")


def item_label(item: Item) -> str:
    return f"{item.code} · {item.name.get(get_language() or 'id')}"


class ItemScoresForm(forms.Form):
    """One field per item of the edition (a 0..max choice; blank = not scored yet), in the published order.

    Every error names the item (code and name), on the field and in the summary above the form.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        for item in edition.items:
            label = item_label(item)
            choices = [("", "—")] + [(str(score), str(score)) for score in range(item.max_score + 1)]
            self.fields[item.code] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={
                    "invalid_choice": _("%(item)s: %%(value)s bukan skor 0–%(max)d.")
                    % {"item": label, "max": item.max_score}
                },
            )

    def item_fields(self) -> list[tuple[Item, forms.BoundField]]:
        return [(item, self[item.code]) for item in self.edition.items]

    def scores(self) -> dict[str, int | None]:
        return {item.code: self.cleaned_data.get(item.code) for item in self.edition.items}

    def item_errors(self) -> list[str]:
        """Every field error, each naming its item, for the summary at the top of the form."""
        return [str(message) for code in self.edition.item_codes for message in self.errors.get(code, [])]


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("verify", _lazy("Verifikasi")), ("return", _lazy("Kembalikan"))])
    comment = forms.CharField(
        label=_lazy("Catatan untuk desa (wajib bila dikembalikan)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class _ImportForm(forms.Form):
    """An upload checked by a dry run; the checked file's bytes travel back base64-encoded in ``content``, so that
    «Simpan» commits exactly the file that was checked, without keeping uploads on the server."""

    content = forms.CharField(widget=forms.HiddenInput, required=False)
    file_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    sheet = forms.CharField(label=_lazy("Lembar kerja (XLSX dengan beberapa lembar)"), max_length=100, required=False)
    commit = forms.BooleanField(
        label=_lazy("Langsung simpan bila tidak ada masalah (tanpa centang: uji coba saja)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload: UploadedFile | None = data.get("file")
        if upload is not None:
            name = PurePath(upload.name or "").name
            if PurePath(name).suffix.lower() not in UPLOAD_SUFFIXES:
                self.add_error("file", _("Berkas harus .csv atau .xlsx."))
                return data
            try:  # the size limit is refused before the file is read
                check_size(upload.size or 0, uploads.limits("idm"))
            except UploadError as exc:
                self.add_error("file", uploads.message(exc))
                return data
            data["payload"] = (name, upload.read())
        elif data.get("content"):
            name = PurePath(data.get("file_name") or "").name
            if PurePath(name).suffix.lower() not in UPLOAD_SUFFIXES:
                raise forms.ValidationError(_("Berkas harus .csv atau .xlsx."))
            try:
                raw = base64.b64decode(data["content"].encode("ascii"), validate=True)
            except (binascii.Error, UnicodeEncodeError) as exc:
                raise forms.ValidationError(_("Berkas yang dikirim kembali rusak; unggah lagi.")) from exc
            try:
                check_size(len(raw), uploads.limits("idm"))
            except UploadError as exc:
                raise forms.ValidationError(uploads.message(exc)) from exc
            data["payload"] = (name, raw)
        else:
            self.add_error("file", _("Pilih berkas CSV atau XLSX."))
        return data

    def commit_data(self) -> dict[str, Any]:
        """The hidden fields of the «Simpan» form shown after a clean dry run: the same file and options."""
        name, raw = self.cleaned_data["payload"]
        hidden = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("file", "payload", "commit") and value not in (None, "")
        }
        return {**hidden, "content": base64.b64encode(raw).decode("ascii"), "file_name": name, "commit": "on"}


class ScoresImportForm(_ImportForm):
    file = forms.FileField(
        label=_lazy("Berkas skor (CSV atau XLSX)"),
        required=False,
        help_text=_lazy(
            "Kolom: code, year (boleh tidak ada bila tahun diisi), iks_01 … iks_35, ike_01 … ike_12, ikl_01 … ikl_03."
        ),
    )
    year = forms.IntegerField(
        label=_lazy("Tahun"),
        required=False,
        min_value=2015,
        max_value=2100,
        help_text=_lazy("Bila diisi, semua baris harus tahun ini."),
    )
    field_order = ["file", "year", "sheet", "commit"]


class OfficialImportForm(_ImportForm):
    file = forms.FileField(
        label=_lazy("Berkas hasil IDM resmi (CSV atau XLSX)"),
        required=False,
        help_text=_lazy("Kolom: code, year, iks, ike, ikl, idm, status."),
    )
    source = forms.CharField(
        label=_lazy("Sumber"),
        max_length=300,
        help_text=_lazy("mis. Kemendesa PDTT, Status IDM 2024, idm.kemendesa.go.id, diunduh 2024-06-01"),
    )
    field_order = ["file", "source", "sheet", "commit"]


def initial_scores(scores: Mapping[str, int], version: int | None) -> dict[str, Any]:
    return {**{code: str(value) for code, value in scores.items()}, "version": version}
