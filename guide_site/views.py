"""Error pages in the site's layout, and robots.txt."""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# What the database driver raises when the server is down, restarting or unreachable.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    """A request the site cannot read (a Host header with a port the site is not reached at,
    too many form fields, a body too large, a charset nobody knows): a short page in the
    site's layout, in the address's language, kept by no cache. Django's own middleware may
    not have run (the host check comes first), so the language is read from the path here,
    and the host is taken without the port that may be the trouble."""
    from django.http.request import split_domain_port
    from django.utils import translation

    domain, port = split_domain_port(request.META.get("HTTP_HOST", ""))
    if port:
        request.META["HTTP_HOST"] = domain
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            response = render(request, "400.html", status=400)
        except Exception:  # the error page must not fail in turn (an unknown host, say)
            logging.getLogger(__name__).warning("400 page in plain text", exc_info=True)
            response = HttpResponse(
                "<!doctype html><title>Bad request</title><h1>Bad request</h1>",
                status=400,
            )
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    # Django calls this while handling the exception, so it can still be looked at: a
    # database that cannot be reached is an outage to wait out, not a bug.
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    # No request context: whatever broke may be in a context processor or the database.
    try:
        body = loader.get_template("500.html").render()
    except Exception:  # the error page must not fail in turn
        body = (
            "<!doctype html><title>Server error</title><h1>Server error</h1>"
            f"<p>Please try again later, or call {settings.SITE_HOTLINE}.</p>"
        )
    return HttpResponseServerError(body)


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def robots_txt(request):
    """Everything public may be crawled; the admin may not; the sitemap lists the pages.

    The channel finder's result pages (/<lang>/finder/…?answers) are deliberately not
    disallowed here. A Disallow would stop crawlers from fetching those pages at all, so
    they would never see the page's own `noindex` and could still index the bare address
    from links; and robots.txt cannot say "only with a query string" without also blocking
    the finder's start page (`Disallow: /*?` would hide every page reached with a query).
    The result pages carry <meta name="robots" content="noindex"> themselves instead.

    The admin is disallowed only at its default address. A custom DJANGO_ADMIN_PATH exists
    to keep the admin out of sight of scanners, and robots.txt is the first file they read;
    the admin's own pages already tell crawlers not to index them."""
    lines = ["User-agent: *"]
    if settings.ADMIN_PATH == "admin/":
        lines.append(f"Disallow: /{settings.ADMIN_PATH}")
    else:
        lines.append("Disallow:")
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def service_unavailable(request):
    """A short page in the site's layout while the database is away. Connections are
    checked before each use (CONN_HEALTH_CHECKS), so the site recovers by itself."""
    return _come_back_later(
        request, "503.html", 503, 30, "Temporarily unavailable", "Please try again in a minute"
    )


def too_many_requests(request, seconds):
    """A short page in the site's layout for a client past the render limit (ratelimit.py)."""
    return _come_back_later(
        request, "429.html", 429, seconds, "Too many requests", "Please wait a minute"
    )


def _come_back_later(request, template, status, seconds, title, advice):
    """An answer that says when to ask again, kept by no cache; if the page cannot be
    rendered (whatever is wrong may be in a context processor), a bare one that says the
    same."""
    try:
        response = render(request, template, status=status)
    except Exception:  # the error page must not fail in turn
        response = HttpResponse(
            f"<!doctype html><title>{title}</title><h1>{title}</h1>"
            f"<p>{advice}, or call {settings.SITE_HOTLINE}.</p>",
            status=status,
        )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response
