"""The finder, search and feedback, used with the keyboard alone in a real browser."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests import shipped
from tests.browser.pages import FAQ, FAQ_CAUTION
from tests.conftest import screenshot

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received focus by Tab")


def test_finder_by_keyboard(live_site, page):
    page.goto(f"{live_site.url}/en/finder/balance/")
    questions = shipped.finder_questions("balance")
    answers = {name: ("yes", "no")[n % 2] for n, name in enumerate(questions)}
    for name, value in answers.items():
        tab_to(page, f"input[name='{name}']")
        # Arrow keys move within a radio group; Space selects the focused radio.
        if value == "no":
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Space")
        assert page.is_checked(f"input[name='{name}'][value='{value}']")
    screenshot(page, "finder-form-en")
    tab_to(page, "#finder-submit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/finder/balance/result/\?"))
    # The answers given by keyboard are the ones sent, and ways that fit them are shown.
    assert dict(parse_qsl(urlsplit(page.url).query)) == answers
    assert page.locator("ol.fits > li").count() >= 1
    screenshot(page, "finder-result-en")
    # "Change your answers" brings them back.
    tab_to(page, "a[href^='/en/finder/balance/?']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/finder/balance/\?"))
    for name, value in answers.items():
        assert page.is_checked(f"input[name='{name}'][value='{value}']")


def test_finder_errors_take_focus_and_link_to_the_field(live_site, page):
    page.goto(f"{live_site.url}/zh-hans/finder/activation/")
    tab_to(page, "#finder-submit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/result/"))
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    screenshot(page, "finder-errors-zh-hans")
    tab_to(page, ".error-summary a")
    page.keyboard.press("Enter")
    first = shipped.finder_questions("activation")[0]
    assert page.evaluate("location.hash") == f"#id_{first}_0"


def test_search_by_keyboard(live_site, page):
    """A reader types a FAQ page's question into the search box and goes to the page."""
    question = shipped.question(FAQ_CAUTION)
    page.goto(f"{live_site.url}/zh-hans/")
    tab_to(page, "input[name='q']")
    page.keyboard.type(question)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zh-hans/search/\?q="))
    assert page.locator("ol.results a").first.inner_text() == question
    screenshot(page, "search-zh-hans")
    tab_to(page, "ol.results a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/questions/{FAQ_CAUTION}/"))


def test_feedback_by_keyboard(live_site, page):
    page.goto(f"{live_site.url}/en/questions/{FAQ}/")
    tab_to(page, "button[name='useful'][value='yes']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/feedback/thanks/"))
    assert "Thank you" in page.inner_text("h1")
    page.goto(f"{live_site.url}/en/questions/{FAQ}/")
    tab_to(page, "details.problem summary")
    page.keyboard.press("Enter")
    tab_to(page, "textarea[name='doing']")
    page.keyboard.type("Looking for the hotline number")
    tab_to(page, "textarea[name='wrong']")
    marker = f"Nothing wrong, seen at {page.viewport_name} width"
    page.keyboard.type(marker)
    tab_to(page, "#problem-submit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/feedback/thanks/"))
    stored = live_site.manage(
        "shell",
        "-c",
        "from channels.models import Feedback; "
        f"print(Feedback.objects.filter(kind='problem', wrong={marker!r}).count())",
    )
    assert stored.stdout.strip().splitlines()[-1] == "1"
