"""Run Lighthouse on the site as it is deployed, and print the four category scores.

Usage:
    python -m tests.tools.lighthouse       # home, a FAQ page and an article page, mobile
    python -m tests.tools.lighthouse --path /en/ways/ --path /zh-hans/law/social-insurance-law/
    make lighthouse                        # installs what is needed, then runs this

It builds a throw-away site in a temporary folder (migrate, loadcontent, the collected static
files of this checkout), serves it with gunicorn on a free loopback port with production
settings (DJANGO_ENV=production; DJANGO_SECURE_SSL_REDIRECT=false because there is no TLS
proxy in front), and runs Lighthouse from node_modules with Debian's Chromium
(CHROME_PATH=/usr/bin/chromium), mobile form factor and Lighthouse's default simulated
throttling. Reports are written to test-artifacts/lighthouse/. It exits with
status 1 when a page misses a target: 100 for accessibility, best practices and SEO, 95 for
performance; what Lighthouse flagged is listed under the scores.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PATHS = [
    "/zh-hans/",
    "/en/questions/check-balance/",
    "/zh-hans/law/social-insurance-law/article/74/",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CommandError(Exception):
    pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--path", action="append", dest="paths", help="A page to test (repeatable)."
    )
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    try:
        Command().handle(paths=args.paths, chrome=args.chrome)
    except CommandError as error:
        sys.exit(f"lighthouse: {error}")


class Command:
    stdout = stderr = None

    def __init__(self):
        self.stdout = _Out(sys.stdout)
        self.stderr = _Out(sys.stderr)

    def handle(self, *, paths, chrome):
        base = BASE_DIR
        cli = base / "node_modules" / "lighthouse" / "cli" / "index.js"
        node = shutil.which("node")
        if not cli.exists() or not node:
            raise CommandError("Lighthouse is missing: run `make lighthouse` (npm ci).")
        if not (base / "staticfiles" / "staticfiles.json").exists():
            raise CommandError("No collected static files: run `manage.py collectstatic`.")
        reports = base / "test-artifacts" / "lighthouse"
        reports.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as var:
            server = self.serve(base, Path(var))
            with server as url:
                results = [
                    self.audit(node, cli, chrome, url, path, reports) for path in paths or PATHS
                ]
        self.report(results)

    def serve(self, base, var):
        env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_VAR_DIR": str(var),
            "DATABASE_URL": f"sqlite:///{var}/db.sqlite3",
            "DJANGO_SETTINGS_MODULE": "guide_site.settings",
        }
        for command in (["migrate", "--noinput", "-v", "0"], ["loadcontent", "-v", "0"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=base, env=env, check=True)
        return _Server(base, env)

    def audit(self, node, cli, chrome, url, path, reports):
        name = path.strip("/").replace("/", "_") or "root"
        self.stderr.write(f"Lighthouse: {url}{path}")
        result = subprocess.run(
            [
                node,
                str(cli),
                f"{url}{path}",
                "--quiet",
                "--output=json",
                "--output=html",
                f"--output-path={reports / name}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": chrome},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise CommandError(f"Lighthouse failed on {path}:\n{result.stderr[-3000:]}")
        data = json.loads((reports / f"{name}.report.json").read_text())
        scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
        flagged = []
        for key in CATEGORIES:
            for ref in data["categories"][key]["auditRefs"]:
                audit = data["audits"][ref["id"]]
                if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                    value = audit.get("displayValue", "")
                    flagged.append(f"{key}: {audit['title']} {value}".strip())
        metrics = {
            metric: data["audits"][metric]["displayValue"]
            for metric in ("first-contentful-paint", "largest-contentful-paint")
        }
        return {"path": path, "scores": scores, "flagged": flagged, "metrics": metrics}

    def report(self, results):
        header = f"{'page':48}" + "".join(f"{key:>16}" for key in CATEGORIES)
        self.stdout.write(header)
        missed = []
        for result in results:
            row = f"{result['path']:48}" + "".join(
                f"{result['scores'][key]:>16}" for key in CATEGORIES
            )
            self.stdout.write(row)
            for key, target in TARGETS.items():
                if result["scores"][key] < target:
                    missed.append(f"{result['path']} {key} {result['scores'][key]} < {target}")
        for result in results:
            metrics = ", ".join(f"{k} {v}" for k, v in result["metrics"].items())
            self.stdout.write(f"{result['path']}: {metrics}")
            for line in result["flagged"]:
                self.stdout.write(f"  flagged: {line}")
        if missed:
            self.stderr.write("Targets missed:\n  " + "\n  ".join(missed))
            sys.exit(1)
        self.stdout.write("All targets met (performance ≥ 95, the other three 100).")


class _Out:
    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        print(text, file=self.stream, flush=True)


class _Server:
    """gunicorn with the production settings, for as long as the `with` block lasts."""

    def __init__(self, base, env):
        self.base, self.env = base, env

    def __enter__(self):
        port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "2", "guide_site.wsgi"],
            cwd=self.base,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/zh-hans/", timeout=2):
                    return url
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.process.terminate()
                    raise CommandError("gunicorn did not start") from None
                time.sleep(0.2)

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


if __name__ == "__main__":
    main()
