"""Village potential profiles as stored: one profile per village and year, its field history and workflow events.

The schema (``frameworks/profile-v1.yaml``, read by :mod:`petakan.lib.profile`) defines the fields; a profile keeps
its typed values as JSON keyed by field code (an absent key means "not filled in"). ``version`` grows by one with
every change of the row, so that a form or an import prepared against an older version is refused instead of
overwriting what someone saved in between.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("diajukan")
    RETURNED = "returned", _("dikembalikan")
    VERIFIED = "verified", _("diverifikasi")
    PUBLISHED = "published", _("dipublikasikan")


# The completeness view's label for a village without any profile row for the year.
NOT_STARTED = "not_started"
NOT_STARTED_LABEL = _("belum mulai")
# A village may change values only while the profile is with the village.
EDITABLE = (Status.DRAFT, Status.RETURNED)


class Profile(models.Model):
    area = models.ForeignKey(
        "regions.Area", on_delete=models.PROTECT, related_name="profiles", verbose_name=_("desa/kelurahan")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    schema = models.CharField(_("skema"), max_length=40)
    values = models.JSONField(_("isian"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    version = models.PositiveIntegerField(_("versi"), default=0)
    is_demo = models.BooleanField(_("data contoh"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("terakhir diubah"), null=True, blank=True)
    return_comment = models.TextField(_("catatan pengembalian"), blank=True)
    # What the public sees while the profile is not published (sent back for a correction): the last published
    # version, until a corrected one is published. None = nothing public besides a published row itself.
    public_version = models.ForeignKey(
        "PublishedVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["area__code", "year"]
        verbose_name = _("profil desa")
        verbose_name_plural = _("profil desa")
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="one_profile_per_village_and_year")]

    def __str__(self) -> str:
        return f"{self.area.name} {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


class Via(models.TextChoices):
    FORM = "form", _("formulir")
    IMPORT = "import", _("impor Excel")
    WORKFLOW = "workflow", _("alur kerja")
    DEMO = "demo", _("data contoh")


class FieldChange(models.Model):
    """One value changed: ``old`` → ``new`` (typed JSON values, null = empty), by whom, when and how.

    ``version`` is the profile version the change produced: the changes a stale form missed are those with a
    version above the form's. The rows of one save share ``at``.
    """

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(_("isian"), max_length=64)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(db_index=True)
    via = models.CharField(max_length=10, choices=Via.choices)
    version = models.PositiveIntegerField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["profile", "version"])]


class Action(models.TextChoices):
    SUBMITTED = "submitted", _("diajukan")
    RETURNED = "returned", _("dikembalikan")
    VERIFIED = "verified", _("diverifikasi")
    PUBLISHED = "published", _("dipublikasikan")
    WITHDRAWN = "withdrawn", _("ditarik dari publikasi")


class WorkflowEvent(models.Model):
    """One step of the workflow: who moved the profile from one status to the next, when, with what comment."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=Status.choices)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(db_index=True)
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.WORKFLOW)
    version = models.PositiveIntegerField()

    class Meta:
        ordering = ["-at", "-id"]


class PublishedVersion(models.Model):
    """The values of a profile as they were published: what the public, the index and open data read while the
    profile itself is back with the village for a correction (see ``services.public_profiles``)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="published_versions")
    version = models.PositiveIntegerField()  # the profile version that was published
    values = models.JSONField(default=dict)
    is_demo = models.BooleanField(default=False)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]


class ReopenStatus(models.TextChoices):
    OPEN = "open", _("menunggu Kominfo")
    ACCEPTED = "accepted", _("dikabulkan: profil dikembalikan untuk perbaikan")
    DECLINED = "declined", _("ditolak")


class ReopenRequest(models.Model):
    """A village asks Kominfo to open its locked (published) profile again, with a reason; Kominfo returns the
    profile for correction or declines with a reason the village reads."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="reopen_requests")
    reason = models.TextField(_("alasan"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ReopenStatus.choices, default=ReopenStatus.OPEN, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision = models.TextField(_("jawaban Kominfo"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            # one open request per profile: asking twice does not queue the same work twice for Kominfo
            models.UniqueConstraint(
                fields=["profile"], condition=models.Q(status="open"), name="one_open_reopen_request_per_profile"
            )
        ]


class Upload(models.Model):
    """An XLSX file whose dry run found no problem, kept until its uploader commits it (or it expires).

    ``versions`` holds the version of every profile the dry run compared against: the commit is refused if any
    of them changed in between, so that what is written is exactly what the preview showed.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    versions = models.JSONField(default=dict)
    n_changes = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
