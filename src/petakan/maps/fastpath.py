"""Replay of anonymous map-data answers in front of Django (a WSGI wrapper, see petakan.wsgi).

A cached /peta/data.json still cost ~4 ms of Python through the whole stack (session, locale, auth, CSRF and
messages middleware, the run lookup, gzip), more than the request itself is worth: under 20 concurrent clients on
two cores that made its p95 twice the budget. This wrapper answers a repeated anonymous GET before Django sees it,
with the exact status, headers and (already gzipped) bytes that the normal stack sent for the same request.

What may be replayed is decided by the view, never here: a view marks its response with :func:`mark` (the data
endpoint does so only for a published run and a visitor who is not logged in). The wrapper stores a marked 200 or
304 answer under a key of everything that can change it:

    (SCRIPT_NAME, PATH_INFO, QUERY_STRING, Host, scheme, proxy TLS header, language, accepts gzip, If-None-Match,
     negotiated precompressed encoding)

where the language is resolved as petakan.web.middleware.IndonesianByDefault + LocaleMiddleware do (the
``django_language`` cookie, else Bahasa Indonesia; the browser's Accept-Language is ignored), and If-None-Match is
the raw header, so a revalidation replays the 304 the view gave to that very header. Requests the wrapper never
answers nor stores: anything but GET; a session cookie (maybe logged in: the normal stack decides); a malformed
CSRF cookie (Django renews it); If-Match / If-Modified-Since / If-Unmodified-Since / Range; a response with
Set-Cookie or with a Vary header the key does not cover.

Invalidation. An entry is trusted for ``ttl`` seconds (2 s). After that:

- an *immutable* entry (an index variable of an explicitly named run: a stored run never changes) is kept if its
  run is still visible to anonymous visitors — one cheap query per run per ``ttl``, shared by all its entries —
  and dropped otherwise (a deleted run stops being served within ``ttl``);
- any other entry (IDM or commodity values, which change when profiles are published, or an answer that depends
  on the current run) is dropped and the next request goes through Django again, which stores it anew.

So a change is visible to anonymous visitors after at most ``ttl`` seconds. The cache is per process and bounded
(entries and bytes; the oldest go first), since an endpoint that ignores unknown parameters could be asked for
endless distinct query strings. Replayed gzip bodies are byte-identical (Django adds random bytes per response
against BREACH); they hold published figures only, no secret, so that mitigation has nothing to protect here.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, Final

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http.cookie import parse_cookie
from django.utils import translation

from petakan.web.http import negotiate_encoding

log = logging.getLogger(__name__)

TTL_SECONDS: Final = 2.0
MAX_ENTRIES: Final = 2000
MAX_BYTES: Final = 32 * 1024 * 1024
MARK: Final = "petakan_replay"
# Conditional or partial requests the normal stack answers in ways this cache does not model (412, 206...).
BYPASS_HEADERS: Final = ("HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_RANGE")
# The pattern GZipMiddleware tests Accept-Encoding with.
ACCEPTS_GZIP: Final = re.compile(r"\bgzip\b")
# A CSRF cookie CsrfViewMiddleware accepts as it is (a secret, or a masked token of older Django versions).
CSRF_COOKIE_FORMAT: Final = re.compile(r"[a-zA-Z0-9]{32}|[a-zA-Z0-9]{64}")
# Vary headers the key accounts for (Accept-Language: ignored by IndonesianByDefault; Cookie: session and language).
KEYED_VARY: Final = frozenset({"accept-encoding", "accept-language", "cookie"})

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


@dataclass(frozen=True)
class Replay:
    """What a view says about its answer: it may be replayed to anonymous visitors asking the same thing.
    ``immutable``: it depends on run ``run_id`` alone, so it stays right as long as that run is public."""

    run_id: int | None
    immutable: bool


def mark(response: Any, *, run_id: int | None, immutable: bool) -> None:
    setattr(response, MARK, Replay(run_id, immutable))


class Entry:
    """One stored answer: WSGI status line, headers and body as the normal stack sent them."""

    __slots__ = ("body", "fresh_until", "headers", "replay", "size", "status")

    def __init__(
        self, status: str, headers: list[tuple[str, str]], body: bytes, replay: Replay, fresh_until: float
    ) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.replay = replay
        self.fresh_until = fresh_until
        self.size = len(body) + sum(len(k) + len(v) for k, v in headers) + 200


@lru_cache(maxsize=64)
def resolve_language(cookie: str | None) -> str:
    """The language LocaleMiddleware activates for a request with this ``django_language`` cookie value, once
    IndonesianByDefault has removed Accept-Language (same Django function, same inputs)."""
    cookies = {} if cookie is None else {settings.LANGUAGE_COOKIE_NAME: cookie}
    shim = SimpleNamespace(COOKIES=cookies, META={}, path_info="/")
    return translation.get_language_from_request(shim, check_path=False)  # type: ignore[arg-type]


def run_is_public(run_id: int) -> bool:
    """Whether an anonymous visitor may still see run ``run_id`` (the rule the views apply)."""
    from django.contrib.auth.models import AnonymousUser

    from petakan.indices.views import visible_runs

    return visible_runs(AnonymousUser()).filter(pk=run_id).exists()


class FastPath:
    """WSGI middleware: ``FastPath(get_wsgi_application())``. ``clock`` and ``is_public`` are for tests."""

    def __init__(
        self,
        app: WSGIApp,
        *,
        ttl: float = TTL_SECONDS,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
        is_public: Callable[[int], bool] = run_is_public,
    ) -> None:
        self.app = app
        self.ttl = ttl
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.clock = clock
        self.is_public = is_public
        self.entries: dict[tuple[str, ...], Entry] = {}
        self.paths: set[str] = set()  # PATH_INFOs with entries: any other request skips the key
        self.runs_checked: dict[int, float] = {}  # run id -> until when it is known to be public
        self.bytes = 0
        self.lock = threading.Lock()
        self.enabled = not is_language_prefix_patterns_used(settings.ROOT_URLCONF)[0]
        if not self.enabled:
            log.warning("map data fast path off: i18n_patterns put the language in the path, which it does not model")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if not self.enabled or environ.get("REQUEST_METHOD") != "GET":
            return self.app(environ, start_response)
        # Django normalises PATH_INFO and SCRIPT_NAME in place: key on what the server sent
        script, path = environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", "")
        if path in self.paths:
            key = self.key(environ, script, path)
            entry = self.entries.get(key) if key is not None else None
            if entry is not None and key is not None and self.usable(key, entry):
                start_response(entry.status, list(entry.headers))
                return [entry.body]
        captured: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured[:] = [status, headers]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = self.app(environ, capture)
        replay = getattr(result, MARK, None)
        if isinstance(replay, Replay) and captured and not getattr(result, "streaming", True):
            key = self.key(environ, script, path)
            if key is not None:
                self.store(key, captured[0], captured[1], result.content, replay)  # type: ignore[attr-defined]
        return result

    def key(self, environ: dict[str, Any], script: str, path: str) -> tuple[str, ...] | None:
        """The request's cache key, or None when it is not one the cache may answer or learn from."""
        if any(h in environ for h in BYPASS_HEADERS):
            return None
        raw_cookies = environ.get("HTTP_COOKIE", "")
        language_cookie = None
        if raw_cookies:
            cookies = parse_cookie(raw_cookies)
            if settings.SESSION_COOKIE_NAME in cookies:
                return None
            csrf = cookies.get(settings.CSRF_COOKIE_NAME)
            if csrf is not None and not CSRF_COOKIE_FORMAT.fullmatch(csrf):
                return None  # CsrfViewMiddleware answers with a new cookie: this visitor's own answer
            language_cookie = cookies.get(settings.LANGUAGE_COOKIE_NAME)
        proxy = settings.SECURE_PROXY_SSL_HEADER
        return (
            script,
            path,
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}",
            environ.get("wsgi.url_scheme", ""),
            environ.get(proxy[0], "") if proxy else "",
            resolve_language(language_cookie),
            "gzip" if ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")) else "",
            environ.get("HTTP_IF_NONE_MATCH", ""),
            # precompressed answers (the village layer) pick brotli, gzip or none by q-values, not by that pattern
            negotiate_encoding(environ.get("HTTP_ACCEPT_ENCODING", "")),
        )

    def usable(self, key: tuple[str, ...], entry: Entry) -> bool:
        now = self.clock()
        if now < entry.fresh_until:
            return True
        run_id = entry.replay.run_id
        if entry.replay.immutable and run_id is not None:
            checked_until = self.runs_checked.get(run_id, 0.0)
            if checked_until <= now:
                try:
                    public = self.is_public(run_id)
                except Exception:  # the database is unreachable: let the normal stack answer (and report) it
                    log.exception("map data fast path: cannot check run %s", run_id)
                    return False
                if not public:
                    self.forget_run(run_id)
                    return False
                checked_until = self.runs_checked[run_id] = now + self.ttl
            entry.fresh_until = checked_until
            return True
        self.drop(key)
        return False

    def store(
        self, key: tuple[str, ...], status: str, headers: list[tuple[str, str]], body: bytes, replay: Replay
    ) -> None:
        names = {k.lower(): v for k, v in headers}
        if not status.startswith(("200", "304")) or "set-cookie" in names:
            return
        vary = {v.strip().lower() for v in names.get("vary", "").split(",") if v.strip()}
        if not vary <= KEYED_VARY:
            return  # the answer depends on a header the key does not hold
        if names.get("content-language") != key[6]:
            # the language was resolved differently from LocaleMiddleware: never file an answer under it
            log.warning(
                "map data fast path: %s answered in %s, key says %s", key[1], names.get("content-language"), key[6]
            )
            return
        entry = Entry(status, list(headers), body, replay, self.clock() + self.ttl)
        with self.lock:
            self.drop_locked(key)
            while self.entries and (len(self.entries) >= self.max_entries or self.bytes + entry.size > self.max_bytes):
                self.drop_locked(next(iter(self.entries)))  # the oldest
            self.entries[key] = entry
            self.bytes += entry.size
            self.paths.add(key[1])

    def drop(self, key: tuple[str, ...]) -> None:
        with self.lock:
            self.drop_locked(key)

    def drop_locked(self, key: tuple[str, ...]) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.bytes -= entry.size

    def forget_run(self, run_id: int) -> None:
        with self.lock:
            for key in [k for k, e in self.entries.items() if e.replay.run_id == run_id]:
                self.drop_locked(key)
            self.runs_checked.pop(run_id, None)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.runs_checked.clear()
            self.bytes = 0
