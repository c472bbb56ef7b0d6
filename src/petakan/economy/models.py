"""PDRB series as imported and validated by petakan.lib.pdrb: one series per region and price basis.

Values are juta rupiah (million IDR) per BPS category (lapangan usaha, 17 codes of the 2010-base series) and year.
Only tables that passed every check of ``lib.pdrb.read_pdrb`` are stored (see ``economy.services.store_series``);
a series built from generated shares is flagged ``illustrative`` and must be labelled as demo data wherever shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from petakan.lib.pdrb import CATEGORIES


class PriceBasis(models.TextChoices):
    ADHK2010 = "ADHK2010", _("ADHK 2010 (harga konstan 2010)")
    ADHB = "ADHB", _("ADHB (harga berlaku)")


class Origin(models.TextChoices):
    WEB = "web", _("unggahan di situs")
    COMMAND = "command", _("perintah petakan economy import")
    DEMO = "demo", _("data contoh (petakan economy load-demo)")


CATEGORY_CHOICES = [(c.code, f"{c.code}. {c.name_id}") for c in CATEGORIES]


class PdrbSeries(models.Model):
    region_name = models.CharField(_("wilayah"), max_length=120)
    # BPS ("3324") or Kemendagri ("33.24") code; free because a reference may be a region Petakan does not hold.
    region_code = models.CharField(_("kode wilayah (BPS/Kemendagri)"), max_length=16, blank=True)
    price_basis = models.CharField(_("dasar harga"), max_length=8, choices=PriceBasis.choices)
    source = models.TextField(_("sumber"))
    illustrative = models.BooleanField(_("data contoh (ilustratif)"), default=False)
    # BPS status mark per year as printed in the source: {"2022": "*", "2023": "angka sangat sementara"}.
    year_notes = models.JSONField(_("catatan tahun"), default=dict, blank=True)
    layout = models.CharField(_("tata letak berkas"), max_length=12, blank=True)
    number_format = models.CharField(_("format angka"), max_length=8, blank=True)
    file_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    file_sha256 = models.CharField(_("SHA-256 berkas"), max_length=64, blank=True)
    origin = models.CharField(_("asal"), max_length=8, choices=Origin.choices)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("diimpor oleh"),
    )
    imported_at = models.DateTimeField(_("diimpor pada"), default=timezone.now)

    class Meta:
        ordering = ["region_name", "price_basis", "illustrative"]
        verbose_name = _("seri PDRB")
        verbose_name_plural = _("seri PDRB")
        constraints = [
            # A real and an illustrative series of the same region may stand side by side; two real ones may not,
            # or the analysis could not tell which one it reads.
            models.UniqueConstraint(
                fields=["region_name", "price_basis", "illustrative"], name="one_pdrb_series_per_region_basis"
            )
        ]

    def __str__(self) -> str:
        text = f"{self.region_name} — {self.get_price_basis_display()}"
        return f"{text} ({_('DATA CONTOH')})" if self.illustrative else text


class PdrbValue(models.Model):
    series = models.ForeignKey(PdrbSeries, on_delete=models.CASCADE, related_name="cells")
    category = models.CharField(_("kategori"), max_length=8, choices=CATEGORY_CHOICES)
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.FloatField(_("nilai (juta rupiah)"))

    class Meta:
        verbose_name = _("nilai PDRB")
        verbose_name_plural = _("nilai PDRB")
        constraints = [
            models.UniqueConstraint(fields=["series", "category", "year"], name="one_pdrb_value_per_cell"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="pdrb_value_not_negative"),
        ]


class PdrbTotal(models.Model):
    """The total PDRB as published (the source's own total row, or BPS's totals), kept to show the check."""

    series = models.ForeignKey(PdrbSeries, on_delete=models.CASCADE, related_name="totals")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.FloatField(_("total terbit (juta rupiah)"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("total PDRB terbit")
        verbose_name_plural = _("total PDRB terbit")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="one_pdrb_total_per_year")]
