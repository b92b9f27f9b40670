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
    for page in (
        "https://evil.example/",
        "//evil.example/",
        "/nowhere/at/all/",
        "",
        "x" * 500,
        "/en/questions/no-such-page/",  # resolves like any slug, but there is no such page
        "/en/law/social-insurance-law/article/999/",
        "/en/finder/no-such-finder/result/",
    ):
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


# --- "No", then why ----------------------------------------------------------------------


def say_no(client, page=PAGE, language="en"):
    return client.post(f"/{language}/feedback/useful/", {"page": page, "useful": "no"}, **ORIGIN)


def test_no_is_kept_at_once_and_leads_to_a_page_that_asks_why(client):
    response = say_no(client)
    assert response.status_code == 303
    assert response["Location"].startswith("/en/feedback/why/?")
    item = Feedback.objects.get()
    assert (item.useful, item.reason) == (False, "")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    for label in (
        "I can’t find the information I need",
        "It is hard to understand",
        "The information is wrong or out of date",
        "Something else",
    ):
        assert label in html
    assert 'type="radio"' in html and "<textarea" in html and "<legend>" in html
    assert "Do not include personal details" in html
    assert "csrfmiddlewaretoken" not in html
    assert not page.cookies and "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex"


def test_yes_leads_straight_to_thanks(client):
    response = client.post("/en/feedback/useful/", {"page": PAGE, "useful": "yes"}, **ORIGIN)
    assert response["Location"].startswith("/en/feedback/thanks/")


def answer_why(client, location, **data):
    form = client.get(location).context["form"]
    fields = {"page": form.initial["page"], "ref": form.initial["ref"], **data}
    return client.post("/en/feedback/why/", fields, **ORIGIN)


def test_the_reason_and_comment_are_stored_on_the_same_no_and_scrubbed(client):
    location = say_no(client)["Location"]
    response = answer_why(
        client,
        location,
        reason="wrong",
        comment="Called 12333 on 2026-12-01; my number is 13800138000, ID 11010519491231002X",
    )
    assert response.status_code == 303
    assert response["Location"].startswith("/en/feedback/thanks/")
    item = Feedback.objects.get()
    assert item.reason == "wrong"
    assert item.comment == (
        "Called 12333 on 2026-12-01; my number is [phone number removed], ID [ID number removed]"
    )


def test_a_reason_can_be_given_once_only(client):
    location = say_no(client)["Location"]
    answer_why(client, location, reason="hard")
    assert client.get(location).status_code == 303  # nothing left to ask: thanks
    response = client.post(
        "/en/feedback/why/",
        {"page": PAGE, "ref": location.split("ref=")[1], "reason": "other"},
        **ORIGIN,
    )
    assert response.status_code == 303
    assert Feedback.objects.get().reason == "hard"


def test_a_made_up_or_tampered_reference_changes_nothing(client):
    say_no(client)
    for ref in ("", "1", "1:abc:def", "x" * 300):
        response = client.post(
            "/en/feedback/why/", {"page": PAGE, "ref": ref, "reason": "other"}, **ORIGIN
        )
        assert response.status_code == 303
        assert client.get("/en/feedback/why/", {"page": PAGE, "ref": ref}).status_code == 303
    assert Feedback.objects.get().reason == ""


def test_a_missing_or_unknown_reason_is_answered_next_to_the_field(client):
    location = say_no(client)["Location"]
    response = answer_why(client, location)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose the reason that fits best." in html
    assert 'class="error-summary"' in html
    response = answer_why(client, location, reason="because")
    assert response.status_code == 400
    assert "Choose one of the reasons listed." in response.content.decode()
    response = answer_why(client, location, reason="other", comment="字" * 501)
    assert "Use 500 characters or fewer (you used 501)." in response.content.decode()
    assert Feedback.objects.get().reason == ""


def test_the_reason_form_refuses_posts_from_another_site(client):
    location = say_no(client)["Location"]
    ref = client.get(location).context["form"].initial["ref"]
    response = client.post(
        "/en/feedback/why/",
        {"page": PAGE, "ref": ref, "reason": "other"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert Feedback.objects.get().reason == ""


def test_the_reason_page_is_in_chinese_on_chinese_pages(client):
    location = say_no(client, page="/zh-hans/", language="zh-hans")["Location"]
    assert location.startswith("/zh-hans/feedback/why/")
    html = client.get(location).content.decode()
    assert "为什么这个页面没有帮助？" in html
    assert "I can’t find" not in html


def test_problem_reports_are_scrubbed_too(client):
    report(client, doing="Paying with card 4111 1111 1111 1111", wrong="mail me: a@b.cn")
    item = Feedback.objects.get()
    assert item.doing == "Paying with card [bank card number removed]"
    assert item.wrong == "mail me: [email removed]"


def test_a_page_address_with_personal_data_in_it_is_not_stored(client):
    client.post(
        "/en/feedback/useful/",
        {"page": "/en/questions/13800138000/", "useful": "yes"},
        **ORIGIN,
    )
    assert Feedback.objects.count() == 0


# --- Counts for editors --------------------------------------------------------------------


def test_the_summary_counts_by_page_reason_and_period(staff_client):
    import datetime

    from django.utils import timezone

    def add(path, when, **fields):
        item = Feedback.objects.create(
            kind=fields.pop("kind", "useful"), path=path, language="en", **fields
        )
        Feedback.objects.filter(pk=item.pk).update(created_at=when)

    monday = timezone.make_aware(datetime.datetime(2026, 11, 23, 10))
    next_week = monday + datetime.timedelta(days=7)
    add(PAGE, monday, useful=True)
    add(PAGE, monday, useful=False, reason="hard")
    add(PAGE, monday + datetime.timedelta(days=2), useful=False, reason="hard")
    add(PAGE, monday, useful=False, reason="wrong")
    add(PAGE, monday, useful=False)
    add("/en/", monday, useful=False, reason="cant_find")
    add(PAGE, next_week, useful=False, reason="other")
    add(PAGE, next_week, kind="problem", doing="a", wrong="b")

    url = reverse("admin:channels_feedback_summary")
    response = staff_client.get(url)
    assert response.status_code == 200
    rows = {
        (row["period"].date().isoformat(), row["path"]): row for row in response.context["rows"]
    }
    first = rows[("2026-11-23", PAGE)]
    assert (first["yes"], first["no"], first["reason_hard"], first["reason_wrong"]) == (1, 4, 2, 1)
    assert (first["no_reason"], first["problems"], first["reason_other"]) == (1, 0, 0)
    assert rows[("2026-11-23", "/en/")]["reason_cant_find"] == 1
    later = rows[("2026-11-30", PAGE)]
    assert (later["no"], later["reason_other"], later["problems"]) == (1, 1, 1)
    assert list(rows)[0][0] == "2026-11-30"  # newest first
    html = response.content.decode()
    assert "It is hard to understand" in html and 'id="feedback-summary"' in html

    monthly = staff_client.get(url, {"period": "month", "path": PAGE}).context["rows"]
    assert [(row["period"].month, row["no"]) for row in monthly] == [(11, 5)]
    # Nonsense parameters fall back to weeks and all languages, not an error.
    assert staff_client.get(url, {"period": "year", "language": "xx"}).status_code == 200
    changelist = staff_client.get(reverse("admin:channels_feedback_changelist"))
    assert url in changelist.content.decode()


def test_the_summary_is_for_staff_only(client):
    response = client.get(reverse("admin:channels_feedback_summary"))
    assert response.status_code == 302 and "/login/" in response["Location"]
