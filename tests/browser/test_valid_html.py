"""Every page type, as the server sends it, passes the W3C Nu HTML Checker (vnu-jar from
npm, run with Java) without errors or warnings; so do the stylesheets."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.pages import PAGE_MODE_IDS, PAGES_BY_MODE

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BASE_DIR = Path(__file__).resolve().parents[2]
VNU = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STYLESHEETS = sorted((BASE_DIR / "static" / "css").glob("*.css"))


def vnu(*args):
    """The checker's messages, by file name. One Java start for all files: it is slow."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (make test installs it)"
    assert VNU.exists(), f"{VNU} is missing: run `npm ci --ignore-scripts` (make test does)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr)
    messages = {}
    for message in report["messages"]:
        name = Path(message.get("url", "?")).name
        messages.setdefault(name, []).append(message)
    return messages


def fetch(url):
    """The page exactly as the server sends it (error pages too)."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


# A page and a stylesheet with mistakes, checked with the site's own: the checker is really
# looking.
BAD_HTML = "<!doctype html><html lang=en><p>text</div>"  # a stray end tag, and no title
BAD_CSS = "p { colr: red; }\n"  # no such property


@pytest.fixture(scope="module")
def checked(live_site, tmp_path_factory):
    """The checker's messages for every page type in both languages and both text sizes as
    the server sends them, the site's stylesheets, and a bad page and stylesheet: one Java
    start for all."""
    folder = tmp_path_factory.mktemp("html")
    files = []
    for page_type, language, mode in PAGES_BY_MODE:
        path = folder / f"{page_type.name}-{language}-{mode}.html"
        path.write_bytes(fetch(page_type.url(live_site.url, language, mode)))
        files.append(path)
    (folder / "bad.html").write_text(BAD_HTML)
    (folder / "bad.css").write_text(BAD_CSS)
    return vnu("--also-check-css", *files, *STYLESHEETS, folder / "bad.html", folder / "bad.css")


def problems(messages):
    # "info" messages are notes, not findings; errors, fatal errors and warnings count.
    return [
        f"{m.get('lastLine')}:{m.get('firstColumn')} {m['type']}: {m['message']} "
        f"[{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]


@pytest.mark.parametrize("page_type,language,mode", PAGES_BY_MODE, ids=PAGE_MODE_IDS)
def test_page_type_is_valid_html(checked, page_type, language, mode):
    found = problems(checked.get(f"{page_type.name}-{language}-{mode}.html", []))
    assert found == [], "\n".join(found)


def test_stylesheets_are_valid_css(checked):
    assert STYLESHEETS
    found = {sheet.name: problems(checked.get(sheet.name, [])) for sheet in STYLESHEETS}
    assert not any(found.values()), found


def test_the_checker_finds_errors(checked):
    """The checker is really looking: a page with a stray end tag and no title fails, and
    so does a stylesheet with a property that does not exist."""
    assert any("Stray end tag" in line for line in problems(checked["bad.html"]))
    assert any("colr" in line for line in problems(checked["bad.css"]))
