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
