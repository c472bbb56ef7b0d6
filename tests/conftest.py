"""Fixtures shared by the whole suite: the reference data, Kendal loaded once, and a fixed cast of users."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls made beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

KENDAL_DISTRICT = "33.24.01"  # Plantungan
KENDAL_VILLAGE = "33.24.01.2001"  # Blumah, in Plantungan
OTHER_DISTRICT = "33.24.02"  # Pageruyung
OTHER_VILLAGE = "33.24.02.2002"  # Getasblawong, in Pageruyung
SAME_DISTRICT_OTHER_VILLAGE = "33.24.01.2002"  # Kediten, in Plantungan
PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The reference data directory (PETAKAN_DATA_DIR; the Makefile points it at ../shared/data)."""
    path = Path(os.environ.get("PETAKAN_DATA_DIR", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    assert path.is_dir(), f"PETAKAN_DATA_DIR={path} is not a directory"
    return path


def load_kendal(data_dir: Path) -> None:
    from django.conf import settings

    settings.PETAKAN_DATA_DIR = data_dir
    with open(os.devnull, "w") as quiet:
        call_command("regions", "load-kendal", "--commit", stdout=quiet)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):  # type: ignore[no-untyped-def]
    """On SQLite, a test database in a file (in memory-backed /dev/shm where there is one) instead of Django's
    in-memory one, so that a worker subprocess (tests/browser/test_job_worker.py) reaches the same database."""
    import tempfile

    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        folder = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
        db.setdefault("TEST", {})["NAME"] = str(folder / f"petakan-test-{os.getpid()}.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, data_dir):  # type: ignore[no-untyped-def]
    """Kendal's 20 kecamatan and 286 villages with BPS 2024 boundaries, loaded once for every database test."""
    with django_db_blocker.unblock():
        load_kendal(data_dir)


@pytest.fixture
def kendal(db):  # type: ignore[no-untyped-def]
    from petakan.regions.models import Area

    return Area.objects.get(code="33.24")


@pytest.fixture
def kendal_live(transactional_db, data_dir):  # type: ignore[no-untyped-def]
    """For live-server tests: a transactional database is flushed between tests, so load Kendal if it is gone."""
    from petakan.regions.models import Area

    if not Area.objects.filter(code="33.24").exists():
        load_kendal(data_dir)
    return Area.objects.get(code="33.24")


def make_user(username: str, role: str, area_code: str | None = None):  # type: ignore[no-untyped-def]
    from petakan.accounts.models import User
    from petakan.regions.models import Area

    area = Area.objects.get(code=area_code) if area_code else None
    user = User.objects.create_user(username=username, password=PASSWORD, role=role, area=area)
    return user


@pytest.fixture
def cast(db):  # type: ignore[no-untyped-def]
    """The fixed cast of users every permission test uses."""
    return {
        "admin": make_user("alice-admin", "admin"),
        "analyst": make_user("bima-analyst", "analyst"),
        "council": make_user("citra-council", "council"),
        "district": make_user("dedi-district", "district", KENDAL_DISTRICT),
        "village": make_user("eka-village", "village", KENDAL_VILLAGE),
        "other_village": make_user("fajar-village", "village", OTHER_VILLAGE),
    }


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):  # type: ignore[no-untyped-def]
    """PBKDF2 is slow on purpose; tests create many users."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "petakan.accounts.hashers.OneTimePasswordHasher",  # one-time passwords on slips (accounts/hashers.py)
    ]


@pytest.fixture(autouse=True)
def default_language():  # type: ignore[no-untyped-def]
    """Each test starts in the default language, whatever an earlier test activated in this thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache: cached public fragments and layers of an earlier test's data (whose
    rows were rolled back, and whose ids SQLite may hand out again) must not leak into the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
