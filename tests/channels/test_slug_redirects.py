"""A link that once worked keeps working: a renamed page's old address redirects (301) to
the new one, in the same language, after any number of renames, and never in a loop."""

import json

import pytest
from django.core.management import call_command

from channels.models import ActivationMethod, Channel, Document, FAQPage, SlugRedirect
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def guide():
    """Pages, a channel, a method and documents of the test's own (slugs "t-…"), which the
    tests rename."""
    document = factories.document(slug="t-id-card")
    channel = factories.channel(slug="t-hotline-12333", documents=[document])
    card = factories.document(slug="t-social-security-card")
    method = factories.method(slug="t-bank-outlet", documents=[card])
    factories.faq_page(slug="t-check-balance", steps=[channel], citations=[factories.article()])
    factories.faq_page(slug="t-activate-card", question_en="How do I activate it?", steps=[method])


def rename(slug, new_slug, model=FAQPage):
    obj = model.objects.get(slug=slug)
    obj.slug = new_slug
    obj.save()
    return obj


def assert_redirects(client, old, new):
    for language in ["en", "zh-hans"]:
        response = client.get(f"/{language}/questions/{old}/")
        assert response.status_code == 301, (old, response.status_code)
        assert response["Location"] == f"/{language}/questions/{new}/"
        assert not response.cookies
        # A browser may keep it an hour at most: a page renamed back (A → B → A) traps
        # nobody in a loop for longer (see test_a_browser_that_kept_a_redirect_…).
        control = response["Cache-Control"]
        assert "max-age=3600" in control and "s-maxage=60" in control
        assert client.get(response["Location"]).status_code == 200


def test_an_old_slug_redirects_to_the_new_one(client):
    rename("t-check-balance", "t-balance")
    assert_redirects(client, "t-check-balance", "t-balance")


def test_after_two_renames_both_old_slugs_go_straight_to_the_current_one(client):
    rename("t-check-balance", "t-balance")
    rename("t-balance", "t-card-balance")
    assert_redirects(client, "t-check-balance", "t-card-balance")
    assert_redirects(client, "t-balance", "t-card-balance")


def test_renaming_back_never_loops(client):
    rename("t-check-balance", "t-balance")
    rename("t-balance", "t-check-balance")
    assert client.get("/en/questions/t-check-balance/").status_code == 200
    assert_redirects(client, "t-balance", "t-check-balance")
    rename("t-check-balance", "t-balance")
    assert_redirects(client, "t-check-balance", "t-balance")
    # Follow every redirect from every old slug: each ends on a page in one hop.
    for old in SlugRedirect.objects.values_list("old_slug", flat=True):
        response = client.get(f"/en/questions/{old}/", follow=True)
        assert response.status_code == 200
        assert len(response.redirect_chain) == 1


def test_a_new_page_that_takes_an_old_slug_wins(client):
    rename("t-check-balance", "t-balance")
    page = FAQPage.objects.get(slug="t-activate-card")
    page.slug = "t-check-balance"
    page.save()
    response = client.get("/en/questions/t-check-balance/")
    assert response.status_code == 200
    assert "activate" in response.content.decode()
    assert not SlugRedirect.objects.filter(old_slug="t-check-balance").exists()


def test_an_old_slug_of_a_draft_is_a_404_for_the_public(client):
    page = rename("t-check-balance", "t-balance")
    page.status = "draft"
    page.save()
    assert client.get("/en/questions/t-check-balance/").status_code == 404


def test_unknown_slugs_are_still_a_404(client):
    assert client.get("/en/questions/never-existed/").status_code == 404


def test_channels_and_documents_remember_their_old_slugs_too():
    rename("t-hotline-12333", "t-hotline", Channel)
    rename("t-id-card", "t-resident-id-card", Document)
    assert SlugRedirect.objects.target("channel", "t-hotline-12333") == "t-hotline"
    assert SlugRedirect.objects.target("document", "t-id-card") == "t-resident-id-card"
    assert SlugRedirect.objects.target("faq", "t-hotline-12333") is None


def test_redirects_are_content_and_round_trip_through_the_fixtures(tmp_path, client):
    rename("t-check-balance", "t-balance")
    call_command("dumpcontent", output=tmp_path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    records = json.loads((tmp_path / "guide.json").read_text())
    redirects = [r for r in records if r["model"] == "channels.slugredirect"]
    assert redirects == [
        {
            "model": "channels.slugredirect",
            "fields": {"kind": "faq", "old_slug": "t-check-balance", "new_slug": "t-balance"},
        }
    ]
    SlugRedirect.objects.all().delete()
    call_command("loadcontent", str(tmp_path / "guide.json"), verbosity=0)
    assert_redirects(client, "t-check-balance", "t-balance")


def test_a_renamed_channel_method_or_document_keeps_its_old_anchor(client):
    """Their addresses are #anchors on list pages, which no redirect can reach: the pages
    carry the old anchors too, so old links still land on the right place."""
    rename("t-hotline-12333", "t-hotline", Channel)
    rename("t-hotline", "t-phone-hotline", Channel)
    rename("t-id-card", "t-resident-id-card", Document)
    ways = parse(client.get("/en/ways/")).ids
    assert {"channel-t-phone-hotline", "channel-t-hotline-12333", "channel-t-hotline"} <= set(ways)
    balance = parse(client.get("/zh-hans/questions/t-check-balance/")).ids
    assert {"channel-t-phone-hotline", "channel-t-hotline-12333"} <= set(balance)
    documents = parse(client.get("/en/documents/")).ids
    assert {"document-t-resident-id-card", "document-t-id-card"} <= set(documents)
    assert len(ways) == len(set(ways))  # still one element per id


@pytest.mark.slow
def test_renaming_leaves_the_site_without_broken_links():
    from channels import contentcheck

    rename("t-check-balance", "t-balance")
    rename("t-bank-outlet", "t-bank", ActivationMethod)
    rename("t-social-security-card", "t-card", Document)
    assert contentcheck.run().findings == []


def test_a_browser_that_kept_a_redirect_is_not_trapped_for_long(client):
    """A → B, a reader's browser keeps "A → B"; then B → A: for that browser, /A/ leads to
    /B/, which leads to /A/. The first redirect was allowed to be kept for an hour only."""
    rename("check-balance", "balance")
    kept = client.get("/en/questions/check-balance/")
    rename("balance", "check-balance")
    back = client.get("/en/questions/balance/")
    assert back["Location"] == "/en/questions/check-balance/"
    for response in (kept, back):
        ages = [
            int(part.split("=")[1])
            for part in response["Cache-Control"].split(", ")
            if part.startswith("max-age")
        ]
        assert ages and ages[0] <= 3600
