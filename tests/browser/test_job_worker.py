"""Done-when of issue 17: computing a run from the page goes through a real worker process, on a phone (390 × 844).

The page returns at once with the job's page; its progress bar (htmx polling) moves while the worker computes.
The worker is killed (SIGKILL) in the middle of the job — the job stays "running", as a dead worker leaves it —
and started again under the same worker id: it finds the job it owned, queues it again, and runs it to 100 %; the
page then links the new run. The first worker honours PETAKAN_JOB_TEST_DELAY_SECONDS (a pause after reading the
profiles) so that the kill lands mid-job every time; the second runs at full speed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from petakan.indices.models import Run
from petakan.jobs.models import Job, State
from petakan.profiles.services import load_demo
from tests.browser.conftest import log_in, screenshot
from tests.conftest import make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WORKER_ID = "browser-test-worker"
ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    """The test database as a DATABASE_URL, for the worker subprocess (SQLite: a file, see tests/conftest.py)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        assert db["NAME"].startswith("/") and "memory" not in db["NAME"], db["NAME"]
        return "sqlite:///" + db["NAME"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker() -> Iterator[Callable[..., subprocess.Popen]]:
    started: list[subprocess.Popen] = []

    def start(delay_seconds: int) -> subprocess.Popen:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=_database_url(),
            PETAKAN_JOB_TEST_DELAY_SECONDS=str(delay_seconds),
            PETAKAN_JOB_HEARTBEAT_SECONDS="1",
            PYTHONPATH=str(ROOT / "src"),
        )
        args = [sys.executable, "-m", "petakan", "worker", "--worker-id", WORKER_ID, "--interval", "0.2"]
        worker = subprocess.Popen([*args, "--no-startup-delay"], env=env, cwd=ROOT)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds} s for {what}")


def test_a_run_computed_from_the_page_survives_a_killed_worker_and_ends_linked(  # type: ignore[no-untyped-def]
    kendal_live, live_server, phones, start_worker
) -> None:
    make_user("bima-analyst", "analyst")
    load_demo(2026)
    phone: Page = phones()
    refused: list[str] = []  # the page polls with htmx under the site's Content-Security-Policy
    phone.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(phone, live_server.url, "bima-analyst")
    first = start_worker(delay_seconds=20)

    phone.goto(live_server.url + "/indeks/")
    began = time.monotonic()
    phone.locator("form.inline-form button.primary").click()
    phone.wait_for_url("**/tugas/*/")
    assert time.monotonic() - began < 5  # the request only queued the work
    job = Job.objects.get()
    assert phone.url.endswith(f"/tugas/{job.pk}/")

    # the worker read the profiles (15 %) and the page's bar followed, without a reload
    _wait_for(lambda: Job.objects.get(pk=job.pk).progress >= 15, 60, "the worker to read the profiles")
    expect(phone.locator("#job-progress")).to_have_attribute("value", "15", timeout=10_000)
    expect(phone.locator("#job-status")).to_have_attribute("data-state", "running")
    screenshot(phone, "job-running-phone")

    first.send_signal(signal.SIGKILL)
    first.wait(10)
    job.refresh_from_db()
    assert job.state == State.RUNNING and job.attempts == 1 and Run.objects.count() == 0  # as a dead worker leaves it

    start_worker(delay_seconds=0)  # the same worker id: it recovers the job it owned at start
    expect(phone.locator("#job-status")).to_have_attribute("data-state", "done", timeout=60_000)
    expect(phone.locator("#job-progress")).to_have_attribute("value", "100")
    job.refresh_from_db()
    run = Run.objects.get()
    assert (job.state, job.attempts) == (State.DONE, 2) and "tugas diulang" in job.log
    link = phone.locator("#job-result")
    expect(link).to_have_attribute("href", f"/indeks/run/{run.pk}/")
    screenshot(phone, "job-done-phone")
    link.click()
    phone.wait_for_url(f"**/indeks/run/{run.pk}/")
    assert refused == []
