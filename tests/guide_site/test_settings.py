"""Settings come from the environment and refuse unsafe production values."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

BASE_ENV = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "guide_site.settings"}


def run_check(tmp_path, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, "DJANGO_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check(tmp_path, DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


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


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run_check(tmp_path, DJANGO_ENV="production", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


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


def test_local_defaults_need_no_configuration():
    assert settings.DEBUG is False
    assert "*" not in settings.ALLOWED_HOSTS
    assert settings.SECRET_KEY and len(settings.SECRET_KEY) >= 50


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/",
        "/en/",
        "/en/questions/check-balance/",
        "/zh-hans/law/social-insurance-law/",
        "/en/law/social-insurance-law/article/4/",
        "/en/ways/",
        "/en/documents/",
        "/en/nope/",
    ],
)
def test_public_pages_set_no_cookie_and_do_not_vary_on_cookies(client, path):
    response = client.get(path)
    assert not response.cookies
    assert "Set-Cookie" not in response
    vary = response.get("Vary", "")
    assert "Cookie" not in vary
    # The language is in the URL, so pages do not vary on the browser's language either.
    assert "Accept-Language" not in vary


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_code(client):
    response = client.get("/en/questions/check-balance/")
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
