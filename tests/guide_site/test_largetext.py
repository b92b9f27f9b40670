"""长辈版 / Large text: the same pages under /large/, in the mode and staying in it, cached
apart from the normal pages, no cookie, and pointing search engines at the normal page."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from channels.models import Feedback
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def faq():
    article = factories.article(paragraphs=2, items=(2,))
    return factories.faq_page(slug="large-question", citations=[(article, 1, 2)])


class Page(HTMLParser):
    """The ids, links, <link> elements and <html> classes of a page."""

    def __init__(self, html):
        super().__init__()
        self.ids, self.hrefs, self.links, self.html_class = [], [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append((attrs["href"], attrs.get("class") or ""))
        if tag == "link":
            self.links.append(attrs)
        if tag == "html":
            self.html_class = attrs.get("class")

    def link(self, rel):
        return [link for link in self.links if link.get("rel") == rel]


def get(client, path):
    response = client.get(path)
    response.page = Page(response.content.decode())
    return response


def site_links(page):
    """Links to the site's own pages (not static files, not anchors)."""
    return [
        href
        for href, _class in page.hrefs
        if href.startswith("/") and not href.startswith(("/static/", "//"))
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_large_page_is_the_normal_page_in_the_mode(client, faq, language):
    path = f"/{language}/questions/large-question/"
    normal = get(client, path)
    large = get(client, "/large" + path)
    assert normal.status_code == large.status_code == 200
    assert large.page.html_class == "large-text"
    assert normal.page.html_class is None
    # Same content, same anchors.
    assert large.page.ids == normal.page.ids
    assert faq.question_en in large.content.decode() or faq.question_zh_hans in (
        large.content.decode()
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_site_link_keeps_the_mode_but_the_switch(client, faq, language):
    page = get(client, f"/large/{language}/questions/large-question/").page
    links = site_links(page)
    switch = [href for href, css in page.hrefs if "text-size-switch" in css]
    assert switch == [f"/{language}/questions/large-question/"]
    others = [href for href in links if href not in switch]
    # The header's, the breadcrumbs' and the cited law's links among them.
    assert f"/large/{language}/law/" in others
    assert any(re.match(rf"/large/{language}/law/test-law-\d+/", href) for href in others)
    # Every link a reader follows stays in the mode, but the feed's (a feed has no text
    # size; its one address is the normal one).
    assert [href for href in others if not href.startswith("/large/")] == [
        f"/{language}/updates/feed/"
    ]


def test_forms_post_and_search_within_the_mode_and_record_the_normal_page(client, faq):
    html = client.get("/large/en/questions/large-question/").content.decode()
    assert 'action="/large/en/search/"' in html
    assert 'action="/large/en/feedback/useful/"' in html
    assert 'name="page" value="/en/questions/large-question/"' in html
    response = client.post(
        "/large/en/feedback/useful/",
        {"page": "/en/questions/large-question/", "useful": "yes"},
        headers={"origin": "http://testserver"},
    )
    assert response.status_code == 303
    assert response["Location"].startswith("/large/en/feedback/thanks/")
    assert Feedback.objects.filter(path="/en/questions/large-question/").exists()
    thanks = get(client, response["Location"])
    assert ("/large/en/questions/large-question/", "") in thanks.page.hrefs


@pytest.mark.parametrize(
    "label,switch_label,language",
    [("长辈版", "标准版", "zh-hans"), ("Large text", "Standard text", "en")],
)
def test_the_header_link_switches_both_ways(client, label, switch_label, language):
    normal = client.get(f"/{language}/law/").content.decode()
    link = re.search(r'<a class="text-size-switch" href="([^"]+)"[^>]*>([^<]+)</a>', normal)
    assert link.groups() == (f"/large/{language}/law/", label)
    large = client.get(link.group(1)).content.decode()
    back = re.search(r'<a class="text-size-switch" href="([^"]+)"[^>]*>([^<]+)</a>', large)
    assert back.groups() == (f"/{language}/law/", switch_label)


def test_the_switch_keeps_the_query_string(client):
    html = client.get("/en/search/?q=12333").content.decode()
    assert 'class="text-size-switch" href="/large/en/search/?q=12333"' in html


def test_canonical_and_alternates_name_the_normal_pages(client, faq):
    page = get(client, "/large/en/questions/large-question/").page
    assert [link["href"] for link in page.link("canonical")] == [
        "http://testserver/en/questions/large-question/"
    ]
    alternates = {
        link["hreflang"]: link["href"] for link in page.link("alternate") if "hreflang" in link
    }
    assert alternates == {
        "zh-Hans": "http://testserver/zh-hans/questions/large-question/",
        "en": "http://testserver/en/questions/large-question/",
    }
    html = client.get("/large/en/questions/large-question/").content.decode()
    assert "http://testserver/large/" not in html  # og:url and JSON-LD too
    # The language switch stays in the mode.
    assert 'class="language-switch" href="/large/zh-hans/questions/large-question/"' in html


def test_no_cookie_and_the_cache_keeps_the_two_variants_apart(client, faq):
    path = "/en/questions/large-question/"
    first_normal = client.get(path)
    first_large = client.get("/large" + path)
    second_large = client.get("/large" + path)
    second_normal = client.get(path)
    assert [r["X-Page-Cache"] for r in (first_normal, first_large, second_large)] == [
        "miss",
        "miss",
        "hit",
    ]
    assert second_normal["X-Page-Cache"] == "hit"
    assert b'class="large-text"' in second_large.content
    assert b'class="large-text"' not in second_normal.content
    for response in (first_large, second_large):
        assert not response.cookies
        assert "public" in response["Cache-Control"]
        assert "cookie" not in response.get("Vary", "").lower()


def test_the_mode_ends_with_its_request(client):
    client.get("/large/en/")
    assert not reverse("channels:home").startswith("/large/")


def test_large_root_goes_to_a_language_in_the_mode(client):
    response = client.get("/large/")
    assert response.status_code == 302
    assert response["Location"] == "/large/zh-hans/"


@pytest.mark.parametrize("path", ["/large/admin/", "/large/robots.txt", "/large/sitemap.xml"])
def test_only_public_pages_have_a_large_variant(client, path):
    assert client.get(path).status_code == 404


def test_not_found_in_the_mode_is_a_404_in_the_mode(client):
    response = get(client, "/large/en/law/no-such-law/")
    assert response.status_code == 404
    assert response.page.html_class == "large-text"
    assert ("/large/en/", "") in response.page.hrefs or any(
        href == "/large/en/" for href, _css in response.page.hrefs
    )
