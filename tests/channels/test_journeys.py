"""Step by step: the journey page shows every numbered step (no script needed), says which
can be done in either order, links each step to the page and #anchor that explains it; the
pages of a journey carry a "Part of" box with the reader's step marked; editors build it in
the admin, with history; the content check catches links that lead nowhere."""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from channels import contentcheck
from channels.models import Journey, JourneyStep
from tests import factories

pytestmark = pytest.mark.django_db


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def journey():
    balance = factories.faq_page(slug="j-balance")
    activate = factories.faq_page(slug="j-activate")
    lost = factories.faq_page(slug="j-lost")
    return factories.journey(
        slug="j-journey",
        title_en="From card to balance",
        title_zh_hans="从领卡到查余额",
        steps=[
            {"title_en": "Get the card", "title_zh_hans": "领卡"},
            {"title_en": "Switch on", "title_zh_hans": "启用社保功能", "page": activate},
            {
                "title_en": "Bank function",
                "title_zh_hans": "激活金融功能",
                "page": activate,
                "anchor": "ways",
                "joins_previous": "either",
            },
            {
                "title_en": "Check the balance",
                "title_zh_hans": "查询余额",
                "page": balance,
                "anchor": "short-answer",
                "text_en": "Call [12333](tel:12333).",
                "text_zh_hans": "拨打[12333](tel:12333)。",
            },
            {"title_en": "Lost card", "title_zh_hans": "卡丢了", "page": lost, "if_wrong": True},
            {
                "title_en": "Balance wrong",
                "title_zh_hans": "余额不对",
                "page": balance,
                "if_wrong": True,
            },
        ],
    )


def test_the_journey_page_shows_every_step_numbered_with_its_link(client, journey):
    response = client.get("/en/step-by-step/j-journey/")
    assert response.status_code == 200
    html = parse(response)
    groups = html.select("ol.journey-steps > li")
    assert [g.select_one(".journey-number").get_text(" ", strip=True) for g in groups] == [
        "Step 1 1",
        "Step 2 2",
        "Step 3 3",
    ]
    titles = [h.get_text(" ", strip=True) for h in groups[1].select("h2")]
    assert titles[0].startswith("Switch on") and titles[1].startswith("and Bank function")
    assert "You can do these 2 in either order." in groups[1].get_text(" ", strip=True)
    links = [a["href"] for a in html.select(".journey-link a")]
    assert links == [
        "/en/questions/j-activate/",
        "/en/questions/j-activate/#ways",
        "/en/questions/j-balance/#short-answer",
        "/en/questions/j-lost/",
        "/en/questions/j-balance/",
    ]
    # A step without a page has no link, and its text is still there.
    assert "Get the card" in groups[0].get_text() and not groups[0].select(".journey-link")
    wrong = html.select_one("#if-something-goes-wrong")
    assert [h.get_text(" ", strip=True).split(" #")[0] for h in wrong.select("h3")] == [
        "Lost card",
        "Balance wrong",
    ]
    assert html.select_one('#step-4 a[href="tel:12333"]')
    assert not response.cookies and "Cookie" not in response.get("Vary", "")


def test_one_or_the_other_says_so(client):
    page = factories.faq_page()
    factories.journey(
        slug="j-or",
        steps=[{"page": page}, {"page": page, "joins_previous": "or", "title_en": "Other way"}],
    )
    html = parse(client.get("/en/step-by-step/j-or/"))
    assert "Do one of these." in html.select_one("ol.journey-steps").get_text()
    assert html.select("ol.journey-steps h2")[1].get_text(" ", strip=True).startswith("or ")


def test_the_journey_page_is_in_chinese(client, journey):
    response = client.get("/zh-hans/step-by-step/j-journey/")
    text = parse(response).select_one("main").get_text(" ", strip=True)
    assert "从领卡到查余额" in text and "第2步" in text and "这2步不分先后" in text
    assert "遇到问题怎么办" in text
    assert "either order" not in text and "Step" not in text


def test_a_journey_page_that_does_not_exist_or_is_a_draft_is_a_404(staff_client, journey):
    client = Client()  # staff_client is the test's client, signed in
    assert client.get("/en/step-by-step/no-such-journey/").status_code == 404
    journey.status = Journey.Status.DRAFT
    journey.save()
    assert client.get("/en/step-by-step/j-journey/").status_code == 404
    preview = staff_client.get("/en/step-by-step/j-journey/")
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]


def test_a_step_leading_to_a_draft_page_shows_no_link_to_readers(client, journey):
    lost = factories.faq_page(slug="j-lost-draft", status="draft")
    JourneyStep.objects.filter(journey=journey, title_en="Lost card").update(page=lost)
    html = parse(client.get("/en/step-by-step/j-journey/"))
    assert not html.select('a[href^="/en/questions/j-lost-draft/"]')
    assert "Lost card" in html.select_one("#if-something-goes-wrong").get_text()


def test_each_page_of_the_journey_says_so_with_the_readers_step_marked(client, journey):
    html = parse(client.get("/en/questions/j-activate/"))
    box = html.select_one("#part-of")
    assert box.name == "nav"
    assert box.select_one(".journey-box-title a")["href"] == "/en/step-by-step/j-journey/"
    current = box.select('[aria-current="step"]')
    assert [a.get_text(strip=True) for a in current] == ["Switch on", "Bank function"]
    assert [len(li.select("a")) for li in box.select("ol > li")] == [1, 2, 1]
    # Steps without a page of their own lead to their place on the journey page.
    assert box.select_one('a[href="/en/step-by-step/j-journey/#step-1"]')
    # The page's own help for when things go wrong is listed, not marked, when the page is
    # one of the main steps.
    balance = parse(client.get("/en/questions/j-balance/")).select_one("#part-of")
    assert [a.get_text(strip=True) for a in balance.select('[aria-current="step"]')] == [
        "Check the balance"
    ]
    lost = parse(client.get("/en/questions/j-lost/")).select_one("#part-of")
    assert [a.get_text(strip=True) for a in lost.select('[aria-current="step"]')] == ["Lost card"]


def test_pages_outside_any_journey_have_no_box(client, journey):
    page = factories.faq_page()
    assert not parse(client.get(page.get_absolute_url())).select(".journey-box")
    Journey.objects.filter(pk=journey.pk).update(status="draft")
    assert not parse(client.get("/en/questions/j-activate/")).select(".journey-box")


def test_the_box_is_in_chinese_on_chinese_pages(client, journey):
    with translation.override("zh-hans"):
        url = reverse("channels:faq", kwargs={"slug": "j-activate"})
    box = parse(client.get(url)).select_one("#part-of").get_text(" ", strip=True)
    assert box.startswith("所属流程：") and "（您在这一步）" in box and "和" in box


def test_home_page_and_sitemap_list_the_journey(client, journey):
    assert parse(client.get("/en/")).select_one('a[href="/en/step-by-step/j-journey/"]')
    sitemap = client.get("/sitemap.xml").content.decode()
    for language in ("en", "zh-hans"):
        assert f"/{language}/step-by-step/j-journey/" in sitemap


def test_the_content_check_finds_a_step_whose_anchor_or_page_is_missing(journey):
    with translation.override("en"):
        assert not [f for f in contentcheck.run().findings if "journey" in f.subject.lower()]
        JourneyStep.objects.filter(journey=journey, anchor="ways").update(anchor="no-such-place")
        JourneyStep.objects.filter(journey=journey, title_en="Lost card").update(
            page=factories.faq_page(status="draft")
        )
        findings = [f for f in contentcheck.run().findings if f.kind == "link"]
    messages = " ".join(f.message for f in findings)
    assert "#no-such-place, which is not on that page" in messages
    assert "leads to no page of this site" in messages
    assert all(f.admin_url.endswith(f"/journey/{journey.pk}/change/") for f in findings)
    assert len(findings) == 4  # two steps, each in both languages


def test_an_anchor_without_a_page_is_refused(journey):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        JourneyStep.objects.filter(journey=journey, order=1).update(anchor="ways")


def test_editors_build_a_journey_in_the_admin_with_history(editor_client):
    page = factories.faq_page()
    data = {
        "title_zh_hans": "新流程",
        "title_en": "A new journey",
        "intro_zh_hans": "",
        "intro_en": "",
        "slug": "new-journey",
        "status": "published",
        "order": 5,
        "steps-TOTAL_FORMS": 2,
        "steps-INITIAL_FORMS": 0,
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "steps-0-order": 1,
        "steps-0-title_zh_hans": "第一步",
        "steps-0-title_en": "First",
        "steps-0-text_zh_hans": "",
        "steps-0-text_en": "",
        "steps-0-page": page.pk,
        "steps-0-anchor": "short-answer",
        "steps-0-joins_previous": "",
        "steps-1-order": 2,
        "steps-1-title_zh_hans": "第二步",
        "steps-1-title_en": "Second",
        "steps-1-text_zh_hans": "",
        "steps-1-text_en": "",
        "steps-1-page": "",
        "steps-1-anchor": "",
        "steps-1-joins_previous": "either",
    }
    response = editor_client.post(reverse("admin:channels_journey_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    journey = Journey.objects.get(slug="new-journey")
    assert [s.title_en for s in journey.steps.all()] == ["First", "Second"]
    assert journey.history.count() == 1
    assert JourneyStep.history.filter(journey_id=journey.pk).count() == 2
    history = editor_client.get(reverse("admin:channels_journey_history", args=[journey.pk]))
    assert history.status_code == 200
    # An anchor without its page, or with a #, is refused with a message next to the field.
    bad = {**data, "slug": "bad-journey", "steps-0-page": "", "steps-1-anchor": "#ways"}
    response = editor_client.post(reverse("admin:channels_journey_add"), bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "An anchor needs the page it is on." in html
    assert "An anchor without the #" in html
    assert not Journey.objects.filter(slug="bad-journey").exists()


def test_the_shipped_journey_runs_from_the_card_to_the_balance():
    records = json.loads(Path(settings.FIXTURE_DIRS[0], "guide.json").read_text())
    journeys = [r for r in records if r["model"] == "channels.journey"]
    assert len(journeys) == 1
    slug = journeys[0]["fields"]["slug"]
    steps = [r["fields"] for r in records if r["model"] == "channels.journeystep"]
    main = [s for s in steps if not s["if_wrong"] and s["journey"] == [slug]]
    assert [s["joins_previous"] for s in main] == ["", "", "either", ""]
    assert all(s["title_zh_hans"] and s["title_en"] and s["text_zh_hans"] for s in steps)
    assert len([s for s in steps if s["if_wrong"]]) == 2
    # Loaded into the test database like the rest of the guide, and every link lands.
    assert Journey.objects.get(slug=slug).steps.count() == len(steps)
