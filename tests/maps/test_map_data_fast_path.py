"""The map-data fast path (petakan.maps.fastpath) in front of Django: it replays to anonymous visitors exactly what
the normal stack answered to the same anonymous request, and nothing else."""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse

from petakan.indices.models import Run
from petakan.maps import fastpath
from petakan.maps.fastpath import FastPath
from tests.maps import runs


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Counting:
    """The Django application, counting the requests that reach it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.calls += 1
        return self.app(environ, start_response)


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def json(self) -> dict[str, Any]:
        raw = gzip.decompress(self.body) if self.header("Content-Encoding") == "gzip" else self.body
        return json.loads(raw)


@dataclass
class Server:
    app: FastPath
    django: Counting
    clock: Clock

    def get(self, path: str, query: str = "", **extra: str) -> Answer:
        return call(self.app, path, query, **extra)


def call(app: Any, path: str, query: str = "", **extra: str) -> Answer:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        # a phone set to English: the platform still answers in Bahasa Indonesia
        "HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }
    started: list[Any] = []
    result = app(environ, lambda status, headers, exc_info=None: started.extend([status, headers]))
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Answer(int(started[0].split()[0]), list(started[1]), body)


@pytest.fixture
def server(db) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    """The fast path around Django's WSGI handler, on the test's database (as Django's test client does, the
    handler must not close the connection that holds the test transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    clock = Clock()
    django = Counting(WSGIHandler())
    try:
        yield Server(FastPath(django, clock=clock), django, clock)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def data(run: Run, **params: str) -> str:
    return "&".join([f"run={run.pk}", *(f"{k}={v}" for k, v in params.items())])


def session_cookie(client: Any) -> str:
    return f"sessionid={client.cookies['sessionid'].value}"


def test_a_repeated_anonymous_request_gets_the_same_bytes_and_headers_without_reaching_django(
    published: Run, server: Server
) -> None:
    query = data(published, var="gov", cls="jenks", pal="viridis")
    first = server.get("/peta/data.json", query)
    again = server.get("/peta/data.json", query)
    assert first.status == 200 and first.header("Content-Encoding") == "gzip"
    assert again == first
    assert server.django.calls == 1
    # and it is what Django alone answers (gzip adds random bytes per response: compare the decoded body)
    plain = call(WSGIHandler(), "/peta/data.json", query)
    assert plain.json() == again.json()
    assert [h for h in plain.headers if h[0] != "Content-Length"] == [
        h for h in again.headers if h[0] != "Content-Length"
    ]
    for name in ("ETag", "Content-Type", "Vary", "Content-Language", "Cache-Control"):
        assert again.header(name), name
    assert again.header("Cache-Control") == "public, max-age=0, must-revalidate"


def test_a_revalidation_with_the_etag_gets_304_from_the_cache(published: Run, server: Server) -> None:
    query = data(published, var="env")
    etag = server.get("/peta/data.json", query).header("ETag")
    assert etag is not None and etag.startswith('W/"')  # gzip weakened it
    answers = [server.get("/peta/data.json", query, HTTP_IF_NONE_MATCH=etag) for _ in range(3)]
    assert all(a.status == 304 and a.body == b"" for a in answers)
    assert answers[0] == answers[2]
    assert server.django.calls == 2  # the 200, then the first 304; the rest are replayed
    assert server.get("/peta/data.json", query, HTTP_IF_NONE_MATCH='"someone-elses"').status == 200


def test_a_logged_in_analyst_goes_through_django_and_sees_drafts_and_private_caching(
    published: Run, drafts: Run, profiles, login, server: Server
) -> None:
    anonymous = server.get("/peta/data.json", data(published))
    cookie = session_cookie(login("analyst"))
    own = server.get("/peta/data.json", data(published), HTTP_COOKIE=cookie)
    assert server.django.calls == 2
    assert own.header("Cache-Control") == "private, max-age=0, must-revalidate"
    assert anonymous.header("Cache-Control") == "public, max-age=0, must-revalidate"
    assert own.json() == anonymous.json()
    for _ in range(2):
        draft = server.get("/peta/data.json", data(drafts), HTTP_COOKIE=cookie)
        assert draft.status == 200 and draft.json()["run"] == drafts.pk
    assert server.django.calls == 4


def test_anonymous_never_gets_an_unpublished_run_through_the_fast_path(
    drafts: Run, profiles, login, server: Server
) -> None:
    cookie = session_cookie(login("analyst"))
    assert server.get("/peta/data.json", data(drafts), HTTP_COOKIE=cookie).status == 200
    for _ in range(2):
        assert server.get("/peta/data.json", data(drafts)).status == 404
    assert server.django.calls == 3
    assert server.app.entries == {}


def test_the_language_cookie_picks_the_payload_and_an_english_browser_still_gets_indonesian(
    published: Run, server: Server
) -> None:
    query = data(published, var="econ")
    indonesian = [server.get("/peta/data.json", query) for _ in range(2)]
    cookie = f"csrftoken={'a' * 32}; django_language=en"
    english = [server.get("/peta/data.json", query, HTTP_COOKIE=cookie) for _ in range(2)]
    assert server.django.calls == 2
    assert indonesian[0] == indonesian[1] and english[0] == english[1]
    assert indonesian[0].header("Content-Language") == "id" and english[0].header("Content-Language") == "en"
    assert indonesian[0].header("ETag") != english[0].header("ETag")
    names = indonesian[0].json()["legend"][-1]["label"], english[0].json()["legend"][-1]["label"]
    assert names == ("data belum cukup", "insufficient data")
    # a language Petakan does not offer falls back to Indonesian, as LocaleMiddleware does
    assert server.get("/peta/data.json", query, HTTP_COOKIE="django_language=fr") == indonesian[0]
    assert server.django.calls == 2


def test_after_a_new_run_the_map_shows_it_and_its_data_is_not_the_old_payload(
    published: Run, computed, server: Server
) -> None:
    old = server.get("/peta/data.json", data(published))
    newer = runs.store(computed, "published")
    page = server.get("/peta/").body
    html = gzip.decompress(page).decode() if page[:2] == b"\x1f\x8b" else page.decode()
    shown = re.search(r'"run": "(\d+)"', html)
    assert shown is not None and int(shown.group(1)) == newer.pk
    fresh = server.get("/peta/data.json", data(newer))
    assert fresh.json()["run"] == newer.pk and old.json()["run"] == published.pk
    assert fresh.header("ETag") != old.header("ETag")


def test_a_run_that_stops_being_public_is_served_at_most_the_ttl_longer(published: Run, server: Server) -> None:
    query = data(published, var="brand")
    assert server.get("/peta/data.json", query).status == 200
    Run.objects.filter(pk=published.pk).update(profile_status="all")
    assert server.get("/peta/data.json", query).status == 200  # within the ttl: replayed
    server.clock.now += fastpath.TTL_SECONDS
    assert server.get("/peta/data.json", query).status == 404
    assert server.app.entries == {}


def test_a_public_run_is_rechecked_once_per_ttl_not_recomputed(published: Run, server: Server) -> None:
    queries = [data(published, var=v) for v in ("gov", "brand", "econ")]
    for query in queries:
        server.get("/peta/data.json", query)
    checks: list[int] = []

    def is_public(run_id: int) -> bool:
        checks.append(run_id)
        return True

    server.app.is_public = is_public
    for _ in range(3):
        server.clock.now += fastpath.TTL_SECONDS
        for query in queries:
            assert server.get("/peta/data.json", query).status == 200
    assert server.django.calls == 3 and checks == [published.pk] * 3


def test_an_answer_that_may_change_is_asked_from_django_again_after_the_ttl(db) -> None:  # type: ignore[no-untyped-def]
    version = [1]

    def changing(environ: dict[str, Any], start_response: Any) -> HttpResponse:
        response = HttpResponse(f"v{version[0]}", content_type="application/json", headers={"Content-Language": "id"})
        fastpath.mark(response, run_id=7, immutable=False)
        start_response("200 OK", list(response.items()))
        return response

    clock = Clock()
    app = FastPath(changing, clock=clock)
    assert call(app, "/peta/data.json", "var=idm").body == b"v1"
    version[0] = 2
    assert call(app, "/peta/data.json", "var=idm").body == b"v1"
    clock.now += fastpath.TTL_SECONDS
    assert call(app, "/peta/data.json", "var=idm").body == b"v2"


def test_unmarked_answers_and_requests_without_a_run_are_never_stored(published: Run, server: Server) -> None:
    for _ in range(2):
        assert server.get("/peta/data.json").status == 404
        assert server.get("/peta/data.json", data(published, pal="nope")).status == 400
        assert server.get("/healthz").status == 200
    assert server.django.calls == 6 and server.app.entries == {}


def test_endless_distinct_query_strings_keep_the_cache_within_its_bound(published: Run, server: Server) -> None:
    server.app.max_entries = 3
    for i in range(8):
        assert server.get("/peta/data.json", data(published, extra=str(i))).status == 200
    assert len(server.app.entries) == 3
    assert server.app.bytes == sum(e.size for e in server.app.entries.values())


def test_a_malformed_csrf_cookie_goes_to_django_which_renews_it(published: Run, server: Server) -> None:
    server.get("/peta/data.json", data(published))
    for _ in range(2):
        answer = server.get("/peta/data.json", data(published), HTTP_COOKIE="csrftoken=short")
        assert answer.status == 200 and (answer.header("Set-Cookie") or "").startswith(" csrftoken=")
    assert server.django.calls == 3 and len(server.app.entries) == 1


def test_an_answer_that_sets_a_cookie_is_never_replayed(db) -> None:  # type: ignore[no-untyped-def]
    def with_cookie(environ: dict[str, Any], start_response: Any) -> HttpResponse:
        response = HttpResponse("{}", content_type="application/json", headers={"Content-Language": "id"})
        response.set_cookie("visitor", "42")
        fastpath.mark(response, run_id=7, immutable=True)
        start_response("200 OK", [*response.items(), ("Set-Cookie", response.cookies["visitor"].output(header=""))])
        return response

    app = FastPath(with_cookie)
    assert call(app, "/peta/data.json", "run=7").header("Set-Cookie") is not None
    assert app.entries == {}


def test_the_served_application_has_the_fast_path_in_front_of_django() -> None:
    from petakan import wsgi

    assert isinstance(wsgi.application, FastPath) and wsgi.application.app is wsgi.django_application
    assert wsgi.application.enabled


def test_anonymous_never_gets_a_draft_comparison_run_through_the_fast_path(
    published: Run, drafts: Run, login, server: Server
) -> None:
    query = data(published, var="sci", banding=str(drafts.pk))
    cookie = session_cookie(login("analyst"))
    assert server.get("/peta/data.json", query, HTTP_COOKIE=cookie).status == 200
    for _ in range(2):
        assert server.get("/peta/data.json", query).status == 404
    assert server.django.calls == 3
    assert server.app.entries == {}


def test_a_public_comparison_is_replayed_for_the_ttl_only_never_as_immutable(
    published: Run, earlier: Run, server: Server
) -> None:
    query = data(published, var="sci", banding=str(earlier.pk))
    first = server.get("/peta/data.json", query)
    assert first.status == 200 and first.json()["compare"]["run"] == earlier.pk
    assert server.get("/peta/data.json", query) == first
    assert server.django.calls == 1
    assert all(not e.replay.immutable for e in server.app.entries.values())
    server.clock.now += fastpath.TTL_SECONDS + 1
    assert server.get("/peta/data.json", query).json() == first.json()
    assert server.django.calls == 2  # after the ttl, Django checks both runs again
