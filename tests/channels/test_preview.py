"""Drafts: a 404 for the public, a preview with a clear banner for staff, and public pages
that stay cacheable (no cookie, no Vary: Cookie) while staff responses are never cached."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client

from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts():
    """A draft page; a published page that lists a draft channel beside a published one;
    a draft activation method."""
    channel = factories.channel(status="draft")
    method = factories.method(status="draft")
    return SimpleNamespace(
        page=factories.faq_page(status="draft", steps=[factories.method(), method]),
        published=factories.faq_page(steps=[factories.channel(), channel]),
        channel=channel,
        method=method,
    )


def assert_cacheable(response):
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "private" not in response.get("Cache-Control", "")


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_a_draft_page_is_a_404_for_the_public_and_the_404_stays_cacheable(client, drafts):
    for path in [f"/en/questions/{drafts.page.slug}/", f"/zh-hans/questions/{drafts.page.slug}/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert_cacheable(response)
        assert "Draft" not in response.content.decode()


def test_staff_see_a_draft_page_with_a_draft_banner(editor_client, drafts):
    response = editor_client.get(f"/en/questions/{drafts.page.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="preview-banner is-draft"' in html
    assert "The public cannot see this page" in html
    assert drafts.page.question_en in html
    assert_private(response)
    # The banner links to the page in the admin.
    assert f'href="/{settings.ADMIN_PATH}channels/faqpage/{drafts.page.pk}/change/"' in html
    # In Chinese too.
    zh = editor_client.get(f"/zh-hans/questions/{drafts.page.slug}/").content.decode()
    assert "草稿" in zh


def test_staff_see_draft_channels_and_methods_marked_and_the_public_does_not(editor_client, drafts):
    path = f"/en/questions/{drafts.published.slug}/"
    public = Client().get(path)
    assert drafts.channel.anchor not in parse(public).ids
    assert "draft-marker" not in public.content.decode()
    assert_cacheable(public)

    staff = editor_client.get(path)
    assert drafts.channel.anchor in parse(staff).ids
    html = staff.content.decode()
    step = html[html.index(f'id="{drafts.channel.anchor}"') :]
    step = step[: step.index("</h3>")]
    assert 'class="draft-marker"' in step
    # Only the draft one is marked.
    assert html.count('class="draft-marker"') == 1
    assert 'class="preview-banner"' in html  # the staff notice, not the draft banner
    assert_private(staff)

    ways = editor_client.get("/en/ways/").content.decode()
    assert drafts.channel.anchor in ways and drafts.method.anchor in ways
    assert ways.count('class="draft-marker"') == 2
    home = editor_client.get("/en/").content.decode()
    assert f"/en/questions/{drafts.page.slug}/" in home and 'class="draft-marker"' in home


def test_a_signed_in_reader_who_is_not_staff_gets_the_public_page(
    client, django_user_model, drafts
):
    reader = django_user_model.objects.create_user("reader", password="a-long-pass-phrase")
    client.force_login(reader)
    assert client.get(f"/en/questions/{drafts.page.slug}/").status_code == 404
    response = client.get(f"/en/questions/{drafts.published.slug}/")
    assert drafts.channel.anchor not in parse(response).ids
    assert "preview-banner" not in response.content.decode()


def test_anonymous_pages_never_read_the_session(client, drafts):
    """No session cookie, no session: the response has no Vary: Cookie, even for pages
    that look for staff."""
    for path in ["/en/", "/en/ways/", "/en/documents/", f"/en/questions/{drafts.published.slug}/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert_cacheable(response)
        assert "preview-banner" not in response.content.decode()


def test_a_staff_404_is_not_cached_either(editor_client):
    response = editor_client.get("/en/questions/no-such-page/")
    assert response.status_code == 404
    assert_private(response)
