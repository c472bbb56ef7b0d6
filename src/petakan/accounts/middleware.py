"""First login with a one-time password: until its holder has chosen their own password, nothing else opens."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class FirstLoginMiddleware:
    """Send an account that still holds a one-time password (``must_set_password``) to the set-password page,
    whatever it asks for, except that page itself, logout, the language switch and static files.

    Must come after AuthenticationMiddleware. Anonymous requests cost nothing here: without a session cookie the
    user is anonymous without a query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_set_password", False):
            target = reverse("accounts:set_password")
            open_paths = (target, reverse("accounts:logout"), reverse("set_language"))
            path = request.path_info
            if path not in open_paths and not path.startswith("/" + settings.STATIC_URL.lstrip("/")):
                query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                response = HttpResponseRedirect(f"{target}?{query}" if query else target)
                # htmx follows redirects inside fragments; make it load the whole page instead
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204, headers={"HX-Redirect": target})
                return response
        return self.get_response(request)
