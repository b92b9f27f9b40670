"""Every edit is recorded (who, when, what changed field by field), old versions can be
viewed, and any version can be restored."""

import pytest
from django.urls import reverse

from tests import factories
from tests.channels.test_admin import _faq_form_data

pytestmark = pytest.mark.django_db


def edit_short_answer(client, page, text, kind="minor"):
    data = _faq_form_data(page)
    data["short_answer_en"] = text
    data["change_kind"] = kind
    if kind == "major":
        data["change_note_en"] = "Rewrote the short answer."
    response = client.post(reverse("admin:channels_faqpage_change", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_an_edit_is_recorded_with_who_when_and_each_changed_field(editor_client, editor):
    page = factories.faq_page()
    before = page.history.count()
    old = page.short_answer_en
    edit_short_answer(editor_client, page, "Call the hotline: it is the quickest.")
    assert page.history.count() == before + 1
    record = page.history.first()
    assert record.history_user == editor
    assert record.history_type == "~"
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("short_answer_en", old, "Call the hotline: it is the quickest.")
    ]
    # The admin's history page lists it, field by field, with the editor's name.
    html = editor_client.get(
        reverse("admin:channels_faqpage_history", args=[page.pk])
    ).content.decode()
    assert "content-editor" in html
    assert "/auth/user/" not in html  # editors may not open accounts: no link to one
    assert "Short answer [en]" in html
    assert "Call the hotline: it is the quickest." in html


def test_an_old_version_can_be_viewed_and_restored(editor_client, client):
    page = factories.faq_page()
    url = f"/en/questions/{page.slug}/"
    original = page.short_answer_en
    baseline = page.history.first()  # the version as the page was made
    assert baseline.short_answer_en == original
    edit_short_answer(editor_client, page, "A worse answer.")
    edit_short_answer(editor_client, page, "An even worse answer.")
    assert "An even worse answer." in client.get(url).content.decode()

    revert_url = reverse("admin:channels_faqpage_simple_history", args=[page.pk, baseline.pk])
    form = editor_client.get(revert_url)
    assert form.status_code == 200
    assert original in form.content.decode()  # the old text, ready to restore

    page.refresh_from_db()
    data = _faq_form_data(page)
    data.update(
        {
            "short_answer_en": baseline.short_answer_en,
            "short_answer_zh_hans": baseline.short_answer_zh_hans,
            "change_kind": "minor",
        }
    )
    response = editor_client.post(revert_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get(url).content.decode()
    assert original in html and "worse answer" not in html
    # The revert is itself an edit in the history, so it can be undone too.
    assert page.history.first().short_answer_en == original
    assert page.history.count() >= 4


def test_a_channel_edit_is_recorded_in_both_languages_and_its_documents():
    card = factories.document()
    channel = factories.channel(documents=[card])
    channel.save()  # its documents are in the history from the next save on
    channel.how_zh_hans = "拨打热线。"
    channel.save()
    channel.documents.clear()
    latest, previous = channel.history.all()[:2]
    changed = {c.field for c in previous.diff_against(previous.prev_record).changes}
    assert "how_zh_hans" in changed
    assert list(latest.documents.all()) == []
    assert [d.document for d in previous.documents.all()] == [card]


def test_the_law_text_has_a_history_too(staff_client):
    paragraph = factories.article(paragraphs=1).paragraphs.get()
    paragraph.text_en = "Changed."
    paragraph.save()
    assert paragraph.history.first().text_en == "Changed."
    url = reverse("admin:articles_paragraph_history", args=[paragraph.pk])
    assert "Changed." in staff_client.get(url).content.decode()
