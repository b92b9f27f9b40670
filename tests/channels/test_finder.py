"""The "Which way suits me?" finder: answers in the query string, rules from the content.

The tests build small finders of their own (``small_balance_finder``,
``small_activation_finder``), so that what is tested is how the finder applies rules, never
which rules the editors have shipped."""

from itertools import product
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest

from channels.finder import recommend
from channels.models import ActivationMethod, Channel, FinderQuestion, Flow
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_balance_finder():
    """Three channels (in this order) and three questions, each answer doing one thing:

    - card=no rules out the office; card=yes makes it a better fit (1).
    - app=no rules out the app; app=yes makes it a much better fit (3).
    - person=yes makes the office and the hotline better fits (2 each).

    The shipped channels become drafts and the shipped questions go, inside the test's
    transaction, so only these count."""
    Channel.objects.update(status="draft")
    FinderQuestion.objects.filter(flow=Flow.BALANCE).delete()
    office, hotline, app = (factories.channel(order=n) for n in (1, 2, 3))
    card = factories.finder_question(
        Flow.BALANCE, slug="card", text_en="Do you have the card?", hint_en="Not a photo of it."
    )
    has_app = factories.finder_question(Flow.BALANCE, slug="app")
    person = factories.finder_question(Flow.BALANCE, slug="person")
    factories.finder_rule(card, office, "no", "exclude", reason_en="The office needs the card.")
    factories.finder_rule(card, office, "yes", "prefer", 1, reason_en="Bring the card along.")
    factories.finder_rule(has_app, app, "no", "exclude", reason_en="You need the app.")
    factories.finder_rule(has_app, app, "yes", "prefer", 3, reason_en="A minute on your phone.")
    factories.finder_rule(person, office, "yes", "prefer", 2, reason_en="Someone helps you.")
    factories.finder_rule(person, hotline, "yes", "prefer", 2, reason_en="A person answers.")
    return SimpleNamespace(office=office, hotline=hotline, app=app)


def expected_balance(finder, card, app, person):
    """The small finder's rules, written out by hand."""
    ways = [finder.office, finder.hotline, finder.app]
    score = dict.fromkeys(ways, 0)
    out = set()
    if card == "no":
        out.add(finder.office)
    else:
        score[finder.office] += 1
    if app == "no":
        out.add(finder.app)
    else:
        score[finder.app] += 3
    if person == "yes":
        score[finder.office] += 2
        score[finder.hotline] += 2
    fits = [way for way in ways if way not in out]
    return [way.anchor for way in sorted(fits, key=lambda way: (-score[way], ways.index(way)))]


def result_anchors(client, flow, answers, language="en"):
    response = client.get(f"/{language}/finder/{flow}/result/?{urlencode(answers)}")
    assert response.status_code == 200
    page = parse(response)
    ol = response.content.decode().split('class="steps fits"')[-1].split("</ol>")[0]
    return [i for i in page.ids if f'id="{i}"' in ol and i.startswith(("channel-", "method-"))]


@pytest.mark.parametrize("answers", list(product(["yes", "no"], repeat=3)), ids="-".join)
def test_each_combination_of_answers_gives_the_ways_the_rules_say(
    client, small_balance_finder, answers
):
    query = dict(zip(["card", "app", "person"], answers, strict=True))
    expected = expected_balance(small_balance_finder, *answers)
    assert result_anchors(client, "balance", query) == expected
    assert result_anchors(client, "balance", query, language="zh-hans") == expected


@pytest.fixture
def small_activation_finder():
    """Two methods; bank=no rules out the bank, doctor=yes makes the hospital a better fit
    than the bank (3 against the bank's 2 for bank=yes)."""
    ActivationMethod.objects.update(status="draft")
    FinderQuestion.objects.filter(flow=Flow.ACTIVATION).delete()
    bank, hospital = factories.method(order=1), factories.method(order=2)
    at_bank = factories.finder_question(Flow.ACTIVATION, slug="bank")
    doctor = factories.finder_question(Flow.ACTIVATION, slug="doctor")
    factories.finder_rule(at_bank, bank, "no", "exclude")
    factories.finder_rule(at_bank, bank, "yes", "prefer", 2)
    factories.finder_rule(doctor, hospital, "yes", "prefer", 3)
    return bank, hospital


@pytest.mark.parametrize(
    "bank_answer,doctor_answer,expected",
    [
        ("yes", "yes", ["hospital", "bank"]),
        ("yes", "no", ["bank", "hospital"]),
        ("no", "yes", ["hospital"]),
        ("no", "no", ["hospital"]),
    ],
)
def test_each_activation_combination(
    client, small_activation_finder, bank_answer, doctor_answer, expected
):
    bank, hospital = small_activation_finder
    methods = {"bank": bank.anchor, "hospital": hospital.anchor}
    answers = {"bank": bank_answer, "doctor": doctor_answer}
    assert result_anchors(client, "activation", answers) == [methods[m] for m in expected]


def test_ties_go_to_the_ways_own_order(small_balance_finder):
    fits, ruled_out = recommend(Flow.BALANCE, {"card": "yes", "app": "yes", "person": "no"})
    finder = small_balance_finder
    assert [fit.route for fit in fits] == [finder.app, finder.office, finder.hotline]
    assert [fit.score for fit in fits] == [3, 1, 0]
    assert ruled_out == []
    finder.hotline.order = 0
    finder.hotline.save()
    fits, _ = recommend(Flow.BALANCE, {"card": "no", "app": "no", "person": "no"})
    assert [fit.route for fit in fits] == [finder.hotline]


def test_a_rule_about_a_draft_way_changes_nothing(small_balance_finder):
    finder = small_balance_finder
    finder.app.status = "draft"
    finder.app.save()
    fits, ruled_out = recommend(Flow.BALANCE, {"card": "yes", "app": "yes", "person": "yes"})
    assert [fit.route for fit in fits] == [finder.office, finder.hotline]
    assert ruled_out == []


def test_results_give_reasons_and_what_to_bring_and_are_not_indexed(client, small_balance_finder):
    card = factories.document(name_en="The card itself")
    small_balance_finder.office.documents.add(card)
    answers = {"card": "yes", "app": "no", "person": "yes"}
    response = client.get(f"/en/finder/balance/result/?{urlencode(answers)}")
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html
    assert "Someone helps you." in html and "Bring the card along." in html
    assert "What to bring" in html and "The card itself" in html
    # Why the others do not fit.
    ruled_out = html.split('id="ruled-out"')[1]
    assert small_balance_finder.app.name_en in ruled_out and "You need the app." in ruled_out


def test_change_your_answers_brings_them_back_and_start_again_clears(client, small_balance_finder):
    answers = {"card": "no", "app": "no", "person": "yes"}
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


def test_changing_one_answer_keeps_the_others(client, small_balance_finder):
    answers = {"card": "yes", "app": "no", "person": "no"}
    first = result_anchors(client, "balance", answers)
    answers["app"] = "yes"
    second = result_anchors(client, "balance", answers)
    assert second[0] == small_balance_finder.app.anchor
    assert set(first) <= set(second)


@pytest.mark.parametrize(
    "query,message",
    [
        ("card=maybe&app=yes&person=no", "Choose yes or no."),
        ("card=yes", "Answer this question with yes or no."),
        ("", "Answer this question with yes or no."),
        ("card=%00&app=%F0%9F%98%80", "Choose yes or no."),
        ("card=" + "x" * 5000, "Choose yes or no."),
    ],
)
def test_a_tampered_query_string_gives_a_clear_message(
    client, small_balance_finder, query, message
):
    response = client.get(f"/en/finder/balance/result/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'class="error-summary"' in html
    assert message in html


def test_repeated_and_unknown_parameters_are_harmless(client, small_balance_finder):
    # The last value of a repeated answer counts, as in any query string; unknown ones are
    # ignored.
    query = "card=yes&card=no&app=yes&person=no&extra=1"
    response = client.get(f"/en/finder/balance/result/?{query}")
    assert response.status_code == 200
    fits = response.content.decode().split('class="steps fits"')[1].split("</ol>")[0]
    assert f'id="{small_balance_finder.office.anchor}"' not in fits


def test_errors_sit_next_to_the_field_and_in_a_summary_linking_to_it(client, small_balance_finder):
    response = client.get("/en/finder/balance/result/?card=maybe&app=yes")
    html = response.content.decode()
    assert 'href="#id_card_0"' in html
    assert 'id="id_card_error"' in html
    assert 'aria-describedby="id_card_hint id_card_error"' in html
    assert "<legend>Do you have the card?</legend>" in html
    assert '<p id="id_card_hint" class="hint">Not a photo of it.</p>' in html


def test_unknown_finder_is_a_404(client):
    assert client.get("/en/finder/pension/").status_code == 404
    assert client.get("/en/finder/pension/result/?a=b").status_code == 404


def test_a_finder_without_questions_is_a_404(client):
    FinderQuestion.objects.filter(flow=Flow.BALANCE).delete()
    assert client.get("/en/finder/balance/").status_code == 404


def test_rules_are_content_an_editor_can_change(client, small_balance_finder):
    # An editor decides the hotline suits everyone who has no app.
    factories.finder_rule(
        FinderQuestion.objects.get(slug="app"),
        small_balance_finder.hotline,
        "no",
        "prefer",
        10,
        reason_en="Chosen by the editors.",
    )
    answers = {"card": "yes", "app": "no", "person": "no"}
    fits, _ = recommend("balance", answers)
    assert fits[0].route == small_balance_finder.hotline
    assert (
        "Chosen by the editors."
        in client.get(f"/en/finder/balance/result/?{urlencode(answers)}").content.decode()
    )
