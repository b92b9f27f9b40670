"""The benchmark behind `make bench` (not part of `make test`).

    python -m tests.tools.bench                 # four rounds of 3-second wrk runs, about 3 minutes
    python -m tests.tools.bench --rounds 6 --seconds 5 --connections 16

It starts the site as production runs it (DJANGO_ENV=production, a generated secret key,
plain HTTP on loopback, SQLite and the local-memory cache in a temporary directory, unless
DATABASE_URL / DJANGO_CACHE_URL say otherwise) under gunicorn with its default workers, and
drives load with wrk (Debian's package) against: the home page, a FAQ page, the whole law, an
article, and a static file of the FAQ page's size served by WhiteNoise; then the FAQ page
from a second gunicorn whose page cache keeps nothing (DJANGO_PAGE_CACHE_SECONDS=0: every
request renders the page afresh and goes through the whole miss path); then the same
pages through nginx (the committed nginx.conf) against nginx serving the same static file.
It prints requests per second, p50 and p99 latency, each page's ratio to the static file,
the database queries each page makes uncached and cached, and the size of each as sent
(gzip), and checks the targets in the README. Every request goes to 127.0.0.1.

The targets are ratios, and a shared machine's load drifts, so the pages and the static file
are measured in turns, round after round, and each figure is the median of its rounds (p99:
the worst round).
"""

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from tests.tools.servers import (
    BASE_DIR,
    PYTHON,
    Gunicorn,
    Nginx,
    prepare_site,
    request,
    site_env,
)

PAGES = {
    "home": "/zh-hans/",
    "FAQ page": "/zh-hans/questions/check-balance/",
    "whole law": "/zh-hans/law/social-insurance-law/",
    "article": "/zh-hans/law/social-insurance-law/article/74/",
}
STATIC_COPY = "bench/faq-size.html"  # under STATIC_ROOT while the benchmark runs
GZIP = {"Accept-Encoding": "gzip"}


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, seconds, connections):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "--latency", "-H", "Accept-Encoding: gzip", url]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if "99" not in latency:
        raise RuntimeError(f"wrk gave no latency figures:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sockets.group(1) if sockets else "",
    }


class Resources(HTMLParser):
    """What a browser fetches to show a page: stylesheets, scripts, images, icons."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon", "preload", "manifest"} & set(rel)):
            self.urls.append(attrs.get("href"))
        elif tag in ("script", "img", "iframe", "source", "video", "audio") and attrs.get("src"):
            self.urls.append(attrs["src"])


def sent_size(url):
    answer = request(url, headers=GZIP)
    assert answer.status == 200, (url, answer.status)
    return len(answer.body), answer


def measure_queries(env, paths):
    output = subprocess.run(
        [PYTHON, "-m", "tests.tools.measure", "--json", "--runs", "3", *paths],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {row["path"]: row for row in map(json.loads, output.splitlines())}


def table(rows, static_label):
    lines = [
        "| target | req/s | p50 ms | p99 ms | ratio to static | server CPU ms/request |"
        " ratio by CPU | queries uncached / cached | sent (gzip) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    static = rows[static_label]
    for label, row in rows.items():
        lines.append(
            f"| {label} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} | "
            f"{row['rps'] / static['rps']:.2f} | {row['cpu_ms']:.3f} | "
            f"{static['cpu_ms'] / row['cpu_ms']:.2f} | {row.get('queries', '–')} | "
            f"{row.get('size', '–')} |"
        )
    return "\n".join(lines)


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """CPU time (user + system) used so far by a server: its master and its workers."""
    pids = [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    total = 0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a worker that just exited
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def measured(run, pid):
    """A wrk run, with the server's own CPU time per request: unlike req/s, it hardly moves
    with whatever else the machine is doing, so its ratios are the steadier estimate."""
    before = cpu_seconds(pid)
    row = run()
    row["cpu_ms"] = (cpu_seconds(pid) - before) * 1000 / max(row["requests"], 1)
    return row


def in_rounds(runs, rounds, where):
    """Run each wrk run of `runs` (label → callable) in turn, `rounds` times; per label, the
    median req/s and p50 and the worst p99."""
    collected = {label: [] for label in runs}
    for number in range(1, rounds + 1):
        for label, run in runs.items():
            row = run()
            collected[label].append(row)
            print(f"round {number}  {where:8} {label:28} {row['rps']:9.0f} req/s", flush=True)
    return {
        label: {
            "rps": statistics.median(r["rps"] for r in rows),
            "p50": statistics.median(r["p50"] for r in rows),
            "p99": max(r["p99"] for r in rows),
            "cpu_ms": statistics.median(r["cpu_ms"] for r in rows),
            "non_2xx": sum(r["non_2xx"] for r in rows),
            "socket_errors": "; ".join(r["socket_errors"] for r in rows if r["socket_errors"]),
        }
        for label, rows in collected.items()
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is missing: `make bench` installs it from Debian's packages.")

    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    static_root = BASE_DIR / "staticfiles"
    copy = static_root / STATIC_COPY
    env = site_env(work / "var", production=True)
    for name in ("DATABASE_URL", "DJANGO_CACHE_URL"):
        if os.environ.get(name):
            env[name] = os.environ[name]
    env["GUNICORN_LOGLEVEL"] = "warning"
    # The query string of a URL cannot force a render (the page cache drops parameters a
    # page does not read), so uncached renders come from a server whose cache keeps nothing.
    # Its own var/ (the database is named in DATABASE_URL): gunicorn's control socket is there.
    # No render limit there: every answer not from a cache is charged, and wrk is one client.
    uncached_env = {
        **env,
        "DJANGO_PAGE_CACHE_SECONDS": "0",
        "DJANGO_RENDER_LIMIT": "0",
        "DJANGO_VAR_DIR": str(work / "var2"),
    }
    seconds, connections = args.seconds, args.connections

    def load(server, base, path):
        pid = server.process.pid
        return lambda: measured(lambda: wrk(base + path, seconds, connections), pid)

    try:
        prepare_site(env)
        # A static file exactly the FAQ page's size: the page itself, as WhiteNoise would
        # serve any file (with the .gz collectstatic would have written beside it).
        with Gunicorn(env, workers=None, log=work / "gunicorn.log") as site:
            faq = request(site.url + PAGES["FAQ page"]).body
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(faq)
        copy.with_name(copy.name + ".gz").write_bytes(gzip.compress(faq, 9, mtime=0))
        static_path = "/static/" + STATIC_COPY

        queries = measure_queries(env, list(PAGES.values()))
        with (
            Gunicorn(env, workers=None, log=work / "gunicorn.log") as site,
            Gunicorn(uncached_env, workers=None, log=work / "uncached.log") as renders,
        ):
            for _ in range(2):  # the second time too: nothing was kept
                answer = request(renders.url + PAGES["FAQ page"], headers=GZIP)
                assert answer.headers.get("x-page-cache") == "miss", answer.headers
            targets = {**PAGES, "static file (WhiteNoise)": static_path}
            sizes_sent = {}
            for label, path in targets.items():
                sizes_sent[label] = sent_size(site.url + path)[0]  # and warms the cache
            runs = {label: load(site, site.url, path) for label, path in targets.items()}
            runs["FAQ page, uncached"] = load(renders, renders.url, PAGES["FAQ page"])
            gunicorn = in_rounds(runs, args.rounds, "gunicorn")
            for label, path in PAGES.items():
                q = queries[path]
                gunicorn[label]["queries"] = f"{q['uncached_queries']} / {q['cached_queries']}"
            for label, size in sizes_sent.items():
                gunicorn[label]["size"] = size
            q = queries[PAGES["FAQ page"]]
            gunicorn["FAQ page, uncached"]["queries"] = f"{q['uncached_queries']} / –"

            # Size of the FAQ page as a reader gets it: HTML, CSS and script, compressed.
            faq_size, faq_answer = sent_size(site.url + PAGES["FAQ page"])
            resources = Resources()
            resources.feed(gzip.decompress(faq_answer.body).decode())
            own, third_party = [], []
            for url in resources.urls:
                parts = urlsplit(url)
                (third_party if parts.netloc and parts.hostname != "127.0.0.1" else own).append(url)
            sizes = {url: sent_size(site.url + url)[0] for url in own}
            css = sum(size for url, size in sizes.items() if url.endswith(".css"))

            with Nginx(site.port) as nginx:
                targets = {**PAGES, "static file (nginx)": static_path}
                statuses = {}
                for label, path in targets.items():
                    for _ in range(2):
                        request(nginx.url + path, headers=GZIP)
                    statuses[label] = request(nginx.url + path, headers=GZIP).headers.get(
                        "x-cache-status"
                    )
                runs = {label: load(nginx, nginx.url, path) for label, path in targets.items()}
                proxied = in_rounds(runs, args.rounds, "nginx")
                for label, path in targets.items():
                    proxied[label]["size"] = sent_size(nginx.url + path)[0]
                    proxied[label]["cache"] = statuses[label]
    finally:
        for path in (copy, copy.with_name(copy.name + ".gz")):
            path.unlink(missing_ok=True)
        if copy.parent.exists() and not any(copy.parent.iterdir()):
            copy.parent.rmdir()
        shutil.rmtree(work, ignore_errors=True)

    results = {"gunicorn": gunicorn, "nginx": proxied}
    return report(results, queries, faq_size, css, sizes, third_party)


def report(results, queries, faq_size, css, sizes, third_party):
    g, n = results["gunicorn"], results["nginx"]
    print()
    print("Through gunicorn (WhiteNoise for the static file):")
    print(table(g, "static file (WhiteNoise)"))
    print()
    print("Through nginx (pages from its cache, static file from disk):")
    print(table(n, "static file (nginx)"))
    print()
    page_size = faq_size + css
    print(
        f"FAQ page as sent: HTML {faq_size} B + CSS {css} B = {page_size / 1024:.1f} KB "
        f"compressed (all resources: {', '.join(f'{u} {s} B' for u, s in sizes.items())}); "
        f"third-party requests: {len(third_party)}"
    )
    static_g, static_n = g["static file (WhiteNoise)"]["rps"], n["static file (nginx)"]["rps"]
    cpu_g = g["static file (WhiteNoise)"]["cpu_ms"]
    cpu_n = n["static file (nginx)"]["cpu_ms"]
    checks = [
        (f"gunicorn, cached {label} ≥ 0.85 × static", g[label], static_g, cpu_g, 0.85)
        for label in PAGES
    ]
    checks += [
        (f"nginx cache, {label} ≥ 0.8 × static", n[label], static_n, cpu_n, 0.8) for label in PAGES
    ]
    checks.append(
        ("gunicorn, uncached FAQ ≥ 0.15 × static", g["FAQ page, uncached"], static_g, cpu_g, 0.15)
    )
    print()
    print("Targets (req/s ratio; in brackets the ratio by server CPU per request):")
    failed = 0
    for name, row, static_rps, static_cpu, target in checks:
        value, by_cpu = row["rps"] / static_rps, static_cpu / row["cpu_ms"]
        ok = value >= target
        failed += not ok
        print(f"{'ok  ' if ok else 'MISS'} {name}: {value:.2f} ({by_cpu:.2f})")
    worst = max(q["uncached_queries"] for q in queries.values())
    cached = max(q["cached_queries"] for q in queries.values())
    for name, ok in (
        (f"at most 3 queries uncached (most: {worst})", worst <= 3),
        (f"no query on a cache hit (most: {cached})", cached == 0),
        (f"FAQ HTML+CSS under 30 KB compressed ({page_size / 1024:.1f} KB)", page_size < 30720),
        (f"no third-party request ({len(third_party)})", not third_party),
        (
            "no failed request under load",
            all(r["non_2xx"] == 0 and not r["socket_errors"] for r in [*g.values(), *n.values()]),
        ),
    ):
        failed += not ok
        print(f"{'ok  ' if ok else 'MISS'} {name}")
    print(json.dumps(results))
    return failed


if __name__ == "__main__":
    # A missed target is reported (MISS), not an error: the figures are the result.
    main(sys.argv[1:])
