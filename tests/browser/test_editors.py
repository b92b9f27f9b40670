"""Editors in a real browser: their work survives a restart done the way `make serve` does
it, the admin fits a 900 px screen, and a long address they type wraps on a phone."""

import re

import pytest

from tests import shipped
from tests.conftest import open_page, screenshot
from tests.tools.servers import Gunicorn

pytestmark = [pytest.mark.browser, pytest.mark.services]

EDITOR = ("wang-editor", "a-long-editor-pass-phrase")


@pytest.fixture(scope="module")
def content_editor(live_site):
    """An editor made with the documented command."""
    live_site.manage(
        "createeditor",
        EDITOR[0],
        "--noinput",
        env={**live_site.env, "DJANGO_EDITOR_PASSWORD": EDITOR[1]},
    )
    return EDITOR


def sign_in(page, live_site, editor):
    page.goto(live_site.admin_url)
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", editor[0])
    page.fill("#id_password", editor[1])
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert page.url == live_site.admin_url, page.inner_text("body")[:500]


def test_an_edit_survives_a_restart_with_its_history(live_site, content_editor, browser):
    page = open_page(browser, "desktop")
    text = "Edited before a restart: dial 12333, then press 1."
    try:
        sign_in(page, live_site, content_editor)
        slug, name = shipped.hotline()
        page.goto(f"{live_site.admin_url}channels/channel/?q={slug}")
        page.locator("#result_list a", has_text=name).first.click()
        page.wait_for_url(re.compile(r"/admin/channels/channel/\d+/change/"))
        change_url = page.url.split("?")[0]
        page.fill("#id_summary_en", text)
        page.click("input[name=_save]")
        # The changelist the save leads to, once loaded (is_visible does not wait).
        page.locator(".messagelist .success").wait_for(state="visible")

        # Restart as `make serve` does: migrate, load the fixtures, start gunicorn again.
        live_site.manage("migrate", "--noinput")
        output = live_site.manage("loadcontent").stdout
        assert "kept as editors changed them" in output
        with Gunicorn(live_site.env, workers=1) as restarted:
            public = page.context.browser.new_page()
            public.goto(f"{restarted.url}/en/ways/#channel-{slug}")
            assert text in public.inner_text("main")
            public.close()
        page.goto(change_url.replace("/change/", "/history/"))
        rows = page.locator("#change-history tbody tr")
        assert content_editor[0] in rows.first.inner_text()
        screenshot(page, "admin-history-after-restart")
    finally:
        page.context.close()
        live_site.manage("loadcontent", "--overwrite", "--user", content_editor[0], "--yes")


@pytest.mark.parametrize(
    "path",
    [
        "channels/faqpage/{faq}/change/",
        "channels/channel/{channel}/change/",
        "channels/finderquestion/{question}/change/",
    ],
)
def test_the_admin_fits_a_900_px_screen(live_site, content_editor, browser, path):
    page = browser.new_page(viewport={"width": 900, "height": 900})
    page.viewport_name = "900"
    try:
        sign_in(page, live_site, content_editor)
        ids = {
            "faq": _first_id(page, live_site, "channels/faqpage/"),
            "channel": _first_id(page, live_site, "channels/channel/"),
            "question": _first_id(page, live_site, "channels/finderquestion/"),
        }
        page.goto(live_site.admin_url + path.format(**ids))
        beyond = page.evaluate(
            """() => [...document.querySelectorAll('#content *')]
                .filter(e => e.getBoundingClientRect().width > 0
                             && e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + '.' + e.className)"""
        )
        assert beyond == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 900
        screenshot(page, "admin-" + path.split("/")[1] + "-900")
    finally:
        page.close()


def _first_id(page, live_site, changelist):
    page.goto(live_site.admin_url + changelist)
    href = page.locator("#result_list tbody a").first.get_attribute("href")
    return re.search(r"/(\d+)/change/", href).group(1)


def test_a_long_address_in_a_text_wraps_on_a_phone(live_site, content_editor, browser):
    address = (
        "https://rsj.beijing.gov.cn/english/policies/socialinsurance/202507/t20250725_4159187.html"
    )
    faq = shipped.faq_pages()[0]
    channel = next(step["channel"][0] for step in shipped.steps(faq) if step.get("channel"))
    live_site.manage(
        "shell",
        "-c",
        f"from channels.models import Channel; c = Channel.objects.get(slug='{channel}'); "
        f"c.how_en = 'Read {address} first.'; c.save()",
    )
    page = open_page(browser, "phone")
    try:
        page.goto(f"{live_site.url}/en/questions/{faq}/#channel-{channel}")
        link = page.locator(f"a[href='{address}']").first
        assert link.is_visible()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1]
    finally:
        page.context.close()
        live_site.manage("loadcontent", "--overwrite", "--user", content_editor[0], "--yes")
