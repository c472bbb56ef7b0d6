"""Forms of the cascade, readiness, Smart City statements, programmes and settings.

Forms that belong to a period take it as ``period=``; choices (misi, sasaran, programs …) are limited to it, and
codes must be unique within the period.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Model
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from petakan.lib.planning import HORIZON_MAX_YEARS, PlanningConfigError, PriorityWeights
from petakan.planning.framework import ELEMENT_CHOICES, ELEMENT_DIMENSION
from petakan.planning.models import (
    AnnualTheme,
    Indicator,
    Misi,
    Period,
    Programme,
    ProgrammeBudget,
    ProgrammeIndicator,
    ReadinessRating,
    RpjmdProgram,
    RubricLevel,
    Sasaran,
    SmartStatement,
    Strategy,
    SwotEntry,
    Tujuan,
    VisionElement,
)
from petakan.regions.models import Area, Level

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class PeriodForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = ["name", "start_year", "end_year", "vision", "legal_basis", "source", "is_current"]
        widgets = {"vision": TEXTAREA}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Tahun akhir tidak boleh sebelum tahun awal."))
        return data

    def _get_validation_exclusions(self) -> set[str]:
        # "one current period" holds after save, which moves the flag from the previous current period
        return {*super()._get_validation_exclusions(), "is_current"}

    def save(self, commit: bool = True) -> Period:
        period = super().save(commit=False)
        # the first period is the current one; marking another current unmarks the previous
        if not Period.objects.exclude(pk=period.pk).filter(is_current=True).exists():
            period.is_current = True
        if commit:
            if period.is_current:
                Period.objects.exclude(pk=period.pk).filter(is_current=True).update(is_current=False)
            period.save()
        return period


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = [
            "low_threshold",
            "element_bottom_share",
            "village_bottom_share",
            "weight_gap",
            "weight_people",
            "weight_alignment",
            "weight_feasibility",
            "quick_win_count",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        weights = [data.get(f"weight_{k}") for k in ("gap", "people", "alignment", "feasibility")]
        if all(w is not None for w in weights):
            try:
                PriorityWeights(*weights)  # type: ignore[arg-type]
            except PlanningConfigError:
                raise forms.ValidationError(_("Paling tidak satu bobot harus lebih dari 0.")) from None
        return data


class PeriodItemForm(forms.ModelForm):
    """Base for forms of things that belong to a period; ``parent_field`` is limited to the period."""

    parent_field = ""

    def __init__(self, *args: Any, period: Period, **kwargs: Any) -> None:
        self.period = period
        super().__init__(*args, **kwargs)
        if self.parent_field:
            self.fields[self.parent_field].queryset = self.parent_queryset()

    def parent_queryset(self):  # type: ignore[no-untyped-def]
        # Only forms that set ``parent_field`` call this, and each of them overrides it.
        raise TypeError(f"{type(self).__name__} sets parent_field but does not define parent_queryset()")

    def code_clashes(self, model: type[Model], code: str, **period_filter: Any) -> bool:
        qs = model.objects.filter(code=code, **period_filter)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        return qs.exists()

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        path = {
            Misi: "period",
            Tujuan: "misi__period",
            Sasaran: "tujuan__misi__period",
            Strategy: "sasaran__tujuan__misi__period",
            RpjmdProgram: "sasaran__tujuan__misi__period",
        }[self._meta.model]
        if self.code_clashes(self._meta.model, code, **{path: self.period}):
            raise forms.ValidationError(_("Kode %(code)s sudah dipakai di periode ini.") % {"code": code})
        return code


class VisionElementForm(PeriodItemForm):
    class Meta:
        model = VisionElement
        fields = ["order", "name", "text", "source"]
        widgets = {"text": TEXTAREA}


class AnnualThemeForm(PeriodItemForm):
    class Meta:
        model = AnnualTheme
        fields = ["year", "theme", "focus", "focus_is_verbatim", "source"]
        widgets = {"focus": TEXTAREA}

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year not in self.period.years():
            raise forms.ValidationError(
                _("Tahun harus di dalam periode %(start)d–%(end)d.")
                % {"start": self.period.start_year, "end": self.period.end_year}
            )
        clash = AnnualTheme.objects.filter(period=self.period, year=year).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Tahun ini sudah punya tema."))
        return year


class MisiForm(PeriodItemForm):
    class Meta:
        model = Misi
        fields = ["code", "text", "keywords", "source"]
        widgets = {"text": TEXTAREA, "keywords": TEXTAREA}


class TujuanForm(PeriodItemForm):
    parent_field = "misi"

    class Meta:
        model = Tujuan
        fields = ["misi", "code", "text", "source"]
        widgets = {"text": TEXTAREA}

    def parent_queryset(self):  # type: ignore[no-untyped-def]
        return Misi.objects.filter(period=self.period)


class SasaranForm(PeriodItemForm):
    parent_field = "tujuan"

    class Meta:
        model = Sasaran
        fields = ["tujuan", "code", "text", "source"]
        widgets = {"text": TEXTAREA}

    def parent_queryset(self):  # type: ignore[no-untyped-def]
        return Tujuan.objects.filter(misi__period=self.period)


class StrategyForm(PeriodItemForm):
    parent_field = "sasaran"

    class Meta:
        model = Strategy
        fields = ["sasaran", "code", "text", "policy_direction", "source"]
        widgets = {"text": TEXTAREA, "policy_direction": TEXTAREA}

    def parent_queryset(self):  # type: ignore[no-untyped-def]
        return Sasaran.objects.filter(tujuan__misi__period=self.period)


def _year_fields(form: forms.Form, prefix: str, label: str, years: list[int], values: dict[str, Any], field) -> None:  # type: ignore[no-untyped-def]
    for year in years:
        form.fields[f"{prefix}{year}"] = field(label=f"{label} {year}", initial=values.get(str(year)))


class RpjmdProgramForm(PeriodItemForm):
    parent_field = "sasaran"

    class Meta:
        model = RpjmdProgram
        fields = ["sasaran", "strategy", "code", "nomenclature_code", "name", "opd", "source"]

    def parent_queryset(self):  # type: ignore[no-untyped-def]
        return Sasaran.objects.filter(tujuan__misi__period=self.period)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = Strategy.objects.filter(sasaran__tujuan__misi__period=self.period)
        _year_fields(
            self,
            "budget_",
            _("Pagu indikatif (Rp)"),
            self.period.years(),
            self.instance.budget if self.instance.pk else {},
            lambda **kw: forms.IntegerField(required=False, min_value=0, **kw),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        strategy, sasaran = data.get("strategy"), data.get("sasaran")
        if strategy and sasaran and strategy.sasaran_id != sasaran.pk:
            self.add_error(
                "strategy", _("Strategi ini milik sasaran lain (%(code)s).") % {"code": strategy.sasaran.code}
            )
        return data

    def save(self, commit: bool = True) -> RpjmdProgram:
        program = super().save(commit=False)
        program.budget = {
            str(y): self.cleaned_data[f"budget_{y}"]
            for y in self.period.years()
            if self.cleaned_data.get(f"budget_{y}") is not None
        }
        if commit:
            program.save()
        return program


class IndicatorForm(PeriodItemForm):
    owner = forms.ChoiceField(label=gettext_lazy("Milik"))

    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "baseline_year", "end_target", "data_source", "note"]
        widgets = {"note": TEXTAREA}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        initial_owner = kwargs.pop("owner", "")
        super().__init__(*args, **kwargs)
        p = self.period
        choices = [("", "—")]
        choices += [(f"tujuan:{t.pk}", f"{_('Tujuan')} {t}") for t in Tujuan.objects.filter(misi__period=p)]
        choices += [(f"sasaran:{s.pk}", f"{_('Sasaran')} {s}") for s in Sasaran.objects.filter(tujuan__misi__period=p)]
        choices += [
            (f"program:{x.pk}", f"{_('Program')} {x}")
            for x in RpjmdProgram.objects.filter(sasaran__tujuan__misi__period=p)
        ]
        self.fields["owner"].choices = choices
        self.fields = {"owner": self.fields.pop("owner"), **self.fields}
        if self.instance.pk:
            self.initial["owner"] = f"{self.instance.level}:{self.instance.owner.pk}"
        elif initial_owner:
            self.initial["owner"] = initial_owner
        _year_fields(
            self,
            "target_",
            _("Target"),
            p.years(),
            self.instance.targets if self.instance.pk else {},
            lambda **kw: forms.CharField(required=False, max_length=60, **kw),
        )

    def save(self, commit: bool = True) -> Indicator:
        indicator = super().save(commit=False)
        level, pk = self.cleaned_data["owner"].split(":")
        indicator.tujuan_id = int(pk) if level == "tujuan" else None
        indicator.sasaran_id = int(pk) if level == "sasaran" else None
        indicator.program_id = int(pk) if level == "program" else None
        indicator.targets = {
            str(y): self.cleaned_data[f"target_{y}"].strip()
            for y in self.period.years()
            if self.cleaned_data.get(f"target_{y}", "").strip()
        }
        if commit:
            indicator.save()
        return indicator


class SmartStatementForm(PeriodItemForm):
    class Meta:
        model = SmartStatement
        fields = ["kind", "dimension", "order", "text", "misi"]
        widgets = {"text": TEXTAREA, "misi": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["misi"].queryset = Misi.objects.filter(period=self.period)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") in {SmartStatement.Kind.MISSION, SmartStatement.Kind.STRATEGY} and not data.get(
            "dimension"
        ):
            self.add_error("dimension", _("Misi dan strategi Smart City disusun per dimensi: pilih dimensinya."))
        return data


class SwotForm(PeriodItemForm):
    class Meta:
        model = SwotEntry
        fields = ["element", "quadrant", "text", "evidence", "dimension"]
        widgets = {"text": TEXTAREA, "evidence": TEXTAREA}


class RatingForm(PeriodItemForm):
    class Meta:
        model = ReadinessRating
        fields = ["element", "rating", "justification"]
        widgets = {"justification": TEXTAREA}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {r.level: r.label for r in RubricLevel.objects.filter(period=self.period)}
        self.fields["rating"] = forms.TypedChoiceField(
            label=_("Nilai (1–5)"),
            coerce=int,
            choices=[(i, f"{i} — {labels[i]}" if i in labels else str(i)) for i in range(1, 6)],
        )

    def clean_element(self) -> str:
        element = self.cleaned_data["element"]
        clash = ReadinessRating.objects.filter(period=self.period, element=element).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Elemen ini sudah dinilai: ubah nilai yang ada."))
        return element


RubricFormSet = inlineformset_factory(
    Period,
    RubricLevel,
    fields=["level", "label", "description"],
    extra=5,
    max_num=5,
    can_delete=True,
    widgets={"description": forms.Textarea(attrs={"rows": 2})},
)


# ----------------------------------------------------------------------------------------------- programmes

CODE_LIST = re.compile(r"[\s,;]+")


class ProgrammeForm(forms.ModelForm):
    elements = forms.MultipleChoiceField(
        label=gettext_lazy("Elemen yang ditangani"), choices=ELEMENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.CharField(
        label=gettext_lazy("Indikator yang ditangani (kode, dipisah koma)"), required=False, max_length=2000
    )
    feasibility = forms.TypedChoiceField(
        label=gettext_lazy("Kelayakan (1–5)"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "—"), *[(i, str(i)) for i in range(1, 6)]],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Programme
        fields = [
            "name",
            "description",
            "dimension",
            "elements",
            "indicators",
            "horizon",
            "start_year",
            "end_year",
            "opd",
            "whole_regency",
            "districts",
            "villages",
            "sasaran",
            "rpjmd_programs",
            "status",
            "feasibility",
            "is_existing",
            "source",
        ]
        widgets = {
            "description": TEXTAREA,
            "districts": forms.CheckboxSelectMultiple,
            "villages": forms.CheckboxSelectMultiple,
            "sasaran": forms.CheckboxSelectMultiple,
            "rpjmd_programs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, period: Period, indicator_codes: set[str] | None = None, **kwargs: Any) -> None:
        self.period = period
        # None = no index run yet, so indicator codes cannot be checked
        self.indicator_codes = indicator_codes
        super().__init__(*args, **kwargs)
        regency = settings.PETAKAN_REGENCY_CODE + "."
        self.fields["districts"].queryset = Area.objects.filter(level=Level.DISTRICT, code__startswith=regency)
        self.fields["villages"].queryset = Area.objects.filter(level=Level.VILLAGE, code__startswith=regency)
        self.fields["sasaran"].queryset = Sasaran.objects.filter(tujuan__misi__period=period).order_by("code")
        self.fields["rpjmd_programs"].queryset = RpjmdProgram.objects.filter(
            sasaran__tujuan__misi__period=period
        ).order_by("code")
        # the model keeps a list; the form edits it as text
        self.initial["indicators"] = ", ".join(self.instance.indicators or [])
        if self.instance.pk:
            self.initial["version"] = self.instance.version

    def clean_indicators(self) -> list[str]:
        codes = [c for c in CODE_LIST.split(self.cleaned_data["indicators"]) if c]
        if not codes:
            return []
        if self.indicator_codes is None:
            raise forms.ValidationError(
                _(
                    "Belum ada perhitungan indeks, jadi kode indikator belum dapat diperiksa: "
                    "kosongkan dan pilih elemen."
                )
            )
        unknown = [c for c in codes if c not in self.indicator_codes]
        if unknown:
            raise forms.ValidationError(_("Kode indikator tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)})
        return sorted(set(codes))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        dimension, elements = data.get("dimension"), data.get("elements") or []
        if dimension and elements and not any(ELEMENT_DIMENSION[e] == dimension for e in elements):
            self.add_error("elements", _("Pilih paling tidak satu elemen dari dimensi program ini."))
        start, end, horizon = data.get("start_year"), data.get("end_year"), data.get("horizon")
        if start and end:
            if end < start:
                self.add_error("end_year", _("Tahun selesai tidak boleh sebelum tahun mulai."))
            elif horizon and end - start + 1 > HORIZON_MAX_YEARS[horizon]:
                self.add_error(
                    "end_year",
                    _("Horizon ini paling lama %(n)d tahun, tetapi program berjalan %(m)d tahun.")
                    % {"n": HORIZON_MAX_YEARS[horizon], "m": end - start + 1},
                )
        whole = data.get("whole_regency")
        targets = list(data.get("districts") or []) + list(data.get("villages") or [])
        if whole and targets:
            self.add_error("whole_regency", _("Program untuk seluruh kabupaten tidak memilih kecamatan atau desa."))
        if not whole and not targets:
            self.add_error("whole_regency", _("Pilih seluruh kabupaten, atau paling tidak satu kecamatan atau desa."))
        version = data.get("version")
        if self.instance.pk and version is not None and version != self.instance.version:
            raise forms.ValidationError(
                _(
                    "Program ini sudah diubah orang lain sejak formulir dibuka. "
                    "Muat ulang halaman lalu ulangi perubahan."
                )
            )
        return data

    def save(self, commit: bool = True) -> Programme:
        programme = super().save(commit=False)
        programme.period = self.period
        programme.elements = list(self.cleaned_data["elements"])
        programme.indicators = self.cleaned_data["indicators"]
        if commit:
            programme.save()
            self.save_m2m()
        return programme


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = ProgrammeBudget
        fields = ["year", "source", "amount"]


class BaseBudgetFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[tuple[int, str]] = set()
        start, end = getattr(self, "start_year", None), getattr(self, "end_year", None)
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            year, source = form.cleaned_data.get("year"), form.cleaned_data.get("source")
            if year is None or source is None:
                continue
            if start is not None and end is not None and not start <= year <= end:
                form.add_error("year", _("Tahun anggaran harus di antara %(a)d dan %(b)d.") % {"a": start, "b": end})
            if (year, source) in seen:
                form.add_error("source", _("Tahun dan sumber dana ini sudah ada di baris lain."))
            seen.add((year, source))


BudgetFormSet = inlineformset_factory(
    Programme, ProgrammeBudget, form=BudgetLineForm, formset=BaseBudgetFormSet, extra=2, can_delete=True
)
MeasureFormSet = inlineformset_factory(
    Programme,
    ProgrammeIndicator,
    fields=["kind", "name", "unit", "baseline", "target", "target_year"],
    extra=2,
    can_delete=True,
)


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File XLSX kaskade RPJMD"))
    commit = forms.BooleanField(
        label=gettext_lazy("Tulis ke basis data (tanpa centang: uji coba saja)"), required=False
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("File harus .xlsx (Excel)."))
        if f.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("File lebih dari 10 MB."))
        return f
