"""Faults under load, on real servers: a gunicorn worker killed, PostgreSQL restarted. Each
load run is bounded in time and count and only targets 127.0.0.1."""

import json
import os
import signal
import threading
import time
from pathlib import Path

from tests.tools.servers import Gunicorn, PostgresServer, prepare_site, request, run_load, site_env

# Every request renders afresh (the servers' page cache keeps nothing), so workers are busy
# with the database, not just copying cached bytes.
PAGES = ["/en/questions/check-balance/", "/zh-hans/law/social-insurance-law/", "/en/ways/"]
NO_PAGE_CACHE = {"DJANGO_PAGE_CACHE_SECONDS": 0}


def rendering(url, pages, count):
    return [f"{url}{pages[n % len(pages)]}" for n in range(count)]


def workers_of(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def test_a_killed_worker_loses_only_the_request_it_was_serving(tmp_path):
    env = site_env(tmp_path, **NO_PAGE_CACHE)
    prepare_site(env)
    with Gunicorn(env, workers=2) as site:
        victims = workers_of(site.process.pid)
        assert len(victims) == 2

        def kill_one():
            time.sleep(1.5)
            os.kill(victims[0], signal.SIGKILL)

        killer = threading.Thread(target=kill_one)
        killer.start()
        # Four clients against two sync workers: each worker serves one request at a time.
        results = run_load(rendering(site.url, PAGES, 2000), seconds=4, concurrency=4)
        killer.join()
        outcomes = [outcome for _start, _end, outcome in results]
        failed = [outcome for outcome in outcomes if outcome != 200]
        assert len(outcomes) > 20
        assert len(failed) <= 1, failed
        # The master started a new worker; the site goes on answering.
        assert victims[0] not in workers_of(site.process.pid)
        assert request(f"{site.url}/en/").status == 200


def test_the_site_answers_again_after_postgresql_restarts_under_load(tmp_path):
    with PostgresServer() as postgres:
        env = site_env(tmp_path, postgres.create_database("guide"), **NO_PAGE_CACHE)
        prepare_site(env)
        with Gunicorn(env, workers=2) as site:

            def restart():
                time.sleep(1.5)
                postgres.stop()
                time.sleep(2)
                postgres.start()

            restarter = threading.Thread(target=restart)
            restarter.start()
            results = run_load(rendering(site.url, PAGES, 3000), seconds=7, concurrency=3)
            restarter.join()
            outcomes = [outcome for _start, _end, outcome in results]
            assert 503 in outcomes, "the outage was seen"
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
