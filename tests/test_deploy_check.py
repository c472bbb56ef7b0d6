"""With the production settings of the README's configuration table, ``check --deploy`` has nothing to say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import petakan
from petakan.env import envheader, envint

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-key-of-enough-length-and-variety-0123456789-XYZ",
    "ALLOWED_HOSTS": "petakan.kendalkab.go.id",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def deploy_check(tmp_path: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        # this checkout's code, whatever the virtualenv was installed from
        "PYTHONPATH": str(Path(petakan.__file__).resolve().parents[1]),
        "PETAKAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-m", "petakan", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_settings_set(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_about_https_when_they_are_not_set(tmp_path: Path) -> None:
    unset = {k: v for k, v in PRODUCTION.items() if not k.startswith(("SECURE_HSTS", "SECURE_SSL"))}
    result = deploy_check(tmp_path, unset)
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


@pytest.mark.parametrize(
    ("raw", "says"),
    [("a year", "expected a whole number"), ("-1", "expected a number from 0"), ("1.5", "expected a whole number")],
)
def test_hsts_seconds_are_parsed_strictly(monkeypatch: pytest.MonkeyPatch, raw: str, says: str) -> None:
    monkeypatch.setenv("SECURE_HSTS_SECONDS", raw)
    with pytest.raises(ImproperlyConfigured, match=says):
        envint("SECURE_HSTS_SECONDS", 0, low=0, high=10**8)


def test_the_proxy_header_is_written_as_in_http(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https")
    assert envheader("SECURE_PROXY_SSL_HEADER") == ("HTTP_X_FORWARDED_PROTO", "https")
    for bad in ("X-Forwarded-Proto", "X-Forwarded-Proto:", "X Forwarded: https", "HTTP_X_FORWARDED_PROTO,https"):
        monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", bad)
        with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER"):
            envheader("SECURE_PROXY_SSL_HEADER")


def test_a_typo_in_a_security_switch_stops_the_server(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, {**PRODUCTION, "SECURE_SSL_REDIRECT": "ture"})
    assert result.returncode != 0 and "SECURE_SSL_REDIRECT='ture'" in result.stderr
