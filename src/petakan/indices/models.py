"""Stored Smart City index runs. A run is immutable; recomputing makes a new run, and one run per framework and
year is marked current. Every score names its run, and so its framework version and hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Run(models.Model):
    framework = models.CharField(_("kerangka"), max_length=60)  # e.g. "smart-city-v1"
    framework_version = models.CharField(max_length=20)
    framework_hash = models.CharField(max_length=64)
    data_hash = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField(_("tahun"))
    # which profiles went in: "published" for public results, or "all" (drafts included) for analysts
    profile_status = models.CharField(max_length=20, default="published")
    is_current = models.BooleanField(default=False)
    # generated demo profiles went into it: every page showing it says DATA CONTOH
    is_demo = models.BooleanField(default=False)
    label = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    n_units = models.PositiveIntegerField(default=0)
    log = models.JSONField(default=dict)  # the engine's methodology log: enough to regenerate the run
    audit = models.JSONField(default=dict)
    sensitivity = models.JSONField(default=dict)  # rank intervals summary and Sobol indices per assumption
    tree = models.JSONField(default=list)  # nodes: code, parent, level, name_id, name_en, weight, direction, unit

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "year", "profile_status"],
                condition=models.Q(is_current=True),
                name="one_current_run_per_framework_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework} {self.year} #{self.pk}"

    @property
    def includes_drafts(self) -> bool:
        """Profiles not yet verified and published went into this run: it is labelled so wherever it is shown."""
        return self.profile_status != "published"

    @property
    def is_public_current(self) -> bool:
        """The one run per framework and year that pages present as "yang berlaku" (★): current and computed from
        published profiles only. A drafts run may be current among drafts runs (for analysts' maps) but is never
        starred."""
        return self.is_current and not self.includes_drafts


class Level(models.TextChoices):
    INDICATOR = "indicator", _("Indikator")
    ELEMENT = "element", _("Elemen")
    DIMENSION = "dimension", _("Dimensi")
    INDEX = "index", _("Indeks")


class Unit(models.TextChoices):
    """What a score row describes: one village, or an aggregate of villages."""

    VILLAGE = "village", _("Desa/kelurahan")
    DISTRICT = "district", _("Kecamatan (rata-rata sederhana)")
    DISTRICT_WEIGHTED = "district_pop", _("Kecamatan (tertimbang penduduk)")
    ZONE = "zone", _("Zona")
    REGENCY = "regency", _("Kabupaten")


class UnitScores(models.Model):
    """One unit's scores in a run — a village, or an aggregate of villages — as vectors over the run's nodes.

    The vectors follow ``run.tree`` order (index, dimensions, elements, indicators) and are packed little-endian:
    ``values`` and ``raw`` float64, ``ranks`` float32, NaN for "data belum cukup" / not measured / unranked.
    One row per unit rather than one per unit and node: a national run is 84,000 rows, not 7.7 million, which
    is what lets it be stored in seconds. Read and write them only through :mod:`petakan.indices.scores`.
    The composite index's value, rank and rank interval are columns as well, so rankings sort in SQL.
    """

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="units")
    unit = models.CharField(max_length=16, choices=Unit.choices)
    area = models.ForeignKey("regions.Area", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    zone = models.CharField(max_length=20, blank=True)  # pesisir / dataran / pegunungan for Unit.ZONE
    value = models.FloatField(null=True)  # the index score 0–100; None = "data belum cukup"
    rank = models.PositiveIntegerField(null=True)
    rank_median = models.FloatField(null=True)
    rank_low = models.PositiveIntegerField(null=True)  # 5 % rank across the Monte Carlo replications
    rank_high = models.PositiveIntegerField(null=True)  # 95 %
    values = models.BinaryField()  # score 0–100 per node
    raw = models.BinaryField(null=True)  # villages: the measured value behind each indicator, in its unit
    ranks = models.BinaryField()  # rank per node among the units of the same kind

    class Meta:
        indexes = [models.Index(fields=["run", "unit", "area"]), models.Index(fields=["run", "unit", "rank"])]


class RunSummary(models.Model):
    """What a run's pages summarise of its villages, stored with the run so that a national run's pages read a
    couple of megabytes in one row rather than 84,000 rows: the index score and rank of every village as vectors
    in area-code order, and the few numbers the pages print (counts, ranking length, median rank interval).

    Written by :func:`petakan.indices.services.store`; for runs stored before, built from the rows the first time
    a page asks and saved (:func:`petakan.indices.summary.of`). Runs are immutable, so it never goes stale; a
    ``version`` below :data:`petakan.indices.summary.VERSION` is rebuilt from the rows. Vectors are packed
    little-endian: ``area_ids`` and ``order`` (the area ids in ranking order) int64, ``ranks`` float32,
    ``values`` float64, NaN for none.
    """

    run = models.OneToOneField(Run, on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.PositiveSmallIntegerField(default=1)
    data = models.JSONField(default=dict)
    area_ids = models.BinaryField()
    ranks = models.BinaryField()
    values = models.BinaryField()
    order = models.BinaryField()
