import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from channels.models import Channel, Document, FAQPage
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_home_lists_every_published_question_and_the_hotline_as_a_tel_link(client):
    draft = factories.faq_page(status="draft", question_en="A draft question?")
    html = client.get("/en/").content.decode()
    assert f'href="tel:{settings.SITE_HOTLINE}"' in html
    published = FAQPage.objects.published()
    assert published.exists()
    for page in published:
        assert page.question_en in html
        assert f'href="{page.get_absolute_url()}"'.replace("/zh-hans/", "/en/") in html
    assert draft.question_en not in html


def test_home_in_chinese(client):
    page = factories.faq_page(question_zh_hans="测试问题在首页吗？")
    html = client.get("/zh-hans/").content.decode()
    assert "测试问题在首页吗？" in html
    assert f'href="/zh-hans/questions/{page.slug}/"' in html


def test_root_sends_reader_to_their_language_chinese_when_in_doubt(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")["Location"] == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")["Location"] == "/zh-hans/"
    assert client.get("/")["Location"] == "/zh-hans/"


def test_a_faq_page_lists_its_channels_in_order_with_what_to_bring(client):
    card = factories.document(slug="test-card")
    # Listed in the page's order, not the channels' own order or their names.
    channels = [factories.channel(order=n, documents=[card]) for n in (30, 10, 20)]
    page = factories.faq_page(steps=[*channels, "A step of the page's own"])
    response = client.get(f"/en/questions/{page.slug}/")
    html = response.content.decode()
    ids = parse(response).ids
    anchors = [i for i in ids if i.startswith(("channel-", "step-"))]
    assert anchors == [*(channel.anchor for channel in channels), "step-4"]
    # Short answer comes before the steps, and legal basis after them.
    assert (
        html.index('id="short-answer"') < html.index('id="ways"') < html.index('id="legal-basis"')
    )
    assert "A step of the page&#x27;s own" in html
    assert "What to bring" in html
    assert "/en/documents/#document-test-card" in html
    # Every section and step has a visible link to itself.
    for anchor in ["short-answer", "ways", "legal-basis", *anchors]:
        assert f'href="#{anchor}"' in html


def test_a_faq_page_cites_the_paragraphs_it_rests_on(client):
    law = factories.law(short_title_en="Test Law", short_title_zh_hans="测试法")
    article = factories.article(law, number=74, paragraphs=4)
    page = factories.faq_page(citations=[(article, 4), factories.article(law, number=75)])
    html = client.get(f"/en/questions/{page.slug}/").content.decode()
    assert f'href="/en/law/{law.slug}/#article-74-4"' in html
    assert f'href="/en/law/{law.slug}/#article-75"' in html
    assert "Test Law, Article 74, paragraph 4" in html
    zh = client.get(f"/zh-hans/questions/{page.slug}/").content.decode()
    assert "《测试法》第七十四条第四款" in zh


def test_a_page_shows_its_activation_methods_and_its_caution(client):
    methods = [factories.method() for _ in range(3)]
    page = factories.faq_page(
        steps=methods,
        caution_en="Activate the card within six months.",
        caution_zh_hans="半年内激活。",
    )
    response = client.get(f"/en/questions/{page.slug}/")
    assert [i for i in parse(response).ids if i.startswith("method-")] == [
        method.anchor for method in methods
    ]
    html = response.content.decode()
    assert 'id="caution"' in html and "Activate the card within six months." in html
    plain = factories.faq_page()
    assert 'id="caution"' not in client.get(f"/en/questions/{plain.slug}/").content.decode()


def test_english_pages_show_the_chinese_terms_to_point_at(client):
    terms = [factories.term(chinese="激活"), factories.term(chinese="定点药店")]
    page = factories.faq_page(terms=terms)
    html = client.get(f"/en/questions/{page.slug}/").content.decode()
    assert 'id="chinese-terms"' in html
    for term in terms:
        assert f'<td lang="zh-Hans" class="zh-big">{term.chinese}</td>' in html
        assert term.meaning_en in html
    zh = client.get(f"/zh-hans/questions/{page.slug}/").content.decode()
    assert 'id="chinese-terms"' not in zh


def test_the_ways_page_compares_every_channel_and_says_how_each_is_used(client):
    for mode in Channel.Mode:
        factories.channel(mode=mode)
    response = client.get("/en/ways/")
    rows = [i for i in parse(response).ids if i.startswith("channel-") and "-details" not in i]
    assert rows == [channel.anchor for channel in Channel.objects.published()]
    html = response.content.decode()
    for mode in ["By phone", "Online", "In an app", "In person"]:
        assert mode in html


@pytest.mark.parametrize(
    "path",
    [
        "/en/questions/no-such-question/",
        "/zh-hans/questions/no-such-question/",
        "/en/no-such-page/",
        "/en/law/no-such-law/",
        "/en/law/{law}/article/0/",
        "/en/law/{law}/article/{after_the_last}/",
        "/en/law/{law}/article/99999999999999999999999/",
        "/en/law/{law}/article/four/",
    ],
)
def test_unknown_addresses_are_a_friendly_404(client, path):
    law = factories.law()
    factories.article(law, number=1)
    path = path.format(law=law.slug, after_the_last=2)
    assert client.get(f"/en/law/{law.slug}/article/1/").status_code == 200
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="site-header"' in html  # in the site's layout
    if path.startswith("/en/"):
        assert "Page not found" in html


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_faq_query_count_does_not_grow_with_content(client):
    document = factories.document()
    page = factories.faq_page(
        steps=[factories.channel(documents=[document]), factories.method(), "Own step"],
        citations=[factories.article()],
        terms=[factories.term()],
    )
    path = f"/en/questions/{page.slug}/"
    before = _queries(client, path)
    article = factories.article()
    for n in range(6):
        channel = factories.channel(name_en=f"Extra {n}", documents=[document])
        factories.step(page, channel=channel)
        factories.step(page, method=factories.method(documents=[document]))
        factories.step(page, title_en=f"Plain step {n}", title_zh_hans="步骤")
        factories.citation(page, article)
        page.terms.add(factories.term())
    after = _queries(client, path)
    assert after == before
    html = client.get(path).content.decode()
    assert "Extra 5" in html and "Plain step 5" in html


def test_overview_and_documents_query_counts_do_not_grow(client):
    factories.channel(documents=[factories.document()])
    factories.method(documents=[factories.document()])
    before = (_queries(client, "/en/ways/"), _queries(client, "/en/documents/"))
    document = factories.document()
    for _ in range(5):
        factories.channel(documents=[document, *Document.objects.all()])
        factories.method(documents=[document])
    after = (_queries(client, "/en/ways/"), _queries(client, "/en/documents/"))
    assert after == before


def test_editor_text_is_escaped_not_rendered_as_markup(client):
    channel = factories.channel(
        how_en='Call <script>alert("x")</script>\n\n<b onclick="x()">now</b>'
    )
    page = factories.faq_page(steps=[channel])
    html = client.get(f"/en/questions/{page.slug}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<b onclick" not in html


def test_missing_translation_shows_the_other_language_with_a_note(client):
    page = factories.faq_page(short_answer_en="", short_answer_zh_hans="只有中文的回答。")
    html = client.get(f"/en/questions/{page.slug}/").content.decode()
    assert "只有中文的回答。" in html
    assert "Not yet translated" in html


def test_drafts_are_hidden_from_the_public(client):
    law = factories.law()
    article = factories.article(law)
    draft_channel = factories.channel(status="draft")
    shown = factories.faq_page(steps=[draft_channel, factories.channel()], citations=[article])
    hidden = factories.faq_page(status="draft", citations=[article])
    assert client.get(f"/en/questions/{hidden.slug}/").status_code == 404
    assert hidden.slug not in client.get("/en/").content.decode()
    page = client.get(f"/en/questions/{shown.slug}/").content.decode()
    assert draft_channel.anchor not in page
    assert draft_channel.anchor not in client.get("/en/ways/").content.decode()
    cited_by = client.get(f"/en/law/{law.slug}/article/{article.number}/").content.decode()
    assert f"/questions/{hidden.slug}/" not in cited_by
    assert f"/questions/{shown.slug}/" in cited_by
