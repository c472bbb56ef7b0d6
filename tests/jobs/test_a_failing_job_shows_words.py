"""A job that fails tells its user why in words; the traceback is kept for the admin only."""

from __future__ import annotations

from django.test import Client

from petakan.indices import commands
from petakan.jobs.models import Job, State
from petakan.jobs.services import UNEXPECTED
from petakan.jobs.worker import run_pending
from tests.conftest import PASSWORD
from tests.jobs.run_jobs import run_job


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.login(username=user.username, password=PASSWORD)
    return c


def test_a_known_failure_shows_its_reason_and_a_retry_button(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    job = run_job(cast["analyst"], year=1999, status="published")
    run_pending()
    job.refresh_from_db()
    assert (
        job.state == State.FAILED and job.error == "Perhitungan gagal: tidak ada profil terpublikasi untuk tahun 1999"
    )
    html = _client(cast["analyst"]).get(f"/tugas/{job.pk}/").content.decode()
    assert "tidak ada profil terpublikasi untuk tahun 1999" in html and 'id="job-retry"' in html
    assert "Traceback" not in html and "hx-trigger" not in html


def test_an_unexpected_failure_shows_a_sentence_and_keeps_the_traceback_for_the_admin(
    kendal, cast, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("division by zero in a numpy corner")

    monkeypatch.setattr(commands, "compute_run", broken)
    job = run_job(cast["analyst"])
    run_pending()
    job.refresh_from_db()
    assert job.state == State.FAILED and job.error == UNEXPECTED and "RuntimeError" in job.traceback
    own = _client(cast["analyst"]).get(f"/tugas/{job.pk}/").content.decode()
    assert "Terjadi kesalahan tak terduga" in own and "numpy corner" not in own and "Traceback" not in own
    admin = _client(cast["admin"]).get(f"/tugas/{job.pk}/").content.decode()
    assert "Rincian teknis (hanya admin)" in admin and "RuntimeError: division by zero in a numpy corner" in admin


def test_an_english_visitor_reads_the_sentence_in_english(kendal, cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(commands, "compute_run", lambda *a, **k: 1 / 0)
    job = run_job(cast["analyst"])
    run_pending()
    c = _client(cast["analyst"])
    c.cookies["django_language"] = "en"
    html = c.get(f"/tugas/{job.pk}/").content.decode()
    assert "An unexpected error occurred" in html and "Try again" in html
    assert Job.objects.get(pk=job.pk).error == UNEXPECTED
