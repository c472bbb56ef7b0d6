from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified


def etag_response(request: HttpRequest, etag: str, content: str | bytes, content_type: str) -> HttpResponse:
    """Serve ``content`` with a strong ETag; answer 304 when the client already has it."""
    quoted = f'"{etag}"'
    if quoted in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type=content_type)
    response["ETag"] = quoted
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def negotiate_encoding(accept_encoding: str, available: tuple[str, ...] = ("br", "gzip")) -> str:
    """The encoding to send for an ``Accept-Encoding`` header: one of ``available`` (``br``, ``gzip``, smallest
    first) or ``identity``.

    Honours q-values (``br;q=0`` refuses brotli) and ``*``; among acceptable codings the highest q wins, ties going
    to the smaller (brotli before gzip)."""
    weights: dict[str, float] = {}
    for part in accept_encoding.split(","):
        name, _sep, params = part.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights[name] = q
    star = weights.get("*")
    best, best_q = "identity", 0.0
    for coding in available:
        q = weights.get(coding, star if star is not None else 0.0)
        if q > best_q:
            best, best_q = coding, q
    return best
