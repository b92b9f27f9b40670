"""Every page type, in both languages, at phone and desktop width: no axe-core violation at
WCAG 2.2 AA (nor of axe's best practices), headings in order, and a focus ring that can be
seen on everything a keyboard reaches."""

import pytest

from tests.browser.axe import describe, run_axe
from tests.browser.keyboard import focus_is_visible, focus_state
from tests.browser.pages import PAGE_IDS, PAGES_BY_LANGUAGE

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize("page_type,language", PAGES_BY_LANGUAGE, ids=PAGE_IDS)
def test_page_type_has_no_accessibility_violations(live_site, page, page_type, language):
    response = page.goto(page_type.url(live_site.url, language))
    assert response.status == page_type.status
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert_headings_in_order(page)


def assert_headings_in_order(page):
    """One h1, first; no level skipped on the way down (h2 → h4)."""
    levels = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "els => els.map(el => Number(el.tagName[1]))"
    )
    assert levels.count(1) == 1 and levels[0] == 1, levels
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not skips, f"a heading level is skipped: {skips}"


@pytest.mark.parametrize("page_type,language", PAGES_BY_LANGUAGE, ids=PAGE_IDS)
def test_every_focusable_element_shows_its_focus(live_site, page, page_type, language):
    """Tab through the first stops of the page (all of it on short pages) and look at each."""
    page.goto(page_type.url(live_site.url, language))
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state is None:  # past the last element, back to the document
            break
        assert focus_is_visible(state), f"no visible focus on {state}"
        seen += 1
    assert seen >= 5
