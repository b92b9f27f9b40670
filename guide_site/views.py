"""Error pages in the site's layout."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

# What the database driver raises when the server is down, restarting or unreachable.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this while handling the exception, so it can still be looked at: a
    # database that cannot be reached is an outage to wait out, not a bug.
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    # No request context: whatever broke may be in a context processor or the database.
    try:
        body = loader.get_template("500.html").render()
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        body = (
            "<!doctype html><title>Server error</title><h1>Server error</h1>"
            "<p>Please try again later, or call 12333.</p>"
        )
    return HttpResponseServerError(body)


def service_unavailable(request):
    """A short page in the site's layout while the database is away. Connections are
    checked before each use (CONN_HEALTH_CHECKS), so the site recovers by itself."""
    try:
        response = render(request, "503.html", status=503)
    except Exception:  # noqa: BLE001
        response = HttpResponse(
            "<!doctype html><title>Temporarily unavailable</title>"
            "<h1>Temporarily unavailable</h1><p>Please try again in a minute, or call 12333.</p>",
            status=503,
        )
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
