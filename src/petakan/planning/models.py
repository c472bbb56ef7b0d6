"""The RPJMD cascade, readiness, the Smart City vision and the masterplan programmes, with their history.

Cascade (Permendagri 86/2017 logic chain): Period (visi) → Misi → Tujuan → Sasaran → Strategy (strategi with its
arah kebijakan) → RpjmdProgram; Indicators hang on a tujuan, a sasaran or a program. Smart City items (readiness,
vision/mission/strategy per dimension, programmes) belong to the period they are aligned with.

Every cascade row and programme carries ``source`` (where a real item comes from) and ``is_demo`` (illustrative
demo content, shown with the DATA CONTOH badge).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from petakan.planning.framework import DIMENSION_CHOICES, HORIZON_CHOICES


class Period(models.Model):
    """An RPJMD period (e.g. 2021–2026) with its visi, and the masterplan settings that go with it."""

    name = models.CharField(_("nama"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    vision = models.TextField(_("visi"), blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    source = models.CharField(_("sumber"), max_length=500, blank=True)
    is_current = models.BooleanField(_("periode berjalan"), default=False)
    is_demo = models.BooleanField(default=False)
    # what counts as "low" in the gap rules (lib.planning.GapSettings)
    low_threshold = models.FloatField(
        _("ambang skor rendah (0–100)"), default=50.0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    element_bottom_share = models.FloatField(
        _("bagian terbawah elemen (0–1)"), default=1 / 3, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    village_bottom_share = models.FloatField(
        _("bagian terbawah desa (0–1)"), default=0.2, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    # weights of the prioritisation score (lib.planning.PriorityWeights)
    weight_gap = models.FloatField(_("bobot kesenjangan"), default=0.35, validators=[MinValueValidator(0)])
    weight_people = models.FloatField(_("bobot penerima manfaat"), default=0.25, validators=[MinValueValidator(0)])
    weight_alignment = models.FloatField(_("bobot keselarasan RPJMD"), default=0.25, validators=[MinValueValidator(0)])
    weight_feasibility = models.FloatField(_("bobot kelayakan"), default=0.15, validators=[MinValueValidator(0)])
    quick_win_count = models.PositiveSmallIntegerField(_("jumlah quick win"), default=3)

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("periode RPJMD")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_period"
            ),
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="period_years_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class VisionElement(models.Model):
    """One word of the visi with its meaning (Kendal 2021–2026: Handal, Unggul, Makmur, Berkeadilan)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="vision_elements")
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    name = models.CharField(_("unsur visi"), max_length=100)
    text = models.TextField(_("makna"))
    source = models.CharField(_("sumber"), max_length=500, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class AnnualTheme(models.Model):
    """The development theme of one year of the period (e.g. 2024 "Kendal Smart City")."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="themes")
    year = models.PositiveSmallIntegerField(_("tahun"))
    theme = models.CharField(_("tema"), max_length=200)
    focus = models.TextField(_("fokus"), blank=True)
    focus_is_verbatim = models.BooleanField(_("fokus dikutip kata per kata"), default=False)
    source = models.CharField(_("sumber"), max_length=500, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["period", "year"], name="one_theme_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.theme}"


class CascadeItem(models.Model):
    code = models.CharField(_("kode"), max_length=40)
    source = models.CharField(_("sumber"), max_length=500, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        abstract = True


class Misi(CascadeItem):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="misi")
    text = models.TextField(_("misi"))
    keywords = models.TextField(_("kata kunci"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("misi")
        constraints = [models.UniqueConstraint(fields=["period", "code"], name="misi_code_per_period")]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"


class Tujuan(CascadeItem):
    misi = models.ForeignKey(Misi, on_delete=models.CASCADE, related_name="tujuan")
    text = models.TextField(_("tujuan"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("tujuan")
        constraints = [models.UniqueConstraint(fields=["misi", "code"], name="tujuan_code_per_misi")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"


class Sasaran(CascadeItem):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    text = models.TextField(_("sasaran"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("sasaran")
        constraints = [models.UniqueConstraint(fields=["tujuan", "code"], name="sasaran_code_per_tujuan")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"


class Strategy(CascadeItem):
    """A strategi of a sasaran with its arah kebijakan (RPJMD tables print them side by side)."""

    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="strategies")
    text = models.TextField(_("strategi"))
    policy_direction = models.TextField(_("arah kebijakan"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("strategi dan arah kebijakan")
        constraints = [models.UniqueConstraint(fields=["sasaran", "code"], name="strategy_code_per_sasaran")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"


class RpjmdProgram(CascadeItem):
    """A program of the RPJMD (perangkat daerah program), with its indicative budget per year in rupiah."""

    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="programs")
    strategy = models.ForeignKey(
        Strategy, null=True, blank=True, on_delete=models.SET_NULL, related_name="programs", verbose_name=_("strategi")
    )
    nomenclature_code = models.CharField(_("kode Permendagri 90"), max_length=40, blank=True)
    name = models.CharField(_("nama program"), max_length=300)
    opd = models.CharField(_("OPD penanggung jawab"), max_length=200, blank=True)
    budget = models.JSONField(_("pagu indikatif per tahun"), default=dict, blank=True)  # {"2022": 1500000000}

    class Meta:
        ordering = ["code"]
        verbose_name = _("program RPJMD")
        constraints = [models.UniqueConstraint(fields=["sasaran", "code"], name="program_code_per_sasaran")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def budget_total(self) -> int:
        return sum(int(v) for v in self.budget.values())


class Indicator(models.Model):
    """A performance indicator of a tujuan, a sasaran or a program. Values are text because RPJMD targets are
    sometimes qualitative ("WTP", "A"); ``targets`` maps a year of the period to its target."""

    tujuan = models.ForeignKey(Tujuan, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators")
    sasaran = models.ForeignKey(Sasaran, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators")
    program = models.ForeignKey(
        RpjmdProgram, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=60, blank=True)
    baseline = models.CharField(_("kondisi awal"), max_length=60, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("tahun kondisi awal"), null=True, blank=True)
    targets = models.JSONField(_("target per tahun"), default=dict, blank=True)  # {"2022": "9,5"}
    end_target = models.CharField(_("target akhir periode"), max_length=60, blank=True)
    data_source = models.CharField(_("sumber data"), max_length=300, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indikator")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(tujuan__isnull=False, sasaran__isnull=True, program__isnull=True)
                    | models.Q(tujuan__isnull=True, sasaran__isnull=False, program__isnull=True)
                    | models.Q(tujuan__isnull=True, sasaran__isnull=True, program__isnull=False)
                ),
                name="indicator_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self) -> Tujuan | Sasaran | RpjmdProgram:
        return self.tujuan or self.sasaran or self.program  # type: ignore[return-value]

    @property
    def level(self) -> str:
        return "tujuan" if self.tujuan_id else "sasaran" if self.sasaran_id else "program"


# ------------------------------------------------------------------------------------------------ readiness


class ReadinessElement(models.TextChoices):
    """The guide's five readiness elements; masterplans usually study the first three (framework section 3)."""

    STRUKTUR = "struktur", _("Struktur")
    INFRASTRUKTUR = "infrastruktur", _("Infrastruktur")
    SUPRASTRUKTUR = "suprastruktur", _("Suprastruktur")
    ALAM = "alam", _("Potensi alam")
    BUDAYA = "budaya", _("Budaya")


class Quadrant(models.TextChoices):
    STRENGTH = "S", _("Kekuatan (S)")
    WEAKNESS = "W", _("Kelemahan (W)")
    OPPORTUNITY = "O", _("Peluang (O)")
    THREAT = "T", _("Ancaman (T)")


class SwotEntry(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="swot")
    element = models.CharField(_("elemen kesiapan"), max_length=20, choices=ReadinessElement.choices)
    quadrant = models.CharField(_("kuadran"), max_length=1, choices=Quadrant.choices)
    text = models.TextField(_("uraian"))
    evidence = models.TextField(_("bukti"), blank=True)
    dimension = models.CharField(_("dimensi"), max_length=10, choices=DIMENSION_CHOICES, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["element", "quadrant", "pk"]
        verbose_name = _("entri SWOT")

    def __str__(self) -> str:
        return f"{self.element} {self.quadrant}: {self.text[:60]}"


class RubricLevel(models.Model):
    """One level of the rating rubric of a period. No official rubric exists: each regency writes its own."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="rubric")
    level = models.PositiveSmallIntegerField(_("tingkat"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    label = models.CharField(_("nama tingkat"), max_length=80)
    description = models.TextField(_("kriteria"), blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["level"]
        constraints = [models.UniqueConstraint(fields=["period", "level"], name="one_rubric_level")]

    def __str__(self) -> str:
        return f"{self.level} {self.label}"


class ReadinessRating(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="ratings")
    element = models.CharField(_("elemen kesiapan"), max_length=20, choices=ReadinessElement.choices)
    rating = models.PositiveSmallIntegerField(_("nilai (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    justification = models.TextField(_("alasan"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    rated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["element"]
        constraints = [models.UniqueConstraint(fields=["period", "element"], name="one_rating_per_element")]


# ------------------------------------------------------------------------------------------- Smart City plan


class SmartStatement(models.Model):
    """The Smart City vision (one, for the whole plan), and missions and strategies per dimension, each linked to
    the RPJMD misi it serves."""

    class Kind(models.TextChoices):
        VISION = "vision", _("Visi Smart City")
        MISSION = "mission", _("Misi")
        STRATEGY = "strategy", _("Strategi")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="smart_statements")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    dimension = models.CharField(
        _("dimensi"), max_length=10, choices=DIMENSION_CHOICES, blank=True, help_text=_("kosong untuk visi umum")
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    text = models.TextField(_("uraian"))
    misi = models.ManyToManyField(Misi, blank=True, related_name="smart_statements", verbose_name=_("misi RPJMD"))
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "dimension", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Status(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    ONGOING = "ongoing", _("Berjalan")
    DONE = "done", _("Selesai")


class BudgetSource(models.TextChoices):
    APBD = "apbd", "APBD"
    APBDES = "apbdes", "APBDes"
    CSR = "csr", "CSR"
    OTHER = "other", _("Lainnya")


class Programme(models.Model):
    """A Smart City masterplan programme. ``elements``/``indicators`` are framework codes it addresses.

    ``version`` increases with every save, so that a form opened before someone else's save cannot overwrite it.
    Editing an approved programme withdraws the approval: the council approves what it has read.
    """

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="programmes")
    name = models.CharField(_("nama program"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    dimension = models.CharField(_("dimensi"), max_length=10, choices=DIMENSION_CHOICES)
    elements = models.JSONField(_("elemen yang ditangani"), default=list, blank=True)
    indicators = models.JSONField(_("indikator yang ditangani"), default=list, blank=True)
    horizon = models.CharField(_("horizon"), max_length=10, choices=HORIZON_CHOICES)
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"))
    end_year = models.PositiveSmallIntegerField(_("tahun selesai"))
    opd = models.CharField(_("OPD penanggung jawab"), max_length=200)
    whole_regency = models.BooleanField(_("seluruh kabupaten"), default=False)
    districts = models.ManyToManyField(
        "regions.Area", blank=True, related_name="+", verbose_name=_("kecamatan sasaran")
    )
    villages = models.ManyToManyField(
        "regions.Area", blank=True, related_name="+", verbose_name=_("desa/kelurahan sasaran")
    )
    sasaran = models.ManyToManyField(Sasaran, blank=True, related_name="programmes", verbose_name=_("sasaran RPJMD"))
    rpjmd_programs = models.ManyToManyField(
        RpjmdProgram, blank=True, related_name="programmes", verbose_name=_("program RPJMD")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    feasibility = models.PositiveSmallIntegerField(
        _("kelayakan (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    is_existing = models.BooleanField(_("program yang sudah ada"), default=False)
    is_demo = models.BooleanField(default=False)
    source = models.CharField(_("sumber"), max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dimension", "start_year", "name"]
        verbose_name = _("program Smart City")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="programme_years"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class ProgrammeBudget(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("tahun"))
    source = models.CharField(_("sumber dana"), max_length=10, choices=BudgetSource.choices)
    amount = models.BigIntegerField(_("jumlah (Rp)"), validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["year", "source"]


class ProgrammeIndicator(models.Model):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("Keluaran (output)")
        OUTCOME = "outcome", _("Hasil (outcome)")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=60, blank=True)
    baseline = models.CharField(_("kondisi awal"), max_length=60, blank=True)
    target = models.CharField(_("target"), max_length=60)
    target_year = models.PositiveSmallIntegerField(_("tahun target"), null=True, blank=True)
    # yearly targets {"2024": "40"} for the monitoring views; ``target`` stays the end target of ``target_year``
    targets = models.JSONField(_("target per tahun"), default=dict, blank=True)

    class Meta:
        ordering = ["kind", "pk"]


class ChangeLog(models.Model):
    """Who changed what in the plan, and when. ``changes`` maps a field to [before, after]."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, blank=True)  # kept when the account is deleted
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveIntegerField(null=True)
    label = models.CharField(max_length=300)
    action = models.CharField(max_length=20)  # create / update / delete / approve / withdraw / import / demo
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type} {self.label}"
