"""Strict parsers for settings read from the environment.

A typo in a deployment's environment must stop the server at start-up with a message that names the variable,
not silently fall back to a default (``DEBUG=flase`` is an error, not ``False``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of {sorted(TRUE_WORDS | FALSE_WORDS)}")


def envint(name: str, default: int, low: int | None = None, high: int | None = None) -> int:
    """A whole number, optionally within [low, high]; anything else stops the server."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from exc
    if (low is not None and value < low) or (high is not None and value > high):
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a number from {low} to {high}")
    return value


def envheader(name: str) -> tuple[str, str] | None:
    """A request header and the value that means HTTPS, written as in HTTP (``X-Forwarded-Proto: https``), as the
    (``HTTP_X_FORWARDED_PROTO``, ``https``) pair Django's SECURE_PROXY_SSL_HEADER wants; None when unset."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return None
    header, sep, value = raw.partition(":")
    header, value = header.strip(), value.strip()
    if not sep or not value or not re.fullmatch(r"[A-Za-z0-9-]+", header):
        raise ImproperlyConfigured(f"{name}={raw!r}: expected 'Header-Name: value', e.g. 'X-Forwarded-Proto: https'")
    return "HTTP_" + header.upper().replace("-", "_"), value


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name}={raw!r}: empty item in comma-separated list")
    return items


def envpath(name: str) -> Path | None:
    raw = os.environ.get(name)
    if not raw:
        return None
    return Path(raw).expanduser().resolve()


def parse_database_url(url: str, base_dir: Path) -> dict[str, Any]:
    """Turn ``sqlite:///var/db.sqlite3`` or ``postgres://user:pw@host:5432/name?host=/socket/dir`` into DATABASES.

    A relative SQLite path is taken relative to ``base_dir``. Only the two engines Petakan supports are accepted.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        raw_path = unquote(parts.path)
        if not raw_path or raw_path == "/":
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: SQLite URL needs a file path")
        # sqlite:///relative/path -> "/relative/path" (one slash: relative); sqlite:////abs -> "//abs".
        path = Path(raw_path[1:])
        if not path.is_absolute():
            path = base_dir / path
        # keep connections: opening SQLite and registering its functions costs more than most requests
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {"timeout": 20},
            "CONN_MAX_AGE": 60,
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: PostgreSQL URL needs a database name")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        host = query.pop("host", None) or (parts.hostname or "")
        try:
            port = parts.port
        except ValueError as exc:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: invalid port") from exc
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": host,
            "PORT": str(port or query.pop("port", "") or ""),
            "OPTIONS": query,
            "CONN_MAX_AGE": 60,
        }
    raise ImproperlyConfigured(f"DATABASE_URL={url!r}: unsupported scheme {scheme!r} (use sqlite or postgres)")
