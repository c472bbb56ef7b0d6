"""Score import: a dry run by default that lists every problem by row and column; commit stores all or nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from petakan.idm.models import ItemScoreChange, ItemScores
from tests.idm.conftest import VILLAGE, YEAR

URL = "/idm/impor/skor/"


def _upload(path) -> SimpleUploadedFile:  # type: ignore[no-untyped-def]
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")


def test_a_dry_run_lists_the_rows_and_writes_nothing(login, score_file, pakisrejo) -> None:
    path = score_file([(VILLAGE, YEAR, pakisrejo), ("33.24.01.2002", YEAR, pakisrejo)])

    response = login("analyst").post(URL, {"file": _upload(path)})

    html = response.content.decode()
    assert response.status_code == 200
    assert "UJI COBA: 2 baris lolos pemeriksaan" in html
    assert 'id="commit-form"' in html
    assert not ItemScores.objects.exists()


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_stored(login, score_file, pakisrejo) -> None:
    path = score_file(
        [
            (VILLAGE, YEAR, pakisrejo),
            ("33.24.01.2002", YEAR, pakisrejo | {"iks_05": 7}),
            ("33.24.99.9999", YEAR, pakisrejo),
            (VILLAGE, YEAR, pakisrejo | {"ike_03": "2.5"}),
        ]
    )

    response = login("analyst").post(URL, {"file": _upload(path), "commit": "on"})

    problems = response.context["report"].problems
    found = {(p.row, p.column) for p in problems}
    assert {(3, "iks_05"), (4, "code"), (5, "code"), (5, "ike_03")} <= found
    html = response.content.decode()
    assert "iks_05 (Tingkat kepesertaan BPJS Kesehatan): skor 7 di luar 0–5." in html
    assert "Kode desa 33.24.99.9999 tidak dikenal" in html
    assert "muncul lagi (pertama di baris 2)" in html
    assert not ItemScores.objects.exists()


def test_commit_stores_every_row_as_submitted_with_history(login, score_file, pakisrejo, cast) -> None:
    path = score_file([(VILLAGE, YEAR, pakisrejo), ("33.24.01.2002", YEAR, pakisrejo | {"ikl_03": 5})])
    client = login("analyst")
    dry = client.post(URL, {"file": _upload(path)})
    hidden = dry.context["commit_form"].initial

    response = client.post(URL, hidden)

    assert response.context["report"].committed
    records = {r.village.code: r for r in ItemScores.objects.select_related("village")}
    assert set(records) == {VILLAGE, "33.24.01.2002"}
    assert records[VILLAGE].scores == pakisrejo
    assert records["33.24.01.2002"].scores["ikl_03"] == 5
    assert {r.status for r in records.values()} == {"submitted"} and {r.source for r in records.values()} == {
        "imported"
    }
    assert ItemScoreChange.objects.filter(action="import", by=cast["analyst"]).count() == 2


def test_importing_again_replaces_and_reports_unchanged_rows(login, score_file, store, pakisrejo) -> None:
    store(VILLAGE, pakisrejo, status="verified")
    path = score_file([(VILLAGE, YEAR, pakisrejo), ("33.24.01.2002", YEAR, pakisrejo)])

    report = login("analyst").post(URL, {"file": _upload(path)}).context["report"]

    assert [(p.code, p.action) for p in report.planned] == [(VILLAGE, "unchanged"), ("33.24.01.2002", "new")]


@pytest.mark.parametrize(("role", "expected"), [("village", 403), ("district", 403), ("council", 403), ("admin", 200)])
def test_only_analysis_import_roles_may_import(role, expected, login) -> None:
    assert login(role).get(URL).status_code == expected


def test_the_command_is_a_dry_run_unless_committed(score_file, pakisrejo, kendal) -> None:
    path = score_file([(VILLAGE, YEAR, pakisrejo)], with_year=False)
    out = StringIO()

    call_command("idm", "import-scores", str(path), "--year", str(YEAR), stdout=out)
    assert "Uji coba (dry run): 1 baris" in out.getvalue() and not ItemScores.objects.exists()

    call_command("idm", "import-scores", str(path), "--year", str(YEAR), "--commit", stdout=out)
    assert ItemScores.objects.get().year == YEAR


def test_the_command_rejects_rows_of_another_year_and_names_them(score_file, pakisrejo, kendal) -> None:
    path = score_file([(VILLAGE, YEAR, pakisrejo), ("33.24.01.2002", YEAR + 1, pakisrejo)])
    err = StringIO()

    with pytest.raises(CommandError, match="1 masalah"):
        call_command("idm", "import-scores", str(path), "--year", str(YEAR), "--commit", stderr=err)

    assert "row 3, column year" in err.getvalue()
    assert not ItemScores.objects.exists()
