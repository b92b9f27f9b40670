"""Follow every internal link on every page reachable from home, in both languages, over the
shipped content: a smoke test of the fixtures as readers get them. Each language is crawled
once, for both tests."""

from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.html import parse

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

STATIC_PREFIX = "/static/"


def crawl(client, start):
    seen = {}
    queue = deque([start])
    fragments = []  # (source page, target path, fragment)
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        page = parse(response)
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:  # tel:, https://… – not ours to crawl
                continue
            target, fragment = urldefrag(href)
            target = target or path
            if not target.startswith("/"):
                continue
            if fragment:
                fragments.append((path, target, fragment))
            if target not in seen and not target.startswith(STATIC_PREFIX):
                queue.append(target)
    return seen, fragments


_crawled = {}


@pytest.fixture
def crawled(client):
    """crawled(language): the crawl of the shipped site from that language's home page,
    made once per test session (the crawl only reads, and every test starts from the same
    shipped content)."""

    def get(language):
        if language not in _crawled:
            _crawled[language] = crawl(client, f"/{language}/")
        return _crawled[language]

    return get


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_internal_link_answers_200_and_every_anchor_exists(crawled, language):
    seen, fragments = crawled(language)
    broken = {path: r.status_code for path, r in seen.items() if r.status_code != 200}
    assert not broken, f"links that do not answer 200: {broken}"
    # The crawl must have covered the site, not stopped at home.
    from articles.models import Article
    from channels.models import FAQPage

    for page in FAQPage.objects.published():
        assert f"/{language}/questions/{page.slug}/" in seen
    for article in Article.objects.select_related("law"):
        assert f"/{language}/law/{article.law.slug}/" in seen
        assert f"/{language}/law/{article.law.slug}/article/{article.number}/" in seen
    ids = {path: set(parse(r).ids) for path, r in seen.items()}
    missing = [(src, target, frag) for src, target, frag in fragments if frag not in ids[target]]
    assert not missing, f"links whose #fragment has no element with that id: {missing[:10]}"
    assert len(fragments) > 100


@pytest.mark.parametrize("language,lang_attr", [("zh-hans", "zh-Hans"), ("en", "en")])
def test_every_page_declares_its_language_and_links_its_twin(crawled, language, lang_attr):
    seen, _fragments = crawled(language)
    pages = [
        p
        for p, r in seen.items()
        if p.startswith(f"/{language}/") and r.status_code == 200 and "html" in r["Content-Type"]
    ]
    assert len(pages) >= 10
    for path in pages:
        page = parse(seen[path])
        assert page.lang == lang_attr, path
        other = "en" if language == "zh-hans" else "zh-hans"
        twin = path.replace(f"/{language}/", f"/{other}/", 1)
        assert page.hreflangs["zh-Hans" if other == "zh-hans" else "en"].endswith(twin), path
