"""Cite this provision, in a browser: on an article's page each citation has a Copy button
that puts exactly that citation on the clipboard; without JavaScript the citations are
there and no button is."""

import pytest

from tests.browser.pages import CITED_ARTICLE, CITED_LAW
from tests.conftest import open_page

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def clipboard_tab(browser, live_site):
    page = open_page(browser, "desktop")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_site.url)
    yield page
    page.context.close()


@pytest.mark.parametrize(
    "language,copy,copied", [("zh-hans", "复制", "已复制"), ("en", "Copy", "Copied")]
)
def test_copy_button_copies_its_citation(live_site, clipboard_tab, language, copy, copied):
    page = clipboard_tab
    page.goto(f"{live_site.url}/{language}/law/{CITED_LAW}/article/{CITED_ARTICLE}/")
    citations = page.locator("[data-copy-citations] .cite-text")
    buttons = page.locator("[data-copy-citations] .copy-citation")
    assert citations.count() >= 4  # the article and a paragraph, in two languages
    assert buttons.count() == citations.count()
    # The English citation of the article's first paragraph.
    english = page.locator(f"#article-{CITED_ARTICLE}-1 .cite-text[lang=en]")
    expected = english.inner_text()
    assert expected.endswith(f"Art. {CITED_ARTICLE}(1)")
    button = page.locator(f"#article-{CITED_ARTICLE}-1 .cite-text[lang=en] + .copy-citation")
    assert button.locator(".copy-word").inner_text() == copy
    button.click()
    words = "[...document.querySelectorAll('.copy-word')]"
    page.wait_for_function(f"(label) => {words}.some(w => w.textContent === label)", arg=copied)
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert button.locator(".copy-word").inner_text() == copied
    # Its name says what it copies.
    assert button.text_content() == f"{copied} {expected}"


def test_without_javascript_citations_and_no_buttons(live_site, reader_tabs):
    page = reader_tabs("phone", javascript=False)
    page.goto(f"{live_site.url}/en/law/{CITED_LAW}/article/{CITED_ARTICLE}/")
    assert page.locator(".cite-text").count() >= 4
    assert page.locator(".copy-citation").count() == 0
