"""A FAQ page on paper: no navigation, the address written out after each link (in full,
so it can be typed in), A4, a few pages."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.pages import CITED_ANCHOR, CITED_LAW, FAQ

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

A4_POINTS = (595.3, 841.9)  # 210 × 297 mm


@pytest.fixture
def printed_faq(live_site, browser):
    # PDF output is the same whatever the window; print from one desktop-sized page.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_faq_page_prints_without_navigation_and_with_link_addresses(
    live_site, printed_faq, language
):
    page = printed_faq
    page.goto(f"{live_site.url}/{language}/questions/{FAQ}/")
    site_name = page.inner_text(".site-name")
    # Navigation labels that appear nowhere else on the page ("What to bring" is also a
    # heading in the steps): none of them may reach the paper.
    body = page.inner_text("body")
    nav_labels = [
        label
        for label in page.eval_on_selector_all(".site-nav a", "els => els.map(el => el.innerText)")
        if body.count(label) == 1
    ]
    assert nav_labels

    page.emulate_media(media="print")
    for selector in (".site-header", ".site-nav", ".breadcrumbs", ".skip-link"):
        assert page.locator(selector).evaluate("el => getComputedStyle(el).display") == "none"
    citation = page.locator(f"#legal-basis a.citation[href$='#{CITED_ANCHOR}']")
    law_url = f"{live_site.url}/{language}/law/{CITED_LAW}/#{CITED_ANCHOR}"
    after = citation.evaluate("el => getComputedStyle(el, '::after').content")
    assert law_url in after, "the full address is written after the link"

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    # However long editors make the page, the paper is full: no page left nearly empty by a
    # block that breaks badly or by space the screen layout keeps (about 1,400 characters
    # fill an A4 page here; the last page may be short).
    filled = [len(re.sub(r"\s+", "", sheet.extract_text())) for sheet in pdf.pages[:-1]]
    assert all(characters > 600 for characters in filled), filled
    for sheet in pdf.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, (width, height)
    text = "\n".join(sheet.extract_text() for sheet in pdf.pages)
    # Long addresses wrap anywhere on paper; compare without the line breaks.
    flat = re.sub(r"\s+", "", text)
    assert law_url in flat
    assert f"{live_site.url}/{language}/questions/{FAQ}/" in flat, "the page's address"
    assert site_name not in text
    for label in nav_labels:
        assert label not in text, f"navigation printed: {label}"
