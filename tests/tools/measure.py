"""Measure how long the main pages take in-process, uncached and from the page cache, and how
many database queries each makes; and how a FAQ page's render time and queries change as its
history grows.

Usage:
    python -m tests.tools.measure              # 30 renders of each page, median and p90
    python -m tests.tools.measure --runs 100
    python -m tests.tools.measure --json /en/ /en/ways/   # chosen pages, one JSON line each
    python -m tests.tools.measure --history    # and a FAQ page before and after growth
    python -m tests.tools.measure --history --runs 60 /en/   # …after the home page only
    make measure                               # = --fresh --history, on a new database

It measures the current database (DATABASE_URL, or var/db.sqlite3 as `make serve` leaves
it), or with ``--fresh`` a database it migrates and loads with the shipped content in a
temporary folder. ``--history`` renders /en/questions/check-balance/ uncached before and after
adding, one after the other, 100 change notes, then 20 steps and 20 citations, in a
transaction that is rolled back: the database is left as it was.

It goes through Django's test client (no network, no gunicorn), so the figures are the
application's own cost. Times are the CPU time of the rendering thread (time.thread_time), which
hardly moves when other work shares the machine; ``--wall`` measures elapsed time instead. Load
under gunicorn is measured by ``make bench``.
"""

import argparse
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from json import dumps

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
HISTORY_PAGE = "check-balance"


# CPU time of this thread by default: on a shared machine elapsed time mostly measures the wait
# for a core. main() switches to the elapsed time for --wall.
CLOCK = {"clock": time.thread_time}


def measure(client, path, runs, uncached):
    """(median ms, p90 ms, most queries, last response) of `runs` requests for `path`; with
    `uncached`, every request starts a new page-cache generation, so each one renders."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guide_site.pagecache import generation

    timings, counts = [], []
    for _ in range(runs):
        if uncached:
            generation().bump()
        with CaptureQueriesContext(connection) as queries:
            clock = CLOCK["clock"]
            start = clock()
            response = client.get(path)
            timings.append((clock() - start) * 1000)
        counts.append(len(queries))
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1], max(counts), response


def pages(client, paths, runs, as_json):
    """Each page uncached and from the cache: one table row, or one JSON line, per page."""
    if not as_json:
        print(
            f"{'page':42} {'uncached ms':>11} {'p90':>6} {'queries':>7} "
            f"{'cached ms':>9} {'p90':>5} {'queries':>7} {'bytes':>7}"
        )
    for path in paths:
        client.get(path)  # warm templates
        median, p90, queries, response = measure(client, path, runs, uncached=True)
        hit_median, hit_p90, hit_queries, _ = measure(client, path, runs, uncached=False)
        if as_json:
            row = {
                "path": path,
                "uncached_ms": round(median, 2),
                "uncached_queries": queries,
                "cached_ms": round(hit_median, 3),
                "cached_queries": hit_queries,
                "bytes": len(response.content),
            }
            print(dumps(row), flush=True)
            continue
        print(
            f"{path:42} {median:11.1f} {p90:6.1f} {queries:7d} "
            f"{hit_median:9.2f} {hit_p90:5.2f} {hit_queries:7d} {len(response.content):7d}",
            flush=True,
        )


def grow_history(page, step):
    """Add to `page` what years of editing would: 100 change notes (step "notes"), or 20
    steps (channels and steps of its own, in turn) and 20 citations (step "rows")."""
    from articles.models import Article
    from channels.models import ChangeNote, Channel, Citation, Step

    if step == "notes":
        top = page.change_notes.order_by("-number").values_list("number", flat=True).first()
        ChangeNote.objects.bulk_create(
            ChangeNote(
                page=page,
                number=(top or 0) + 1 + n,
                date="2026-01-01",
                note_en=f"Change {n}",
                note_zh_hans=f"修改{n}",
            )
            for n in range(100)
        )
        return
    channels = list(Channel.objects.all())
    articles = list(Article.objects.order_by("number")[:20])
    first_step = (page.steps.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    first_citation = (
        page.citations.order_by("-order").values_list("order", flat=True).first() or 0
    ) + 1
    for n in range(20):
        own = n % 2 == 0
        Step.objects.create(
            page=page,
            order=first_step + n,
            channel=None if own else channels[n % len(channels)],
            title_en=f"Own step {n}" if own else "",
            title_zh_hans=f"自己的步骤{n}" if own else "",
        )
        Citation.objects.create(
            page=page,
            order=first_citation + n,
            article=articles[n % len(articles)],
            note_en="Also applies.",
            note_zh_hans="也适用。",
        )


def history(client, runs, as_json):
    """The FAQ page uncached, before and after its history grows; rolled back afterwards."""
    from django.db import transaction

    from channels.models import FAQPage

    path = f"/en/questions/{HISTORY_PAGE}/"
    rows = []
    with transaction.atomic():
        page = FAQPage.objects.get(slug=HISTORY_PAGE)
        client.get(path)  # warm templates
        stages = [
            ("before growth", None),
            ("+100 change notes", "notes"),
            ("+20 steps, +20 citations", "rows"),
        ]
        for label, step in stages:
            if step:
                grow_history(page, step)
            median, p90, queries, response = measure(client, path, runs, uncached=True)
            rows.append((label, median, p90, queries, len(response.content)))
        transaction.set_rollback(True)
    if as_json:
        for label, median, p90, queries, size in rows:
            print(dumps({"path": path, "stage": label, "uncached_ms": round(median, 2),
                         "p90_ms": round(p90, 2), "queries": queries, "bytes": size}))  # fmt: skip
        return
    print(f"\n{path}, uncached, as its history grows ({runs} renders each):")
    print(f"{'':26} {'median ms':>9} {'p90 ms':>7} {'queries':>7} {'bytes':>7}")
    for label, median, p90, queries, size in rows:
        print(f"{label:26} {median:9.1f} {p90:7.1f} {queries:7d} {size:7d}", flush=True)


def fresh_database(folder):
    """Point the site at a new SQLite database in `folder`, migrated and loaded."""
    os.environ["DJANGO_VAR_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
    os.environ.pop("DJANGO_CACHE_URL", None)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--history", action="store_true", help="the FAQ page as history grows")
    parser.add_argument("--fresh", action="store_true", help="on a new database of its own")
    parser.add_argument("--wall", action="store_true", help="elapsed time instead of CPU time")
    parser.add_argument("paths", nargs="*", help="pages to measure (default: the main ones)")
    args = parser.parse_args(argv)
    if args.wall:
        CLOCK["clock"] = time.perf_counter
    with tempfile.TemporaryDirectory(prefix="guide-measure-") as folder:
        if args.fresh:
            fresh_database(folder)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guide_site.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import override_settings

        if args.fresh:
            call_command("migrate", verbosity=0)
            call_command("loadcontent", verbosity=0, stdout=io.StringIO())
        logging.getLogger("guide_site.requests").disabled = True
        client = Client(HTTP_HOST="127.0.0.1")
        # Hundreds of searches a minute from one client would soon get the 429 page.
        with override_settings(RENDER_LIMIT=0):
            pages(client, args.paths or PAGES, args.runs, args.json)
            if args.history:
                history(client, args.runs, args.json)


if __name__ == "__main__":
    sys.exit(main())
