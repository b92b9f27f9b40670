"""Site search over the guide and the whole law, in both languages."""

from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.utils.translation import override

from channels.models import FinderQuestion
from channels.search import MAX_QUERY_LENGTH, _sql, _union, clean_query, search, snippet, terms_of
from tests import factories

pytestmark = pytest.mark.django_db


def results(client, query, language="en"):
    response = client.get(f"/{language}/search/?q={quote(query)}")
    assert response.status_code == 200
    return response, response.content.decode()


@pytest.fixture
def guide():
    """A page about activating a card by a method, and a page about a balance with a
    channel; words no shipped content uses (开通卡片, Zorblex, Quuxapp)."""
    method = factories.method(how_zh_hans="带上身份证去银行开通卡片。")
    channel = factories.channel(name_en="The Quuxapp service", how_en="Open Quuxapp.")
    activation = factories.faq_page(
        question_zh_hans="怎样开通卡片？", question_en="How do I open the card?", steps=[method]
    )
    balance = factories.faq_page(
        question_en="How do I see my Zorblex balance?",
        short_answer_en="Call the Quuxapp service or look in Quuxapp.",
        steps=[channel],
    )
    return SimpleNamespace(activation=activation, balance=balance, method=method, channel=channel)


@pytest.fixture
def law():
    """An article whose first paragraph has three items, in words of their own."""
    law = factories.law()
    texts = [
        ("符合下列情形之一的测绘记录：", "Frobnicated records:"),
        ("测绘记录免费查询。", "Free Frobnicated lookups."),
    ]
    article = factories.article(law, number=987, paragraphs=2, items=(3,), texts=texts)
    item = article.paragraphs.get(number=1).items.get(number=2)
    item.text_zh_hans, item.text_en = "在境外测绘的。", "surveyed abroad."
    item.save()
    return SimpleNamespace(law=law, article=article)


def test_chinese_query_without_segmentation_finds_a_page_and_its_method(client, guide):
    _response, html = results(client, "开通卡片", "zh-hans")
    page = f"/zh-hans/questions/{guide.activation.slug}/"
    assert f"{page}" in html
    assert f"{page}#{guide.method.anchor}" in html
    assert "<mark>开通卡片</mark>" in html


def test_chinese_query_finds_the_law_paragraph_anchor(client, law):
    _response, html = results(client, "测绘记录", "zh-hans")
    article = f"/zh-hans/law/{law.law.slug}/article/987/"
    assert f"{article}#article-987-1" in html
    assert f"{article}#article-987-2" in html


def test_english_query_finds_pages_and_law(client, guide, law):
    _response, html = results(client, "Frobnicated lookups")
    assert f"/en/law/{law.law.slug}/article/987/#article-987-2" in html
    _response, html = results(client, "Quuxapp")
    assert f"/en/questions/{guide.balance.slug}/#{guide.channel.anchor}" in html


def test_items_are_found_by_their_own_anchor(client, law):
    _response, html = results(client, "在境外测绘", "zh-hans")
    assert f"/zh-hans/law/{law.law.slug}/article/987/#article-987-1-2" in html


def test_titles_rank_before_bodies(guide):
    # "Quuxapp" is in the channel's name, and only in the text of the page.
    with override("en"):
        found = [r.url for r in search("Quuxapp")]
    assert found[0] == f"/en/questions/{guide.balance.slug}/#{guide.channel.anchor}"
    assert f"/en/questions/{guide.balance.slug}/" in found[1:]


def test_article_number_queries_go_straight_to_the_article(law):
    for query in ("第九百八十七条", "article 987", "Article 987", "第987条", "art. 987"):
        assert search(query)[0].url.endswith(f"/law/{law.law.slug}/article/987/"), query


def test_all_words_must_match(guide):
    with override("en"):
        assert f"/en/questions/{guide.balance.slug}/" in [r.url for r in search("Zorblex")]
        # The Zorblex page never mentions a card: both words must match.
        page = f"/en/questions/{guide.balance.slug}/"
        assert page not in [r.url for r in search("Zorblex card")]
    assert search("Zorblex nonexistentword") == []


@pytest.mark.parametrize(
    "query",
    [
        "%",
        "_",
        "%%__",
        "'",
        '"',
        "' OR 1=1 --",
        "😀",
        "社保😀",
        "\\",
        "<script>alert(1)</script>",
        "   ",
        "\x00",
        "a\x00b",
        "%00",
        "\u202e",
        "()[]{}*+?|^$.",
    ],
)
def test_odd_queries_get_a_proper_page(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert 'name="q"' in html


def test_percent_and_underscore_are_literal_not_wildcards():
    assert search("%") == []
    assert search("_") == []


@pytest.mark.parametrize(
    "query",
    ["激活", "% _", "a\\b ' \"", "😀 x y z", "\ue0001\ue000 \ue0000\ue000", "1 2 3 4 5 6 7 8 9 10"],
)
def test_the_search_query_compiled_once_is_what_django_builds_for_the_terms(query):
    # The query is compiled once per number of terms, and each search fills in its terms
    # (odd characters, and the placeholders themselves, included).
    terms = terms_of(query)
    database, sql, params = _sql(terms)
    expected_sql, expected_params = _union(terms).query.get_compiler(database).as_sql()
    assert sql == expected_sql
    assert list(params) == list(expected_params)


def test_empty_query_gives_help_not_results(client):
    _response, html = results(client, "")
    assert "Search the questions" in html
    assert 'class="results"' not in html


def test_a_very_long_query_is_cut_with_a_note(client):
    long = "社保卡" * 200
    response, html = results(client, long, "zh-hans")
    assert response.status_code == 200
    assert f"{MAX_QUERY_LENGTH}" in html
    query, was_cut = clean_query(long)
    assert was_cut and len(query) == MAX_QUERY_LENGTH


def test_search_pages_are_not_indexed_and_set_no_cookie(client):
    response, html = results(client, "12333")
    assert response["X-Robots-Tag"] == "noindex"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_snippets_escape_text_and_mark_matches():
    text = "<b>bold</b> and 12333 and more 12333"
    out = snippet(text, ["12333"])
    assert "&lt;b&gt;" in out
    assert out.count("<mark>12333</mark>") == 2


def test_the_search_box_is_on_every_page(client, guide, law):
    for path in (
        "/en/",
        f"/zh-hans/questions/{guide.activation.slug}/",
        f"/en/law/{law.law.slug}/",
    ):
        html = client.get(path).content.decode()
        assert 'role="search"' in html and 'action="/' in html


def test_search_and_finder_results_are_served_from_the_page_cache(client):
    answers = "&".join(f"{q.slug}=yes" for q in FinderQuestion.objects.filter(flow="balance"))
    for path in ("/zh-hans/search/?q=%E6%BF%80%E6%B4%BB", f"/en/finder/balance/result/?{answers}"):
        first = client.get(path)
        second = client.get(path)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), path
        assert second.content == first.content or second["Content-Encoding"] == "gzip"
        assert "public" in second["Cache-Control"]
    # A tampered finder query is answered, but never stored.
    bad = "/en/finder/balance/result/?card=maybe"
    assert client.get(bad).status_code == 400
    assert client.get(bad).get("X-Page-Cache") != "hit"
