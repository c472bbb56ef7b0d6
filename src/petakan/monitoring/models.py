"""Monitoring: what was done with the masterplan each year, and what the villages propose.

- ``Realisation``: one programme in one year — status, evidence, review by the admin; with the money spent per
  source (``RealisationSpend``), the realised value of each programme indicator (``MeasureRealisation``) and
  evidence files kept in the database (so every app server sees them; size and type checked by ``lib.uploads``).
- ``IndicatorRealisation``: the realised value of an RPJMD indicator (tujuan/sasaran/program) in a year, read
  against ``planning.Indicator.targets``.
- ``Proposal``: a village's proposal (usulan) as an item — title, dimension/element, location, estimated cost —
  ranked by its kecamatan and then linked to a programme or declined with a reason the village sees.

Values are text where plans are (targets may be qualitative: "WTP", "A"); ``lib`` parses numbers for charts.
Changes are written to ``planning.ChangeLog`` through ``planning.history.record`` like the rest of the plan.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from petakan.planning.framework import DIMENSION_CHOICES
from petakan.planning.models import BudgetSource, Indicator, Programme, ProgrammeIndicator


class RealisationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Belum dimulai")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    STOPPED = "stopped", _("Dihentikan")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu tinjauan")
    ACCEPTED = "accepted", _("Diterima")
    RETURNED = "returned", _("Dikembalikan")


class Realisation(models.Model):
    """A programme's realisation in one year, entered by the responsible analyst and reviewed by the admin."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="realisations")
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status pelaksanaan"), max_length=12, choices=RealisationStatus.choices, default=RealisationStatus.NOT_STARTED
    )
    evidence_text = models.TextField(_("bukti (uraian)"), blank=True)
    evidence_link = models.URLField(_("bukti (tautan)"), max_length=500, blank=True)
    review = models.CharField(_("tinjauan"), max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT)
    review_note = models.TextField(_("catatan tinjauan"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "year"]
        verbose_name = _("realisasi program")
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="one_realisation_per_year")]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"

    def spent_total(self) -> int:
        return sum(int(s.amount) for s in self.spending.all())


class RealisationSpend(models.Model):
    """Budget spent (realised) in the realisation's year from one source, in rupiah."""

    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="spending")
    source = models.CharField(_("sumber dana"), max_length=10, choices=BudgetSource.choices)
    amount = models.BigIntegerField(_("realisasi anggaran (Rp)"), validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["source"]
        constraints = [models.UniqueConstraint(fields=["realisation", "source"], name="one_spend_per_source")]


class MeasureRealisation(models.Model):
    """The realised value of one programme indicator in the realisation's year, beside that year's target."""

    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="measures")
    measure = models.ForeignKey(ProgrammeIndicator, on_delete=models.CASCADE, related_name="realisations")
    target = models.CharField(_("target tahun ini"), max_length=60, blank=True)
    value = models.CharField(_("realisasi"), max_length=60, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["measure"]
        constraints = [models.UniqueConstraint(fields=["realisation", "measure"], name="one_value_per_measure")]


class Evidence(models.Model):
    """An evidence file (photo, PDF, spreadsheet) kept in the database so that every app server can serve it."""

    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("berkas bukti")


class IndicatorRealisation(models.Model):
    """The realised value of an RPJMD indicator in a year (its target is ``Indicator.targets[str(year)]``)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.CharField(_("realisasi"), max_length=60)
    source = models.CharField(_("sumber data"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="one_indicator_value_per_year")]


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    LINKED = "linked", _("Masuk program")
    DECLINED = "declined", _("Ditolak")


class Proposal(models.Model):
    """A village's proposal (usulan): the kecamatan ranks it, the analyst links it to a programme or declines it."""

    area = models.ForeignKey("regions.Area", on_delete=models.CASCADE, related_name="proposals")
    year = models.PositiveSmallIntegerField(_("tahun usulan"))
    title = models.CharField(_("judul usulan"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    dimension = models.CharField(_("dimensi"), max_length=10, choices=DIMENSION_CHOICES)
    element = models.CharField(_("elemen"), max_length=40, blank=True)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    estimated_cost = models.BigIntegerField(
        _("perkiraan biaya (Rp)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    district_rank = models.PositiveSmallIntegerField(_("peringkat kecamatan"), null=True, blank=True)
    ranked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ranked_at = models.DateTimeField(null=True, blank=True)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    decline_reason = models.TextField(_("alasan penolakan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "year", "district_rank", "pk"]
        verbose_name = _("usulan desa")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="linked") | models.Q(programme__isnull=False), name="linked_has_programme"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""), name="declined_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title
