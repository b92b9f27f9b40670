"""The content check finds what editors must fix, and finds nothing in the shipped content.

Each problem is planted in content the test makes for itself (``tests.factories``), so the
findings are the planted ones whatever the shipped content says."""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from channels import contentcheck
from guide_site.models import FixtureRecord
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def kinds(report):
    return {finding.kind for finding in report.findings}


def found(kind, report=None):
    return [f for f in (report or contentcheck.run()).findings if f.kind == kind]


def test_the_shipped_content_passes(capsys):
    report = contentcheck.run()
    assert report.findings == []
    call_command("checkcontent")
    out = capsys.readouterr().out
    assert "No problems found" in out
    assert '"logger"' not in out  # no request-log lines: nothing is rendered


@pytest.fixture
def cited():
    """A published page citing paragraph 2 of an article that has two."""
    law = factories.law()
    article = factories.article(law, paragraphs=2)
    page = factories.faq_page(steps=[factories.channel()], citations=[(article, 2)])
    return page, article


def test_a_planted_broken_citation_is_found(cited):
    page, _article = cited
    # .update() skips the admin's validation, as a bad fixture or a later change to the law
    # would.
    page.citations.update(paragraph_number=9)
    citations = found("citation")
    assert len(citations) == 1
    assert "there is no paragraph 9" in citations[0].message
    assert citations[0].admin_url == reverse("admin:channels_faqpage_change", args=[page.pk])
    with pytest.raises(CommandError, match="problem"):
        call_command("checkcontent")


@pytest.fixture
def linked():
    """A published page whose channel's text will link somewhere, and an article to link to."""
    article = factories.article(factories.law(), paragraphs=2)
    target = factories.faq_page(steps=[factories.channel()], citations=[article])
    channel = factories.channel()
    factories.faq_page(steps=[channel])
    return channel, target, article


def _link(channel, href):
    channel.how_en = f"See [this page]({href}), or https://rsj.beijing.gov.cn/."
    channel.save()


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("/en/questions/no-such-page/", "leads to no page"),
        ("/en/questions/{page}/#no-such-anchor", "#no-such-anchor"),
        ("/en/law/{law}/article/{article}/#article-{article}-9", "-9"),
        ("/zh-hans/law/{law}/article/9999/", "leads to no page"),
    ],
)
def test_a_link_in_the_text_that_leads_nowhere_is_found(linked, href, problem):
    channel, target, article = linked
    href = href.format(page=target.slug, law=article.law.slug, article=article.number)
    _link(channel, href)
    links = found("link")
    assert len(links) == 1
    assert problem in links[0].message and href in links[0].message
    assert "how it works" in links[0].subject and "English" in links[0].subject


@pytest.mark.parametrize(
    "href",
    [
        "/en/questions/{page}/#legal-basis",
        "/en/questions/{page}/#citation-1",
        "/zh-hans/ways/#channel-{channel}",
        "/en/law/{law}/#article-{article}-2",
        "/en/law/{law}/article/{article}/#article-{article}-1",
        "/en/documents/",
        "https://example.org/#anything",
        "tel:12333",
    ],
)
def test_links_that_work_are_not_reported(linked, href):
    channel, target, article = linked
    href = href.format(
        page=target.slug, channel=channel.slug, law=article.law.slug, article=article.number
    )
    _link(channel, href)
    assert found("link") == []


def test_the_check_costs_the_same_queries_however_much_content_there_is():
    def queries():
        with CaptureQueriesContext(connection) as captured:
            contentcheck.run()
        return len(captured)

    def grow():
        article = factories.article(factories.law(), paragraphs=3, items=[2])
        for _n in range(3):
            channel, method = factories.channel(how_en="Only English."), factories.method()
            page = factories.faq_page(steps=[channel, method, "Own step"], citations=[article])
            page.terms.add(factories.term(meaning_zh_hans=""))

    grow()
    before = queries()
    grow()
    grow()
    assert queries() == before


def test_every_message_is_in_one_language():
    factories.faq_page(
        question_zh_hans="怎样测试？", short_answer_en="", short_answer_zh_hans="只有中文。"
    )
    with translation.override("zh-hans"):
        (finding,) = found("translation")
    text = finding.subject + finding.message
    assert "怎样测试" in text and "英文" in text
    assert not re.search("[A-Za-z]{3,}", text), text


def test_a_planted_missing_translation_is_found():
    page = factories.faq_page(short_answer_en="", short_answer_zh_hans="只有中文。")
    page.terms.add(factories.term(meaning_en="only English", meaning_zh_hans=""))
    translations = found("translation")
    assert len(translations) == 2
    messages = " ".join(f.subject + " " + f.message for f in translations)
    assert "short answer" in messages and "English" in messages
    assert "meaning" in messages and "Chinese" in messages


def test_a_draft_is_not_checked_for_translations():
    factories.faq_page(short_answer_en="", short_answer_zh_hans="只有中文。", status="draft")
    assert "translation" not in kinds(contentcheck.run())


def test_items_past_their_review_date_are_found():
    due = factories.channel(review_by=datetime.date(2020, 1, 1))
    not_yet = factories.channel(review_by=datetime.date(2999, 1, 1))
    draft = factories.channel(review_by=datetime.date(2020, 1, 1), status="draft")
    factories.faq_page(steps=[due, not_yet, draft])
    reviews = found("review")
    assert len(reviews) == 1 and "2020-01-01" in reviews[0].message
    assert due.name in reviews[0].subject


def test_a_channel_no_page_uses_is_found():
    factories.channel(name_en="A channel nobody lists")
    used = factories.channel()
    factories.faq_page(steps=[used])
    unused = found("unused")
    assert len(unused) == 1
    assert "A channel nobody lists" in unused[0].subject


def test_a_shipped_change_waiting_for_review_is_found():
    record = FixtureRecord.objects.create(model="channels.channel", key='["x"]', pending={})
    (shipped,) = found("shipped")
    assert '["x"]' in shipped.subject
    assert shipped.admin_url == reverse("admin:guide_site_fixturerecord_change", args=[record.pk])


def test_the_admin_page_lists_the_findings(editor_client, cited):
    page, _article = cited
    page.citations.update(paragraph_number=9)
    html = editor_client.get(reverse("admin:channels_content_check")).content.decode()
    assert 'id="check-citation"' in html
    assert "there is no paragraph 9" in html
    assert "No problems found." not in html


def test_the_command_explains_itself():
    from channels.management.commands import checkcontent

    assert "Usage:" in checkcontent.__doc__
