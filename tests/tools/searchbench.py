"""Time site search in-process, over the whole shipped site (the guide and all 98 articles of
the law), for the queries of the relevance set: the new index against the search it replaced.

Usage:
    python -m tests.tools.searchbench               # 20 rounds of every query, both searches
    python -m tests.tools.searchbench --rounds 50 --wall
    python -m tests.tools.searchbench --old REF     # the old search as of git commit REF
    make searchbench

It migrates and loads a SQLite database of its own in a temporary folder (the shipped
fixtures), then calls each search function directly (no HTTP, no page cache, no template):
one warm-up call per query (the new index is built then; its build time is printed
separately), then ``--rounds`` calls of every query, each timed on its own. Times are the CPU
time of this thread (time.thread_time), which hardly moves when other work shares the
machine; ``--wall`` measures elapsed time instead.

The old search is channels/search.py as of commit ``--old`` (by default the last commit
before the new search), read with ``git show`` and run against today's models, which it
still fits.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
RELEVANCE_SET = BASE_DIR / "tests" / "data" / "search_relevance.json"
# The last commit whose channels/search.py is the substring search over the database.
OLD_SEARCH = "e5b0542"
CLOCK = {"clock": time.thread_time}


def old_search_module(ref):
    """channels/search.py as of ``ref``, loaded as a module of the channels package."""
    source = subprocess.run(
        ["git", "show", f"{ref}:channels/search.py"],
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("channels.oldsearch")
    module.__package__ = "channels"
    module.__file__ = f"{ref}:channels/search.py"
    sys.modules[module.__name__] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(share * len(values)) - 1))]


def time_queries(search, queries, rounds):
    from django.utils.translation import override

    clock = CLOCK["clock"]
    for row in queries:  # warm up: indexes, compiled SQL, jieba's dictionary
        with override(row["lang"]):
            search(row["q"])
    timings = []
    for _ in range(rounds):
        for row in queries:
            with override(row["lang"]):
                start = clock()
                search(row["q"])
                timings.append((clock() - start) * 1000)
    return timings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--old", default=OLD_SEARCH, help="git commit of the old search")
    parser.add_argument("--wall", action="store_true", help="elapsed time instead of CPU time")
    parser.add_argument("--json", action="store_true", help="one JSON object per search")
    args = parser.parse_args(argv)
    if args.wall:
        CLOCK["clock"] = time.perf_counter
    queries = json.loads(RELEVANCE_SET.read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory(prefix="guide-searchbench-") as folder:
        os.environ["DJANGO_VAR_DIR"] = folder
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
        os.environ.pop("DJANGO_CACHE_URL", None)
        os.environ["DJANGO_SETTINGS_MODULE"] = "guide_site.settings"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("loadcontent", verbosity=0)

        from articles.models import Article
        from channels import searchindex
        from channels.search import search

        searchindex.analyse("社保卡")  # jieba loads its dictionary once per process
        start = time.perf_counter()
        searchindex.build()
        build_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        searchindex.build()  # after an edit: the texts' analyses are kept
        rebuild_ms = (time.perf_counter() - start) * 1000
        searches = {"new": search, "old": old_search_module(args.old).search}
        rows = []
        for name, function in searches.items():
            timings = time_queries(function, queries, args.rounds)
            rows.append(
                {
                    "search": name,
                    "queries": len(queries),
                    "calls": len(timings),
                    "median_ms": round(statistics.median(timings), 3),
                    "p95_ms": round(percentile(timings, 0.95), 3),
                    "max_ms": round(max(timings), 3),
                }
            )
        articles = Article.objects.count()
    clock = "elapsed" if args.wall else "CPU"
    if args.json:
        for row in rows:
            print(json.dumps({**row, "clock": clock, "articles": articles}))
        print(json.dumps({"build_ms": round(build_ms, 1), "rebuild_ms": round(rebuild_ms, 1)}))
        return
    print(f"{len(queries)} queries × {args.rounds} rounds, {articles} articles, {clock} time")
    print(f"{'search':<8}{'median ms':>12}{'p95 ms':>10}{'max ms':>10}")
    for row in rows:
        print(
            f"{row['search']:<8}{row['median_ms']:>12.2f}{row['p95_ms']:>10.2f}{row['max_ms']:>10.2f}"
        )
    print(
        f"building the new index from the database: {build_ms:.0f} ms the first time, "
        f"{rebuild_ms:.0f} ms after an edit (elapsed)"
    )


if __name__ == "__main__":
    main()
