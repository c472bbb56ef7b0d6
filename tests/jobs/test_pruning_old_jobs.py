"""`petakan jobs prune --days N` forgets jobs that ended more than N days ago, with their files and the queue's
rows, and never touches a job that waits or runs or ended recently."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from petakan.jobs.models import Job, JobFile, State
from petakan.jobs.services import save_file
from tests.jobs.run_jobs import run_job


def test_it_deletes_old_ended_jobs_with_their_files_and_keeps_the_rest(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    old_done, old_failed, recent, waiting, running = (run_job(cast["analyst"]) for _ in range(5))
    save_file(old_done, "buku.pdf", b"%PDF-1.7 old")
    save_file(recent, "baru.pdf", b"%PDF-1.7 new")
    long_ago = timezone.now() - timedelta(days=40)
    Job.objects.filter(pk=old_done.pk).update(state=State.DONE, finished=long_ago)
    Job.objects.filter(pk=old_failed.pk).update(state=State.FAILED, finished=long_ago)
    Job.objects.filter(pk=recent.pk).update(state=State.DONE, finished=timezone.now() - timedelta(days=2))
    Job.objects.filter(pk=running.pk).update(state=State.RUNNING, started=long_ago)
    DBTaskResult.objects.filter(id__in=[old_done.task_id, old_failed.task_id]).update(
        status="SUCCESSFUL", finished_at=long_ago
    )
    out = io.StringIO()
    call_command("jobs", "prune", "--days", "30", stdout=out)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk, running.pk}
    assert list(JobFile.objects.values_list("name", flat=True)) == ["baru.pdf"]
    assert not DBTaskResult.objects.filter(id__in=[old_done.task_id, old_failed.task_id]).exists()
    assert DBTaskResult.objects.filter(id=waiting.task_id).exists()  # still queued: the worker will run it
    assert "2 tugas" in out.getvalue() and "30 hari" in out.getvalue()
