"""Health checks for a load balancer or an orchestrator. Outside the language prefix and
never cached."""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """The process is up and answering. Touches neither the database nor the cache, so a
    database outage does not make every process look dead."""
    return JsonResponse({"status": "ok"})


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"readyz:{secrets.token_hex(8)}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


@never_cache
@require_safe
def readyz(request):
    """Ready for traffic: the database answers and the cache keeps a value. 503 otherwise."""
    checks = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            check()
            checks[name] = "ok"
        except Exception as error:  # any failure means "not ready"
            logger.warning("readyz: %s unavailable: %s", name, error)
            checks[name] = "unavailable"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )
