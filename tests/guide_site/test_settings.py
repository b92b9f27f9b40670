"""Settings come from the environment and refuse unsafe production values. What the site
does with no configuration at all is read from a fresh process, with the site's own settings
module and an empty environment: the test suite runs with settings of its own (and
pytest-django turns DEBUG off whatever the settings say)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests import factories

BASE_ENV = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "guide_site.settings"}


def run_check(tmp_path, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, "DJANGO_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check(tmp_path, DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_production_refuses_debug(tmp_path):
    result = run_check(
        tmp_path,
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="example.org",
        DJANGO_DEBUG="true",
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG cannot be on" in result.stderr


@pytest.mark.slow
def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run_check(tmp_path, DJANGO_ENV="production", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


@pytest.mark.slow
def test_production_with_its_values_passes_the_deploy_check(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={
            **BASE_ENV,
            "DJANGO_VAR_DIR": str(tmp_path),
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "k3y-" + "abcdefghij" * 6,
            "DJANGO_ALLOWED_HOSTS": "guide.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


SHOW_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SECRET_KEY": settings.SECRET_KEY,
    "DATABASE": settings.DATABASES["default"]["NAME"],
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
}))
"""


def local_settings(tmp_path, **env):
    """The settings a process starts with, given only these environment variables."""
    result = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, "DJANGO_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow
def test_local_defaults_need_no_configuration(tmp_path):
    found = local_settings(tmp_path)
    assert found["DEBUG"] is False
    assert found["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    assert found["DATABASE"] == str(tmp_path / "db.sqlite3")
    assert found["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["SECURE_SSL_REDIRECT"] is False
    # A random key, kept in var/ so that sessions survive a restart and every worker signs
    # with the same key.
    assert len(found["SECRET_KEY"]) >= 50
    assert (tmp_path / "local-secret-key").read_text().strip() == found["SECRET_KEY"]
    assert local_settings(tmp_path)["SECRET_KEY"] == found["SECRET_KEY"]
    assert local_settings(tmp_path / "elsewhere")["SECRET_KEY"] != found["SECRET_KEY"]


@pytest.mark.slow
def test_debug_is_on_only_when_asked_for_and_never_in_production(tmp_path):
    assert local_settings(tmp_path, DJANGO_DEBUG="true")["DEBUG"] is True
    assert local_settings(tmp_path, DJANGO_DEBUG="false")["DEBUG"] is False
    production = local_settings(
        tmp_path, DJANGO_ENV="production", DJANGO_SECRET_KEY="k" * 60, DJANGO_ALLOWED_HOSTS="a.org"
    )
    assert production["DEBUG"] is False
    assert production["ALLOWED_HOSTS"] == ["a.org"]
    assert production["SECURE_SSL_REDIRECT"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/",
        "/en/",
        "/en/questions/{page}/",
        "/zh-hans/law/{law}/",
        "/en/law/{law}/article/{article}/",
        "/en/ways/",
        "/en/documents/",
        "/en/nope/",
    ],
)
def test_public_pages_set_no_cookie_and_do_not_vary_on_cookies(client, path):
    article = factories.article()
    page = factories.faq_page(citations=[article])
    response = client.get(path.format(page=page.slug, law=article.law.slug, article=article.number))
    assert response.status_code == (404 if path == "/en/nope/" else 200)
    assert not response.cookies
    assert "Set-Cookie" not in response
    vary = response.get("Vary", "")
    assert "Cookie" not in vary
    # The language is in the URL, so pages do not vary on the browser's language either.
    assert "Accept-Language" not in vary


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_code(client):
    page = factories.faq_page(steps=[factories.channel()], citations=[factories.article()])
    response = client.get(f"/en/questions/{page.slug}/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert "<script>" not in html and "style=" not in html
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_a_server_error_gets_a_page_in_the_site_layout(client, settings):
    from django.test import RequestFactory
    from django.utils.translation import override

    from guide_site.views import server_error

    with override("en"):
        response = server_error(RequestFactory().get("/en/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert 'href="tel:12333"' in response.content.decode()
    assert 'class="site-header"' in response.content.decode()
