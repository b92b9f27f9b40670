"""Site-wide middleware: a request id and one structured log line per request, and the
Permissions-Policy header."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.utils.cache import patch_vary_headers

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


class CanonicalHostMiddleware:
    """One spelling of the site's host for everything below: the page cache keys on it, the
    render limit counts under it, and canonical links are built from it. ``GUIDE.example.org``
    and ``guide.example.org.`` become ``guide.example.org``; a port stays only when it is one
    the site is reached at (the one this server listens on, the one a trusted proxy in front
    says it listens on in ``X-Forwarded-Port``, or one in ``DJANGO_SITE_PORTS``), the
    default ports 80 and 443 are dropped, and any other port is refused with a 400 page, so
    no made-up Host header makes a new page to render and keep.

    Hosts not in ALLOWED_HOSTS are refused by Django as before (``get_host`` below)."""

    DEFAULT_PORTS = {"80", "443"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import SuspiciousOperation
        from django.http.request import split_domain_port

        from .ratelimit import from_trusted_proxy
        from .views import bad_request

        sent = request.META.get("HTTP_HOST", "")
        domain, port = split_domain_port(sent)
        if sent and not domain:
            return bad_request(request, SuspiciousOperation("Malformed Host header"))
        if port:
            own = {request.META.get("SERVER_PORT", ""), *settings.SITE_PORTS}
            if from_trusted_proxy(request):
                own.add(request.META.get("HTTP_X_FORWARDED_PORT", "").strip())
            if port in self.DEFAULT_PORTS:
                port = ""
            elif port not in own:
                return bad_request(request, SuspiciousOperation(f"Unknown port {port}"))
        if sent:
            # split_domain_port has lower-cased the name and dropped a trailing dot.
            request.META["HTTP_HOST"] = f"{domain}:{port}" if port else domain
        return self.get_response(request)


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's, but a reader who says ``gzip;q=0`` (no gzip, please) gets no gzip: Django
    only looks for the word."""

    def process_response(self, request, response):
        from .pagecache import takes_gzip

        if not takes_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)


class KnownCharsetMiddleware:
    """A body in a charset nobody knows (``Content-Type: …; charset=no-such``) gets the 400
    page: Django would quietly read it as UTF-8 instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import codecs

        from django.core.exceptions import SuspiciousOperation

        from .views import bad_request

        charset = request.content_params.get("charset") if request.content_params else None
        if charset:
            try:
                codecs.lookup(charset)
            except LookupError:
                return bad_request(request, SuspiciousOperation("Unknown charset"))
        return self.get_response(request)
