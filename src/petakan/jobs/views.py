"""The people's view of the queue: my jobs (/tugas/), a job's page with a live progress bar, retrying a failure."""

from __future__ import annotations

import io

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from petakan.accounts.permissions import can, can_on_job
from petakan.jobs import services
from petakan.jobs.models import Job, JobFile, State

# seconds between two polls of a waiting or running job's status (htmx)
POLL_SECONDS = 1


def _job(request: HttpRequest, job_id: int) -> Job:
    job = Job.objects.select_related("started_by__area").filter(pk=job_id).first()
    # someone else's job is "not found", not "forbidden": its existence is not the visitor's business
    if job is None or not can_on_job(request.user, "view", job):
        raise Http404
    return job


def _context(request: HttpRequest, job: Job) -> dict:
    return {
        "job": job,
        "poll_seconds": POLL_SECONDS,
        "may_retry": can_on_job(request.user, "retry", job),
        "may_see_traceback": can(request.user, "job.view_all"),
    }


@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can(request.user, "job.view_own"):
        raise PermissionDenied
    all_jobs = can(request.user, "job.view_all")
    jobs = Job.objects.select_related("started_by__area")
    if not all_jobs:
        jobs = jobs.filter(started_by=request.user)
    page = Paginator(jobs, 50).get_page(request.GET.get("halaman"))
    return render(request, "jobs/list.html", {"page": page, "all_jobs": all_jobs})


@require_GET
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    job = _job(request, job_id)
    return render(request, "jobs/job.html", _context(request, job))


@require_GET
def job_status(request: HttpRequest, job_id: int) -> HttpResponse:
    """The part of the job's page that htmx replaces every POLL_SECONDS while the job waits or runs."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    job = _job(request, job_id)
    response = render(request, "jobs/_status.html", _context(request, job))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def job_download(request: HttpRequest, job_id: int) -> FileResponse:
    """The file a finished job made (a book's PDF), to those who may see the job."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    job = _job(request, job_id)
    stored = JobFile.objects.filter(job_id=job.pk).first() if job.state == State.DONE else None
    if stored is None:
        raise Http404
    return FileResponse(io.BytesIO(bytes(stored.data)), as_attachment=True, filename=stored.name)


@require_POST
def job_retry(request: HttpRequest, job_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    job = _job(request, job_id)
    if not can_on_job(request.user, "retry", job):
        raise PermissionDenied
    services.retry(job, request.user)
    return redirect("jobs:job", job.pk)
