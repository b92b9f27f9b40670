"""Every page type, in both languages, at phone and desktop width, in the normal pages and
in the large-text mode (长辈版, /large/…): no axe-core violation at WCAG 2.2 AA (nor of
axe's best practices), headings in order, and a focus ring that can be seen on everything
a keyboard reaches. The large-text mode is held to what it promises on top: contrast of at
least 7:1 (axe's AAA rule), text one and a half times the normal size with a line height of
at least 1.5, touch targets of at least 44 px, one column, and no sideways scrolling."""

import pytest

from tests.browser.axe import describe, run_axe
from tests.browser.keyboard import focus_is_visible, focus_state
from tests.browser.pages import PAGE_IDS, PAGE_MODE_IDS, PAGES_BY_LANGUAGE, PAGES_BY_MODE

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# WCAG 2.2 AAA contrast (7:1, 4.5:1 for large type) is axe's "color-contrast-enhanced".
AAA_CONTRAST = ["wcag2aaa"]
# The body text of the normal pages, in CSS pixels (site.css: 1.0625rem on a phone,
# 1.125rem from 48rem up).
NORMAL_BODY_SIZE = {"phone": 17, "desktop": 18}
TARGET = 44


@pytest.mark.parametrize("page_type,language,mode", PAGES_BY_MODE, ids=PAGE_MODE_IDS)
def test_page_type_has_no_accessibility_violations(live_site, page, page_type, language, mode):
    response = page.goto(page_type.url(live_site.url, language, mode))
    assert response.status == page_type.status
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert_headings_in_order(page)
    if mode == "large":
        assert_large_text_mode(page)
        # The focus too, on the page already loaded (one load per page is the run's cost).
        assert_focus_visible_while_tabbing(page)


def assert_headings_in_order(page):
    """One h1, first; no level skipped on the way down (h2 → h4)."""
    levels = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "els => els.map(el => Number(el.tagName[1]))"
    )
    assert levels.count(1) == 1 and levels[0] == 1, levels
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not skips, f"a heading level is skipped: {skips}"


# Every visible element that holds text of its own: its font size and line height.
_TEXT_STYLES = """() => {
    const out = [];
    for (const el of document.querySelectorAll("main *, header *, footer *")) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || el.closest(".visually-hidden, [hidden]")) continue;
        const size = parseFloat(style.fontSize);
        const line = style.lineHeight === "normal" ? null : parseFloat(style.lineHeight) / size;
        out.push({tag: el.tagName.toLowerCase(), cls: el.className, size: size, line: line,
                  text: el.textContent.trim().slice(0, 40)});
    }
    return out;
}"""

# What a finger can touch: links, buttons, fields, summaries. A link inside running text
# (its block says more than the link) is exempt, as WCAG 2.5.5 exempts it.
_SMALL_TARGETS = """(target) => {
    const small = [];
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary";
    for (const el of document.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height || el.closest(".visually-hidden, .honeypot")) continue;
        if (el.classList.contains("skip-link")) continue;  // off screen until focused
        const block = el.closest("p, li, td, dd, dt, label, legend, h1, h2, h3, h4");
        const inline = block && block !== el && getComputedStyle(el).display === "inline"
            && block.textContent.trim().length > el.textContent.trim().length;
        if (inline) continue;
        if (box.width < target || box.height < target) {
            small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name).trim()
                .slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
        }
    }
    return small;
}"""

# Blocks of main content that stand beside one another (a second column).
_SIDE_BY_SIDE = """() => {
    const blocks = [...document.querySelectorAll("main p, main h2, main h3, main li, main dd")]
        .filter(el => el.getClientRects().length && el.textContent.trim().length > 20)
        .map(el => el.getBoundingClientRect());
    const pairs = [];
    for (let i = 0; i < blocks.length; i++) {
        for (let j = i + 1; j < blocks.length; j++) {
            const a = blocks[i], b = blocks[j];
            const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (overlapY > 4 && (a.right <= b.left || b.right <= a.left)) pairs.push([i, j]);
        }
    }
    return pairs.length;
}"""


def assert_large_text_mode(page):
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    contrast = run_axe(page, tags=AAA_CONTRAST)
    assert contrast == [], describe(contrast)
    normal = NORMAL_BODY_SIZE[page.viewport_name]
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body >= 1.5 * normal
    styles = page.evaluate(_TEXT_STYLES)
    # Nothing the reader reads is smaller than the normal pages' body text, and no line is
    # tighter than 1.5.
    too_small = [s for s in styles if s["size"] < normal]
    assert not too_small, too_small[:5]
    tight = [s for s in styles if s["line"] is not None and s["line"] < 1.495]
    assert not tight, tight[:5]
    small = page.evaluate(_SMALL_TARGETS, TARGET)
    assert not small, small[:10]
    assert page.evaluate(_SIDE_BY_SIDE) == 0, "main content stands in more than one column"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], "the page scrolls sideways"


@pytest.mark.parametrize("page_type,language", PAGES_BY_LANGUAGE, ids=PAGE_IDS)
def test_every_focusable_element_shows_its_focus(live_site, page, page_type, language):
    """Tab through the first stops of the page (all of it on short pages) and look at each.
    (The large-text mode is checked the same way in the test above.)"""
    page.goto(page_type.url(live_site.url, language))
    assert_focus_visible_while_tabbing(page)


def assert_focus_visible_while_tabbing(page):
    page.evaluate("window.scrollTo(0, 0); document.activeElement?.blur()")
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state is None:  # past the last element, back to the document
            break
        assert focus_is_visible(state), f"no visible focus on {state}"
        seen += 1
    assert seen >= 5
