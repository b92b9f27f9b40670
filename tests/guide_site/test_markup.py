"""Editors' links: a little Markdown, sanitised; nothing an editor (or an intruder with an
editor's password) types can put script or raw HTML on a page."""

from html.parser import HTMLParser

import pytest

from guide_site.markup import plain_text, render, render_inline


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "See [the Bureau](https://rsj.beijing.gov.cn/).",
            '<p>See <a href="https://rsj.beijing.gov.cn/">the Bureau</a>.</p>',
        ),
        # An address typed as it is, in Chinese with no spaces around it.
        (
            "登录https://rsj.beijing.gov.cn/查询。",
            '<p>登录<a href="https://rsj.beijing.gov.cn/">https://rsj.beijing.gov.cn/</a>查询。</p>',
        ),
        (
            "Call [12333](tel:12333) or see https://example.org/a_(b).",
            '<p>Call <a href="tel:12333">12333</a> or see '
            '<a href="https://example.org/a_(b)">https://example.org/a_(b)</a>.</p>',
        ),
        ("One\ntwo\n\nThree", "<p>One<br>\ntwo</p>\n<p>Three</p>"),
        ("- card\n- ID", "<ul>\n<li>card</li>\n<li>ID</li>\n</ul>"),
    ],
)
def test_links_and_paragraphs(text, html):
    assert str(render(text)).strip() == html


class Elements(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="https://x.example" onclick="alert(1)">x</a>',
        "<img src=x onerror=alert(1)>",
        "![img](https://x.example/i.png)",
        "<iframe src=https://x.example></iframe>",
        "[x](vbscript:msgbox)",
        '<a href="javascript:alert(1)">x</a>',
        "<https://x.example/> <javascript:alert(1)>",
    ],
)
def test_hostile_markup_is_shown_as_text_or_dropped(text):
    """Whatever was typed, the only elements are the allowed ones, with no event handler,
    and every link goes to an http(s), mailto or tel address."""
    for html in (str(render(text)), str(render_inline(text))):
        for tag, attrs in Elements(html).found:
            assert tag in {"p", "br", "a", "strong", "em", "ul", "ol", "li", "code"}, html
            assert not [name for name in attrs if name.startswith("on")], html
            if tag == "a":
                assert attrs["href"].split(":")[0] in {"http", "https", "mailto", "tel"}, html


def test_inline_text_has_no_paragraphs():
    assert str(render_inline("At [a counter](https://x.example/).")) == (
        'At <a href="https://x.example/">a counter</a>.'
    )


def test_plain_text_keeps_the_words_only():
    assert plain_text("**Call** [12333](tel:12333)\n\n- card\n- ID") == "Call 12333\ncard\nID"
