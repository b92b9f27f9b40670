"""Every page type as a reader's browser shows it, in both languages, at phone and desktop
width: nothing refused by the Content Security Policy, no script error, no missing file,
nothing wider than the screen. A screenshot of each is kept in test-artifacts/."""

import pytest

from tests.browser.pages import PAGE_IDS, PAGES_BY_LANGUAGE
from tests.conftest import screenshot

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def watch(page):
    """``watch(expected_status)``: collect what goes wrong while the page loads: console
    errors (CSP refusals are reported there, see tests/conftest.py), uncaught exceptions,
    and requests that fail or answer 4xx/5xx. A page type that is meant to be an error page
    (the 404) may say so for itself. The listeners go when the test ends: the tab is
    shared."""
    problems = []
    expected = []

    def on_console(message):
        if message.type != "error":
            return
        own_status = message.location.get("url") == page.url and expected[0] >= 400
        if own_status and "Failed to load resource" in message.text:
            return
        problems.append(f"console: {message.text} ({message.location.get('url')})")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status}: {response.url}")

    listeners = {
        "console": on_console,
        "pageerror": lambda error: problems.append(f"exception: {error}"),
        "requestfailed": lambda request: problems.append(f"failed: {request.url}"),
        "response": on_response,
    }
    for event, listener in listeners.items():
        page.on(event, listener)

    def start(expected_status):
        expected.append(expected_status)
        return problems

    yield start
    for event, listener in listeners.items():
        page.remove_listener(event, listener)


@pytest.mark.parametrize("page_type,language", PAGES_BY_LANGUAGE, ids=PAGE_IDS)
def test_page_type_renders_cleanly(live_site, page, watch, page_type, language):
    problems = watch(page_type.status)
    response = page.goto(page_type.url(live_site.url, language))
    assert response.status == page_type.status
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], "the page scrolls sideways"
    # The stylesheet and the script arrived and did their work.
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("el => getComputedStyle(el).position") == "absolute"
    # site.js marks every site link in <main> for print (the footer's feedback link
    # counts where a page's main holds only a form).
    links = page.locator("main a[href^='/']").count()
    assert page.locator("main a[data-print-href]").count() == links, "site.js ran"
    assert page.evaluate("document.documentElement.classList.contains('js')"), "site.js ran"
    screenshot(page, f"{page_type.name}-{language}")
    assert problems == []
