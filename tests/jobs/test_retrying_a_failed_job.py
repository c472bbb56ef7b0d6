""" "Coba lagi" runs a failed job again with the same parameters; only its owner or the admin may press it."""

from __future__ import annotations

from django.test import Client

from petakan.indices.models import Run
from petakan.jobs.models import Job, State
from petakan.jobs.worker import run_pending
from petakan.profiles.services import load_demo
from tests.conftest import PASSWORD
from tests.jobs.run_jobs import run_job


def test_retry_runs_the_job_again_and_it_can_succeed_the_second_time(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    job = run_job(cast["analyst"])
    run_pending()
    job.refresh_from_db()
    assert job.state == State.FAILED  # no profiles yet
    load_demo(2026, work=True)  # the reason is fixed; the same job, retried, now succeeds
    c = Client()
    c.login(username=cast["analyst"].username, password=PASSWORD)
    response = c.post(f"/tugas/{job.pk}/coba-lagi/")
    assert response.status_code == 302 and response["Location"] == f"/tugas/{job.pk}/"
    job.refresh_from_db()
    assert job.state == State.WAITING and job.error == "" and "Dicoba lagi oleh Analis (Bappeda/OPD)." in job.log
    run_pending()
    job.refresh_from_db()
    run = Run.objects.get()
    assert job.state == State.DONE and job.result_url == f"/indeks/run/{run.pk}/" and run.profile_status == "all"
    assert c.post(f"/tugas/{job.pk}/coba-lagi/").status_code == 302  # a double click: nothing happens
    assert Job.objects.get(pk=job.pk).state == State.DONE and Run.objects.count() == 1


def test_someone_else_may_not_retry_or_even_see_a_job(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    job = run_job(cast["analyst"], year=1999)
    run_pending()
    for role in ("council", "village"):
        c = Client()
        c.login(username=cast[role].username, password=PASSWORD)
        assert c.get(f"/tugas/{job.pk}/").status_code == 404
        assert c.post(f"/tugas/{job.pk}/coba-lagi/").status_code == 404
    assert Job.objects.get(pk=job.pk).state == State.FAILED
    admin = Client()
    admin.login(username=cast["admin"].username, password=PASSWORD)
    assert admin.post(f"/tugas/{job.pk}/coba-lagi/").status_code == 302
    assert Job.objects.get(pk=job.pk).state == State.WAITING
