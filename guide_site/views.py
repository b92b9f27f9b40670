"""Error pages in the site's layout."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever broke may be in a context processor or the database.
    try:
        body = loader.get_template("500.html").render()
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        body = (
            "<!doctype html><title>Server error</title><h1>Server error</h1>"
            "<p>Please try again later, or call 12333.</p>"
        )
    return HttpResponseServerError(body)
