"""The content check finds what editors must fix, and finds nothing in the shipped content."""

import datetime
import re

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
    call_command("checkcontent")
    out = capsys.readouterr().out
    assert "No problems found" in out
    assert '"logger"' not in out  # no request-log lines: nothing is rendered


def test_a_planted_broken_citation_is_found():
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
    with pytest.raises(CommandError, match="problem"):
        call_command("checkcontent")


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("/en/questions/no-such-page/", "leads to no page"),
        ("/en/questions/check-balance/#no-such-anchor", "#no-such-anchor"),
        ("/en/law/social-insurance-law/article/74/#article-74-9", "#article-74-9"),
        ("/zh-hans/law/social-insurance-law/article/99/", "leads to no page"),
    ],
)
def test_a_link_in_the_text_that_leads_nowhere_is_found(href, problem):
    Channel.objects.filter(slug="official-website").update(
        how_en=f"See [this page]({href}), or https://rsj.beijing.gov.cn/."
    )
    found = [f for f in contentcheck.run().findings if f.kind == "link"]
    assert len(found) == 1
    assert problem in found[0].message and href in found[0].message
    assert "how it works" in found[0].subject and "English" in found[0].subject


@pytest.mark.parametrize(
    "href",
    [
        "/en/questions/activate-card/#legal-basis",
        "/zh-hans/ways/#channel-hotline-12333",
        "/en/law/social-insurance-law/#article-30-1-4",
        "/en/law/social-insurance-law/article/74/#article-74-4",
        "/en/documents/#document-id-card",
        "https://example.org/#anything",
        "tel:12333",
    ],
)
def test_links_that_work_are_not_reported(href):
    Channel.objects.filter(slug="official-website").update(how_en=f"See [this]({href}).")
    assert [f for f in contentcheck.run().findings if f.kind == "link"] == []


def test_the_check_costs_the_same_queries_however_much_content_there_is():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.guide_site.test_queries import grow_content

    def queries():
        with CaptureQueriesContext(connection) as captured:
            contentcheck.run()
        return len(captured)

    grow_content(0)
    before = queries()
    grow_content(1)
    assert queries() == before


def test_every_message_is_in_one_language():
    FAQPage.objects.filter(slug="activate-card").update(short_answer_en="")
    with translation.override("zh-hans"):
        (finding,) = [f for f in contentcheck.run().findings if f.kind == "translation"]
    text = finding.subject + finding.message
    assert "怎样激活社保卡" in text and "英文" in text
    assert not re.search("[A-Za-z]{3,}", text), text


def test_a_planted_missing_translation_is_found():
    FAQPage.objects.filter(slug="activate-card").update(short_answer_en="")
    Term.objects.filter(slug="shebaoka").update(meaning_zh_hans="")
    report = contentcheck.run()
    found = [f for f in report.findings if f.kind == "translation"]
    assert len(found) == 2
    messages = " ".join(f.subject + " " + f.message for f in found)
    assert "short answer" in messages and "English" in messages
    assert "meaning" in messages and "Chinese" in messages


def test_a_draft_is_not_checked_for_translations():
    FAQPage.objects.filter(slug="activate-card").update(short_answer_en="", status="draft")
    report = contentcheck.run()
    assert "translation" not in kinds(report)


def test_items_past_their_review_date_are_found():
    Channel.objects.filter(slug="official-website").update(review_by=datetime.date(2020, 1, 1))
    report = contentcheck.run()
    found = [f for f in report.findings if f.kind == "review"]
    assert len(found) == 1 and "2020-01-01" in found[0].message


def test_a_channel_no_page_uses_is_found():
    Step.objects.filter(channel__slug="city-services").delete()
    report = contentcheck.run()
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


def test_a_shipped_change_waiting_for_review_is_found():
    from guide_site.models import FixtureRecord

    FixtureRecord.objects.filter(model="channels.channel", key='["hotline-12333"]').update(
        pending={}
    )
    (found,) = [f for f in contentcheck.run().findings if f.kind == "shipped"]
    assert (
        "hotline-12333" in found.subject and "/admin/guide_site/fixturerecord/" in found.admin_url
    )
