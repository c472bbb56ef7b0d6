"""Every importer, web and command line, as an entry the hardening tests can feed a file to and measure.

``feed`` runs one import of one file and returns what a user would see (the page or the command's output and
error), the peak memory the import allocated (``tracemalloc``, in the test process, which is also the server's
process under the test client) and the number of rows of every model before and after.
"""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.conftest import KENDAL_DISTRICT

MB = 1024 * 1024
MAX_PEAK_BYTES = 300 * MB
MAX_PAGE_BYTES = 200_000  # an error page stays small whatever the file held


@dataclass
class Entry:
    """One way into an importer: ``web`` posts ``fields`` and the file to ``url`` as ``role``; ``cli`` calls the
    command with ``args`` (``{file}`` is the file's path)."""

    name: str
    formats: tuple[str, ...]  # "xlsx", "csv", "geojson", "zip"
    url: str = ""
    role: str = ""
    fields: dict[str, Any] | None = None
    args: tuple[str, ...] = ()
    commit_fields: dict[str, Any] | None = None  # what asks the web form to write at once, when it can

    @property
    def web(self) -> bool:
        return bool(self.url)

    def __str__(self) -> str:
        return self.name


PDRB_FIELDS = {
    "region_name": "Kabupaten Contoh",
    "region_code": "3399",
    "price_basis": "ADHK2010",
    "source": "uji ketahanan",
    "layout": "auto",
    "number_format": "auto",
}
ENTRIES = [
    Entry("profiles web", ("xlsx",), url="/profil/excel/", role="village", fields={"year": "2026"}),
    Entry("profiles cli", ("xlsx",), args=("profiles", "import", "{file}", "--year", "2026", "--user", "{village}")),
    Entry(
        "idm scores web",
        ("xlsx", "csv"),
        url="/idm/impor/skor/",
        role="analyst",
        fields={},
        commit_fields={"commit": "on"},
    ),
    Entry("idm scores cli", ("xlsx", "csv"), args=("idm", "import-scores", "{file}")),
    Entry(
        "idm official web",
        ("xlsx", "csv"),
        url="/idm/impor/resmi/",
        role="analyst",
        fields={"source": "uji"},
        commit_fields={"commit": "on"},
    ),
    Entry("idm official cli", ("xlsx", "csv"), args=("idm", "import-official", "{file}", "--source", "uji")),
    Entry(
        "rpjmd web", ("xlsx",), url="/rencana/rpjmd/impor/", role="analyst", fields={}, commit_fields={"commit": "on"}
    ),
    Entry("rpjmd cli", ("xlsx",), args=("planning", "import-rpjmd", "{file}")),
    Entry(
        "pdrb web",
        ("xlsx", "csv"),
        url="/ekonomi/unggah/",
        role="analyst",
        fields={**PDRB_FIELDS, "dry_run": "1"},
        commit_fields={"dry_run": None, "commit": "1"},
    ),
    Entry(
        "pdrb cli",
        ("xlsx", "csv"),
        args=("economy", "import", "{file}", "--region", "Uji", "--price-basis", "ADHK2010"),
    ),
    Entry("codes cli", ("csv",), args=("regions", "import-codes", "{file}")),
    Entry(
        "boundaries cli",
        ("geojson", "zip"),
        args=(
            "regions",
            "import-boundaries",
            "{file}",
            "--generation",
            "Uji",
            "--level",
            "district",
            "--code-field",
            "kode",
        ),
    ),
]


def entries(fmt: str) -> list[Entry]:
    return [e for e in ENTRIES if fmt in e.formats]


@dataclass
class Outcome:
    status: int | None  # the HTTP status, None for a command
    text: str  # the page, or the command's output, error output and error
    peak: int  # bytes
    changed: dict[str, tuple[int, int]]  # model → (rows before, rows after), only those that changed

    def says(self, *phrases: str) -> bool:
        """Whether the output names the problem in any of ``phrases`` (case-insensitive)."""
        low = self.text.lower()
        return any(p.lower() in low for p in phrases)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _measure(run: Callable[[], tuple[int | None, str]]) -> tuple[int | None, str, int]:
    tracemalloc.start()
    try:
        status, text = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return status, text, peak


Feed = Callable[..., Outcome]


@pytest.fixture
def feed(cast: dict[str, Any], tmp_path: Path) -> Feed:
    """Feed ``content`` named ``name`` to ``entry`` (with ``commit=True``: asking it to write at once, the command's
    ``--commit``); see :class:`Outcome`."""

    def run(entry: Entry, name: str, content: bytes, *, commit: bool = False, language: str = "") -> Outcome:
        client = Client()
        if language:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if entry.web:
            client.force_login(cast[entry.role])  # its session row is written before the counting starts
        before = row_counts()
        if entry.web:
            # The multipart body is built before measuring: the test client's encoding is not the server's work.
            fields = {**(entry.fields or {}), **((entry.commit_fields or {}) if commit else {})}
            fields = {k: v for k, v in fields.items() if v is not None}
            body = encode_multipart(BOUNDARY, {**fields, "file": _Upload(name, content)})

            def post() -> tuple[int | None, str]:
                response = client.generic("POST", entry.url, body, content_type=MULTIPART_CONTENT)
                return response.status_code, response.content.decode("utf-8", "replace")

            status, text, peak = _measure(post)
        else:
            path = tmp_path / name
            path.write_bytes(content)
            args = [a.format(file=path, village=cast["village"].username) for a in entry.args]
            args += ["--commit"] if commit else []

            def command() -> tuple[int | None, str]:
                out, err = io.StringIO(), io.StringIO()
                try:
                    call_command(*args, stdout=out, stderr=err)
                except CommandError as exc:
                    return None, f"{out.getvalue()}\n{err.getvalue()}\n{exc}"
                return None, f"{out.getvalue()}\n{err.getvalue()}"

            status, text, peak = _measure(command)
        after = row_counts()
        changed = {k: (before[k], after[k]) for k in before if before[k] != after.get(k)}
        return Outcome(status, text, peak, changed)

    return run


class _Upload(io.BytesIO):
    """A file for ``encode_multipart``: it needs a name and ``read()``."""

    def __init__(self, name: str, content: bytes) -> None:
        super().__init__(content)
        self.name = name


def assert_refused(outcome: Outcome, *phrases: str) -> None:
    """No 500 and no traceback; the message names the problem; memory within bound; nothing written."""
    assert outcome.status in (None, 200), (outcome.status, outcome.text[:2000])
    assert "Traceback" not in outcome.text
    assert outcome.says(*phrases), outcome.text[-3000:]
    assert len(outcome.text.encode()) < MAX_PAGE_BYTES, len(outcome.text)
    assert outcome.peak <= MAX_PEAK_BYTES, f"peak {outcome.peak / MB:.0f} MB"
    assert not outcome.changed, outcome.changed


KECAMATAN = KENDAL_DISTRICT
