"""What crawlers and link previews read: robots.txt, sitemap.xml with hreflang twins, the
canonical link and Open Graph tags on every page."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from articles.models import Article, Law
from channels.models import FAQPage, Journey
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    locs = [url.findtext("sm:loc", namespaces=NS) for url in root.findall("sm:url", NS)]
    assert len(locs) == len(set(locs)), "each address once"
    for url in root.findall("sm:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        entries[url.findtext("sm:loc", namespaces=NS)] = alternates
    return entries


def test_robots_txt_points_at_the_sitemap_and_keeps_the_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Disallow: /{settings.ADMIN_PATH}" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    # Nothing public is disallowed: only the admin line.
    assert [line for line in lines if line.startswith("Disallow")] == [
        f"Disallow: /{settings.ADMIN_PATH}"
    ]
    assert not response.cookies


def test_robots_txt_does_not_reveal_a_custom_admin_path(client, settings):
    settings.ADMIN_PATH = "staff-7c1e/"
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert not any("staff-7c1e" in line for line in lines)
    assert [line for line in lines if line.startswith("Disallow")] == ["Disallow:"]


def test_sitemap_lists_every_public_page_in_both_languages(client):
    factories.faq_page()
    factories.faq_page(status="draft")
    factories.journey(status="draft")
    factories.article(factories.law())
    entries = sitemap_entries(client)
    paths = {urlsplit(loc).path for loc in entries}
    pages = ["", "ways/", "documents/", "sources/", "law/"]
    pages += [f"law/{law.slug}/" for law in Law.objects.all()]
    pages += [f"questions/{page.slug}/" for page in FAQPage.objects.published()]
    pages += [f"step-by-step/{journey.slug}/" for journey in Journey.objects.published()]
    pages += [
        f"law/{article.law.slug}/article/{article.number}/"
        for article in Article.objects.select_related("law")
    ]
    expected = {f"/{language}/{page}" for language in ("zh-hans", "en") for page in pages}
    assert paths == expected


def test_each_sitemap_entry_names_its_twins_and_an_x_default(client):
    for loc, alternates in sitemap_entries(client).items():
        path = urlsplit(loc).path
        rest = path.split("/", 2)[2]
        assert alternates == {
            "zh-hans": f"{HOST}/zh-hans/{rest}",
            "en": f"{HOST}/en/{rest}",
            "x-default": f"{HOST}/{rest}",
        }, loc


def test_every_sitemap_address_answers_and_x_default_picks_a_language(client):
    page = factories.faq_page()
    entries = sitemap_entries(client)
    for loc in list(entries)[:20] + list(entries)[-4:]:
        assert client.get(urlsplit(loc).path).status_code == 200, loc
    x_default = urlsplit(entries[f"{HOST}/en/questions/{page.slug}/"]["x-default"]).path
    response = client.get(x_default, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == f"/en/questions/{page.slug}/"
    response = client.get(x_default, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response["Location"] == f"/zh-hans/questions/{page.slug}/"


def test_a_draft_faq_page_is_not_in_the_sitemap(client):
    draft, published = factories.faq_page(status="draft"), factories.faq_page()
    paths = {urlsplit(loc).path for loc in sitemap_entries(client)}
    assert f"/en/questions/{draft.slug}/" not in paths
    assert f"/en/questions/{published.slug}/" in paths


@pytest.mark.parametrize(
    "language,og_locale,alternate",
    [("en", "en_GB", "zh_CN"), ("zh-hans", "zh_CN", "en_GB")],
)
def test_pages_carry_open_graph_tags(client, language, og_locale, alternate):
    question = factories.faq_page()
    path = f"/{language}/questions/{question.slug}/"
    page = parse(client.get(f"{path}?utm_source=newsletter"))
    meta = page.meta
    expected_title = question.question_en if og_locale == "en_GB" else question.question_zh_hans
    assert meta["og:title"] == expected_title
    assert meta["og:description"] == meta["description"]
    assert meta["og:type"] == "website"
    assert meta["og:site_name"]
    assert meta["og:locale"] == og_locale
    assert ("og:locale:alternate", alternate) in page.meta_all
    # The canonical address and og:url drop the query string.
    assert page.canonical == meta["og:url"] == f"{HOST}{path}"


def test_every_page_type_has_title_description_and_open_graph(client):
    article = factories.article()
    for path in [
        "/en/",
        "/zh-hans/ways/",
        "/en/documents/",
        "/zh-hans/law/",
        f"/en/law/{article.law.slug}/",
        f"/zh-hans/law/{article.law.slug}/article/{article.number}/",
        f"/en/questions/{factories.faq_page().slug}/",
    ]:
        page = parse(client.get(path))
        for key in ("description", "og:title", "og:description", "og:url", "og:locale"):
            assert page.meta.get(key), (path, key)
        assert page.canonical == f"{HOST}{path}"


def test_pages_offer_the_icons(client):
    html = client.get("/en/").content.decode()
    assert 'rel="icon"' in html and "favicon" in html
    assert 'rel="apple-touch-icon"' in html


@pytest.mark.parametrize(
    "language,start",
    [
        ("en", "Test Law Article 74: Employers and individuals shall"),
        ("zh-hans", "测试法 第七十四条：用人单位和个人应当"),
    ],
)
def test_each_article_page_has_a_description_of_its_own(client, language, start):
    law = factories.law(short_title_en="Test Law", short_title_zh_hans="测试法")
    texts = [("用人单位和个人应当" + "依法缴纳" * 60, "Employers and individuals shall " * 20)]
    factories.article(law, number=74, paragraphs=1, texts=texts)
    path = f"/{language}/law/{law.slug}/article/74/"
    description = parse(client.get(path)).meta["description"]
    assert description.startswith(start)
    assert len(description) <= 200
