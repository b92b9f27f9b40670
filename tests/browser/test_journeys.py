"""Real-browser journeys in Debian's Chromium against the site served by gunicorn."""

import re

import pytest

from tests.conftest import screenshot


@pytest.mark.parametrize("start,other", [("en", "zh-hans"), ("zh-hans", "en")])
def test_language_switch_keeps_the_page_and_the_anchor(live_site, page, start, other):
    page.goto(f"{live_site.url}/{start}/law/social-insurance-law/#article-30-1-4")
    page.click("a.language-switch")
    page.wait_for_url(re.compile(rf"/{other}/law/social-insurance-law/#article-30-1-4$"))
    assert page.evaluate("document.documentElement.lang") == ("en" if other == "en" else "zh-Hans")
    # The same provision is the target in the other language too.
    assert page.evaluate("document.querySelector(':target').id") == "article-30-1-4"


def test_language_switch_without_an_anchor_keeps_the_page(live_site, page):
    page.goto(f"{live_site.url}/en/questions/activate-card/")
    page.click("a.language-switch")
    page.wait_for_url(f"{live_site.url}/zh-hans/questions/activate-card/")
    assert "激活" in page.inner_text("h1")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_home_to_faq_to_the_law_lands_on_the_highlighted_article(live_site, page, language):
    page.goto(f"{live_site.url}/{language}/")
    screenshot(page, f"home-{language}")
    page.click("a[href$='/questions/check-balance/']")
    page.wait_for_url(re.compile(r"/questions/check-balance/$"))
    screenshot(page, f"faq-{language}")
    page.click("#legal-basis a.citation[href$='#article-74-4']")
    page.wait_for_url(re.compile(r"/law/social-insurance-law/#article-74-4$"))
    target = page.locator("#article-74-4")
    assert target.is_visible()
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"], "the target is scrolled into view"
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the target is highlighted"
    screenshot(page, f"law-target-{language}", full_page=False)
