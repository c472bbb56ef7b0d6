"""A signed-in user's book PDF is built by the worker; the job's page links the file, for its owner only."""

from __future__ import annotations

import io

import docx
from django.test import Client

from petakan.jobs.models import Job, JobFile, State
from petakan.jobs.services import enqueue
from petakan.jobs.worker import run_pending
from petakan.planning import tasks


def test_asking_for_a_pdf_queues_a_job_with_the_book_period_and_language(period, login) -> None:  # type: ignore[no-untyped-def]
    analyst = login("analyst")
    page = analyst.get("/rencana/buku/").content.decode()
    assert (
        'data-book-pdf="peta-jalan"' in page and f'action="/rencana/buku/peta-jalan/pdf/?periode={period.pk}"' in page
    )
    assert 'data-book-pdf="' not in Client().get("/rencana/buku/").content.decode()  # the public keeps the link
    response = analyst.post(f"/rencana/buku/peta-jalan/pdf/?periode={period.pk}")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tugas/{job.pk}/"
    assert job.kind == "planning.book" and job.state == State.WAITING and job.label.startswith("PDF buku 4 Peta Jalan")
    assert job.params == {"slug": "peta-jalan", "period_id": period.pk, "fmt": "pdf", "lang": "id"}
    assert login("village").post("/rencana/buku/analisis-strategis/pdf/").status_code == 403
    assert Client().post("/rencana/buku/masterplan/pdf/").status_code == 302  # to the login page
    assert Job.objects.count() == 1


def test_the_finished_job_links_the_file_which_only_its_owner_may_download(
    period, login, cast, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path  # nothing may land on this machine's disk
    params = {"slug": "peta-jalan", "period_id": period.pk, "fmt": "docx", "lang": "en"}
    job = enqueue(tasks.build_book, kind="planning.book", label="x", user=cast["analyst"], **params)
    run_pending()
    job.refresh_from_db()
    assert job.state == State.DONE and job.result_url == f"/tugas/{job.pk}/unduh/"
    assert job.result_label == f"peta-jalan-{period.start_year}-{period.end_year}.docx"
    response = login("analyst").get(job.result_url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in book.paragraphs)
    assert "Roadmap" in text and "Peta Jalan" not in text  # built in the language it was asked in
    # kept in the database, so that any app server serves it: nothing was written to this machine's disk
    assert JobFile.objects.get(job=job).name == job.result_label and not any(tmp_path.iterdir())
    assert login("council").get(job.result_url).status_code == 404
