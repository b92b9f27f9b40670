"""Saving a form changes only what the editor changed: textareas come back from browsers
with CRLF line endings, which must not count as a change."""

import pytest
from django.urls import reverse

from channels.models import Channel, FAQPage
from tests.adminforms import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "slug", "url_name"),
    [
        (Channel, "hotline-12333", "admin:channels_channel_change"),
        (FAQPage, "check-balance", "admin:channels_faqpage_change"),
    ],
)
def test_a_save_that_touches_nothing_records_no_change(editor_client, model, slug, url_name):
    obj = model.objects.get(slug=slug)
    url = reverse(url_name, args=[obj.pk])
    data = form_data(editor_client.get(url))
    if model is FAQPage:
        data["change_kind"] = "minor"
    assert any("\r\n" in value for value in data.values() if isinstance(value, str))
    versions = obj.history.count()
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert obj.history.count() == versions
    obj.refresh_from_db()
    assert not any("\r" in str(getattr(obj, f.attname)) for f in obj._meta.concrete_fields)


def test_an_edit_records_only_the_field_the_editor_changed(editor_client):
    channel = Channel.objects.get(slug="hotline-12333")
    url = reverse("admin:channels_channel_change", args=[channel.pk])
    data = form_data(editor_client.get(url))
    data["how_en"] = "Dial 12333.\r\n\r\nWait for the menu."
    editor_client.post(url, data)
    channel.refresh_from_db()
    assert channel.how_en == "Dial 12333.\n\nWait for the menu."
    latest = channel.history.first()
    assert [change.field for change in latest.diff_against(latest.prev_record).changes] == [
        "how_en"
    ]


def test_editors_links_reach_the_page_and_hostile_markup_does_not(client):
    channel = Channel.objects.get(slug="official-website")
    channel.how_en = (
        "Open https://rsj.beijing.gov.cn/ and sign in.\n\n"
        "<script>alert(1)</script> [here](javascript:alert(1))"
    )
    channel.where_en = "The [Bureau's website](https://rsj.beijing.gov.cn/)."
    channel.save()
    html = client.get("/en/questions/check-balance/").content.decode()
    assert '<a href="https://rsj.beijing.gov.cn/">https://rsj.beijing.gov.cn/</a>' in html
    assert "Bureau&#x27;s website</a>" in html or "Bureau's website</a>" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
