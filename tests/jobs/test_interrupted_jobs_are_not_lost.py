"""A job whose worker died is retried once or failed with words, never left "running"."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from petakan.jobs import services
from petakan.jobs.models import Job, State
from petakan.jobs.services import INTERRUPTED, recover
from tests.jobs.run_jobs import run_job


def _running(cast, *, worker: str, attempts: int, beat_seconds_ago: float) -> Job:  # type: ignore[no-untyped-def]
    """A job as a worker leaves it when it is killed in the middle: claimed, task RUNNING, heartbeat stopping."""
    job = run_job(cast["analyst"])
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=timezone.now())
    beat = timezone.now() - timedelta(seconds=beat_seconds_ago)
    Job.objects.filter(pk=job.pk).update(
        state=State.RUNNING, attempts=attempts, worker_id=worker, heartbeat=beat, started=beat
    )
    return Job.objects.get(pk=job.pk)


def test_a_job_with_a_stale_heartbeat_is_queued_again_once(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    job = _running(cast, worker="host-a", attempts=1, beat_seconds_ago=61)
    old_task = job.task_id
    assert [j.pk for j in recover()] == [job.pk]
    job.refresh_from_db()
    assert job.state == State.WAITING and job.task_id != old_task and "tugas diulang" in job.log
    assert DBTaskResult.objects.get(id=old_task).status == "FAILED"  # the backend's row does not stay RUNNING either
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"


def test_a_job_with_a_fresh_heartbeat_of_another_worker_is_left_alone(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    job = _running(cast, worker="host-a", attempts=1, beat_seconds_ago=10)
    assert recover() == [] and recover(restarted_worker="host-b") == []
    assert Job.objects.get(pk=job.pk).state == State.RUNNING


def test_a_restarted_worker_recovers_its_own_running_job_at_once(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    job = _running(cast, worker="host-a", attempts=1, beat_seconds_ago=2)
    assert [j.pk for j in recover(restarted_worker="host-a")] == [job.pk]
    assert Job.objects.get(pk=job.pk).state == State.WAITING


def test_a_job_interrupted_on_its_second_attempt_fails_in_words(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    job = _running(cast, worker="host-a", attempts=2, beat_seconds_ago=120)
    recover()
    job.refresh_from_db()
    assert job.state == State.FAILED and job.error == INTERRUPTED == "Pekerja berhenti di tengah jalan."
    assert job.finished is not None and DBTaskResult.objects.get(id=job.task_id).status == "FAILED"


def test_the_stale_bound_is_a_setting(kendal, cast, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_JOB_STALE_SECONDS = 300
    job = _running(cast, worker="host-a", attempts=1, beat_seconds_ago=120)
    assert services.stale_after() == timedelta(seconds=300) and recover() == []
    assert Job.objects.get(pk=job.pk).state == State.RUNNING


def test_a_worker_heartbeat_keeps_its_long_job_from_being_taken_for_dead(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    job = _running(cast, worker="host-a", attempts=1, beat_seconds_ago=61)
    other = _running(cast, worker="host-b", attempts=1, beat_seconds_ago=61)
    assert services.beat("host-a") == 1  # what the worker's watchdog thread does every few seconds
    assert [j.pk for j in recover()] == [other.pk]
    assert Job.objects.get(pk=job.pk).state == State.RUNNING
