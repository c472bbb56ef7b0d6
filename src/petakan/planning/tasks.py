"""Building a masterplan book's PDF as a queued job (LibreOffice converts it twice: seconds to a minute)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_noop
from django_tasks import task

from petakan.jobs.models import Job
from petakan.jobs.services import JobError, finish, job_task, log, report, save_file


@task()
@job_task
def build_book(job: Job, *, slug: str, period_id: int, fmt: str, lang: str) -> None:
    """The book as the user who asked sees it, in the language of the page it was asked from."""
    from petakan.accounts.permissions import can
    from petakan.planning.books import BOOKS
    from petakan.planning.books import build_book as build
    from petakan.planning.models import Period
    from petakan.planning.pdf import PdfError

    book, period = BOOKS.get(slug), Period.objects.filter(pk=period_id).first()
    if book is None or period is None:
        raise JobError("Buku atau periode ini tidak ada lagi.")
    if not can(job.started_by, book.action):  # the permission may have changed since the job was queued
        raise JobError("Anda tidak lagi berhak atas buku ini.")
    report(job, 10, gettext_noop("Menyusun buku dan mengubahnya menjadi PDF…"))
    with translation.override(lang):
        try:
            content = build(slug, period, job.started_by, fmt=fmt)
        except PdfError as exc:
            raise JobError(f"PDF tidak dapat dibuat: {exc}") from exc
    name = f"{slug}-{period.start_year}-{period.end_year}.{fmt}"
    log(job, f"{name}: {len(content) / 1024:.0f} KB.")
    finish(job, save_file(job, name, content), name)
