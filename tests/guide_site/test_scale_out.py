"""Two gunicorn processes, as two machines behind a load balancer would run them: one
PostgreSQL, one Redis, production settings. An edit made through one is on the other at once,
cached pages included."""

import html
import re
import secrets

import psycopg
import pytest

from tests.conftest import RATE_LIMIT_CLOCK
from tests.tools.servers import (
    Gunicorn,
    RedisServer,
    manage,
    request,
    site_env,
)

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.xdist_group("servers")]

RENDER_LIMIT = 20


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory, postgres):
    with RedisServer() as redis:
        database = postgres.new_site_database("scale_out")
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
                # Each answer one unit, whatever its CPU time: a count of answers.
                DJANGO_RENDER_UNIT_MS=60_000,
                # The render limit counts in whole minutes of this clock, stopped 30 seconds
                # into one: two processes' counts are never cut in two by a minute ending.
                GUIDE_STOPPED_CLOCK=RATE_LIMIT_CLOCK,
            )
            for name in ("a", "b")
        ]
        manage(
            envs[0], "createsuperuser", "--noinput", "--username", "editor", "--email", "e@x.org"
        )
        app = "tests.tools.stopped_clock"
        with Gunicorn(envs[0], 2, app=app) as a, Gunicorn(envs[1], 2, app=app) as b:
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


def first_document(database):
    """The first document that a channel asks for (so it is on the ways page too), as its
    admin form holds it."""
    with psycopg.connect(database) as connection:
        cursor = connection.execute(
            "SELECT id, slug, name_zh_hans, name_en, description_zh_hans, description_en, "
            '"order" FROM channels_document WHERE id IN '
            "(SELECT document_id FROM channels_channel_documents) "
            'ORDER BY "order", slug LIMIT 1'
        )
        names = [column.name for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def test_an_edit_through_one_process_is_seen_by_the_other_at_once(two_sites):
    a, b, database, envs = two_sites
    document = first_document(database)
    shipped_name = html.escape(document["name_en"])
    page = f"{b.url}/en/documents/"
    assert shipped_name in request(page, headers=PUBLIC).text
    assert request(page, headers=PUBLIC).headers["x-page-cache"] == "hit"
    # The page B rendered and stored is A's too: one Redis.
    assert request(f"{a.url}/en/documents/", headers=PUBLIC).headers["x-page-cache"] == "hit"

    https, cookies = sign_in(a)
    change = f"{a.url}/admin/channels/document/{document['id']}/change/"
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
            **{name: value for name, value in document.items() if name != "id"},
            "name_en": "Document edited on A",
        },
    )
    assert saved.status == 302, saved.text[:2000]

    after = request(page, headers=PUBLIC)
    assert after.headers["x-page-cache"] == "miss"
    assert "Document edited on A" in after.text
    assert "Document edited on A" in request(f"{b.url}/en/ways/", headers=PUBLIC).text

    # A management command against the shared database is seen at once too (an overwrite:
    # a plain load keeps what the editor saved).
    manage(envs[1], "loadcontent", "--overwrite", "--user", "editor", "--yes")
    assert shipped_name in request(page, headers=PUBLIC).text
    again = request(f"{a.url}/en/documents/", headers=PUBLIC)
    assert shipped_name in again.text


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
