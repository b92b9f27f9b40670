"""Two gunicorn processes, as two machines behind a load balancer would run them: one
PostgreSQL, one Redis, production settings. An edit made through one is on the other at once,
cached pages included."""

import re
import secrets
import time

import psycopg
import pytest

from tests.tools.servers import (
    Gunicorn,
    PostgresServer,
    RedisServer,
    manage,
    prepare_site,
    request,
    site_env,
)

RENDER_LIMIT = 20


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    with PostgresServer() as postgres, RedisServer() as redis:
        database = postgres.create_database("guide")
        key = secrets.token_urlsafe(50)  # every process of one site signs with one key
        envs = [
            site_env(
                tmp_path_factory.mktemp(f"site-{name}"),
                database,
                redis.url,
                production=True,
                DJANGO_SECRET_KEY=key,
                DJANGO_SUPERUSER_PASSWORD="a-long-pass-phrase",
                DJANGO_RENDER_LIMIT=str(RENDER_LIMIT),
            )
            for name in ("a", "b")
        ]
        prepare_site(envs[0])
        manage(
            envs[0], "createsuperuser", "--noinput", "--username", "editor", "--email", "e@x.org"
        )
        with Gunicorn(envs[0], workers=2) as a, Gunicorn(envs[1], workers=2) as b:
            yield a, b, database, envs


def sign_in(site):
    """Sign in through the admin's login form, as an editor would (over the proxy's HTTPS)."""
    https = {"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{site.port}"}
    form = request(f"{site.url}/admin/login/", headers=https)
    cookies = form.cookies()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    answer = request(
        f"{site.url}/admin/login/",
        "POST",
        headers=https,
        cookies=cookies,
        data={
            "csrfmiddlewaretoken": token,
            "username": "editor",
            "password": "a-long-pass-phrase",
            "next": "/admin/",
        },
    )
    assert answer.status == 302, answer.text[:500]
    # Production cookies are sent over HTTPS only.
    assert all("; Secure" in line for line in answer.headers["set-cookie"].split("\n"))
    return https, {**cookies, **answer.cookies()}


# Behind a load balancer both processes see the public host name, so they share cache keys.
PUBLIC = {"Host": "localhost"}


def document_id(database):
    with psycopg.connect(database) as connection:
        row = connection.execute(
            "SELECT id FROM channels_document WHERE slug = 'household-register'"
        ).fetchone()
    return row[0]


def test_an_edit_through_one_process_is_seen_by_the_other_at_once(two_sites):
    a, b, database, envs = two_sites
    page = f"{b.url}/en/documents/"
    assert "Household register (hukou booklet)" in request(page, headers=PUBLIC).text
    assert request(page, headers=PUBLIC).headers["x-page-cache"] == "hit"
    # The page B rendered and stored is A's too: one Redis.
    assert request(f"{a.url}/en/documents/", headers=PUBLIC).headers["x-page-cache"] == "hit"

    https, cookies = sign_in(a)
    pk = document_id(database)
    change = f"{a.url}/admin/channels/document/{pk}/change/"
    form = request(change, headers=https, cookies=cookies)
    assert form.status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    saved = request(
        change,
        "POST",
        headers=https,
        cookies=cookies,
        data={
            "csrfmiddlewaretoken": token,
            "name_zh_hans": "户口簿",
            "name_en": "Household register, edited on A",
            "description_zh_hans": "户口簿原件。",
            "description_en": "The original booklet.",
            "slug": "household-register",
            "order": "30",
        },
    )
    assert saved.status == 302, saved.text[:2000]

    after = request(page, headers=PUBLIC)
    assert after.headers["x-page-cache"] == "miss"
    assert "Household register, edited on A" in after.text
    assert "Household register, edited on A" in request(f"{b.url}/en/ways/", headers=PUBLIC).text

    # A management command against the shared database is seen at once too.
    manage(envs[1], "loadcontent")
    assert "Household register (hukou booklet)" in request(page, headers=PUBLIC).text
    again = request(f"{a.url}/en/documents/", headers=PUBLIC)
    assert "Household register (hukou booklet)" in again.text


def test_both_processes_are_ready_and_public_pages_are_clean(two_sites):
    for site in two_sites[:2]:
        ready = request(f"{site.url}/readyz")
        assert ready.status == 200, ready.text
        page = request(f"{site.url}/zh-hans/", headers={"X-Forwarded-Proto": "https"})
        assert page.status == 200
        assert "set-cookie" not in page.headers
        assert "cookie" not in page.headers.get("vary", "").lower()
        assert page.headers["strict-transport-security"].startswith("max-age=31536000")
        assert page.headers["cache-control"].startswith("public")


def test_the_render_limit_is_counted_once_for_all_processes(two_sites):
    a, b = two_sites[:2]
    # The limit counts in whole minutes: start well inside one.
    if time.time() % 60 > 50:
        time.sleep(61 - time.time() % 60)
    reader = {**PUBLIC, "X-Real-IP": "198.51.100.23"}  # as nginx names the client
    for n in range(RENDER_LIMIT):
        site = (a, b)[n % 2]
        answer = request(f"{site.url}/en/questions/made-up-{n}/", headers=reader)
        assert answer.status == 404
    # Each process answered half of them, each worker fewer: only a shared count refuses now.
    for site in (a, b):
        refused = request(f"{site.url}/en/search/?q=card", headers=reader)
        assert refused.status == 429, site.url
        assert "Too many requests" in refused.text
    other = request(f"{a.url}/en/search/?q=card", headers={**PUBLIC, "X-Real-IP": "198.51.100.24"})
    assert other.status == 200
