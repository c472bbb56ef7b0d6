"""A Job is one piece of long work as people see it: what it is, who started it, how far it is, what came of it.

The queue itself (which worker runs what, in which order) is Django's Tasks API with the database backend
(``django_tasks_db``); a Job points at its current task result by id and outlives it: a retry enqueues a new task
for the same Job.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    WAITING = "waiting", _("menunggu")
    RUNNING = "running", _("berjalan")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")


class Job(models.Model):
    kind = models.CharField(max_length=60)  # e.g. "indices.compute"; the words are in ``label``
    label = models.CharField(max_length=200)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # the task function (django_tasks module path) and its keyword arguments, so that a retry enqueues it again
    task_path = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)  # the current django_tasks result id
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent, 0–100
    message = models.CharField(max_length=300, blank=True)
    log = models.TextField(blank=True)  # lines for the people who may see the job, one per event
    result_url = models.CharField(max_length=300, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    # the name of the file the job made (a book's PDF), kept in JobFile; served by jobs:download
    result_file = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)  # in words, for the user; never a traceback
    traceback = models.TextField(blank=True)  # for admins only
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # how many times a worker started it
    heartbeat = models.DateTimeField(null=True, blank=True)  # refreshed while a worker runs it
    worker_id = models.CharField(max_length=64, blank=True)  # the worker that runs (or last ran) it

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["state", "created"]), models.Index(fields=["started_by", "created"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.label}"

    @property
    def starter(self) -> str:
        """Who started it, named as in the histories ("Bima (Analis (Bappeda/OPD))"), or the system."""
        from petakan.accounts.naming import person

        return person(self.started_by)

    @property
    def active(self) -> bool:
        """Still to be watched: the page polls while this is true."""
        return self.state in (State.WAITING, State.RUNNING)


class JobFile(models.Model):
    """The file a job made, kept in the database (not on one machine's disk): whichever app server answers the
    download, and whichever worker made it, the same bytes come back. A separate table so that listing jobs never
    reads the files."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="file")
    name = models.CharField(max_length=300)
    data = models.BinaryField()
