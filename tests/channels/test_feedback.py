"""'Is this page useful?' and 'Report a problem': stored, spam-proof, cache-friendly."""

import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from channels.models import Feedback

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
PAGE = "/en/ways/"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def report(client, **overrides):
    data = {
        "page": PAGE,
        "doing": "Looking for the hotline",
        "wrong": "The number was hard to find",
    }
    data.update(overrides)
    return client.post("/en/feedback/problem/", data, **ORIGIN)


def test_every_content_page_carries_both_forms_without_a_token_or_cookie(client):
    response = client.get(PAGE)
    html = response.content.decode()
    assert 'action="/en/feedback/useful/"' in html
    assert 'action="/en/feedback/problem/"' in html
    assert f'name="page" value="{PAGE}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies and "Cookie" not in response.get("Vary", "")
    assert "Do not include personal details" in html


def test_a_valid_report_is_stored_with_page_and_language(client):
    response = report(client)
    assert response.status_code == 303
    assert response["Location"].startswith("/en/feedback/thanks/")
    item = Feedback.objects.get()
    assert (item.kind, item.path, item.language) == ("problem", PAGE, "en")
    assert item.wrong == "The number was hard to find"


def test_yes_and_no_are_stored(client):
    client.post("/zh-hans/feedback/useful/", {"page": "/zh-hans/", "useful": "yes"}, **ORIGIN)
    client.post("/zh-hans/feedback/useful/", {"page": "/zh-hans/", "useful": "no"}, **ORIGIN)
    assert sorted(Feedback.objects.values_list("useful", "language")) == [
        (False, "zh-hans"),
        (True, "zh-hans"),
    ]


def test_the_honeypot_drops_spam_without_telling_the_spammer(client):
    response = report(client, website="http://spam.example")
    assert response.status_code == 303
    assert "/feedback/thanks/" in response["Location"]
    assert Feedback.objects.count() == 0


def test_the_rate_limit_drops_floods_without_telling(client):
    for _ in range(15):
        response = report(client)
        assert response.status_code == 303
    assert Feedback.objects.count() == 10
    # Another client is not affected.
    other = client.post(
        "/en/feedback/problem/",
        {"page": PAGE, "doing": "a", "wrong": "b"},
        REMOTE_ADDR="10.1.2.3",
        **ORIGIN,
    )
    assert other.status_code == 303
    assert Feedback.objects.count() == 11


def test_an_overlong_field_is_refused_with_a_message(client):
    response = report(client, wrong="字" * 1001)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Use 1000 characters or fewer (you used 1001)." in html
    assert 'class="error-summary"' in html
    assert Feedback.objects.count() == 0


def test_missing_fields_are_refused_with_messages_next_to_them(client):
    response = report(client, doing="", wrong="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tell us what you were doing." in html
    assert 'id="id_doing_error"' in html
    assert 'aria-describedby="id_doing_error"' in html


def test_a_post_from_another_site_is_refused(client):
    response = client.post(
        "/en/feedback/problem/",
        {"page": PAGE, "doing": "x", "wrong": "y"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    response = client.post("/en/feedback/useful/", {"page": PAGE, "useful": "yes"})
    assert response.status_code == 403  # no Origin, no Referer
    assert Feedback.objects.count() == 0
    # A same-site Referer is enough where a browser sends no Origin.
    response = client.post(
        "/en/feedback/useful/",
        {"page": PAGE, "useful": "yes"},
        HTTP_REFERER=f"http://testserver{PAGE}",
    )
    assert response.status_code == 303


def test_feedback_about_a_page_that_is_not_ours_is_not_stored(client):
    for page in ("https://evil.example/", "//evil.example/", "/nowhere/at/all/", "", "x" * 500):
        client.post("/en/feedback/useful/", {"page": page, "useful": "yes"}, **ORIGIN)
    assert Feedback.objects.count() == 0


def test_get_on_the_post_only_endpoint_is_not_an_error(client):
    assert client.get("/en/feedback/useful/").status_code == 405
    assert client.get("/en/feedback/problem/", {"page": PAGE}).status_code == 200


def test_staff_can_filter_mark_handled_and_export_csv(staff_client, client):
    report(client)
    report(client, page="/zh-hans/", wrong='=HYPERLINK("http://x")')
    changelist = reverse("admin:channels_feedback_changelist")
    assert staff_client.get(changelist, {"language": "zh-hans"}).status_code == 200
    ids = list(Feedback.objects.values_list("pk", flat=True))
    response = staff_client.post(changelist, {"action": "export_csv", "_selected_action": ids})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["received", "kind", "page"]
    assert {row[2] for row in rows[1:]} == {PAGE, "/zh-hans/"}
    assert any(row[6].startswith("'=") for row in rows[1:])  # no formula injection
    staff_client.post(changelist, {"action": "mark_handled", "_selected_action": ids})
    assert Feedback.objects.filter(handled=False).count() == 0
