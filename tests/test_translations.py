"""Every user-facing message exists in both languages: Indonesian msgids have an English translation, English
msgids an Indonesian one, and the compiled catalogues are current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src" / "petakan" / "locale"


def read_po(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy) for a .po file; plural forms count as translated when msgstr[0] is."""
    entries: dict[str, tuple[str, bool]] = {}
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        fuzzy = "#, fuzzy" in block or re.search(r"^#,.*fuzzy", block, re.M) is not None
        msgid = _field(block, "msgid")
        msgstr = _field(block, "msgstr") or _field(block, r"msgstr\[0\]")
        if msgid:
            entries[msgid] = (msgstr, fuzzy)
    return entries


def _field(block: str, name: str) -> str:
    match = re.search(rf"^{name} (\".*\"(?:\n\".*\")*)", block, re.M)
    if not match:
        return ""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))


@pytest.fixture(scope="module")
def catalogues() -> tuple[dict[str, tuple[str, bool]], dict[str, tuple[str, bool]]]:
    return read_po(LOCALE / "id" / "LC_MESSAGES" / "django.po"), read_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")


def test_every_message_is_translated_into_the_other_language(catalogues) -> None:  # type: ignore[no-untyped-def]
    ind, eng = catalogues
    missing = [m for m in set(ind) | set(eng) if not ind.get(m, ("", False))[0] and not eng.get(m, ("", False))[0]]
    assert not missing, f"{len(missing)} untranslated, e.g. {sorted(missing)[:5]}"


def test_no_translation_is_left_fuzzy(catalogues) -> None:  # type: ignore[no-untyped-def]
    ind, eng = catalogues
    fuzzy = [m for cat in (ind, eng) for m, (s, f) in cat.items() if f and s]
    assert not fuzzy, fuzzy[:5]


def test_the_compiled_catalogues_are_newer_than_their_sources() -> None:
    for lang in ("id", "en"):
        po, mo = LOCALE / lang / "LC_MESSAGES" / "django.po", LOCALE / lang / "LC_MESSAGES" / "django.mo"
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, f"run `make messages` ({lang})"
