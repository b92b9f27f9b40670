import pytest
from django.contrib import admin
from django.urls import reverse

from channels.models import Citation, Feedback, SearchMiss, SlugRedirect, Source
from tests import factories

pytestmark = pytest.mark.django_db

MODELS = [
    model for model in admin.site._registry if model._meta.app_label in {"articles", "channels"}
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_admin_list_add_and_change_pages_load_for_staff(staff_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert staff_client.get(changelist).status_code == 200
    assert staff_client.get(changelist, {"q": "社保"}).status_code == 200
    add = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    # Feedback and searches that found nothing only ever come from readers, so their add
    # pages are closed even to staff.
    assert add.status_code == (403 if model in (Feedback, SearchMiss) else 200)
    if model is Feedback and not Feedback.objects.exists():
        Feedback.objects.create(kind="useful", path="/en/", language="en", useful=True)
    if model is SearchMiss:
        SearchMiss.objects.record("nothing like it", "en")
    obj = model.objects.first()
    if obj is None and model is Source:
        obj = factories.source()
    if obj is None:  # the fixtures have no renamed slugs yet
        obj = SlugRedirect.objects.create(kind="faq", old_slug="balance", new_slug="check-balance")
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    response = staff_client.get(change)
    assert response.status_code == 200
    # Both languages of a translated field are on the same form.
    html = response.content.decode()
    if "_zh_hans" in html:
        assert "_en" in html
    # And every edit can be looked up in its history.
    history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    assert staff_client.get(history).status_code == 200


def test_admin_is_not_public(client):
    response = client.get(reverse("admin:channels_faqpage_changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def _faq_form_data(page):
    """The admin change form's data for a FAQ page, as the browser would post it."""
    data = {
        "slug": page.slug,
        "order": page.order,
        "status": page.status,
        "standing": page.standing,
        "checked_on": page.checked_on.isoformat() if page.checked_on else "",
    }
    for field in ("question", "short_answer", "steps_heading", "body", "caution", "standing_note"):
        for code in ("zh_hans", "en"):
            data[f"{field}_{code}"] = getattr(page, f"{field}_{code}") or ""
    data.update(
        {
            "terms": [t.pk for t in page.terms.all()],
            "sources": [s.pk for s in page.sources.all()],
            "change_kind": "minor",
        }
    )
    for prefix, rows, fields in (
        (
            "steps",
            page.steps.all(),
            ["order", "channel", "method", "title_zh_hans", "title_en", "text_zh_hans", "text_en"],
        ),
        (
            "citations",
            page.citations.all(),
            ["order", "article", "paragraph_number", "item_number", "note_zh_hans", "note_en"],
        ),
        ("change_notes", page.change_notes.all(), ["date", "note_zh_hans", "note_en"]),
    ):
        rows = list(rows)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-page"] = page.pk
            for field in fields:
                value = getattr(
                    row, field if field not in {"channel", "method", "article"} else f"{field}_id"
                )
                data[f"{prefix}-{i}-{field}"] = "" if value is None else value
    return data


@pytest.fixture
def cited_page():
    """A page citing two articles: one with two paragraphs (its first), one with four."""
    law = factories.law()
    two, four = factories.article(law, paragraphs=2), factories.article(law, paragraphs=4)
    page = factories.faq_page(steps=[factories.channel()], citations=[(two, 1), (four, 4)])
    return page, two, four


def test_saving_a_citation_to_a_paragraph_the_article_lacks_is_refused(staff_client, cited_page):
    page, two, _four = cited_page
    url = reverse("admin:channels_faqpage_change", args=[page.pk])
    data = _faq_form_data(page)
    data["citations-0-paragraph_number"] = 9
    response = staff_client.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    assert "there is no paragraph 9" in html
    assert Citation.objects.get(page=page, article=two).paragraph_number == 1


def test_a_valid_edit_in_admin_is_saved_and_shown(staff_client, client, cited_page):
    page, _two, four = cited_page
    data = _faq_form_data(page)
    data["short_answer_en"] = "Call the hotline. That is all."
    data["citations-1-paragraph_number"] = 3
    response = staff_client.post(reverse("admin:channels_faqpage_change", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(f"/en/questions/{page.slug}/").content.decode()
    assert "Call the hotline. That is all." in html
    assert f"#article-{four.number}-3" in html


def test_citation_to_an_item_that_does_not_exist_is_refused():
    article = factories.article(paragraphs=1, items=(4,))
    citation = Citation(
        page=factories.faq_page(),
        order=9,
        article=article,
        paragraph_number=1,
        item_number=5,
        note_en="x",
    )
    assert "item_number" in citation.problems()
    citation.item_number = 4
    assert citation.problems() == {}


@pytest.mark.parametrize(
    "url_name", ["admin:channels_faqpage_changelist", "admin:channels_finderquestion_changelist"]
)
def test_admin_lists_count_rows_in_one_query_whatever_the_number_of_rows(staff_client, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(reverse(url_name)).status_code == 200
        return len(captured)

    before = count()
    for _n in range(5):
        factories.faq_page()
        factories.finder_question("balance")
    assert count() == before
