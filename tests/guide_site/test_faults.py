"""Faults under load, on real servers: a gunicorn worker killed, PostgreSQL restarted. Each
fault comes when the load has shown the site working, and each test ends when the load shows
the site working again: no fixed waits. Every request goes to 127.0.0.1."""

import json
import os
import signal
import time
from pathlib import Path

import pytest

from tests.tools.servers import Gunicorn, Load, request, site_env

# One worker runs every test of real servers, so they share one PostgreSQL (tests/conftest.py).
pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.xdist_group("servers")]

# Every request renders afresh (the servers' page cache keeps nothing), so workers are busy
# with the database, not just copying cached bytes.
PAGES = ["/en/questions/check-balance/", "/zh-hans/law/social-insurance-law/", "/en/ways/"]
# Every request renders, from a handful of clients on one address: the render limit would
# soon answer 429 (its own tests are in test_render_limit.py).
NO_PAGE_CACHE = {"DJANGO_PAGE_CACHE_SECONDS": 0, "DJANGO_RENDER_LIMIT": 0}


def rendering(url, pages, count):
    return [f"{url}{pages[n % len(pages)]}" for n in range(count)]


def workers_of(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def answered(count, since=0.0):
    def condition(results):
        return sum(1 for start, _end, outcome in results if start > since and outcome == 200) >= (
            count
        )

    condition.__doc__ = f"{count} answers of 200 after {since}"
    return condition


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"never: {condition.__doc__}"
        time.sleep(0.05)


def test_a_killed_worker_loses_only_the_requests_it_was_serving(tmp_path, new_site_var):
    env = new_site_var(tmp_path, **NO_PAGE_CACHE)
    with Gunicorn(env, workers=2) as site:
        victims = workers_of(site.process.pid)
        assert len(victims) == 2
        # Four clients against two workers: a worker (its threads) may be serving several
        # of the four at once, and loses those, never more.
        with Load(rendering(site.url, PAGES, 2000), concurrency=4) as load:
            load.wait_until(answered(20))
            os.kill(victims[0], signal.SIGKILL)
            killed = time.monotonic()
            # The master starts a new worker, and the site goes on answering.
            load.wait_until(answered(40, since=killed))
        outcomes = [outcome for _start, _end, outcome in load.results()]
        failed = [outcome for outcome in outcomes if outcome != 200]
        assert len(failed) <= 4, failed

        def replaced():
            """the master replaced the killed worker"""
            workers = workers_of(site.process.pid)
            return victims[0] not in workers and len(workers) == 2

        wait_for(replaced)
        assert request(f"{site.url}/en/").status == 200


def test_the_site_answers_again_after_postgresql_restarts_under_load(tmp_path, postgres):
    env = site_env(tmp_path, postgres.new_site_database("faults"), **NO_PAGE_CACHE)
    with Gunicorn(env, workers=2) as site:
        with Load(rendering(site.url, PAGES, 3000), concurrency=3) as load:
            load.wait_until(answered(20))
            postgres.stop()
            stopped = time.monotonic()

            def outage_seen(results):
                """a 503 while PostgreSQL is down"""
                return any(s > stopped and outcome == 503 for s, _e, outcome in results)

            load.wait_until(outage_seen)
            postgres.start()
            started = time.monotonic()

            def recovered(results):
                """ten answers of 200 in a row, asked after PostgreSQL was back"""
                after = [outcome for s, _e, outcome in results if s > started]
                return len(after) >= 10 and after[-10:] == [200] * 10

            load.wait_until(recovered)
        outcomes = [outcome for _start, _end, outcome in load.results()]
        # Errors are the short 503 page, never a 500 or a dropped connection.
        assert set(outcomes) <= {200, 503}, set(outcomes)
        # After the restart the same processes answer again, with no restart of their own.
        assert outcomes[-10:] == [200] * 10, outcomes[-30:]

        # While down: a 503 page in the site's layout, and readyz says so.
        postgres.stop()
        try:
            page = request(f"{site.url}/en/ways/")
            assert page.status == 503
            assert 'class="site-header"' in page.text and "Traceback" not in page.text
            assert page.headers["retry-after"] == "30"
            ready = request(f"{site.url}/readyz")
            assert ready.status == 503 and json.loads(ready.body)["database"] == "unavailable"
            assert request(f"{site.url}/healthz").status == 200
        finally:
            postgres.start()
        assert request(f"{site.url}/en/ways/").status == 200
        assert request(f"{site.url}/readyz").status == 200

        # The error log names the request the outage hit.
        request_id = page.headers["x-request-id"]
        errors = [
            json.loads(line)
            for line in site.output().splitlines()
            if line.startswith("{") and '"level": "error"' in line
        ]
        assert any(e["request_id"] == request_id and "error" in e for e in errors)
