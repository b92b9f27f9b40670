"""The public page cache: whole pages, as sent, kept in Django's cache and dropped the moment
an editor saves anything they were made from.

How it stays correct:

- A page is stored only when its view says it is public (``@public_page``), the answer is a
  200 to an anonymous GET, and it sets no cookie and varies on nothing but compression.
- Every stored page carries the content *generation* it was rendered under. Saving or
  deleting any row of content (the models the apps keep in fixtures, see
  ``guide_site.contentapps``), or changing a many-to-many link of one, starts a new
  generation, so every stored page is stale at once without a list of keys to delete. The
  generation is bumped when the row is saved and again when its transaction commits, so a
  page rendered from the old rows in between cannot outlive the commit.
- With a shared cache (Redis) the generation lives in that cache: every process on every
  machine sees it, in the same round trip as the page. With Django's local-memory cache each
  gunicorn worker has a cache of its own, so the generation lives in a small file in
  ``DJANGO_VAR_DIR`` that all workers on the machine look at (one ``stat`` per request).
- A request with a session cookie (a signed-in editor, who may preview drafts) never reads
  or fills the cache, and its answer is ``private, no-store``; so is anything under the
  admin. POSTs never touch the cache.

A query string the view does not read does not make another page: ``@public_page`` names
the parameters a view reads (none, by default), and the cache keys the page, and the view
sees ``request.GET``, with only those. ``/en/?utm_source=x`` is the cached ``/en/``, so
nobody can make the site render a page afresh, or fill the cache, by making up query
strings; and nothing a visitor adds to a URL ends up in a stored page (the language switch
repeats the query string).

What readers and proxies get: ``Cache-Control: public, max-age, s-maxage``, a weak ``ETag``
(a hash of the page) and ``Last-Modified`` (when the content last changed), 304 answers to
conditional requests, and the page gzip-compressed once when it is stored rather than on
every request.
"""

import hashlib
import logging
import os
import secrets
import time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, urlencode
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path, override
from django.views.decorators.http import require_safe

from .contentapps import is_content

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Headers the cache sets itself when it serves a page, or that must not be replayed.
NOT_STORED = {
    "cache-control",
    "content-encoding",
    "content-length",
    "date",
    "etag",
    "expires",
    "last-modified",
    "set-cookie",
    "vary",
    "x-request-id",
}
# Compressing a few hundred bytes gains nothing.
MIN_GZIP_SIZE = 200


# For views that read query parameters named by the content (the finder's questions).
ANY_QUERY = object()


def public_page(view=None, *, query=(), any_language=False):
    """Mark a view's answers as public pages: GET and HEAD only, and cacheable by this
    cache and by shared caches in front of it when the reader is anonymous. ``query`` names
    the query parameters the view reads; the cache drops the others before the view runs.

        @public_page
        @public_page(query=["q"])

    ``any_language`` is for addresses without a language prefix whose answer is the same
    whatever the reader's language (robots.txt, the sitemap): LocaleMiddleware marks them
    ``Vary: Accept-Language`` all the same.
    """
    if view is None:
        return lambda view: public_page(view, query=query, any_language=any_language)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):  # a TemplateResponse (the sitemap's): render it now
            response = response.render()
        response.public_page = True
        response.same_in_every_language = any_language
        return response

    safe = require_safe(wrapper)
    safe.page_query = query if query is ANY_QUERY else frozenset(query)
    return safe


def takes_gzip(accept_encoding):
    """Whether an Accept-Encoding header allows gzip (RFC 9110, 12.5.3): named, or by `*`,
    with a weight above zero. ``gzip;q=0`` is a refusal, not a wish."""
    weights = {}
    for item in accept_encoding.lower().split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if coding:
            weights[coding] = weight
    return weights.get("gzip", weights.get("*", 0.0)) > 0


class CacheGeneration:
    """The generation kept in the shared cache, fetched with the page in one round trip."""

    def lookup(self, key):
        values = cache.get_many([GENERATION_KEY, key])
        generation = values.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, self._new(), timeout=None)
            generation = cache.get(GENERATION_KEY)
            return generation, self._time(generation), None
        return generation, self._time(generation), values.get(key)

    def current(self):
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, self._new(), timeout=None)
            generation = cache.get(GENERATION_KEY)
        return generation

    def bump(self):
        cache.set(GENERATION_KEY, self._new(), timeout=None)

    @staticmethod
    def _new():
        return f"{time.time():.6f}:{secrets.token_hex(4)}"

    @staticmethod
    def _time(generation):
        return float(generation.partition(":")[0])


class FileGeneration:
    """The generation as a file every worker on this machine can see: each bump replaces the
    file, so its inode and modification time change."""

    def __init__(self, path):
        self.path = Path(path)

    def lookup(self, key):
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            self.bump()
            stat = os.stat(self.path)
        return f"{stat.st_ino}:{stat.st_mtime_ns}", stat.st_mtime, cache.get(key)

    def current(self):
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            self.bump()
            stat = os.stat(self.path)
        return f"{stat.st_ino}:{stat.st_mtime_ns}"

    def bump(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        temporary.write_text(secrets.token_hex(8))
        os.replace(temporary, self.path)


_generation = None


def cache_is_per_process():
    """Whether each process has a cache of its own (local memory, the default on one
    machine), so what every worker must see goes in var/ instead (the content generation,
    the rate limits' counts)."""
    return settings.CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache"))


def generation():
    global _generation
    if _generation is None:
        if cache_is_per_process():
            _generation = FileGeneration(settings.PAGE_CACHE_GENERATION_FILE)
        else:
            _generation = CacheGeneration()
    return _generation


def current_generation():
    """The content generation now: it changes whenever content is saved or deleted, so
    anything built from the content (search's index) can tell when to build itself again."""
    return generation().current()


def reset_generation_store():
    """Forget the chosen generation store (tests that change the cache setting)."""
    global _generation
    _generation = None


def _bump():
    try:
        generation().bump()
    except Exception:  # an unreachable cache must not stop an editor's save
        logger.exception("Could not start a new page-cache generation")


def invalidate():
    """Make every cached page stale: now, and again when the current transaction commits."""
    _bump()
    transaction.on_commit(_bump)


def content_changed(sender, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed on every model. Feedback, search
    logs and the like are not content: storing them leaves the cached pages alone."""
    if is_content(sender):
        invalidate()


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _keep_read_parameters(request):
    """Leave in the request only the query parameters its public view reads (see
    public_page), so every spelling of a page's URL is one page, in this cache and in what
    the page shows. Requests without a query string, nearly all of them, skip this."""
    if not request.META.get("QUERY_STRING"):
        return
    try:
        with override(get_language_from_path(request.path_info)):
            view = resolve(request.path_info).func
    except Resolver404:
        return
    read = getattr(view, "page_query", ANY_QUERY)
    if read is ANY_QUERY:
        return
    kept = [(name, value) for name, value in request.GET.lists() if name in read]
    query = urlencode(kept, doseq=True)
    if query != request.META["QUERY_STRING"]:
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


def _cache_key(request):
    url = request.build_absolute_uri()
    return "page:" + hashlib.sha256(url.encode()).hexdigest()


def _storable(request, response):
    if not getattr(response, "public_page", False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    # A CSP nonce must be new in every response; a page that used one cannot be replayed.
    nonce = getattr(request, "_csp_nonce", None)
    if nonce is not None and bool(nonce):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if getattr(response, "same_in_every_language", False):
        vary.discard("accept-language")
    if vary - {"accept-encoding"}:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _entry(response, generation, last_modified):
    """What a hit needs, worked out once: both bodies and every header, ready to send."""
    body = response.content
    etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED]
    headers += [
        ("Vary", "Accept-Encoding"),
        ("ETag", etag),
        ("Last-Modified", http_date(last_modified)),
        ("Cache-Control", _cache_control()),
    ]
    packed = compress_string(body) if len(body) >= MIN_GZIP_SIZE else None
    return {
        "generation": generation,
        "last_modified": int(last_modified),
        "etag": etag,
        "plain": (body, [*headers, ("Content-Length", str(len(body)))]),
        "gzip": packed
        and (
            packed,
            [*headers, ("Content-Encoding", "gzip"), ("Content-Length", str(len(packed)))],
        ),
    }


def _cache_control():
    return (
        f"public, max-age={settings.PAGE_CACHE_MAX_AGE}, "
        f"s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}"
    )


class PageCacheMiddleware:
    """Serve and store public pages. Sits below GZipMiddleware (it hands out pages already
    compressed, which GZipMiddleware leaves alone) and above SessionMiddleware, so a hit
    costs neither a session nor a database query."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(self.admin_prefix):
            return self._private_if_signed_in(request, self.get_response(request))
        if has_session(request):
            request.page_cache = "bypass"
            return self._private_if_signed_in(request, self.get_response(request))
        _keep_read_parameters(request)
        key = _cache_key(request)
        try:
            current, last_modified, entry = generation().lookup(key)
        except Exception:  # without a cache the site still answers
            logger.exception("Page cache unavailable")
            request.page_cache = "error"
            response = self.get_response(request)
            response["X-Page-Cache"] = "error"
            return response
        if entry is not None and entry["generation"] == current:
            request.page_cache = "hit"
            return self._serve(request, entry)
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        entry = _entry(response, current, last_modified)
        request.page_cache = "miss"
        try:
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not store a page in the cache")
        return self._serve(request, entry)

    def _private_if_signed_in(self, request, response):
        if has_session(request) or response.cookies:
            # May hold what only this reader should see: never kept by any cache.
            response["Cache-Control"] = "private, no-store"
        if getattr(request, "page_cache", None):
            response["X-Page-Cache"] = request.page_cache
        return response

    def _serve(self, request, entry):
        accepts_gzip = takes_gzip(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        body, headers = entry["gzip"] if entry["gzip"] and accepts_gzip else entry["plain"]
        response = HttpResponse(body, headers=headers)
        response["X-Page-Cache"] = request.page_cache
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            return get_conditional_response(
                request,
                etag=entry["etag"],
                last_modified=entry["last_modified"],
                response=response,
            )
        return response
