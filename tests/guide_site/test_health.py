"""Health checks, the request log and its request id, and the answer while the database is
away (the real outage, with PostgreSQL stopped, is in test_faults.py)."""

import json

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from channels.models import FAQPage
from guide_site.pagecache import reset_generation_store

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database_and_is_never_cached(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_is_503_when_the_cache_is_unreachable(client):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=unreachable):
        reset_generation_store()
        try:
            response = client.get("/readyz")
        finally:
            reset_generation_store()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_health_checks_live_outside_the_language_prefix(client):
    assert client.get("/en/healthz").status_code == 404
    assert client.get("/healthz/").status_code == 404


def read_log(capfd):
    out, err = capfd.readouterr()
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")], err


def test_one_json_line_per_request_with_the_request_id(client, capfd):
    capfd.readouterr()
    response = client.get("/en/ways/", headers={"x-request-id": "lb-7f3a.42"})
    assert response["X-Request-ID"] == "lb-7f3a.42"
    lines, _err = read_log(capfd)
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == "lb-7f3a.42"
    assert line["method"] == "GET" and line["path"] == "/en/ways/" and line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["cache"] == "miss"


@pytest.mark.parametrize("given", ["", "<script>", "a" * 65, "id with spaces", "ü-1"])
def test_an_odd_request_id_is_replaced_not_echoed(client, capfd, given):
    capfd.readouterr()
    response = client.get("/healthz", headers={"x-request-id": given} if given else {})
    generated = response["X-Request-ID"]
    assert generated != given and len(generated) == 32 and generated.isalnum()
    lines, _err = read_log(capfd)
    assert [line["request_id"] for line in lines] == [generated]


def test_an_error_log_carries_the_request_id(capfd, monkeypatch):
    def broken(self, *args):
        raise RuntimeError("the view broke")

    monkeypatch.setattr(type(FAQPage.objects), "visible", broken)
    client = Client(raise_request_exception=False)
    capfd.readouterr()
    response = client.get("/en/", headers={"x-request-id": "trace-500"})
    assert response.status_code == 500
    assert response["X-Request-ID"] == "trace-500"
    lines, err = read_log(capfd)
    assert lines[0]["status"] == 500 and lines[0]["request_id"] == "trace-500"
    errors = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    error = next(e for e in errors if e["level"] == "error")
    assert error["request_id"] == "trace-500"
    assert "the view broke" in error["error"]


def test_a_lost_database_gets_a_503_page_in_the_site_layout(monkeypatch):
    def unreachable(self, *args):
        raise OperationalError("connection refused")

    monkeypatch.setattr(type(FAQPage.objects), "visible", unreachable)
    client = Client(raise_request_exception=False)
    response = client.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert 'class="site-header"' in html and "Temporarily unavailable" in html
    assert "Traceback" not in html and "connection refused" not in html
    zh = client.get("/zh-hans/").content.decode()
    assert "暂时无法访问" in zh
