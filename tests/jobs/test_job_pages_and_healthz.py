"""Who sees which jobs, and the queue's numbers in /healthz for a monitor."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from petakan.jobs.models import Job, State
from tests.conftest import PASSWORD
from tests.jobs.run_jobs import run_job


def _job(user, **fields) -> Job:  # type: ignore[no-untyped-def]
    job = run_job(user, label=f"tugas {user.username}")
    if fields:
        Job.objects.filter(pk=job.pk).update(**fields)
    return job


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.login(username=user.username, password=PASSWORD)
    return c


def test_each_user_sees_their_own_jobs_and_the_admin_sees_all(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = _job(cast["analyst"]), _job(cast["admin"])
    html = _client(cast["analyst"]).get("/tugas/").content.decode()
    assert f'data-job="{mine.pk}"' in html and f'data-job="{theirs.pk}"' not in html and "Tugas saya" in html
    assert _client(cast["analyst"]).get(f"/tugas/{theirs.pk}/").status_code == 404
    assert _client(cast["analyst"]).get(f"/tugas/{theirs.pk}/status/").status_code == 404
    admin = _client(cast["admin"]).get("/tugas/").content.decode()
    assert f'data-job="{mine.pk}"' in admin and f'data-job="{theirs.pk}"' in admin and "Semua tugas" in admin
    # named as in the histories (the cast has no full names, so by role), never by username
    mine_page = _client(cast["admin"]).get(f"/tugas/{mine.pk}/").content.decode()
    assert "dimulai oleh Analis (Bappeda/OPD)" in mine_page and "dimulai oleh bima-analyst" not in mine_page
    village = _client(cast["village"]).get("/tugas/").content.decode()
    assert "Belum ada tugas." in village
    assert Client().get("/tugas/").status_code == 302  # the public is sent to the login page
    assert Client().get(f"/tugas/{mine.pk}/").status_code == 302


def test_the_menu_links_the_jobs_for_analysts_and_the_admin_only(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    for role, shown in (("admin", True), ("analyst", True), ("council", False), ("village", False)):
        html = _client(cast[role]).get("/beranda/").content.decode()
        assert ('id="menu-jobs"' in html) is shown, role


def test_healthz_reports_the_queue(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    assert Client().get("/healthz").json()["queue"] == {
        "waiting": 0,
        "oldest_waiting_seconds": 0,
        "running": 0,
        "failed_24h": 0,
    }
    old = _job(cast["analyst"])
    Job.objects.filter(pk=old.pk).update(created=now - timedelta(seconds=300))
    _job(cast["analyst"])
    _job(cast["analyst"], state=State.RUNNING)
    _job(cast["analyst"], state=State.FAILED, finished=now - timedelta(hours=2))
    _job(cast["analyst"], state=State.FAILED, finished=now - timedelta(hours=30))
    body = Client().get("/healthz").json()
    assert body["status"] == "ok"
    queue = body["queue"]
    assert (queue["waiting"], queue["running"], queue["failed_24h"]) == (2, 1, 1)
    assert 300 <= queue["oldest_waiting_seconds"] < 400
