import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from channels.models import Channel, Citation, Document, FAQPage, Step
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_home_gives_both_questions_and_the_hotline_as_a_tel_link(client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:12333"' in html
    assert "How do I check the balance of my Beijing social security card?" in html
    assert "How do I activate my social security card?" in html


def test_home_in_chinese(client):
    html = client.get("/zh-hans/").content.decode()
    assert "怎样查询北京社保卡个人账户余额？" in html
    assert "怎样激活社保卡？" in html


def test_root_sends_reader_to_their_language_chinese_when_in_doubt(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")["Location"] == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")["Location"] == "/zh-hans/"
    assert client.get("/")["Location"] == "/zh-hans/"


def test_balance_page_lists_the_five_channels_in_order_with_what_to_bring(client):
    response = client.get("/en/questions/check-balance/")
    html = response.content.decode()
    page = parse(response)
    anchors = [i for i in page.ids if i.startswith("channel-")]
    assert anchors == [
        "channel-hotline-12333",
        "channel-social-insurance-agency",
        "channel-official-website",
        "channel-city-services",
        "channel-service-hall-window",
    ]
    # Short answer comes before the steps, and legal basis after them.
    assert (
        html.index('id="short-answer"') < html.index('id="ways"') < html.index('id="legal-basis"')
    )
    assert "What to bring" in html
    assert "/en/documents/#document-household-register" in html
    # Every section and step has a visible link to itself.
    for anchor in ["short-answer", "ways", "legal-basis", *anchors]:
        assert f'href="#{anchor}"' in html


def test_balance_page_cites_article_4_and_article_74_paragraph_4(client):
    html = client.get("/en/questions/check-balance/").content.decode()
    assert 'href="/en/law/social-insurance-law/#article-4-1"' in html
    assert 'href="/en/law/social-insurance-law/#article-74-4"' in html
    assert "Social Insurance Law, Article 74, paragraph 4" in html
    zh = client.get("/zh-hans/questions/check-balance/").content.decode()
    assert "《社会保险法》第七十四条第四款" in zh


def test_activation_page_shows_three_methods_and_the_half_year_caution(client):
    response = client.get("/en/questions/activate-card/")
    page = parse(response)
    assert [i for i in page.ids if i.startswith("method-")] == [
        "method-bank-outlet",
        "method-designated-hospital",
        "method-designated-pharmacy",
    ]
    html = response.content.decode()
    assert "six months" in html and "12333" in html
    assert 'id="caution"' in html


def test_english_pages_show_the_chinese_terms_to_point_at(client):
    html = client.get("/en/questions/activate-card/").content.decode()
    for term in ["激活", "定点医院", "定点药店", "社保卡", "身份证"]:
        assert term in html
    assert 'lang="zh-Hans"' in html
    zh = client.get("/zh-hans/questions/activate-card/").content.decode()
    assert 'id="chinese-terms"' not in zh


def test_channels_overview_compares_the_five_ways(client):
    response = client.get("/en/ways/")
    page = parse(response)
    rows = [i for i in page.ids if i.startswith("channel-") and not i.endswith("-details")]
    assert len(rows) == 5
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
        "/en/law/social-insurance-law/article/0/",
        "/en/law/social-insurance-law/article/99/",
        "/en/law/social-insurance-law/article/99999999999999999999999/",
        "/en/law/social-insurance-law/article/four/",
    ],
)
def test_unknown_addresses_are_a_friendly_404(client, path):
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
    page = FAQPage.objects.get(slug="check-balance")
    before = _queries(client, "/en/questions/check-balance/")
    document = Document.objects.create(slug="extra-doc", name_zh_hans="额外", name_en="Extra")
    article = Article.objects.get(number=10)
    for n in range(6):
        channel = Channel.objects.create(
            slug=f"extra-{n}",
            name_en=f"Extra {n}",
            name_zh_hans="额外",
            summary_en="s",
            how_en="h",
            mode="online",
        )
        channel.documents.add(document)
        Step.objects.create(page=page, order=100 + n, channel=channel)
        Step.objects.create(page=page, order=200 + n, title_en=f"Plain step {n}")
        Citation.objects.create(page=page, order=100 + n, article=article, note_en="n")
    after = _queries(client, "/en/questions/check-balance/")
    assert after == before
    html = client.get("/en/questions/check-balance/").content.decode()
    assert "Extra 5" in html and "Plain step 5" in html


def test_overview_and_documents_query_counts_do_not_grow(client):
    before = (_queries(client, "/en/ways/"), _queries(client, "/en/documents/"))
    document = Document.objects.create(slug="extra-doc", name_en="Extra")
    for n in range(5):
        channel = Channel.objects.create(slug=f"more-{n}", name_en="More", how_en="h", mode="app")
        channel.documents.add(document, *Document.objects.all())
    after = (_queries(client, "/en/ways/"), _queries(client, "/en/documents/"))
    assert after == before


def test_editor_text_is_escaped_not_rendered_as_markup(client):
    channel = Channel.objects.get(slug="hotline-12333")
    channel.how_en = 'Call <script>alert("x")</script>\n\n<b onclick="x()">now</b>'
    channel.save()
    html = client.get("/en/questions/check-balance/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<b onclick" not in html


def test_missing_translation_shows_the_other_language_with_a_note(client):
    page = FAQPage.objects.get(slug="check-balance")
    page.short_answer_en = ""
    page.save()
    html = client.get("/en/questions/check-balance/").content.decode()
    assert "最快的办法是拨打12333" in html
    assert "Not yet translated" in html


def test_drafts_are_hidden_from_the_public(client):
    FAQPage.objects.filter(slug="activate-card").update(status="draft")
    Channel.objects.filter(slug="city-services").update(status="draft")
    assert client.get("/en/questions/activate-card/").status_code == 404
    assert "activate-card" not in client.get("/en/").content.decode()
    balance = client.get("/en/questions/check-balance/").content.decode()
    assert "channel-city-services" not in balance
    assert "channel-city-services" not in client.get("/en/ways/").content.decode()
    article = client.get("/en/law/social-insurance-law/article/4/").content.decode()
    assert "/questions/activate-card/" not in article
    assert "/questions/check-balance/" in article
