"""A small per-client rate limit on the shared cache (Redis in production, so every
gunicorn process counts together)."""

import hashlib
import time

from django.core.cache import cache


def client_key(request):
    # REMOTE_ADDR is the proxy's address behind nginx; nginx passes the client's in
    # X-Real-IP, which only a trusted proxy on loopback may set.
    address = request.META.get("REMOTE_ADDR", "")
    if address in {"127.0.0.1", "::1"}:
        address = request.META.get("HTTP_X_REAL_IP", address)
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def allow(request, scope, limit, window_seconds):
    """True while this client has made fewer than `limit` calls in the current window."""
    bucket = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{client_key(request)}:{bucket}"
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit
