"""Every word a reader sees is in the page's language, or marked with its own: no English
sentence on a Chinese page (an untranslated string, wherever it comes from: a template, a
form, Python), and no Chinese on an English page without lang="zh-Hans" around it."""

import re
from html.parser import HTMLParser

import pytest

from tests.browser.pages import PAGE_TYPES

pytestmark = pytest.mark.django_db

VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}
HIDDEN = {"script", "style", "head", "title", "template"}
# An address, or a bare domain name as sources are named (td.fyun.cc, 668528.com): Latin
# by nature, in Chinese text too.
ADDRESS = re.compile(
    r"\b(?:https?://|www\.)\S+|/[\w./#?=&%-]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|cc|net|org)\b"
)
# Latin words that Chinese text uses as they are.
ALLOWED_LATIN = {"ATM", "App", "APP", "PDF"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


class VisibleText(HTMLParser):
    """(lang of the innermost element that has one, text) for every visible text node."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.stack, self.texts = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if data.strip() and not any(tag in HIDDEN for tag, _lang in self.stack):
            langs = [lang for _tag, lang in self.stack if lang]
            self.texts.append((langs[-1] if langs else None, data))


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=str)
def test_a_chinese_page_has_no_english_outside_marked_elements(client, page_type):
    response = client.get(page_type.url("", "zh-hans"))
    assert response.status_code == page_type.status
    english = set()
    for lang, text in VisibleText(response.content.decode()).texts:
        # Pinyin (zh-Latn-pinyin, on the sheet for the counter) is Chinese in Latin letters.
        chinese = lang and lang.lower().startswith("zh") and "-latn" not in lang.lower()
        if lang is None or chinese:
            words = LATIN_WORD.findall(ADDRESS.sub(" ", text))
            english |= {word for word in words if word not in ALLOWED_LATIN}
    assert english == set(), page_type.name


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=str)
def test_an_english_page_marks_every_chinese_word(client, page_type):
    response = client.get(page_type.url("", "en"))
    assert response.status_code == page_type.status
    unmarked = [
        text.strip()
        for lang, text in VisibleText(response.content.decode()).texts
        if not (lang or "").lower().startswith("zh") and CHINESE.search(text)
    ]
    assert unmarked == [], page_type.name
