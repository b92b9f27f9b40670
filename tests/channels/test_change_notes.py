"""Dates readers can see: "Last updated" with a change note, the page's history of notes,
and the editor's choice between a minor edit (no new date) and a major one (date + note)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from channels.models import ChangeNote
from tests import factories
from tests.channels.test_admin import _faq_form_data

pytestmark = pytest.mark.django_db

EARLIER = datetime.date(2026, 1, 15)


@pytest.fixture
def page():
    """A published page with one note, "First published.", dated in the past so that a new
    date can be seen."""
    return factories.faq_page(steps=[factories.channel()], change_notes=1)


@pytest.fixture
def url(page):
    return f"/en/questions/{page.slug}/"


def last_updated(html):
    start = html.index('class="last-updated"')
    return html[start : html.index("</p>", start)]


def change_url(page):
    return reverse("admin:channels_faqpage_change", args=[page.pk])


def test_the_page_shows_last_updated_and_its_history(client, page, url):
    assert page.change_notes.get().date == EARLIER
    html = client.get(url).content.decode()
    assert 'class="last-updated"' in html
    assert '<time datetime="2026-01-15">' in html
    assert "First published." in html
    assert 'id="page-history"' in html and 'href="#page-history"' in html
    zh = client.get(url.replace("/en/", "/zh-hans/")).content.decode()
    assert "最后更新" in zh and "首次发布。" in zh and "2026年1月15日" in zh


def test_a_major_edit_changes_the_date_and_adds_a_change_note(staff_client, client, page, url):
    data = _faq_form_data(page)
    data.update(
        {
            "short_answer_en": "Call the hotline first.",
            "change_kind": "major",
            "change_note_zh_hans": "增加了热线的说明。",
            "change_note_en": "Explained the hotline better.",
        }
    )
    response = staff_client.post(change_url(page), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    notes = list(page.change_notes.all())
    assert len(notes) == 2
    assert notes[0].number == 2 and notes[0].date == timezone.localdate()
    html = client.get(url).content.decode()
    latest = last_updated(html)
    assert timezone.localdate().isoformat() in latest
    assert "Explained the hotline better." in latest
    history = html[html.index('id="page-history"') :]
    assert history.index("Explained the hotline better.") < history.index("First published.")
    # The history of edits carries the note as its reason.
    assert page.history.first().history_change_reason == "Explained the hotline better."


def test_a_minor_edit_keeps_the_date_and_adds_no_note(staff_client, client, page, url):
    data = _faq_form_data(page)
    data["short_answer_en"] = "The quickest way is to call the hotline."
    response = staff_client.post(change_url(page), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert page.change_notes.count() == 1
    html = client.get(url).content.decode()
    assert "The quickest way is to call the hotline." in html
    assert '<time datetime="2026-01-15">' in last_updated(html)
    assert html.count('<time datetime="2026-01-15">') == 2  # "Last updated" and the history


def test_the_editor_must_say_minor_or_major_and_a_major_edit_needs_a_note(staff_client, page):
    data = _faq_form_data(page)
    data["change_kind"] = ""
    response = staff_client.post(change_url(page), data)
    assert response.status_code == 200
    assert "Say whether this is a minor or a major edit." in response.content.decode()
    data["change_kind"] = "major"
    response = staff_client.post(change_url(page), data)
    assert response.status_code == 200
    assert "A major edit needs a change note" in response.content.decode()
    assert page.change_notes.count() == 1


def test_a_page_added_as_published_is_first_published_today(staff_client):
    data = {
        "slug": "lost-card",
        "order": 30,
        "status": "published",
        "standing": "current",
        "question_zh_hans": "社保卡丢了怎么办？",
        "question_en": "What if I lose my card?",
        "short_answer_zh_hans": "拨打12333挂失。",
        "short_answer_en": "Call 12333 to report it lost.",
        "steps_heading_zh_hans": "步骤",
        "steps_heading_en": "Steps",
    }
    for prefix in ("steps", "citations", "change_notes"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = staff_client.post(reverse("admin:channels_faqpage_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    note = ChangeNote.objects.get(page__slug="lost-card")
    assert note.date == timezone.localdate()
    assert (note.note_en, note.note_zh_hans) == ("First published.", "首次发布。")


def test_a_draft_gets_its_first_published_note_when_it_is_published(staff_client):
    page = factories.faq_page(status="draft", change_notes=0)
    data = _faq_form_data(page)
    staff_client.post(change_url(page), data)
    assert page.change_notes.count() == 0  # still a draft: not published yet
    data = _faq_form_data(page)
    data["status"] = "published"
    response = staff_client.post(change_url(page), data)
    assert response.status_code == 302
    assert [n.note_en for n in page.change_notes.all()] == ["First published."]
