"""The "Which way suits me?" finder: answers in the query string, rules from the content."""

from itertools import product
from urllib.parse import urlencode

import pytest

from channels.finder import recommend
from channels.models import FinderQuestion, FinderRule
from tests.html import parse

pytestmark = pytest.mark.django_db

BALANCE = ["card", "password", "app", "person", "office-hours"]
ALL_CHANNELS = [
    "hotline-12333",
    "social-insurance-agency",
    "official-website",
    "city-services",
    "service-hall-window",
]


def expected_balance(card, password, app, person, hours):
    """The shipped rules, written out by hand: what an editor set up in admin."""
    score = dict.fromkeys(ALL_CHANNELS, 0)
    out = set()
    if card == "no":
        out |= {"social-insurance-agency", "service-hall-window"}
    else:
        score["hotline-12333"] += 1
    if password == "no":
        out.add("official-website")
    else:
        score["official-website"] += 2
    if app == "no":
        out.add("city-services")
    else:
        score["city-services"] += 3
    if person == "yes":
        for slug in ("hotline-12333", "social-insurance-agency", "service-hall-window"):
            score[slug] += 2
    if hours == "no":
        out |= {"social-insurance-agency", "service-hall-window"}
    fits = [s for s in ALL_CHANNELS if s not in out]
    return sorted(fits, key=lambda s: (-score[s], ALL_CHANNELS.index(s)))


def result_anchors(client, flow, answers, language="en"):
    response = client.get(f"/{language}/finder/{flow}/result/?{urlencode(answers)}")
    assert response.status_code == 200
    page = parse(response)
    ol = response.content.decode().split('class="steps fits"')[-1].split("</ol>")[0]
    return [i for i in page.ids if f'id="{i}"' in ol and i.startswith(("channel-", "method-"))]


@pytest.mark.parametrize("answers", list(product(["yes", "no"], repeat=5)), ids="-".join)
def test_each_combination_of_answers_gives_the_expected_channels(client, answers):
    expected = [f"channel-{slug}" for slug in expected_balance(*answers)]
    assert result_anchors(client, "balance", dict(zip(BALANCE, answers, strict=True))) == expected


@pytest.mark.parametrize("answers", list(product(["yes", "no"], repeat=5)), ids="-".join)
def test_each_activation_combination(client, answers):
    card_and_id, bank, doctor, pharmacy, old_card = answers
    fits = {"bank-outlet": 0, "designated-hospital": 0, "designated-pharmacy": 0}
    if card_and_id == "no" or bank == "no":
        fits.pop("bank-outlet")
    else:
        fits["bank-outlet"] += 2
    if doctor == "yes":
        fits["designated-hospital"] += 3
    if old_card == "no":
        fits.pop("designated-pharmacy")
    elif pharmacy == "yes":
        fits["designated-pharmacy"] += 3
    order = ["bank-outlet", "designated-hospital", "designated-pharmacy"]
    expected = [f"method-{s}" for s in sorted(fits, key=lambda s: (-fits[s], order.index(s)))]
    names = ["card-and-id", "bank", "doctor", "pharmacy", "old-card"]
    assert result_anchors(client, "activation", dict(zip(names, answers, strict=True))) == expected


def test_results_give_reasons_and_what_to_bring_and_are_not_indexed(client):
    answers = {"card": "yes", "password": "no", "app": "yes", "person": "no", "office-hours": "no"}
    response = client.get(f"/en/finder/balance/result/?{urlencode(answers)}")
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html
    assert "You can check on your phone in a minute or two." in html
    assert "What to bring" in html
    # Why the others do not fit.
    assert "The website needs your inquiry password." in html


def test_change_your_answers_brings_them_back_and_start_again_clears(client):
    answers = {"card": "no", "password": "yes", "app": "no", "person": "yes", "office-hours": "yes"}
    html = client.get(f"/en/finder/balance/result/?{urlencode(answers)}").content.decode()
    change = f'href="/en/finder/balance/?{urlencode(answers)}"'.replace("&", "&amp;")
    assert change in html
    assert 'href="/en/finder/balance/">Start again' in html
    form = client.get(f"/en/finder/balance/?{urlencode(answers)}").content.decode()
    for name, value in answers.items():
        assert f'name="{name}" value="{value}"' in form
        checked = form.split(f'name="{name}" value="{value}"')[1].split(">")[0]
        assert "checked" in checked
    blank = client.get("/en/finder/balance/").content.decode()
    assert "checked" not in blank


def test_changing_one_answer_keeps_the_others(client):
    answers = {"card": "no", "password": "yes", "app": "no", "person": "yes", "office-hours": "yes"}
    first = result_anchors(client, "balance", answers)
    answers["app"] = "yes"
    second = result_anchors(client, "balance", answers)
    assert second[0] == "channel-city-services"
    assert set(first) <= set(second)


@pytest.mark.parametrize(
    "query,message",
    [
        ("card=maybe&password=yes&app=no&person=no&office-hours=yes", "Choose yes or no."),
        ("card=yes", "Answer this question with yes or no."),
        ("", "Answer this question with yes or no."),
        ("card=%00&password=%F0%9F%98%80", "Choose yes or no."),
        ("card=" + "x" * 5000, "Choose yes or no."),
    ],
)
def test_a_tampered_query_string_gives_a_clear_message(client, query, message):
    response = client.get(f"/en/finder/balance/result/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'class="error-summary"' in html
    assert message in html


def test_repeated_and_unknown_parameters_are_harmless(client):
    # The last value of a repeated answer counts, as in any query string; unknown ones are
    # ignored.
    query = "card=yes&card=no&password=yes&app=no&person=no&office-hours=yes&extra=1"
    response = client.get(f"/en/finder/balance/result/?{query}")
    assert response.status_code == 200
    assert (
        'id="channel-social-insurance-agency"'
        not in response.content.decode().split('class="steps fits"')[1].split("</ol>")[0]
    )


def test_errors_sit_next_to_the_field_and_in_a_summary_linking_to_it(client):
    response = client.get("/en/finder/balance/result/?card=maybe&app=yes")
    html = response.content.decode()
    assert 'href="#id_card_0"' in html
    assert 'id="id_card_error"' in html
    assert 'aria-describedby="id_card_hint id_card_error"' in html
    assert "<legend>Do you have your social security card with you?</legend>" in html


def test_unknown_finder_is_a_404(client):
    assert client.get("/en/finder/pension/").status_code == 404
    assert client.get("/en/finder/pension/result/?a=b").status_code == 404


def test_rules_are_content_an_editor_can_change(client):
    # An editor decides the hotline suits everyone who has no Alipay.
    question = FinderQuestion.objects.get(slug="app")
    FinderRule.objects.create(
        question=question,
        order=9,
        answer="no",
        effect="prefer",
        weight=10,
        channel_id=FinderRule.objects.filter(channel__slug="hotline-12333").first().channel_id,
        reason_en="Chosen by the editors.",
        reason_zh_hans="编辑推荐。",
    )
    answers = {"card": "yes", "password": "yes", "app": "no", "person": "no", "office-hours": "yes"}
    fits, _ = recommend("balance", answers)
    assert fits[0].route.slug == "hotline-12333"
    assert (
        "Chosen by the editors."
        in client.get(f"/en/finder/balance/result/?{urlencode(answers)}").content.decode()
    )
