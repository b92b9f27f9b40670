"""Every page type, as the server sends it, passes the W3C Nu HTML Checker (vnu-jar from
npm, run with Java) without errors or warnings; so do the stylesheets."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.pages import PAGE_IDS, PAGES_BY_LANGUAGE

BASE_DIR = Path(__file__).resolve().parents[2]
VNU = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


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


@pytest.fixture(scope="module")
def checked_pages(live_site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    files = []
    for page_type, language in PAGES_BY_LANGUAGE:
        path = folder / f"{page_type.name}-{language}.html"
        path.write_bytes(fetch(page_type.url(live_site.url, language)))
        files.append(path)
    return vnu(*files)


def problems(messages):
    # "info" messages are notes, not findings; errors, fatal errors and warnings count.
    return [
        f"{m.get('lastLine')}:{m.get('firstColumn')} {m['type']}: {m['message']} "
        f"[{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]


@pytest.mark.parametrize("page_type,language", PAGES_BY_LANGUAGE, ids=PAGE_IDS)
def test_page_type_is_valid_html(checked_pages, page_type, language):
    found = problems(checked_pages.get(f"{page_type.name}-{language}.html", []))
    assert found == [], "\n".join(found)


def test_stylesheets_are_valid_css():
    sheets = sorted((BASE_DIR / "static" / "css").glob("*.css"))
    assert sheets
    found = {name: problems(messages) for name, messages in vnu("--css", *sheets).items()}
    assert not any(found.values()), found


def test_the_checker_finds_errors(tmp_path):
    """The checker is really looking: a page with a stray end tag and no title fails."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=en><p>text</div>")
    assert problems(vnu(bad)["bad.html"])
