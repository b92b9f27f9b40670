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
throttling. Reports are written to test-artifacts/lighthouse/. It exits with status 1 when
a page misses a target: 100 for accessibility, best practices and SEO, 95 for performance;
what Lighthouse flagged is listed under the scores.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.tools.servers import BASE_DIR, Gunicorn, prepare_site, site_env

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
CLI = BASE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = BASE_DIR / "test-artifacts" / "lighthouse"


def audit(node, chrome, url, path):
    """Lighthouse's scores for one page, what it flagged, and two paint timings."""
    name = path.strip("/").replace("/", "_") or "root"
    print(f"Lighthouse: {url}{path}", file=sys.stderr, flush=True)
    result = subprocess.run(
        [
            node,
            str(CLI),
            f"{url}{path}",
            "--quiet",
            "--output=json",
            "--output=html",
            f"--output-path={REPORTS / name}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": chrome},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        sys.exit(f"Lighthouse failed on {path}:\n{result.stderr[-3000:]}")
    data = json.loads((REPORTS / f"{name}.report.json").read_text())
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    flagged = []
    for key in CATEGORIES:
        for ref in data["categories"][key]["auditRefs"]:
            found = data["audits"][ref["id"]]
            if ref["weight"] > 0 and found["score"] is not None and found["score"] < 1:
                value = found.get("displayValue", "")
                flagged.append(f"{key}: {found['title']} {value}".strip())
    metrics = {
        metric: data["audits"][metric]["displayValue"]
        for metric in ("first-contentful-paint", "largest-contentful-paint")
    }
    return {"path": path, "scores": scores, "flagged": flagged, "metrics": metrics}


def report(results):
    """Print the scores; the targets missed, if any."""
    print(f"{'page':48}" + "".join(f"{key:>16}" for key in CATEGORIES))
    missed = []
    for result in results:
        print(f"{result['path']:48}" + "".join(f"{result['scores'][k]:>16}" for k in CATEGORIES))
        for key, target in TARGETS.items():
            if result["scores"][key] < target:
                missed.append(f"{result['path']} {key} {result['scores'][key]} < {target}")
    for result in results:
        metrics = ", ".join(f"{k} {v}" for k, v in result["metrics"].items())
        print(f"{result['path']}: {metrics}")
        for line in result["flagged"]:
            print(f"  flagged: {line}")
    return missed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", action="append", dest="paths", help="a page (repeatable)")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    node = shutil.which("node")
    if not CLI.exists() or not node:
        sys.exit("Lighthouse is missing: run `make lighthouse` (npm ci).")
    if not (BASE_DIR / "staticfiles" / "staticfiles.json").exists():
        sys.exit("No collected static files: run `manage.py collectstatic`.")
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as var:
        env = site_env(var, production=True)
        prepare_site(env)
        with Gunicorn(env, workers=2, log=Path(var) / "gunicorn.log") as site:
            results = [audit(node, args.chrome, site.url, path) for path in args.paths or PATHS]
    missed = report(results)
    if missed:
        print("Targets missed:\n  " + "\n  ".join(missed), file=sys.stderr)
        return 1
    print("All targets met (performance ≥ 95, the other three 100).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
