"""Saving a form changes only what the editor changed: textareas come back from browsers
with CRLF line endings, which must not count as a change."""

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from channels.models import Channel, FAQPage
from tests import factories
from tests.adminforms import form_data

pytestmark = pytest.mark.django_db

MULTILINE = "First line.\nSecond line.\n\nA paragraph."


@pytest.fixture
def page():
    """A published page with a channel, a method and a step of its own, every text in
    several lines, and a change note."""
    channel = factories.channel(how_en=MULTILINE, how_zh_hans=MULTILINE)
    method = factories.method(where_en=MULTILINE)
    return factories.faq_page(steps=[channel, method, "Own step"], body_en=MULTILINE)


@pytest.mark.parametrize("model", [Channel, FAQPage])
def test_a_save_that_touches_nothing_records_no_change(editor_client, page, model):
    obj = page if model is FAQPage else page.steps.first().channel
    url = reverse(f"admin:channels_{model._meta.model_name}_change", args=[obj.pk])
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


def test_an_edit_records_only_the_field_the_editor_changed(editor_client, page):
    channel = page.steps.first().channel
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


def test_editors_links_reach_the_page_and_hostile_markup_does_not(client, page):
    channel = page.steps.first().channel
    channel.how_en = (
        "Open https://rsj.beijing.gov.cn/ and sign in.\n\n"
        "<script>alert(1)</script> [here](javascript:alert(1))"
    )
    channel.where_en = "The [Bureau's website](https://rsj.beijing.gov.cn/)."
    channel.save()
    html = client.get(f"/en/questions/{page.slug}/").content.decode()
    assert '<a href="https://rsj.beijing.gov.cn/">https://rsj.beijing.gov.cn/</a>' in html
    assert "Bureau&#x27;s website</a>" in html or "Bureau's website</a>" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_a_change_note_in_one_language_never_locks_the_page(editor_client, client, page):
    url = reverse("admin:channels_faqpage_change", args=[page.pk])
    data = form_data(editor_client.get(url))
    data.update(
        change_kind="major", change_note_en="Explained the hotline.", short_answer_en="Call."
    )
    assert editor_client.post(url, data).status_code == 302
    # The next save of the same form still works, with the English-only note in it.
    data = form_data(editor_client.get(url))
    data.update(change_kind="minor", short_answer_en="Call 12333.")
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get(f"/zh-hans/questions/{page.slug}/").content.decode()
    assert "Explained the hotline." in html  # shown, marked as not yet translated


def test_restoring_an_old_version_is_one_step_and_the_page_says_so(editor_client, client, page):
    original = page.short_answer_en
    first = page.history.first()
    url = reverse("admin:channels_faqpage_change", args=[page.pk])
    data = form_data(editor_client.get(url))
    data.update(change_kind="major", change_note_en="Shorter answer.", short_answer_en="Call.")
    editor_client.post(url, data)
    revert = reverse("admin:channels_faqpage_simple_history", args=[page.pk, first.pk])
    form = editor_client.get(revert)
    assert "change_kind" not in form.content.decode()
    response = editor_client.post(revert, form_data(form))
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.short_answer_en == original
    html = client.get(f"/en/questions/{page.slug}/").content.decode()
    last_updated = html[html.index('class="last-updated"') :]
    assert "Restored the version of" in last_updated[: last_updated.index("</p>")]
    assert "恢复为" in client.get(f"/zh-hans/questions/{page.slug}/").content.decode()


@pytest.mark.parametrize(
    "term",
    [
        "4",
        "第四条",
        "Article 4",
        "Art. 4",
        "Social Insurance Law, Article 4",
        "《社会保险法》第四条",
    ],
)
def test_a_citations_article_is_found_as_editors_write_it(editor_client, term):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "channels", "model_name": "citation", "field_name": "article", "term": term},
    )
    assert response.status_code == 200
    results = response.json()["results"]
    with translation.override("en"):
        expected = sorted(str(article) for article in Article.objects.filter(number=4))
    assert expected and sorted(r["text"] for r in results) == expected
