"""Drafts: a 404 for the public, a preview with a clear banner for staff, and public pages
that stay cacheable (no cookie, no Vary: Cookie) while staff responses are never cached."""

import pytest
from django.conf import settings
from django.test import Client

from channels.models import ActivationMethod, Channel, FAQPage
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts():
    FAQPage.objects.filter(slug="activate-card").update(status="draft")
    Channel.objects.filter(slug="city-services").update(status="draft")
    ActivationMethod.objects.filter(slug="designated-pharmacy").update(status="draft")


def assert_cacheable(response):
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "private" not in response.get("Cache-Control", "")


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_a_draft_page_is_a_404_for_the_public_and_the_404_stays_cacheable(client, drafts):
    for path in ["/en/questions/activate-card/", "/zh-hans/questions/activate-card/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert_cacheable(response)
        assert "Draft" not in response.content.decode()


def test_staff_see_a_draft_page_with_a_draft_banner(editor_client, drafts):
    response = editor_client.get("/en/questions/activate-card/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="preview-banner is-draft"' in html
    assert "The public cannot see this page" in html
    assert "How do I activate my social security card?" in html
    assert_private(response)
    # The banner links to the page in the admin.
    page = FAQPage.objects.get(slug="activate-card")
    assert f'href="/{settings.ADMIN_PATH}channels/faqpage/{page.pk}/change/"' in html
    # In Chinese too.
    zh = editor_client.get("/zh-hans/questions/activate-card/").content.decode()
    assert "草稿" in zh


def test_staff_see_draft_channels_and_methods_marked_and_the_public_does_not(editor_client, drafts):
    public = Client().get("/en/questions/check-balance/")
    assert "channel-city-services" not in parse(public).ids
    assert "draft-marker" not in public.content.decode()
    assert_cacheable(public)

    staff = editor_client.get("/en/questions/check-balance/")
    assert "channel-city-services" in parse(staff).ids
    html = staff.content.decode()
    step = html[html.index('id="channel-city-services"') :]
    step = step[: step.index("</h3>")]
    assert 'class="draft-marker"' in step
    # Only the draft one is marked.
    assert html.count('class="draft-marker"') == 1
    assert 'class="preview-banner"' in html  # the staff notice, not the draft banner
    assert_private(staff)

    ways = editor_client.get("/en/ways/").content.decode()
    assert "channel-city-services" in ways and "method-designated-pharmacy" in ways
    assert ways.count('class="draft-marker"') == 2
    home = editor_client.get("/en/").content.decode()
    assert "/en/questions/activate-card/" in home and 'class="draft-marker"' in home


def test_a_signed_in_reader_who_is_not_staff_gets_the_public_page(
    client, django_user_model, drafts
):
    reader = django_user_model.objects.create_user("reader", password="a-long-pass-phrase")
    client.force_login(reader)
    assert client.get("/en/questions/activate-card/").status_code == 404
    response = client.get("/en/questions/check-balance/")
    assert "channel-city-services" not in parse(response).ids
    assert "preview-banner" not in response.content.decode()


def test_anonymous_pages_never_read_the_session(client, drafts):
    """No session cookie, no session: the response has no Vary: Cookie, even for pages
    that look for staff."""
    for path in ["/en/", "/en/ways/", "/en/documents/", "/en/questions/check-balance/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert_cacheable(response)
        assert "preview-banner" not in response.content.decode()


def test_a_staff_404_is_not_cached_either(editor_client):
    response = editor_client.get("/en/questions/no-such-page/")
    assert response.status_code == 404
    assert_private(response)
