"""Read aloud (朗读): shown only where the browser can speak, it reads the main content in
the page's language, and pauses, resumes and stops.

Chromium has speechSynthesis, but a test machine has no voice to hear, and without one
an utterance may end at once. So the test wraps the browser's speak(), pause(), resume() and
cancel() (never the page's code) to record what the page asked for; the page's buttons are
then checked against what the browser was told."""

import pytest

from tests.browser.pages import FAQ
from tests.conftest import open_page

# One worker runs every browser test: one site under gunicorn, one Chromium, one Java start.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Records every call the page makes to speech synthesis, in window.__speech; speak() keeps
# the utterance in a queue (as a browser with a voice does) without sounding it.
RECORD_SPEECH = """
(() => {
    const calls = window.__speech = [];
    const synth = window.speechSynthesis;
    synth.speak = (u) => calls.push({call: "speak", text: u.text, lang: u.lang});
    for (const name of ["pause", "resume", "cancel"]) {
        synth[name] = () => calls.push({call: name});
    }
})();
"""
NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined});"


@pytest.fixture
def tab(browser):
    """A tab of its own: the init scripts below must not reach the shared tabs."""
    pages = []

    def make(script=None, javascript=True):
        page = open_page(browser, "phone", java_script_enabled=javascript)
        if script:
            page.context.add_init_script(script)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.context.close()


def calls(page):
    return page.evaluate("window.__speech")


def buttons(page):
    """Which of the three buttons are shown, and the middle one's label."""
    return page.evaluate(
        """() => {
            const bar = document.querySelector("[data-read-aloud]");
            const shown = (sel) => !bar.hidden && bar.querySelector(sel).offsetParent !== null;
            return {read: shown("[data-read]"), pause: shown("[data-pause]"),
                    stop: shown("[data-stop]"),
                    pauseLabel: bar.querySelector("[data-pause]").textContent.trim()};
        }"""
    )


@pytest.mark.parametrize(
    "language,speech_lang,labels",
    [
        ("zh-hans", "zh-CN", ("朗读", "暂停", "继续", "停止")),
        ("en", "en-GB", ("Read aloud", "Pause", "Resume", "Stop")),
    ],
)
def test_reads_the_main_content_in_the_page_language_with_pause_and_stop(
    live_site, tab, language, speech_lang, labels
):
    page = tab(RECORD_SPEECH)
    page.goto(f"{live_site.url}/{language}/questions/{FAQ}/")
    read, pause, resume, stop = labels
    assert buttons(page) == {"read": True, "pause": False, "stop": False, "pauseLabel": pause}
    page.get_by_role("button", name=read).click()

    spoken = [c for c in calls(page) if c["call"] == "speak"]
    assert {c["lang"] for c in spoken} == {speech_lang}
    text = " ".join(c["text"] for c in spoken)
    # The main content, in order, and nothing from outside <main> or the buttons.
    heading = page.inner_text("main h1").strip()
    assert spoken[0]["text"] == heading
    short_answer = page.inner_text(".short-answer p").strip()
    assert short_answer in text
    assert text.index(heading) < text.index(short_answer)
    footer = page.inner_text(".help-fraud").strip()
    assert footer[:20] not in text
    assert read not in text
    # Pause, resume, stop: the browser is told, and the buttons follow.
    assert buttons(page) == {"read": False, "pause": True, "stop": True, "pauseLabel": pause}
    assert page.evaluate("document.activeElement.hasAttribute('data-pause')")
    page.get_by_role("button", name=pause).click()
    assert calls(page)[-1] == {"call": "pause"}
    assert buttons(page)["pauseLabel"] == resume
    page.get_by_role("button", name=resume).click()
    assert calls(page)[-1] == {"call": "resume"}
    assert buttons(page)["pauseLabel"] == pause
    page.get_by_role("button", name=stop).click()
    assert calls(page)[-1] == {"call": "cancel"}
    assert buttons(page) == {"read": True, "pause": False, "stop": False, "pauseLabel": pause}
    assert page.evaluate("document.activeElement.hasAttribute('data-read')")


def test_hidden_where_the_browser_cannot_speak(live_site, tab):
    page = tab(NO_SPEECH)
    page.goto(f"{live_site.url}/en/")
    assert page.evaluate("document.documentElement.classList.contains('js')"), "site.js ran"
    assert page.locator("[data-read-aloud]").is_hidden()


def test_hidden_without_javascript(live_site, tab):
    page = tab(javascript=False)
    page.goto(f"{live_site.url}/zh-hans/")
    assert page.locator("[data-read-aloud]").count() == 1
    assert page.locator("[data-read-aloud]").is_hidden()
