"""`petakan profiles template` and `petakan profiles import FILE --year --user [--commit]`."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from petakan.profiles.models import FieldChange, Profile
from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE
from tests.profiles.conftest import YEAR


@pytest.fixture
def filled(
    tmp_path: Path, make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> tuple[Path, Profile]:
    """A kecamatan template with Blumah's pop_male changed to 2222."""
    profile = make_profile(values=complete_values)
    path = tmp_path / "plantungan.xlsx"
    call_command(
        "profiles", "template", "--scope", KENDAL_DISTRICT, "--year", str(YEAR), "--out", str(path), stdout=StringIO()
    )
    wb = load_workbook(path)
    ws = wb["Profil"]
    column = next(get_column_letter(c.column) for c in ws[1] if c.value == "pop_male")
    ws[f"{column}5"] = 2222
    wb.save(path)
    return path, profile


def test_the_template_command_writes_one_row_per_village_of_the_scope(tmp_path: Path, kendal) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    path = tmp_path / "t.xlsx"
    call_command(
        "profiles", "template", "--scope", KENDAL_DISTRICT, "--year", str(YEAR), "--out", str(path), stdout=out
    )
    ws = load_workbook(path)["Profil"]
    codes = [ws[f"A{r}"].value for r in range(5, ws.max_row + 1)]
    assert len(codes) == 12 and codes[0] == KENDAL_VILLAGE and all(c.startswith("33.24.01.") for c in codes)
    assert "12 desa" in out.getvalue()


def test_the_template_command_refuses_an_unknown_scope(tmp_path: Path, kendal) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="unknown scope"):
        call_command("profiles", "template", "--scope", "99.99", "--year", "2026", "--out", str(tmp_path / "x.xlsx"))


def test_an_import_without_commit_only_shows_the_changes(filled: tuple[Path, Profile], cast: dict[str, Any]) -> None:
    path, profile = filled
    out = StringIO()
    call_command("profiles", "import", str(path), "--year", str(YEAR), "--user", cast["district"].username, stdout=out)
    assert f"{KENDAL_VILLAGE} pop_male (Penduduk laki-laki): {profile.values['pop_male']!r} -> 2222" in out.getvalue()
    assert "Uji coba: 1 isian di 1 desa akan berubah" in out.getvalue()
    profile.refresh_from_db()
    assert profile.version == 1 and not FieldChange.objects.exists()


def test_an_import_with_commit_writes_and_records_the_user(filled: tuple[Path, Profile], cast: dict[str, Any]) -> None:
    path, profile = filled
    out = StringIO()
    call_command(
        "profiles",
        "import",
        str(path),
        "--year",
        str(YEAR),
        "--user",
        cast["district"].username,
        "--commit",
        stdout=out,
    )
    profile.refresh_from_db()
    assert profile.values["pop_male"] == 2222 and profile.version == 2
    assert list(FieldChange.objects.values_list("field", "new", "via", "by__username")) == [
        ("pop_male", 2222, "import", "dedi-district")
    ]


def test_an_import_out_of_the_users_scope_fails_and_writes_nothing(
    filled: tuple[Path, Profile], cast: dict[str, Any]
) -> None:
    path, profile = filled
    err = StringIO()
    with pytest.raises(CommandError, match="masalah"):
        call_command(
            "profiles",
            "import",
            str(path),
            "--year",
            str(YEAR),
            "--user",
            cast["other_village"].username,
            "--commit",
            stderr=err,
        )
    assert "di luar wilayah kewenangan Anda" in err.getvalue() and "Profil!A5" in err.getvalue()
    profile.refresh_from_db()
    assert profile.version == 1 and not FieldChange.objects.exists()


def test_an_import_by_an_account_that_may_not_import_is_refused(
    filled: tuple[Path, Profile], cast: dict[str, Any]
) -> None:
    with pytest.raises(CommandError, match="may not import"):
        call_command("profiles", "import", str(filled[0]), "--year", str(YEAR), "--user", cast["analyst"].username)


def test_an_unknown_user_is_refused(filled: tuple[Path, Profile]) -> None:
    with pytest.raises(CommandError, match="no active account"):
        call_command("profiles", "import", str(filled[0]), "--year", str(YEAR), "--user", "nobody")
