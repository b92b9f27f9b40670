"""Site search over the guide and the whole law, in both languages: words as readers type
them (Chinese segmented, English stemmed), synonyms and best bets from the admin, article
references, typos, and a proper page for any input."""

from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.utils.translation import override

from channels.models import BestBet, FinderQuestion, SearchMiss, Synonym
from channels.search import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    _expand,
    clean_query,
    search,
    snippet,
)
from channels.searchindex import get_index, query_terms
from tests import factories

pytestmark = pytest.mark.django_db


def results(client, query, language="en"):
    response = client.get(f"/{language}/search/?q={quote(query)}")
    assert response.status_code == 200
    return response, response.content.decode()


def urls(query, language="en"):
    with override(language):
        return [result.url for result in search(query)]


@pytest.fixture
def guide():
    """A page about activating a card by a method, and a page about a balance with a
    channel; words no shipped content uses (卡片开通, Zorblex, Quuxapp, Frobnicate)."""
    method = factories.method(how_zh_hans="带上身份证去银行网点把卡片开通。")
    channel = factories.channel(
        name_en="The Quuxapp service", how_en="Frobnicate the card in Quuxapp."
    )
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


def test_chinese_words_are_found_in_any_order_not_only_as_one_substring(client, guide):
    page = f"/zh-hans/questions/{guide.activation.slug}/"
    for query in ("开通卡片", "卡片开通", "卡片 怎样开通"):
        assert page in urls(query, "zh-hans"), query
    _response, html = results(client, "开通卡片", "zh-hans")
    assert f"{page}#{guide.method.anchor}" in html
    assert "<mark>卡片</mark>" in html or "<mark>开通</mark>" in html


def test_a_chinese_word_no_dictionary_knows_is_found_by_its_bigrams():
    page = factories.faq_page(short_answer_zh_hans="请到鑫淼焱垚窗口办理。")
    assert f"/zh-hans/questions/{page.slug}/" in urls("鑫淼焱垚", "zh-hans")
    assert f"/zh-hans/questions/{page.slug}/" in urls("淼焱垚", "zh-hans")


def test_the_sites_terms_are_cut_whole():
    """A term editors add (a word jieba never saw) is one word in queries: 巭孬卡余额 is
    巭孬卡 + 余额, so a page that says 巭孬卡 and 余额 apart is found."""
    term = factories.term(chinese="巭孬卡")
    page = factories.faq_page(short_answer_zh_hans="巭孬卡里的余额可以打电话查。", terms=[term])
    get_index()  # teaches jieba the site's terms
    assert [t.key for t in query_terms("巭孬卡余额")] == [("巭孬卡",), ("余额",)]
    assert f"/zh-hans/questions/{page.slug}/" in urls("巭孬卡余额", "zh-hans")


def test_english_is_stemmed_and_folded(guide):
    channel = f"/en/questions/{guide.balance.slug}/#{guide.channel.anchor}"
    for query in ("frobnicate", "frobnicating", "Frobnication", "FROBNICATED!!!", "“frobnicates”"):
        assert channel in urls(query), query


def test_titles_rank_before_bodies(guide):
    # "Quuxapp" is in the channel's name, and only in the text of the page.
    found = urls("Quuxapp")
    assert found[0] == f"/en/questions/{guide.balance.slug}/#{guide.channel.anchor}"
    assert f"/en/questions/{guide.balance.slug}/" in found[1:]


def test_a_whole_phrase_ranks_above_scattered_words():
    scattered = factories.faq_page(
        short_answer_en="Plonk the wibble here. Much later, a quibble about the card."
    )
    phrase = factories.faq_page(short_answer_en="Bring the wibble quibble and nothing else.")
    found = urls("wibble quibble")
    assert found.index(f"/en/questions/{phrase.slug}/") < found.index(
        f"/en/questions/{scattered.slug}/"
    )


def test_a_thing_with_too_few_of_the_words_is_left_out(guide):
    # Zorblex (rare) is on the balance page; "card" alone is not worth showing for it.
    assert f"/en/questions/{guide.balance.slug}/" in urls("Zorblex")
    assert f"/en/questions/{guide.activation.slug}/" not in urls("Zorblex card")
    assert urls("Plumbusxyz") == []


def test_chinese_query_finds_the_law_paragraph_and_item_anchors(law):
    article = f"/zh-hans/law/{law.law.slug}/article/987/"
    found = urls("测绘记录", "zh-hans")
    assert f"{article}#article-987-1" in found and f"{article}#article-987-2" in found
    assert f"{article}#article-987-1-2" in urls("在境外测绘", "zh-hans")


@pytest.mark.parametrize(
    ("query", "anchor"),
    [
        ("第九百八十七条", ""),
        ("第987条", ""),
        ("article 987", ""),
        ("Art. 987", ""),
        ("第九百八十七条第二款", "#article-987-2"),
        ("第987条第2款", "#article-987-2"),
        ("article 987 paragraph 2", "#article-987-2"),
        ("Article 987(2)", "#article-987-2"),
        ("第九百八十七条第一款第二项", "#article-987-1-2"),
        ("第九百八十七条第九款", ""),  # no such paragraph: the article itself
    ],
)
def test_article_references_go_straight_to_the_provision(law, query, anchor):
    for language in ("zh-hans", "en"):
        first = urls(query, language)[0]
        assert first == f"/{language}/law/{law.law.slug}/article/987/{anchor}", query


def test_results_in_the_other_language_are_marked(client, guide):
    # On the English page, a Chinese word found only in Chinese text.
    _response, html = results(client, "卡片开通")
    assert 'lang="zh-Hans"' in html
    assert "In Chinese" in html
    _response, html = results(client, "Zorblex", "zh-hans")
    assert 'lang="en"' in html
    assert "英文" in html


def test_a_typo_is_answered_with_the_closest_word_and_its_results(client, guide):
    outcome = search("Quuxap")
    assert outcome.suggestion == "quuxapp"
    assert outcome.corrected
    assert outcome.results[0].url.endswith(f"#{guide.channel.anchor}")
    _response, html = results(client, "Quuxap")
    assert "Did you mean:" in html
    assert 'href="/en/search/?q=quuxapp"' in html
    _response, html = results(client, "Quuxap", "zh-hans")
    assert "您是不是要找：" in html


def test_no_results_suggest_the_questions_the_finders_and_the_hotline(client):
    factories.channel(phone="12333")
    _response, html = results(client, "Plumbusxyz")
    assert "Nothing matches" in html
    assert 'href="/en/finder/balance/"' in html and 'href="/en/finder/activation/"' in html
    assert 'href="tel:12333"' in html
    assert 'href="/en/questions/' in html


def test_searches_that_found_nothing_are_counted_without_personal_data(client, guide):
    results(client, "Plumbusxyz 13812345678")
    results(client, "Plumbusxyz 110101199003071234", "zh-hans")
    results(client, "Quuxapp")  # found: not counted
    misses = {(m.language, m.query): m.count for m in SearchMiss.objects.all()}
    assert misses == {("en", "Plumbusxyz #"): 1, ("zh-hans", "Plumbusxyz #"): 1}
    SearchMiss.objects.record("Plumbusxyz 13912345678", "en")
    assert SearchMiss.objects.get(language="en").count == 2


def test_editors_see_what_found_nothing_in_the_admin(staff_client):
    SearchMiss.objects.record("Plumbusxyz", "en")
    html = staff_client.get("/admin/channels/searchmiss/").content.decode()
    assert "Plumbusxyz" in html
    assert staff_client.get("/admin/channels/searchmiss/add/").status_code == 403


def test_a_synonym_saved_in_the_admin_changes_results_at_once(staff_client, client, guide):
    channel = f"/en/questions/{guide.balance.slug}/#{guide.channel.anchor}"
    assert channel not in urls("Blorptastic")
    response = staff_client.post(
        "/admin/channels/synonym/add/",
        {"words": "Blorptastic, Quuxapp", "note": "", "slug": "blorptastic", "order": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    _response, html = results(client, "Blorptastic")
    assert channel in html
    synonym = Synonym.objects.get(slug="blorptastic")
    assert synonym.history.count() == 1
    # A synonym works both ways, and for phrases.
    assert f"/en/questions/{guide.balance.slug}/" in urls("Blorptastic")


def test_a_synonym_needs_two_words(staff_client):
    response = staff_client.post(
        "/admin/channels/synonym/add/", {"words": "alone", "slug": "alone", "order": "1"}
    )
    assert response.status_code == 200
    assert "Give at least two words" in response.content.decode()


def test_a_best_bet_pins_a_page_to_the_top(guide):
    assert urls("Quuxapp")[0] != f"/en/questions/{guide.activation.slug}/"
    BestBet.objects.create(slug="quux", queries="quuxapp, 奎克斯", page=guide.activation)
    assert urls("Quuxapp")[0] == f"/en/questions/{guide.activation.slug}/"
    assert urls("  QUUXAPP! ")[0] == f"/en/questions/{guide.activation.slug}/"
    assert urls("奎克斯", "zh-hans")[0] == f"/zh-hans/questions/{guide.activation.slug}/"


def test_a_best_bet_points_at_an_anchor_of_an_article(law):
    BestBet.objects.create(
        slug="survey", queries="surveying", article=law.article, anchor="article-987-2"
    )
    assert urls("surveying")[0] == f"/en/law/{law.law.slug}/article/987/#article-987-2"


def test_an_edit_changes_results_at_once(guide):
    assert urls("Snozzberry") == []
    guide.balance.question_en = "Where are my Snozzberry points?"
    guide.balance.save()
    assert urls("Snozzberry")[0] == f"/en/questions/{guide.balance.slug}/"


def test_drafts_are_not_found(guide):
    guide.balance.status = "draft"
    guide.balance.save()
    assert f"/en/questions/{guide.balance.slug}/" not in urls("Zorblex")


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
        "。，、！？",
        "社保card余额balance",
        "ｓｏｃｉａｌ　ｓｅｃｕｒｉｔｙ",
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


def test_a_long_query_looks_up_no_more_words_than_a_short_one():
    words = " ".join(f"word{n}" for n in range(60))
    query, _cut = clean_query(words)
    assert len(_expand(query_terms(query)[:MAX_TERMS], get_index())) <= MAX_TERMS
    chinese, _cut = clean_query("社保卡余额激活银行医院药店身份证户口本" * 10)
    assert len(_expand(query_terms(chinese)[:MAX_TERMS], get_index())) <= MAX_TERMS


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
