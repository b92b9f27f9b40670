"""Site-wide middleware: a request id and one structured log line per request, and the
Permissions-Policy header."""

import logging
import re
import time
import uuid

from django.conf import settings

from .logs import request_id_var

access_log = logging.getLogger("guide_site.requests")

# A request id from a proxy is kept when it looks like one (letters, digits and a few
# separators, at most 64 characters), so a request can be followed from nginx to the app;
# anything else is replaced, never echoed.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class RequestLogMiddleware:
    """First in the chain: gives every request an id (also in every log record written while
    it runs, and in the X-Request-ID response header) and writes one JSON line when the
    answer is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            access_log.info(
                "request",
                extra={
                    "http": {
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                        "cache": getattr(request, "page_cache", None),
                    }
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class PermissionsPolicyMiddleware:
    """Tell browsers the site uses no camera, microphone, location, payment and the like, so
    nothing injected into a page could ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.value)
        return response


class HeadMiddleware:
    """A HEAD request gets the headers a GET would, and no body. Django leaves that to the
    server (its development server drops the body; gunicorn drops it too, but warns on
    every HEAD request, filling the error log). Outermost but for the request log, so cache
    hits and static files lose their bodies here too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                if hasattr(response, "close"):
                    response.close()  # a file WhiteNoise opened
                response.streaming_content = []
            else:
                response.content = b""
        return response
