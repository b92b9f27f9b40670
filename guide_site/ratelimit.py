"""Per-client limits, counted where every process that may answer the client sees the count:
the shared cache when it is Redis (every process on every machine), else a small SQLite file
in var/ (every process on this machine).

- ``allow``: at most so many calls in a window (the feedback forms use it).
- ``RenderLimitMiddleware``: at most so many renders a minute that a client chose the
  address of (see its docstring).
"""

import hashlib
import ipaddress
import logging
import math
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from .pagecache import cache_is_per_process
from .views import too_many_requests

logger = logging.getLogger(__name__)

# Windows are whole multiples of their length since the epoch (tests stop the clock).
_clock = time.time


def from_trusted_proxy(request):
    """True when the request came through a proxy whose forwarded headers are believed."""
    return request.META.get("REMOTE_ADDR", "") in settings.TRUSTED_PROXIES


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


class CacheCounters:
    """Counts in the shared cache (Redis): every process on every machine counts together."""

    def add(self, key, amount, timeout):
        cache.add(key, 0, timeout=timeout)
        try:
            return cache.incr(key, amount)
        except ValueError:  # expired between add and incr
            cache.set(key, amount, timeout=timeout)
            return amount

    def get(self, key):
        return cache.get(key, 0)


class SQLiteCounters:
    """Counts in a small SQLite file in var/, which every worker process on this machine
    opens: with the local-memory cache (the default, one machine), one client is counted once
    however many workers answer it, and no other server is needed. Each count is one short
    write transaction (WAL, no fsync: a count lost in a power cut does not matter); measured
    at 36 µs of CPU a count on the project's machine (5,000 counts, 2026-12-02), next to
    some 10 ms for the render it counts. Windows past are deleted now and then."""

    def __init__(self, path):
        import sqlite3
        import threading

        self.path = str(path)
        self.lock = threading.Lock()
        self.connection = None
        self.sqlite3 = sqlite3

    def _connect(self):
        if self.connection is None:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            connection = self.sqlite3.connect(
                self.path, timeout=2, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS counts"
                " (key TEXT PRIMARY KEY, expires REAL NOT NULL, n REAL NOT NULL)"
            )
            self.connection = connection
        return self.connection

    def add(self, key, amount, timeout):
        now = time.time()
        with self.lock:
            connection = self._connect()
            (count,) = connection.execute(
                "INSERT INTO counts (key, expires, n) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET n = n + excluded.n RETURNING n",
                (key, now + timeout, amount),
            ).fetchone()
            if secrets.randbelow(500) == 0:
                connection.execute("DELETE FROM counts WHERE expires < ?", (now,))
        return count

    def get(self, key):
        with self.lock:
            row = self._connect().execute("SELECT n FROM counts WHERE key = ?", (key,)).fetchone()
        return row[0] if row else 0


_counters = None


def counters():
    """Where counts are kept: the shared cache when it is shared (Redis), else var/."""
    global _counters
    if _counters is None:
        if cache_is_per_process():
            _counters = SQLiteCounters(settings.RATE_LIMIT_FILE)
        else:
            _counters = CacheCounters()
    return _counters


def reset_counters():
    """Forget the chosen store (tests that change the cache setting or var/)."""
    global _counters
    _counters = None


def spend(request, scope, window_seconds, amount=1):
    """Count `amount` calls by this client in the current window; return the count so far."""
    key = _key(request, scope, window_seconds, _clock())
    return counters().add(key, amount, window_seconds + 5)


def spent(request, scope, window_seconds):
    """How many calls this client has made in the current window."""
    return counters().get(_key(request, scope, window_seconds, _clock()))


def allow(request, scope, limit, window_seconds):
    """True while this client has made fewer than `limit` calls in the current window."""
    return spend(request, scope, window_seconds) <= limit


RENDER_WINDOW = 60  # seconds


class RenderLimitMiddleware:
    """A client may make the site spend at most ``RENDER_LIMIT`` units of work a minute
    (``DJANGO_RENDER_LIMIT``; 0 turns the limit off). Past that it gets a short 429 page, in
    the site's layout, until the minute is over.

    Every answer that comes this far was not served from a cache (the page cache sits above
    and answers hits itself), so every one is charged, whatever its method or status:
    searches, finder answers, error pages, posts (valid or not), feedback forms, 403 pages,
    pages asked for with a session cookie, and a public page's one render after a content
    change. Each is charged the CPU time it took in units of ``RENDER_UNIT_SECONDS`` (10 ms;
    ``DJANGO_RENDER_UNIT_MS``), at
    least one: a search for ten one-letter words costs what its work costs, not what a
    search for one word does, and the allowance is at most a tenth of a core.

    Not charged: the health checks, and the 503 page while the database is away (readers
    retrying an outage are not to blame for it); the admin, whose login django-axes guards
    and whose pages need an editor's account. Editors' previews of public pages are counted.

    Counts are shared by every worker (see ``counters``). Sits below the page cache and
    below the CSP and locale middleware, so the 429 page has the site's headers and the
    address's language."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH
        self.health = None

    def __call__(self, request):
        limit = settings.RENDER_LIMIT
        if not limit or request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        if self.health is None:
            self.health = {reverse("healthz"), reverse("readyz")}
        if request.path in self.health:  # load balancers ask often, and must be answered
            return self.get_response(request)
        try:
            over = spent(request, "renders", RENDER_WINDOW) >= limit
        except Exception:  # without a store, pages are still served
            logger.exception("Render limit unavailable")
            return self.get_response(request)
        if over:
            request.page_cache = "limited"
            return too_many_requests(request, RENDER_WINDOW - int(_clock()) % RENDER_WINDOW)
        started = time.thread_time()
        response = self.get_response(request)
        if self._charged(request, response):
            cpu = time.thread_time() - started
            units = max(1, math.ceil(cpu / settings.RENDER_UNIT_SECONDS))
            try:
                spend(request, "renders", RENDER_WINDOW, units)
            except Exception:
                logger.exception("Render limit unavailable")
        return response

    @staticmethod
    def _charged(request, response):
        return response.status_code != 503
