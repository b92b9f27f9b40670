"""Measure how long the main pages take in-process, uncached and from the page cache, and how
many database queries each makes, on the current database.

Usage:
    python -m tests.tools.measure              # 30 renders of each page, median and p90
    python -m tests.tools.measure --runs 100
    python -m tests.tools.measure --json /en/ /en/ways/   # chosen pages, one JSON line each

It goes through Django's test client (no network, no gunicorn), so the figures are the
application's own cost. Load under gunicorn is measured by ``make bench``.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from json import dumps

import django

PAGES = [
    "/zh-hans/",
    "/en/questions/check-balance/",
    "/zh-hans/questions/activate-card/",
    "/en/ways/",
    "/en/documents/",
    "/zh-hans/law/",
    "/zh-hans/law/social-insurance-law/",
    "/en/law/social-insurance-law/",
    "/en/law/social-insurance-law/article/74/",
    "/zh-hans/search/?q=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%99%A9",  # 社会保险: most of the law
    "/en/search/?q=insurance",
    "/en/finder/balance/result/?card=yes&password=no&app=yes&person=no&office-hours=yes",
]


def measure(client, path, runs, uncached):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guide_site.pagecache import generation

    timings, counts = [], []
    for _ in range(runs):
        if uncached:
            generation().bump()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        counts.append(len(queries))
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1], max(counts), response


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="one JSON object per page")
    parser.add_argument("paths", nargs="*", help="pages to measure (default: the main ones)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guide_site.settings")
    django.setup()
    from django.test.utils import override_settings

    # Hundreds of searches a minute from one client would soon get the 429 page.
    with override_settings(RENDER_LIMIT=0):
        Command().measure_all(runs=args.runs, json=args.json, paths=args.paths)


class Command:
    def __init__(self):
        self.stdout = sys.stdout

    def measure_all(self, *, runs, json: bool, paths):
        from django.test import Client

        logging.getLogger("guide_site.requests").disabled = True
        client = Client(HTTP_HOST="127.0.0.1")
        if not json:
            self.stdout.write(
                f"{'page':42} {'uncached ms':>11} {'p90':>6} {'queries':>7} "
                f"{'cached ms':>9} {'p90':>5} {'queries':>7} {'bytes':>7}\n"
            )
        for path in paths or PAGES:
            client.get(path)  # warm templates
            median, p90, queries, response = measure(client, path, runs, uncached=True)
            hit_median, hit_p90, hit_queries, _ = measure(client, path, runs, uncached=False)
            if json:
                self.stdout.write(
                    dumps(
                        {
                            "path": path,
                            "uncached_ms": round(median, 2),
                            "uncached_queries": queries,
                            "cached_ms": round(hit_median, 3),
                            "cached_queries": hit_queries,
                            "bytes": len(response.content),
                        }
                    )
                    + "\n"
                )
                continue
            self.stdout.write(
                f"{path:42} {median:11.1f} {p90:6.1f} {queries:7d} "
                f"{hit_median:9.2f} {hit_p90:5.2f} {hit_queries:7d} {len(response.content):7d}\n"
            )


if __name__ == "__main__":
    main()
