"""Computing a run from the analysts' page: the request only queues a job; the worker computes and links the run."""

from __future__ import annotations

from django.test import Client

from petakan.indices.models import Run
from petakan.jobs.models import Job, State
from petakan.jobs.worker import run_pending
from petakan.profiles.services import load_demo
from tests.conftest import PASSWORD


def test_the_page_returns_at_once_with_the_job_and_the_worker_finishes_it_with_a_link_to_the_run(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    load_demo(2026)
    c = Client()
    c.login(username=cast["analyst"].username, password=PASSWORD)
    response = c.post("/indeks/hitung/", {"framework": "smart-city-v1", "year": 2026, "status": "published"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tugas/{job.pk}/"
    assert job.state == State.WAITING and job.started_by == cast["analyst"] and Run.objects.count() == 0
    page = c.get(f"/tugas/{job.pk}/").content.decode()
    assert "Menunggu" in page and 'hx-trigger="every 1s"' in page and 'value="0"' in page

    run_pending()

    job.refresh_from_db()
    run = Run.objects.get()
    assert (job.state, job.progress, job.attempts) == (State.DONE, 100, 1)
    assert job.result_url == f"/indeks/run/{run.pk}/" and job.started and job.finished and job.heartbeat
    assert run.created_by == cast["analyst"]
    steps = [line.split(" ", 1)[1].split(" (")[0] for line in job.log.splitlines()[1:4]]
    assert steps == ["Profil dibaca", "Skor dan sensitivitas dihitung", "Run disimpan"]
    status = c.get(f"/tugas/{job.pk}/status/").content.decode()
    # done: the fragment no longer polls, and it links the new run
    assert "hx-trigger" not in status and f'href="/indeks/run/{run.pk}/"' in status and 'value="100"' in status
