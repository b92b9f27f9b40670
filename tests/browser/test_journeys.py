"""Real-browser journeys in Debian's Chromium against the site served by gunicorn: by
mouse, by keyboard alone, with JavaScript off, and an editor's round trip through the admin.
Every journey runs at phone and desktop width (the `page` fixtures)."""

import re

import pytest

from tests import shipped
from tests.browser.axe import describe, run_axe
from tests.browser.keyboard import assert_focus_visible, press, skip_to_main, tab_to
from tests.browser.pages import (
    ARTICLES,
    CITED_ANCHOR,
    CITED_ARTICLE,
    CITED_LAW,
    FAQ,
    FAQ_CAUTION,
    ITEM_ANCHOR,
    ITEM_LAW,
)
from tests.conftest import screenshot

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LANGUAGES = ["zh-hans", "en"]


@pytest.mark.parametrize("start,other", [("en", "zh-hans"), ("zh-hans", "en")])
def test_language_switch_keeps_the_page_and_the_anchor(live_site, page, start, other):
    page.goto(f"{live_site.url}/{start}/law/{ITEM_LAW}/#{ITEM_ANCHOR}")
    page.click("a.language-switch")
    page.wait_for_url(re.compile(rf"/{other}/law/{ITEM_LAW}/#{ITEM_ANCHOR}$"))
    assert page.evaluate("document.documentElement.lang") == ("en" if other == "en" else "zh-Hans")
    # The same provision is the target in the other language too.
    assert page.evaluate("document.querySelector(':target').id") == ITEM_ANCHOR


def test_language_switch_without_an_anchor_keeps_the_page(live_site, page):
    page.goto(f"{live_site.url}/en/questions/{FAQ_CAUTION}/")
    page.click("a.language-switch")
    page.wait_for_url(f"{live_site.url}/zh-hans/questions/{FAQ_CAUTION}/")
    assert page.inner_text("h1").strip() == shipped.question(FAQ_CAUTION)


def assert_lands_on_highlighted_target(page, anchor):
    target = page.locator(f"#{anchor}")
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == anchor
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"], "the target is scrolled into view"
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the target is highlighted"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_to_faq_to_the_law_lands_on_the_highlighted_article(live_site, page, language):
    page.goto(f"{live_site.url}/{language}/")
    page.click(f"a[href$='/questions/{FAQ}/']")
    page.wait_for_url(re.compile(rf"/questions/{FAQ}/$"))
    page.click(f"#legal-basis a.citation[href$='#{CITED_ANCHOR}']")
    page.wait_for_url(re.compile(rf"/law/{CITED_LAW}/#{CITED_ANCHOR}$"))
    assert_lands_on_highlighted_target(page, CITED_ANCHOR)
    # The highlight keeps the text readable.
    violations = run_axe(page)
    assert violations == [], describe(violations)
    screenshot(page, f"law-target-{language}", full_page=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_alone_home_to_faq_to_the_law(live_site, page, language):
    page.goto(f"{live_site.url}/{language}/")
    skip_to_main(page)
    # The first Tab after the skip link stays in the main content.
    state = tab_to(page, f"main a[href$='/questions/{FAQ}/']", limit=10)
    assert state["href"].endswith(f"/questions/{FAQ}/")
    press(page, "Enter")
    page.wait_for_url(re.compile(rf"/questions/{FAQ}/$"))
    tab_to(page, f"#legal-basis a.citation[href$='#{CITED_ANCHOR}']")
    screenshot(page, f"keyboard-focus-{language}", full_page=False)
    press(page, "Enter")
    page.wait_for_url(re.compile(rf"/law/{CITED_LAW}/#{CITED_ANCHOR}$"))
    assert_lands_on_highlighted_target(page, CITED_ANCHOR)
    # Back in the header, the language switch is reachable and keeps the place: by Shift+Tab
    # from an article in the first half of the law, by Tab (round the end) from the others.
    tab_to(page, "a.language-switch", limit=250, backwards=CITED_ARTICLE <= ARTICLES // 2)
    assert_focus_visible(page)
    press(page, "Enter")
    other = "en" if language == "zh-hans" else "zh-hans"
    page.wait_for_url(re.compile(rf"/{other}/law/{CITED_LAW}/#{CITED_ANCHOR}$"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_main_journey_works_with_javascript_off(live_site, no_js_page, language):
    page = no_js_page
    page.goto(f"{live_site.url}/{language}/")
    # The test can still look into the page; the page's own script did not run.
    assert page.locator("main a[data-print-href]").count() == 0
    page.click(f"a[href$='/questions/{FAQ}/']")
    page.wait_for_url(re.compile(rf"/questions/{FAQ}/$"))
    assert page.locator("#short-answer").is_visible()
    assert page.locator("#ways li.step").count() == len(shipped.steps(FAQ))
    page.click(f"#legal-basis a.citation[href$='#{CITED_ANCHOR}']")
    page.wait_for_url(re.compile(rf"/law/{CITED_LAW}/#{CITED_ANCHOR}$"))
    assert_lands_on_highlighted_target(page, CITED_ANCHOR)
    # Without the script the language switch still keeps the page (the anchor needs the
    # script: a fragment never reaches the server).
    page.click("a.language-switch")
    other = "en" if language == "zh-hans" else "zh-hans"
    page.wait_for_url(f"{live_site.url}/{other}/law/{CITED_LAW}/")
    screenshot(page, f"no-javascript-{other}", full_page=False)


def test_an_editor_changes_a_channel_in_the_admin_and_sees_it_on_the_site(
    live_site, live_editor, page, browser
):
    """The channel the home page offers first (the hotline), edited in both languages; a
    reader in another browser context sees the change on the ways page and the home page at
    once. The editor then puts the old text back, as other tests read the shipped content."""
    slug, name = shipped.hotline()
    texts = {
        "en": f"Edited in the admin at {page.viewport_name} width: dial, then 1.",
        "zh_hans": f"在管理后台修改（{page.viewport_name}）：拨号后按1。",
    }
    page.goto(live_site.admin_url)
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", live_editor.username)
    page.fill("#id_password", live_editor.password)
    page.click("input[type=submit]")
    page.wait_for_url(live_site.admin_url)
    page.click("a[href$='/admin/channels/channel/']")
    page.locator("#result_list a", has_text=name).first.click()
    page.wait_for_url(re.compile(r"/admin/channels/channel/\d+/change/$"))
    change_url = page.url
    shipped_texts = {field: page.input_value(f"#id_summary_{field}") for field in texts}
    try:
        for field, text in texts.items():
            page.fill(f"#id_summary_{field}", text)
        screenshot(page, "admin-channel-form")
        page.click("input[name=_save]")
        page.wait_for_url(re.compile(r"/admin/channels/channel/$"))
        page.locator(".messagelist .success").wait_for(state="visible")

        # The change is on the public site at once, in each language.
        reader = browser.new_context(viewport=page.viewport_size)
        try:
            public = reader.new_page()
            public.viewport_name = page.viewport_name
            public.goto(f"{live_site.url}/en/ways/#channel-{slug}")
            assert texts["en"] in public.inner_text("main")
            public.goto(f"{live_site.url}/zh-hans/")
            assert texts["zh_hans"] in public.inner_text(".quick-answer")
            screenshot(public, "after-editing-home-zh-hans", full_page=False)
        finally:
            reader.close()
    finally:
        page.goto(change_url)
        for field, text in shipped_texts.items():
            page.fill(f"#id_summary_{field}", text)
        page.click("input[name=_save]")
        page.wait_for_url(re.compile(r"/admin/channels/channel/$"))
