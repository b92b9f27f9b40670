"""The content check finds what editors must fix, and finds nothing in the shipped content.

Each problem is planted in content the test makes for itself (``tests.factories``), so the
findings are the planted ones whatever the shipped content says."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from channels import contentcheck
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def kinds(report):
    return {finding.kind for finding in report.findings}


@pytest.mark.slow
def test_the_shipped_content_passes(capsys):
    report = contentcheck.run()
    assert report.findings == []
    assert report.pages > 200  # both languages, every article page
    call_command("checkcontent")
    assert "No problems found" in capsys.readouterr().out


@pytest.fixture
def cited():
    """A published page citing paragraph 2 of an article that has two."""
    law = factories.law()
    article = factories.article(law, paragraphs=2)
    page = factories.faq_page(steps=[factories.channel()], citations=[(article, 2)])
    return page, article


@pytest.mark.slow
def test_a_planted_broken_citation_is_found_and_its_link_too(cited):
    page, article = cited
    # .update() skips the admin's validation, as a bad fixture or a later change to the law
    # would.
    page.citations.update(paragraph_number=9)
    report = contentcheck.run()
    citations = [f for f in report.findings if f.kind == "citation"]
    assert len(citations) == 1
    assert "there is no paragraph 9" in citations[0].message
    assert citations[0].admin_url == reverse("admin:channels_faqpage_change", args=[page.pk])
    links = [f for f in report.findings if f.kind == "link"]
    # The FAQ page links to the missing paragraph, and so does the article's "Cited by".
    article_page = f"law/{article.law.slug}/article/{article.number}/"
    assert {f.subject for f in links} == {
        f"/en/questions/{page.slug}/",
        f"/zh-hans/questions/{page.slug}/",
        f"/en/{article_page}",
        f"/zh-hans/{article_page}",
    }
    assert all(f"#article-{article.number}-9" in f.message for f in links)
    with pytest.raises(CommandError, match="problem"):
        call_command("checkcontent")


def test_a_planted_missing_translation_is_found():
    page = factories.faq_page(short_answer_en="", short_answer_zh_hans="只有中文。")
    page.terms.add(factories.term(meaning_en="only English", meaning_zh_hans=""))
    report = contentcheck.run(links=False)
    found = [f for f in report.findings if f.kind == "translation"]
    assert len(found) == 2
    messages = " ".join(f.subject + " " + f.message for f in found)
    assert "short answer" in messages and "English" in messages
    assert "meaning" in messages and "Simplified Chinese" in messages


def test_a_draft_is_not_checked_for_translations():
    factories.faq_page(short_answer_en="", short_answer_zh_hans="只有中文。", status="draft")
    report = contentcheck.run(links=False)
    assert "translation" not in kinds(report)


def test_items_past_their_review_date_are_found():
    due = factories.channel(review_by=datetime.date(2020, 1, 1))
    not_yet = factories.channel(review_by=datetime.date(2999, 1, 1))
    draft = factories.channel(review_by=datetime.date(2020, 1, 1), status="draft")
    factories.faq_page(steps=[due, not_yet, draft])
    report = contentcheck.run(links=False)
    found = [f for f in report.findings if f.kind == "review"]
    assert len(found) == 1 and "2020-01-01" in found[0].message
    assert due.name in found[0].subject


def test_a_channel_no_page_uses_is_found():
    factories.channel(name_en="A channel nobody lists")
    used = factories.channel()
    factories.faq_page(steps=[used])
    report = contentcheck.run(links=False)
    found = [f for f in report.findings if f.kind == "unused"]
    assert len(found) == 1
    assert "A channel nobody lists" in found[0].subject


@pytest.mark.slow
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
