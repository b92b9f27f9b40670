"""Per-client limits on the shared cache (Redis in production, so every gunicorn process
counts together; with the local-memory cache, each process counts for itself).

- ``allow``: at most so many calls in a window (the feedback forms use it).
- ``RenderLimitMiddleware``: at most so many renders a minute that a client chose the
  address of (see its docstring).
"""

import hashlib
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache

from .pagecache import has_session
from .views import too_many_requests

logger = logging.getLogger(__name__)

# Windows are whole multiples of their length since the epoch (tests stop the clock).
_clock = time.time


def client_address(request):
    """The reader's address. Behind nginx or a load balancer REMOTE_ADDR is the proxy's; the
    proxy passes the reader's in X-Real-IP, which is believed only from a trusted proxy
    (``DJANGO_TRUSTED_PROXIES``) and only when it is an address. The admin's login lockout
    (django-axes, ``AXES_CLIENT_IP_CALLABLE``) uses this too."""
    address = request.META.get("REMOTE_ADDR", "")
    if address in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return address


def client_key(request):
    return hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


def _key(request, scope, window_seconds, now):
    return f"ratelimit:{scope}:{client_key(request)}:{int(now // window_seconds)}"


def spend(request, scope, window_seconds):
    """Count one call by this client in the current window; return the count so far."""
    key = _key(request, scope, window_seconds, _clock())
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        return 1


def spent(request, scope, window_seconds):
    """How many calls this client has made in the current window."""
    return cache.get(_key(request, scope, window_seconds, _clock()), 0)


def allow(request, scope, limit, window_seconds):
    """True while this client has made fewer than `limit` calls in the current window."""
    return spend(request, scope, window_seconds) <= limit


RENDER_WINDOW = 60  # seconds


class RenderLimitMiddleware:
    """A client may make the site render at most ``RENDER_LIMIT`` pages a minute at
    addresses it chose (``DJANGO_RENDER_LIMIT``; 0 turns the limit off). Past that it gets a
    short 429 page, in the site's layout, until the minute is over.

    The page cache serves every public page from memory, so the only renders a visitor can
    cause at will are:

    - pages whose address carries a query string the view reads (a search, the finder's
      answers), since each new one is a new page;
    - answers to bad requests (a made-up address is a 404 rendered every time);
    - any page asked for with a session cookie, which the page cache passes by (editors'
      previews; anyone can send a made-up cookie).

    Those count. Renders of the site's own addresses do not: there are only so many, and
    each is rendered once after each content change. Neither do redirects, the health
    checks, or the 503 page while the database is away (readers retrying an outage are not
    to blame for it); static files and cache hits never get this far. Editors are counted
    too; no person reads hundreds of pages a minute.

    Sits below the page cache (only what it did not answer comes here), and below the CSP
    and locale middleware, so the 429 page has the site's headers and the address's
    language."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        limit = settings.RENDER_LIMIT
        if not limit or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path.startswith(self.admin_prefix):
            return self.get_response(request)  # django-axes guards the admin's login
        try:
            over = spent(request, "renders", RENDER_WINDOW) >= limit
        except Exception:  # without a cache, pages are still served
            logger.exception("Render limit unavailable")
            return self.get_response(request)
        if over:
            request.page_cache = "limited"
            return too_many_requests(request, RENDER_WINDOW - int(_clock()) % RENDER_WINDOW)
        response = self.get_response(request)
        if self._chosen_by_client(request, response):
            try:
                spend(request, "renders", RENDER_WINDOW)
            except Exception:
                logger.exception("Render limit unavailable")
        return response

    @staticmethod
    def _chosen_by_client(request, response):
        # A session cookie: the page cache passed the request by, so it was rendered.
        if 400 <= response.status_code < 500 or has_session(request):
            return True
        return getattr(response, "public_page", False) and bool(request.META.get("QUERY_STRING"))
