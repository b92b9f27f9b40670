"""长辈版 / Large text: every public page also at ``/large/<language>/…``, in large type with
high contrast, one column and big touch targets (the 2021 MIIT 适老化 conventions).

The mode lives in the address, not in a cookie, so both variants stay cacheable and a link
can be shared. The middleware takes ``/large`` off the path before URL resolution and makes
it the script prefix for the request, as a site deployed under a sub-path would have
(``SCRIPT_NAME``): every ``reverse()`` and ``{% url %}`` then writes ``/large/…`` by itself,
so the reader stays in the mode while moving around, and no view needs to know about it.
``request.path`` keeps the prefix, so the page cache (keyed on the full address) holds the
two variants apart.

What must not follow the mode: the canonical link, ``hreflang`` alternates and ``og:url``
(the large page is the normal page in other type; search engines are told to index the
normal one), and the page a feedback form reports on. ``normal_path`` gives those.
"""

from contextlib import contextmanager

from django.conf import settings
from django.urls import get_script_prefix, set_script_prefix

PREFIX = "/large"


def _starts_with_language(rest):
    """``rest`` is ``/``, or starts with a language prefix (``/en`` or ``/en/…``)."""
    if rest in ("", "/"):
        return True
    for code, _name in settings.LANGUAGES:
        if rest == f"/{code}" or rest.startswith(f"/{code}/"):
            return True
    return False


class LargeTextMiddleware:
    """Serve ``/large/<language>/…`` as ``/<language>/…`` in the large-text mode. Sits above
    the page cache (which must see the path without the prefix to find the view, and the
    full address to key the page) and right below WhiteNoise: static files have no mode.
    Only language-prefixed addresses (and ``/large/`` itself, which LocaleMiddleware sends
    on to a language) have a large variant; the admin, robots.txt and the sitemap do not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path_info = request.path_info
        rest = path_info[len(PREFIX) :]
        if not path_info.startswith(PREFIX) or not _starts_with_language(rest):
            request.large_text = False
            return self.get_response(request)
        script_name = request.META.get("SCRIPT_NAME", "").rstrip("/")
        request.large_text = True
        request.normal_script_name = script_name
        request.path_info = rest or "/"
        request.META["PATH_INFO"] = request.path_info
        request.META["SCRIPT_NAME"] = script_name + PREFIX
        previous = get_script_prefix()
        set_script_prefix(script_name + PREFIX + "/")
        try:
            return self.get_response(request)
        finally:
            # The prefix is per thread; a test client (or a server reusing the thread)
            # must not find the mode still on for its next request.
            set_script_prefix(previous)


@contextmanager
def normal_urls():
    """``reverse()`` and ``{% url %}`` write the normal pages' addresses inside, whichever
    mode the request is in: for lists of the site's pages kept beyond one request."""
    previous = get_script_prefix()
    if previous.endswith(PREFIX + "/"):  # "/large/" → "/", "/sub/large/" → "/sub/"
        set_script_prefix(previous.removesuffix(PREFIX + "/") + "/")
    try:
        yield
    finally:
        set_script_prefix(previous)


def is_large(request):
    return bool(getattr(request, "large_text", False))


def normal_path(request, path=None):
    """``path`` (default: this request's) without the large-text prefix."""
    if path is None:
        path = request.path
    if not is_large(request):
        return path
    large = request.normal_script_name + PREFIX
    if path == large or path.startswith(large + "/"):
        return request.normal_script_name + path[len(large) :]
    return path


def large_path(request, path=None):
    """``path``, a normal page's (default: this request's page), in the large-text mode."""
    if path is None:
        if is_large(request):
            return request.path
        path = request.path
    if is_large(request):
        script_name = request.normal_script_name
    else:
        script_name = request.META.get("SCRIPT_NAME", "").rstrip("/")
    return script_name + PREFIX + path[len(script_name) :]


def switch_url(request):
    """The same page in the other mode, with its query string (a finder's answers, a
    search) kept."""
    path = normal_path(request) if is_large(request) else large_path(request)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path
