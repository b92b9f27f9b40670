"""The sheet for the counter: offered only by pages that end at a counter, one page to
print with what to bring, the steps in both languages, the Chinese terms, the hotline and
a QR code of the page's address; not indexed. (Printed to PDF and the QR code read back:
tests/browser/test_counter_sheet.py.)"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def counter_page():
    card = factories.document(name_en="Bank card here", name_zh_hans="银行卡这里")
    id_card = factories.document(name_en="ID here", name_zh_hans="身份证这里")
    bank = factories.method(
        documents=[card, id_card],
        name_en="At the bank",
        name_zh_hans="在银行",
        summary_en="One visit.",
        summary_zh_hans="去一次。",
    )
    online = factories.method(documents=[id_card], name_en="Online", name_zh_hans="网上")
    page = factories.faq_page(
        slug="counter-page",
        steps=[bank, online],
        terms=[factories.term(chinese="激活", pinyin="jīhuó", meaning_en="activate")],
        counter_sheet=True,
    )
    factories.step(page, title_en="Own step", title_zh_hans="自己的步骤", text_en="Say [hi](/en/)")
    return page


def test_the_sheet_has_everything_for_the_counter_in_both_languages(client, counter_page):
    response = client.get("/en/questions/counter-page/counter-sheet/")
    assert response.status_code == 200
    html = parse(response)
    sheet = html.select_one("article.counter-sheet")
    # What to bring: each document once, as a checklist, in both languages.
    items = [li.get_text(" ", strip=True) for li in sheet.select(".checklist li")]
    assert items == ["银行卡这里 · Bank card here", "身份证这里 · ID here"]
    # The steps side by side: Chinese in one column, English in the other.
    rows = sheet.select(".sheet-table tbody tr")
    assert [[td["lang"] for td in row.select("td")] for row in rows] == [["zh-Hans", "en"]] * 3
    assert rows[0].get_text(" ", strip=True) == "1. 在银行 去一次。 1. At the bank One visit."
    # An editor's link is plain words on paper.
    assert rows[2].select_one('td[lang="en"]').get_text(" ", strip=True) == "3. Own step Say hi"
    assert "激活" in sheet.select_one(".sheet-terms").get_text()
    assert sheet.select_one('.sheet-hotline a[href="tel:12333"]')
    # The QR code is drawn on the page, as SVG, named for screen readers by the address.
    svg = sheet.select_one(".sheet-qr svg")
    assert svg["role"] == "img" and svg.get("viewbox")
    address = "http://testserver/en/questions/counter-page/"
    assert svg.title.get_text() == f"QR code: {address}"
    assert address in sheet.select_one("figcaption").get_text()
    # It repeats the FAQ page: search engines are told to leave it out.
    assert response["X-Robots-Tag"] == "noindex"
    assert html.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not response.cookies and "Cookie" not in response.get("Vary", "")


def test_the_chinese_sheet_encodes_the_chinese_page(client, counter_page):
    html = parse(client.get("/zh-hans/questions/counter-page/counter-sheet/"))
    title = html.select_one(".sheet-qr svg title").get_text()
    assert title == "二维码：http://testserver/zh-hans/questions/counter-page/"
    assert html.select_one("h1 [lang='zh-Hans']").get_text() == counter_page.question_zh_hans


def test_only_pages_that_end_at_a_counter_offer_a_sheet(client, counter_page):
    other = factories.faq_page(slug="no-counter")
    assert client.get("/en/questions/no-counter/counter-sheet/").status_code == 404
    assert client.get("/en/questions/no-such-page/counter-sheet/").status_code == 404
    link = parse(client.get(counter_page.get_absolute_url())).select_one(".counter-sheet-link a")
    assert link["href"] == "/en/questions/counter-page/counter-sheet/"
    assert not parse(client.get(other.get_absolute_url())).select(".counter-sheet-link")


def test_a_draft_pages_sheet_is_for_staff_only(staff_client, counter_page):
    counter_page.status = "draft"
    counter_page.save()
    assert Client().get("/en/questions/counter-page/counter-sheet/").status_code == 404
    preview = staff_client.get("/en/questions/counter-page/counter-sheet/")
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]


def test_ways_kept_only_as_history_are_left_off_the_sheet(client, counter_page):
    old = factories.method(name_en="The old way", name_zh_hans="旧办法", standing="history")
    factories.step(counter_page, method=old)
    response = client.get("/en/questions/counter-page/counter-sheet/")
    sheet = parse(response).select_one(".sheet-table")
    assert "The old way" not in sheet.get_text() and len(sheet.select("tbody tr")) == 3
    assert "The old way" in client.get(counter_page.get_absolute_url()).content.decode()
