"""What the guide rests on and how it stands: sources of three kinds readers can tell
apart, history never shown as current, the sources page, the content check's rule on the
source article, and the finder's guard for readers without the card.

Every test builds its own sources, ways and pages (``tests.factories``)."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from channels import contentcheck
from channels.finder import recommend
from channels.models import Channel, FinderQuestion, Flow, Source
from tests import factories
from tests.guide_site.test_findable import sitemap_entries

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Element(HTMLParser):
    """The text and the HTML of the element with a given id (and what is inside it)."""

    def __init__(self, wanted):
        super().__init__(convert_charrefs=True)
        self.wanted, self.depth, self.text, self.found = wanted, 0, [], False

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in VOID:
                self.depth += 1
            self.text.append(f"<{tag} {' '.join(f'{k}={v}' for k, v in attrs)}>")
        elif dict(attrs).get("id") == self.wanted:
            self.found, self.depth = True, 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def element(html, element_id):
    parser = _Element(element_id)
    parser.feed(html)
    assert parser.found, f"no element #{element_id}"
    return re.sub(r"\s+", " ", "".join(parser.text))


def words(fragment):
    """The words of an ``element()`` fragment, tags left out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", fragment)).strip()


def get(client, url, language="en"):
    with translation.override(language):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def page_url(page, language="en"):
    with translation.override(language):
        return page.get_absolute_url()


@pytest.fixture
def three_kinds():
    official = factories.source(
        name_en="Beijing Municipal Human Resources and Social Security Bureau",
        name_zh_hans="北京市人力资源和社会保障局",
        title="关于启用第三代社会保障卡的通告",
        reference="京人社数据字〔2024〕133号",
        published_on=datetime.date(2024, 10, 30),
        url="https://rsj.beijing.gov.cn/example-notice",
    )
    press = factories.source(
        Source.Kind.PRESS,
        name_en="Sina Finance",
        name_zh_hans="新浪财经",
        title="关于第三代社保卡，您可能关心的十件事",
        published_on=datetime.date(2026, 1, 15),
    )
    article = factories.source(
        Source.Kind.SOURCE_ARTICLE,
        name_en="A job-recruitment website",
        name_zh_hans="一个招聘网站",
        title="How to check the personal balance of Beijing social security card?",
        title_language=Source.Language.ENGLISH,
    )
    return official, press, article


# --- Models ------------------------------------------------------------------------------


@pytest.mark.parametrize("standing", ["changed", "history"])
def test_a_changed_or_history_item_must_say_what_replaced_it(standing):
    method = factories.method(standing=standing)
    with pytest.raises(ValidationError) as error:
        method.full_clean()
    assert "standing_note_en" in error.value.message_dict
    method.standing_note_zh_hans = "改为先启用社会保障功能。"
    method.full_clean()  # one language is enough for the rule


def test_what_a_channel_shows_takes_only_known_values():
    channel = factories.channel(shows=["medical_account", "contributions"])
    channel.full_clean()
    with translation.override("en"):
        labels = [str(label) for label in channel.shows_labels]
    assert labels == [
        "Medical insurance personal account",
        "Contribution records",
    ]
    for bad in (["balance"], ["bank_account", "bank_account"], "medical_account"):
        channel.shows = bad
        with pytest.raises(ValidationError):
            channel.full_clean()


def test_a_source_is_found_by_its_slug_and_links_to_its_anchor(three_kinds):
    official, _press, _article = three_kinds
    assert Source.objects.get_by_natural_key(official.slug) == official
    with translation.override("en"):
        assert official.get_absolute_url() == f"/en/sources/#source-{official.slug}"


# --- What readers see --------------------------------------------------------------------


def test_each_kind_of_source_is_told_apart_with_last_checked(client, three_kinds):
    official, press, article = three_kinds
    page = factories.faq_page(
        steps=[factories.channel(sources=[official, press])],
        sources=[official, press],
        checked_on=datetime.date(2026, 12, 1),
    )
    html = get(client, page_url(page))
    rests_on = element(html, "what-it-rests-on")
    text = words(rests_on)
    assert "Official notice or page: Beijing Municipal Human Resources" in text
    assert "京人社数据字〔2024〕133号" in text and "30 October 2024" in text
    assert "href=https://rsj.beijing.gov.cn/example-notice" in rests_on  # linked: it has a url
    assert "Press report: Sina Finance, 15 January 2026" in text
    assert "Last checked: 1 December 2026" in text
    assert "Only the source article says this" not in text
    # The source article alone: said plainly, with how to confirm.
    lone = factories.faq_page(sources=[article])
    text = words(element(get(client, page_url(lone)), "what-it-rests-on"))
    assert "Source article only: A job-recruitment website" in text
    assert "Only the source article says this" in text and "12333" in text


def test_the_source_articles_title_stays_english_on_chinese_pages(client, three_kinds):
    *_others, article = three_kinds
    page = factories.faq_page(sources=[article])
    rests_on = element(get(client, page_url(page, "zh-hans"), "zh-hans"), "what-it-rests-on")
    assert (
        "<cite lang=en>How to check the personal balance of Beijing social security card?"
        in rests_on
    )
    assert "仅来自原文章" in words(rests_on)


def test_history_is_shown_apart_and_never_among_todays_ways(client, three_kinds):
    *_others, article = three_kinds
    today = factories.method(name_en="Switch on the social-security function")
    old = factories.method(
        name_en="First visit to a designated hospital",
        standing="history",
        standing_note_en="Switch the social-security function on first.",
        standing_note_zh_hans="先启用社会保障功能。",
        sources=[article],
    )
    changed = factories.method(
        name_en="At a bank counter",
        standing="changed",
        standing_note_en="Now the bank activates the financial function.",
        standing_note_zh_hans="现在银行激活的是金融功能。",
    )
    page = factories.faq_page(steps=[today, old, changed])
    html = get(client, page_url(page))
    ways = words(element(html, "ways"))
    assert "Switch on the social-security function" in ways
    assert "First visit to a designated hospital" not in ways
    assert "Changed since the source article: what replaced it:" in ways
    assert "Now the bank activates the financial function." in ways
    history = words(element(html, "history"))
    assert "First visit to a designated hospital History: no longer so" in history
    assert "It is not how it works today" in history
    assert "What to do instead: Switch the social-security function on first." in history
    # The ways page too: the history method is after today's, under its own heading.
    with translation.override("en"):
        overview = get(client, reverse("channels:overview"))
    assert "First visit to a designated hospital" in words(element(overview, "activation-history"))
    assert f'id="{old.anchor}"' in overview


def test_a_history_channel_is_not_counted_among_the_ways(client):
    Channel.objects.update(status="draft")  # only this test's channels count
    factories.channel()
    factories.channel(standing="history", standing_note_en="Use the app.", name_en="Old site")
    with translation.override("en"):
        html = get(client, reverse("channels:overview"))
    assert "The 1 way to check your balance" in words(element(html, "balance-heading"))
    assert "Old site" in words(element(html, "balance-history"))


def test_also_cited_by_the_source_article_is_apart_from_the_legal_basis(client):
    law = factories.law()
    basis, five = factories.article(law), factories.article(law)
    page = factories.faq_page(citations=[basis])
    factories.citation(
        page, five, cited_by_source_article=True, note_en="About where the money comes from."
    )
    html = get(client, page_url(page))
    assert f"Article {five.number}" not in words(element(html, "legal-basis"))
    also = words(element(html, "also-cited"))
    assert f"Article {five.number}" in also and "About where the money comes from." in also
    assert "not why the answer above holds" in also


def test_what_a_channel_shows_or_not_known(client):
    known = factories.channel(shows=["contributions"])
    unknown = factories.channel()
    page = factories.faq_page(steps=[known, unknown])
    html = get(client, page_url(page))
    assert "What it shows: Contribution records" in words(element(html, known.anchor))
    assert "What it shows: Not known" in words(element(html, unknown.anchor))


# --- The sources page --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_sources_page_lists_every_source_with_what_rests_on_it(client, three_kinds, language):
    official, press, article = three_kinds
    factories.channel(name_en="Hotline", name_zh_hans="热线", sources=[official])
    with translation.override(language):
        url = reverse("channels:sources")
    html = get(client, url, language)
    for source in three_kinds:
        assert f'id="{source.anchor}"' in html
    entry = words(element(html, official.anchor))
    assert ("Hotline" if language == "en" else "热线") in entry
    assert "2024" in entry
    no_address = {"en": "No stable address", "zh-hans": "没有可链接的固定网址"}[language]
    assert no_address in words(element(html, press.anchor))
    assert f'id="kind-{article.kind}"' in html


def test_the_sources_page_is_in_the_sitemap_in_both_languages(client):
    entries = sitemap_entries(client)
    for language in ("en", "zh-hans"):
        with translation.override(language):
            assert f"http://testserver{reverse('channels:sources')}" in entries


# --- The content check -------------------------------------------------------------------


def sourcing_subjects():
    with translation.override("en"):
        return {f.subject for f in contentcheck.check_sourcing()}


def test_the_source_article_alone_without_a_caution_is_flagged(three_kinds):
    official, _press, article = three_kinds
    bare = factories.channel(sources=[article])
    cautioned = factories.channel(
        sources=[article], standing_note_en="Only the source article says so: call 12333."
    )
    history = factories.method(sources=[article], standing="history", standing_note_en="Do X.")
    backed = factories.method(sources=[article, official])
    page = factories.faq_page(sources=[article])
    page_with_caution = factories.faq_page(sources=[article], caution_en="Confirm it.")
    subjects = sourcing_subjects()
    with translation.override("en"):
        assert contentcheck.describe(bare) in subjects
        assert contentcheck.describe(page) in subjects
        for fine in (cautioned, history, backed, page_with_caution):
            assert contentcheck.describe(fine) not in subjects


def test_a_rule_offering_a_card_way_to_readers_without_the_card_is_flagged():
    needs = factories.channel(needs_card=True)
    free = factories.channel()
    card = factories.finder_question(Flow.BALANCE, asks_for_card=True)
    other = factories.finder_question(Flow.BALANCE)
    bad = factories.finder_rule(card, needs, "no", "prefer")
    factories.finder_rule(card, free, "no", "prefer")  # fine: it needs no card
    factories.finder_rule(other, needs, "no", "prefer")  # fine: not a card question
    factories.finder_rule(card, needs, "yes", "prefer")  # fine: they have it
    with translation.override("en"):
        findings = contentcheck.check_card_rules()
        assert [f.subject for f in findings] == [contentcheck.describe(bad)]


# --- The finder --------------------------------------------------------------------------


def test_no_card_never_leads_to_a_way_that_needs_it():
    """Even when the content says the opposite: the guard holds whatever the rules."""
    Channel.objects.update(status="draft")
    FinderQuestion.objects.filter(flow=Flow.BALANCE).delete()
    counter = factories.channel(needs_card=True)
    app = factories.channel()
    card = factories.finder_question(Flow.BALANCE, slug="card", asks_for_card=True)
    factories.finder_rule(card, counter, "no", "prefer", 3)  # contradictory content
    with translation.override("en"):
        fits, ruled_out = recommend(Flow.BALANCE, {"card": "no"})
        assert [f.route for f in fits] == [app]
        assert [f.route for f in ruled_out] == [counter]
        assert "needs the card" in ruled_out[0].ruled_out_by[0].reason_en
        fits, _ = recommend(Flow.BALANCE, {"card": "yes"})
        assert counter in [f.route for f in fits]


def test_the_finder_never_offers_a_history_way(client):
    Channel.objects.update(status="draft")
    FinderQuestion.objects.filter(flow=Flow.BALANCE).delete()
    old = factories.channel(standing="history", standing_note_en="Use the app.")
    app = factories.channel()
    question = factories.finder_question(Flow.BALANCE, slug="q")
    factories.finder_rule(question, old, "yes", "prefer", 3)
    fits, ruled_out = recommend(Flow.BALANCE, {"q": "yes"})
    assert [f.route for f in fits] == [app]
    assert [f.route for f in ruled_out] == [old]
    with translation.override("en"):
        url = reverse("channels:finder_result", args=["balance"])
        html = get(client, f"{url}?q=yes")
    assert "it is not a way today" in html


def test_every_word_is_in_the_pages_language_or_marked(client, three_kinds):
    """The words test of tests/guide_site/test_words.py, on pages with every kind of source,
    a history way, a changed one and a caution: English titles and Chinese document numbers
    are marked with their language."""
    from tests.guide_site.test_words import ADDRESS, CHINESE, LATIN_WORD, VisibleText

    official, press, article = three_kinds
    chinese = {  # the factories' Chinese names carry a Latin word of their own
        f"{name}_zh_hans": text
        for name, text in (
            ("name", "旧办法"),
            ("summary", "概要"),
            ("how", "做法"),
            ("where", "地点"),
        )
    }
    old = factories.method(
        standing="history",
        standing_note_en="Do X.",
        standing_note_zh_hans="改为其他办法。",
        **chinese,
    )
    careful = factories.channel(
        **chinese,
        sources=[article],
        shows=["medical_account"],
        standing_note_en="Confirm it.",
        standing_note_zh_hans="请先确认。",
    )
    page = factories.faq_page(
        steps=[careful, old], sources=[official, press], checked_on=datetime.date(2026, 12, 1)
    )
    for language in ("zh-hans", "en"):
        with translation.override(language):
            urls = [page.get_absolute_url(), reverse("channels:sources")]
        for url in urls:
            for lang, text in VisibleText(get(client, url, language)).texts:
                marked = (lang or language).lower()
                if language == "zh-hans" and marked.startswith("zh"):
                    assert not LATIN_WORD.findall(ADDRESS.sub(" ", text)), (url, text)
                if language == "en" and not marked.startswith("zh"):
                    assert not CHINESE.search(text), (url, text)


# --- Editing in the admin ----------------------------------------------------------------


def test_an_editor_ticks_what_a_channel_shows_and_links_sources(editor_client, editor):
    from tests.adminforms import form_data

    official = factories.source()
    channel = factories.channel(shows=["contributions"])
    before = channel.history.first()
    url = reverse("admin:channels_channel_change", args=[channel.pk])
    data = form_data(editor_client.get(url))
    assert data["shows"] == ["contributions"]  # the tick boxes show the saved list
    data["shows"] = ["medical_account", "contributions"]
    data["sources"] = [str(official.pk)]
    data["checked_on"] = "2026-12-02"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    channel.refresh_from_db()
    assert channel.shows == ["medical_account", "contributions"]
    assert list(channel.sources.all()) == [official]
    latest = channel.history.first()
    assert latest.history_user == editor  # who checked it, with the date
    changed = {change.field for change in latest.diff_against(before).changes}
    assert changed == {"shows", "sources", "checked_on"}


def test_the_admin_refuses_history_without_what_to_do_instead(editor_client):
    from tests.adminforms import form_data

    method = factories.method()
    url = reverse("admin:channels_activationmethod_change", args=[method.pk])
    data = form_data(editor_client.get(url))
    data["standing"] = "history"
    response = editor_client.post(url, data)
    assert response.status_code == 200  # the form again, with the message at the field
    assert "what to do instead (history)" in response.content.decode()
    method.refresh_from_db()
    assert method.standing == "current"


def test_sources_are_edited_with_their_history(editor_client, editor):
    source = factories.source(Source.Kind.PRESS)
    url = reverse("admin:channels_source_change", args=[source.pk])
    from tests.adminforms import form_data

    data = form_data(editor_client.get(url))
    data["published_on"] = "2026-01-15"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = source.history.first()
    assert latest.history_user == editor
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["published_on"]
