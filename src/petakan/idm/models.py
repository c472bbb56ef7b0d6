"""IDM item scores per village and year, their review workflow and history, and the published (official) series.

The 50 item scores of a village-year sit in one row (``ItemScores.scores``, ``{item_code: score}``; an absent key is
a missing item). Indices, IDM and status are not stored: ``idm.services`` computes them from the scores with
``petakan.lib.idm`` on every read — one query and one vectorised scoring per page — so a result can never disagree
with its scores or with the edition file. Official results are kept apart, each row tagged with its source.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from petakan.lib.idm import DEFAULT_EDITION


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    VERIFIED = "verified", _("Terverifikasi")
    RETURNED = "returned", _("Dikembalikan")


class Source(models.TextChoices):
    ENTERED = "entered", _("diisi di formulir")
    IMPORTED = "imported", _("diimpor dari berkas")
    DEMO = "demo", _("DATA CONTOH (dibuat otomatis)")


class ItemScores(models.Model):
    """The item scores of one village in one year, scored with one IDM edition."""

    village = models.ForeignKey(
        "regions.Area", on_delete=models.PROTECT, related_name="idm_scores", verbose_name=_("desa/kelurahan")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    edition = models.CharField(_("edisi IDM"), max_length=40, default=DEFAULT_EDITION)
    scores = models.JSONField(_("skor indikator"), default=dict, blank=True)
    status = models.CharField(_("status pemeriksaan"), max_length=10, choices=ReviewStatus.choices)
    source = models.CharField(_("asal"), max_length=10, choices=Source.choices)
    # Incremented on every change: a form posted from an older version is refused, never silently applied.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("catatan pemeriksa"), blank=True)

    class Meta:
        ordering = ["village__code", "year"]
        verbose_name = _("skor IDM desa")
        verbose_name_plural = _("skor IDM desa")
        constraints = [models.UniqueConstraint(fields=["village", "year"], name="one_idm_score_row_per_village_year")]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"IDM {self.village_id} {self.year} ({self.status})"

    @property
    def is_public(self) -> bool:
        return self.status == ReviewStatus.VERIFIED


class Action(models.TextChoices):
    SAVE = "save", _("disimpan")
    SUBMIT = "submit", _("diajukan")
    VERIFY = "verify", _("diverifikasi")
    RETURN = "return", _("dikembalikan")
    IMPORT = "import", _("diimpor")
    DEMO = "demo", _("data contoh dibuat")


class ItemScoreChange(models.Model):
    """One change of an ItemScores row: who, when, what (``changes``: ``{item_code: [old, new]}``, None = blank)."""

    record = models.ForeignKey(ItemScores, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("tindakan"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    changes = models.JSONField(default=dict, blank=True)
    status_before = models.CharField(max_length=10, blank=True)
    status_after = models.CharField(max_length=10, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("riwayat skor IDM")
        verbose_name_plural = _("riwayat skor IDM")


class OfficialResult(models.Model):
    """A published IDM result (e.g. Kemendesa's yearly status list), as published, tagged with its source."""

    source = models.CharField(_("sumber"), max_length=300)
    village = models.ForeignKey(
        "regions.Area", on_delete=models.PROTECT, related_name="idm_official", verbose_name=_("desa/kelurahan")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    edition = models.CharField(_("edisi IDM"), max_length=40, default=DEFAULT_EDITION)
    iks = models.FloatField("IKS")
    ike = models.FloatField("IKE")
    ikl = models.FloatField("IKL")
    idm = models.FloatField("IDM")
    status = models.CharField(_("status"), max_length=20)  # status code of the edition, e.g. "berkembang"
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("diimpor pada"), auto_now=True)

    class Meta:
        ordering = ["village__code", "year", "source"]
        verbose_name = _("hasil IDM resmi")
        verbose_name_plural = _("hasil IDM resmi")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "village", "year"], name="one_official_idm_per_source_village_year"
            )
        ]
        indexes = [models.Index(fields=["year"])]
