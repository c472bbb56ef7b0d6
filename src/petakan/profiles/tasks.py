"""Committing a large profile XLSX as a queued job (the dry run stays in the request; see views.commit_upload)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_noop
from django_tasks import task

from petakan.jobs.models import Job
from petakan.jobs.services import JobError, finish, job_task, log, report


@task()
@job_task
def commit_upload(job: Job, *, upload_id: int) -> None:
    """Re-check the kept upload and write it, all or nothing (:func:`petakan.profiles.services.commit_upload`)."""
    from petakan.profiles import services
    from petakan.profiles.models import Upload

    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is None or job.started_by is None:
        raise JobError("Berkas ini tidak ada lagi (kedaluwarsa atau dihapus). Unggah dan periksa lagi.")
    report(job, 5, gettext_noop("Memeriksa ulang dan menyimpan berkas…"))
    try:
        n = services.commit_upload(upload, user=job.started_by)
    except services.NotAllowed as exc:
        raise JobError("Berkas ini sudah disimpan, atau bukan milik Anda. Tidak ada yang disimpan.") from exc
    except services.ProfileProblemsError as exc:
        raise JobError(
            f"Berkas {upload.file_name} kini bermasalah di {len(exc.problems)} isian. Tidak ada yang disimpan; "
            "unggah dan periksa lagi untuk melihat setiap masalah."
        ) from exc
    except services.StaleImportError as exc:
        raise JobError(
            f"Profil {', '.join(exc.villages[:20])} berubah sejak berkas diperiksa. Tidak ada yang disimpan; "
            "unggah dan periksa lagi."
        ) from exc
    log(job, f"{n} isian diubah dari berkas {upload.file_name}.")
    finish(job, reverse("profiles:excel"), f"Impor tersimpan: {n} isian diubah")
