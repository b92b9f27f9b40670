"""Site search over the guide and the whole law, in both languages."""

from urllib.parse import quote

import pytest
from django.utils.translation import override

from channels.search import MAX_QUERY_LENGTH, _sql, _union, clean_query, search, snippet, terms_of

pytestmark = pytest.mark.django_db


def results(client, query, language="en"):
    response = client.get(f"/{language}/search/?q={quote(query)}")
    assert response.status_code == 200
    return response, response.content.decode()


def test_chinese_query_without_segmentation_finds_activation_pages(client):
    response, html = results(client, "激活", "zh-hans")
    assert "/zh-hans/questions/activate-card/" in html
    assert "/zh-hans/questions/activate-card/#method-bank-outlet" in html
    assert "<mark>激活</mark>" in html


def test_chinese_query_finds_the_law_paragraph_anchor(client):
    _response, html = results(client, "个人权益记录", "zh-hans")
    # Article 4 paragraph 1 and Article 74 paragraph 3 both speak of 个人权益记录.
    assert "/zh-hans/law/social-insurance-law/article/4/#article-4-1" in html
    assert "/zh-hans/law/social-insurance-law/article/74/#article-74-3" in html


def test_english_query_finds_pages_and_law(client):
    _response, html = results(client, "free of charge")
    assert "/en/law/social-insurance-law/article/74/#article-74-4" in html
    _response, html = results(client, "Alipay")
    assert "/en/questions/check-balance/#channel-city-services" in html


def test_items_are_found_by_their_own_anchor(client):
    _response, html = results(client, "在境外就医", "zh-hans")
    assert "/zh-hans/law/social-insurance-law/article/30/#article-30-1-4" in html


def test_titles_rank_before_bodies(client):
    # "12333" is in the hotline's name, and only in the text of the FAQ pages.
    with override("en"):
        found = [r.url for r in search("12333")]
    assert found[0] == "/en/questions/check-balance/#channel-hotline-12333"
    assert "/en/questions/check-balance/" in found[1:]


def test_article_number_queries_go_straight_to_the_article(client):
    for query in ("第七十四条", "article 74", "Article 74", "第74条"):
        assert search(query)[0].url.endswith("/law/social-insurance-law/article/74/"), query


def test_all_words_must_match(client):
    with override("en"):
        assert "/en/questions/check-balance/" in [r.url for r in search("balance")]
        # The balance page never mentions a pharmacy: both words must match.
        assert "/en/questions/check-balance/" not in [r.url for r in search("balance pharmacy")]
    assert search("balance nonexistentword") == []


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


def test_the_search_box_is_on_every_page(client):
    for path in ("/en/", "/zh-hans/questions/check-balance/", "/en/law/social-insurance-law/"):
        html = client.get(path).content.decode()
        assert 'role="search"' in html and 'action="/' in html


def test_search_and_finder_results_are_served_from_the_page_cache(client):
    for path in (
        "/zh-hans/search/?q=%E6%BF%80%E6%B4%BB",
        "/en/finder/balance/result/?card=yes&password=no&app=yes&person=no&office-hours=yes",
    ):
        first = client.get(path)
        second = client.get(path)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), path
        assert second.content == first.content or second["Content-Encoding"] == "gzip"
        assert "public" in second["Cache-Control"]
    # A tampered finder query is answered, but never stored.
    bad = "/en/finder/balance/result/?card=maybe"
    assert client.get(bad).status_code == 400
    assert client.get(bad).get("X-Page-Cache") != "hit"
