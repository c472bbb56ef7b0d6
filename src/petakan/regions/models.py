"""Administrative areas (province → regency → kecamatan → desa/kelurahan) and their boundaries.

Codes and boundaries are kept apart on purpose: the Kemendagri code list is the identity of an area, while a boundary
belongs to a *generation* (a boundary edition such as "BPS 2024"). A new edition is loaded inactive next to the
old one and switched on when checked, so the old boundaries stay queryable (pemekaran: villages split and merge).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


class Kind(models.TextChoices):
    NONE = "", "-"
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA_ADAT = "desa_adat", _("Desa adat")


# Number of dot-separated parts of a Kemendagri code at each level: 33 / 33.24 / 33.24.01 / 33.24.01.2001.
LEVEL_BY_PARTS = {1: Level.PROVINCE, 2: Level.REGENCY, 3: Level.DISTRICT, 4: Level.VILLAGE}


class Area(models.Model):
    code = models.CharField(_("kode Kemendagri"), max_length=16, unique=True)
    bps_code = models.CharField(_("kode BPS"), max_length=16, blank=True, db_index=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, db_index=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    area_km2 = models.FloatField(_("luas (km²)"), null=True, blank=True)
    centroid_lat = models.FloatField(null=True, blank=True)
    centroid_lng = models.FloatField(null=True, blank=True)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    source = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def district_code(self) -> str:
        return ".".join(self.code.split(".")[:3]) if self.level == Level.VILLAGE else ""


class Generation(models.Model):
    """A boundary edition. Exactly one generation is active; the map and API show the active one."""

    name = models.CharField(_("nama"), max_length=80, unique=True)
    description = models.TextField(_("keterangan"), blank=True)
    active = models.BooleanField(_("aktif"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=models.Q(active=True), name="one_active_generation")
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Generation | None:
        return cls.objects.filter(active=True).first()


class Boundary(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="boundaries")
    generation = models.ForeignKey(Generation, on_delete=models.CASCADE, related_name="boundaries")
    geometry = models.JSONField(help_text="GeoJSON geometry, lon/lat (CRS84)")
    min_lng = models.FloatField()
    min_lat = models.FloatField()
    max_lng = models.FloatField()
    max_lat = models.FloatField()
    area_km2 = models.FloatField(null=True, blank=True)
    bps_code = models.CharField(max_length=16, blank=True)
    source_properties = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "generation"], name="one_boundary_per_generation")]

    @property
    def bbox(self) -> list[float]:
        return [self.min_lng, self.min_lat, self.max_lng, self.max_lat]


class Layer(models.Model):
    """A map layer prepared once per generation (simplified, quantised GeoJSON), served with an ETag."""

    generation = models.ForeignKey(Generation, on_delete=models.CASCADE, related_name="layers")
    key = models.CharField(max_length=80)
    content = models.TextField()
    etag = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["generation", "key"], name="one_layer_per_key")]


class LayerCopy(models.Model):
    """The village layer under one area, encoded once per village-layer version: the GeoJSON bytes as they are,
    gzipped and brotli-compressed, with the ETag of each. Stored in the database so that every app server serves the
    same bytes under the same ETags without compressing anything per request (see petakan.regions.precompressed)."""

    source_etag = models.CharField(max_length=64)  # the ETag of the village Layer it was cut from
    code = models.CharField(max_length=16)
    etag = models.CharField(max_length=64)  # of the uncompressed content; encodings add "-gzip" / "-br"
    identity = models.BinaryField()
    gzip = models.BinaryField()
    brotli = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source_etag", "code"], name="one_copy_per_layer_and_area")]
