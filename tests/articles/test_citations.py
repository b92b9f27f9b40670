"""Cite this provision: every article, paragraph (款) and item (项) on the law pages says
how to cite it, in Chinese and in English, next to its permanent link."""

import re

import pytest

from articles.citations import cite
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def law():
    """Named as the Social Insurance Law is; article 30 has four items in its first
    paragraph, article 74 four paragraphs."""
    law = factories.law(
        slug="cite-law",
        title_zh_hans="中华人民共和国社会保险法",
        title_en="Social Insurance Law of the People's Republic of China",
        short_title_zh_hans="社会保险法",
        short_title_en="Social Insurance Law",
    )
    factories.article(law, number=30, paragraphs=2, items=(4,))
    factories.article(law, number=74, paragraphs=4)
    return law


@pytest.mark.parametrize(
    "numbers,zh,en",
    [
        (
            (74,),
            "《中华人民共和国社会保险法》第七十四条",
            "Social Insurance Law of the PRC, Art. 74",
        ),
        (
            (74, 4),
            "《中华人民共和国社会保险法》第七十四条第四款",
            "Social Insurance Law of the PRC, Art. 74(4)",
        ),
        (
            (30, 1, 4),
            "《中华人民共和国社会保险法》第三十条第一款第四项",
            "Social Insurance Law of the PRC, Art. 30(1)(4)",
        ),
        (
            (98, 1),
            "《中华人民共和国社会保险法》第九十八条第一款",
            "Social Insurance Law of the PRC, Art. 98(1)",
        ),
    ],
)
def test_citation_in_both_languages(law, numbers, zh, en):
    citation = cite(law, *numbers)
    assert (citation.zh, citation.en) == (zh, en)
    assert citation.anchor == "article-" + "-".join(str(n) for n in numbers)


def element(html, anchor):
    """The element with id=anchor, up to its own closing tag (no nesting of the same tag)."""
    match = re.search(rf'<(\w+)[^>]*\bid="{anchor}"[^>]*>', html)
    assert match, f"no element #{anchor}"
    tag = match.group(1)
    end = html.index(f"</{tag}>", match.end())
    return html[match.start() : end]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_whole_law_cites_every_provision_in_both_languages(client, law, language):
    html = client.get(f"/{language}/law/cite-law/").content.decode()
    # 2 articles, 6 paragraphs, 4 items.
    assert html.count('class="cite"') == 12
    item = element(html, "article-30-1-4")
    zh = "《中华人民共和国社会保险法》第三十条第一款第四项"
    en = "Social Insurance Law of the PRC, Art. 30(1)(4)"
    assert f'<span class="cite-text" lang="zh-Hans">{zh}</span>' in item
    assert f'<span class="cite-text" lang="en">{en}</span>' in item
    assert 'href="#article-30-1-4"' in item  # its permanent link, beside it
    paragraph = element(html, "article-74-4")
    assert "《中华人民共和国社会保险法》第七十四条第四款" in paragraph
    assert "Social Insurance Law of the PRC, Art. 74(4)" in paragraph
    assert 'href="#article-74-4"' in paragraph
    article = element(html, "article-74")
    heading = article[: article.index("</h3>")]
    assert 'href="#article-74"' in heading
    after_heading = article[article.index("</h3>") :]
    assert after_heading.index("《中华人民共和国社会保险法》第七十四条<") < after_heading.index(
        "第七十四条第一款"
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_article_page_cites_the_article_its_paragraphs_and_items(client, law, language):
    html = client.get(f"/{language}/law/cite-law/article/30/").content.decode()
    assert "data-copy-citations" in html
    for text in (
        "《中华人民共和国社会保险法》第三十条<",
        "Social Insurance Law of the PRC, Art. 30<",
        "《中华人民共和国社会保险法》第三十条第二款",
        "Social Insurance Law of the PRC, Art. 30(2)",
    ):
        assert text in html
    item = element(html, "article-30-1-3")
    assert "《中华人民共和国社会保险法》第三十条第一款第三项" in item
    assert "Social Insurance Law of the PRC, Art. 30(1)(3)" in item
    assert 'href="#article-30-1-3"' in item


def test_citations_cost_no_query(client, law, django_assert_max_num_queries):
    """The law page's query count does not grow with citations (one per level)."""
    client.get("/en/law/cite-law/")  # warm: sessions, content types…
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(8):
        client.get("/en/law/cite-law/")
