"""The content check finds what editors must fix, and finds nothing in the shipped content."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from channels import contentcheck
from channels.models import Channel, Citation, FAQPage, Step, Term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def kinds(report):
    return {finding.kind for finding in report.findings}


def test_the_shipped_content_passes(capsys):
    report = contentcheck.run()
    assert report.findings == []
    assert report.pages > 200  # both languages, every article page
    call_command("checkcontent")
    assert "No problems found" in capsys.readouterr().out


def test_a_planted_broken_citation_is_found_and_its_link_too():
    # Article 4 has two paragraphs; .update() skips the admin's validation, as a bad
    # fixture or a later change to the law would.
    Citation.objects.filter(page__slug="check-balance", article__number=4).update(
        paragraph_number=9
    )
    report = contentcheck.run()
    citations = [f for f in report.findings if f.kind == "citation"]
    assert len(citations) == 1
    assert "there is no paragraph 9" in citations[0].message
    page = FAQPage.objects.get(slug="check-balance")
    assert citations[0].admin_url == reverse("admin:channels_faqpage_change", args=[page.pk])
    links = [f for f in report.findings if f.kind == "link"]
    # The FAQ page links to the missing paragraph, and so does the article's "Cited by".
    assert {f.subject for f in links} == {
        "/en/questions/check-balance/",
        "/zh-hans/questions/check-balance/",
        "/en/law/social-insurance-law/article/4/",
        "/zh-hans/law/social-insurance-law/article/4/",
    }
    assert all("#article-4-9" in f.message for f in links)
    with pytest.raises(CommandError, match="problem"):
        call_command("checkcontent")


def test_a_planted_missing_translation_is_found():
    FAQPage.objects.filter(slug="activate-card").update(short_answer_en="")
    Term.objects.filter(slug="shebaoka").update(meaning_zh_hans="")
    report = contentcheck.run(links=False)
    found = [f for f in report.findings if f.kind == "translation"]
    assert len(found) == 2
    messages = " ".join(f.subject + " " + f.message for f in found)
    assert "short answer" in messages and "English" in messages
    assert "meaning" in messages and "Simplified Chinese" in messages


def test_a_draft_is_not_checked_for_translations():
    FAQPage.objects.filter(slug="activate-card").update(short_answer_en="", status="draft")
    report = contentcheck.run(links=False)
    assert "translation" not in kinds(report)


def test_items_past_their_review_date_are_found():
    Channel.objects.filter(slug="official-website").update(review_by=datetime.date(2020, 1, 1))
    report = contentcheck.run(links=False)
    found = [f for f in report.findings if f.kind == "review"]
    assert len(found) == 1 and "2020-01-01" in found[0].message


def test_a_channel_no_page_uses_is_found():
    Step.objects.filter(channel__slug="city-services").delete()
    report = contentcheck.run(links=False)
    found = [f for f in report.findings if f.kind == "unused"]
    assert len(found) == 1
    assert "City Services" in found[0].subject


def test_the_admin_page_lists_the_findings(editor_client):
    Citation.objects.filter(article__number=74).update(paragraph_number=9)
    html = editor_client.get(reverse("admin:channels_content_check")).content.decode()
    assert 'id="check-citation"' in html
    assert "there is no paragraph 9" in html
    assert "No problems found." not in html


def test_the_command_explains_itself():
    from channels.management.commands import checkcontent

    assert "Usage:" in checkcontent.__doc__
