"""Every user-facing message exists in both languages: Indonesian msgids have an English translation, English
msgids an Indonesian one, every message of the templates and code is in the catalogues, gettext's own check passes,
and the compiled catalogues are current."""

from __future__ import annotations

import os
import re
import subprocess
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


def test_both_catalogues_pass_msgfmt_check() -> None:
    # format strings that differ between msgid and msgstr, bad headers, duplicate entries: gettext's own checks
    for lang in ("id", "en"):
        po = LOCALE / lang / "LC_MESSAGES" / "django.po"
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
        assert result.returncode == 0, f"{lang}: {result.stderr}"


def test_both_catalogues_hold_the_same_messages(catalogues) -> None:  # type: ignore[no-untyped-def]
    ind, eng = catalogues
    assert set(ind) == set(eng), sorted(set(ind) ^ set(eng))[:5]


# English words that mark a msgid as English: such a msgid needs an Indonesian msgstr (Indonesian msgids, the
# rule, are shown as they are in Indonesian). "run" and "No." are used in Indonesian and are not listed.
ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|is|are|was|were|with|for|from|this|that|not|must|has|have|draft|submitted|verified|published|"
    r"returned|approved|pending|all|submit|save|edit|delete|cancel|yes|none)\b",
    re.IGNORECASE,
)
PLACEHOLDERS = re.compile(r"%\(\w+\)[sdfr]|%[sd]|--[\w-]+|\{\w+\}")


def test_no_english_msgid_is_left_untranslated_in_indonesian(catalogues) -> None:  # type: ignore[no-untyped-def]
    ind, _eng = catalogues
    english = [m for m, (s, _f) in ind.items() if not s and ENGLISH_WORDS.search(PLACEHOLDERS.sub(" ", m))]
    assert not english, f"{len(english)} English msgid(s) without Indonesian msgstr, e.g. {english[:5]}"


def _template_and_code_msgids() -> list[tuple[str, str]]:
    """(file, msgid) of every literal message in templates ({% translate %}, simple {% blocktranslate %}) and in
    Python (``_("…")``, ``gettext…("…")``)."""
    found = []
    src = LOCALE.parent
    for path in src.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'{%\s*(?:translate|trans)\s+"((?:[^"\\]|\\.)*)"', text):
            found.append((str(path.relative_to(src)), m.group(1)))
        for m in re.finditer(
            r"{%\s*blocktrans(?:late)?\b([^%]*)%}(.*?){%\s*(?:plural|endblocktrans(?:late)?)\s*%}", text, re.S
        ):
            if "trimmed" not in m.group(1):
                # as makemessages does: a literal % in a blocktranslate is %% in the msgid, placeholders are not
                body = m.group(2).replace("%", "%%")
                found.append((str(path.relative_to(src)), re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body)))
    for path in src.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(
            r'\b(?:_|_lazy|gettext|gettext_lazy|gettext_noop|pgettext_lazy)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)%]', text
        ):
            found.append((str(path.relative_to(src)), m.group(1).replace('\\"', '"')))
    return found


def test_every_message_of_the_templates_and_code_is_in_the_catalogues(catalogues) -> None:  # type: ignore[no-untyped-def]
    # a message missing from the catalogue shows untranslated: English msgids in Indonesian, Indonesian in English
    ind, _eng = catalogues
    found = _template_and_code_msgids()
    assert len(found) > 500
    missing = [(f, m) for f, m in found if m not in ind and m.replace("%", "%%") not in ind]
    assert not missing, f"{len(missing)} not in the catalogues (append them by hand), e.g. {missing[:5]}"
