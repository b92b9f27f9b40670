"""Measure how long the main pages take to render in-process, and how many queries each
makes, on the current database.

Usage:
    python manage.py measurepages              # 30 renders of each page, median and p90
    python manage.py measurepages --runs 100

It renders through Django's test client (no network, no gunicorn), so the figures are the
application's own cost. Load under gunicorn is a different measurement.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PAGES = [
    "/zh-hans/",
    "/en/questions/check-balance/",
    "/zh-hans/questions/activate-card/",
    "/en/ways/",
    "/zh-hans/law/social-insurance-law/",
    "/en/law/social-insurance-law/",
    "/en/law/social-insurance-law/article/74/",
    "/zh-hans/search/?q=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%99%A9",  # 社会保险: most of the law
    "/en/search/?q=insurance",
    "/en/finder/balance/result/?card=yes&password=no&app=yes&person=no&office-hours=yes",
]


class Command(BaseCommand):
    help = "Measure render time and query count of the main pages."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, runs, **options):
        client = Client(HTTP_HOST="127.0.0.1")
        self.stdout.write(
            f"{'page':45} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'bytes':>8}"
        )
        for path in PAGES:
            client.get(path)  # warm caches and templates
            timings = []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(path)
                    timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            timings.sort()
            p90 = timings[int(len(timings) * 0.9) - 1]
            self.stdout.write(
                f"{path:45} {statistics.median(timings):10.1f} {p90:8.1f} "
                f"{len(queries):8d} {len(response.content):8d}"
            )
