"""The size limit of each kind of file comes from ``PETAKAN_UPLOAD_LIMITS`` and the refusal states it, with the
file's size and the kind, in Bahasa Indonesia by default and in English when the user chose English."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.hardening.conftest import Feed, assert_refused, entries

KB = 1024
FILE = b"code,year\n" + b"33.24.01.2001,2024\n" * 200  # 3.7 KB


@pytest.fixture
def small_limits(settings: Any) -> None:  # pytest-django's settings fixture
    settings.PETAKAN_UPLOAD_LIMITS = {kind: 2 * KB for kind in settings.PETAKAN_UPLOAD_LIMITS}


@pytest.mark.parametrize(
    ("name", "kind", "kind_en"),
    [
        ("idm scores web", "impor IDM", "IDM imports"),
        ("idm official cli", "impor IDM", "IDM imports"),
        ("pdrb web", "tabel PDRB", "PDRB tables"),
        ("pdrb cli", "tabel PDRB", "PDRB tables"),
        ("codes cli", "daftar kode wilayah", "area code lists"),
    ],
)
def test_the_refusal_states_the_size_the_limit_and_the_kind(
    feed: Feed, small_limits: None, name: str, kind: str, kind_en: str
) -> None:
    (entry,) = [e for e in entries("csv") if e.name == name]
    outcome = feed(entry, "berkas.csv", FILE, commit=True)
    # The IDM and PDRB commands print the libraries' English sentences; the pages and the others speak Indonesian.
    english = f"The file of 3.7 KB exceeds the 2 KB limit for {kind_en}."
    assert_refused(outcome, f"Berkas 3,7 KB melebihi batas 2 KB untuk {kind}.", *([english] if not entry.web else []))


def test_a_boundary_file_over_the_limit_is_refused_before_it_is_read(feed: Feed, small_limits: None) -> None:
    (entry,) = entries("geojson")
    content = b'{"type": "FeatureCollection", "features": []}' + b" " * (3 * KB)
    assert_refused(feed(entry, "batas.geojson", content, commit=True), "melebihi batas 2 KB untuk batas wilayah")


def test_the_refusal_is_in_english_when_english_is_chosen(feed: Feed, small_limits: None) -> None:
    (entry,) = [e for e in entries("csv") if e.name == "idm scores web"]
    outcome = feed(entry, "berkas.csv", FILE, language="en")
    assert_refused(outcome, "The file of 3.7 KB exceeds the 2 KB limit for IDM imports.")


def test_the_default_limits_are_in_the_settings() -> None:
    assert settings.PETAKAN_UPLOAD_LIMITS["profile"] == 10 * KB * KB
    assert set(settings.PETAKAN_UPLOAD_LIMITS) == {
        "profile",
        "idm",
        "pdrb",
        "rpjmd",
        "codes",
        "boundaries",
        "evidence",
    }
