"""Keyboard-only journeys: move with Tab, act with Enter or Space, type into fields, and
check at every stop that the reader can see where the focus is.

Written to be reused by any journey (the channel finder, search, the feedback form):

    skip_to_main(page)
    tab_to(page, "a[href$='/questions/check-balance/']")
    press(page, "Enter")
    tab_to(page, "input[name='q']"); type_text(page, "balance")
"""

# What the page says about the element that has the focus, and whether the focus can be
# seen: an outline at least 2px wide, a box shadow, or a background that differs from the
# element's own when it is not focused (the site's links turn yellow).
_FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: (el.innerText || el.value || "").trim().slice(0, 80),
        href: el.getAttribute("href"),
        outline: outline,
        shadow: Boolean(shadow),
        background: style.backgroundColor,
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
        selector_match: null,
    };
}"""


def focus_state(page, selector=None):
    state = page.evaluate(_FOCUS_STATE)
    if state is not None and selector:
        state["selector_match"] = page.evaluate(
            "(selector) => document.activeElement.matches(selector)", selector
        )
    return state


def focus_is_visible(state):
    """Can a sighted keyboard user see which element has the focus?"""
    return bool(state and state["visible"] and (state["outline"] or state["shadow"]))


def assert_focus_visible(page):
    state = focus_state(page)
    assert focus_is_visible(state), f"the focused element shows no focus indicator: {state}"
    return state


def tab_to(page, selector, limit=150, backwards=False):
    """Press Tab (Shift+Tab backwards) until the focused element matches ``selector``,
    checking on the way that every element that takes the focus shows it. Fails, listing
    the stops, when the element cannot be reached within ``limit`` presses."""
    key = "Shift+Tab" if backwards else "Tab"
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        state = focus_state(page, selector)
        if state is None:
            stops.append("<body>")
            continue
        assert focus_is_visible(state), f"focus indicator missing on {state}"
        stops.append(state["href"] or state["text"] or state["tag"])
        if state["selector_match"]:
            return state
    raise AssertionError(f"{selector!r} not reached by keyboard in {limit} presses: {stops}")


def press(page, key="Enter"):
    page.keyboard.press(key)


def type_text(page, text):
    """Type into the focused field, key by key, as a person does."""
    page.keyboard.type(text)


def skip_to_main(page):
    """The first Tab on a page reaches the skip link, which is then visible; Enter moves the
    focus to the main content, so the next Tab starts there."""
    state = tab_to(page, "a.skip-link", limit=1)
    assert state["visible"], "the skip link appears when it has the focus"
    press(page, "Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    return state
