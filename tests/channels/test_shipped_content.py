"""The shipped guide (fixtures/guide.json, loaded into the test database) answers what
readers ask, and its finder never sends a reader without a card to a way that needs one.

Other parts of the site link to these pages by slug, so the slugs are named here; what the
pages say is the editors' and is not restated."""

import itertools
import re

import pytest

from channels.finder import questions_for, recommend
from channels.models import ActivationMethod, FAQPage, Flow

pytestmark = pytest.mark.django_db

# Linked to by slug from elsewhere (issue 14): they must exist and be public.
PAGES = [
    "check-balance",
    "activate-card",
    "lost-or-damaged-card",
    "card-passwords",
    "balance-looks-wrong",
    "special-cases",
]
NEW_PAGES = PAGES[2:]
CARD_QUESTIONS = {Flow.BALANCE: "card", Flow.ACTIVATION: "has-card"}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("slug", PAGES)
def test_each_answer_page_is_public_in_both_languages(client, slug, language):
    page = FAQPage.objects.published().get(slug=slug)
    assert page.question_zh_hans and page.question_en
    assert page.short_answer_zh_hans and page.short_answer_en
    response = client.get(f"/{language}/questions/{slug}/")
    assert response.status_code == 200
    assert page.citations.exists(), "every answer page cites the law"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("slug", NEW_PAGES)
def test_the_new_pages_link_to_other_answer_pages(client, slug, language):
    html = client.get(f"/{language}/questions/{slug}/").content.decode()
    body = html.split('id="question"', 1)[1]  # the page itself, not the site's navigation
    linked = set(re.findall(rf'href="/{language}/questions/([\w-]+)/"', body)) - {slug}
    assert linked & set(PAGES), f"{slug} links to no other answer page"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_passwords_page_warns_about_fraud_before_the_ways(client, language):
    html = client.get(f"/{language}/questions/card-passwords/").content.decode()
    assert html.index('id="caution"') < html.index('id="ways"')


@pytest.mark.parametrize("flow", [Flow.BALANCE, Flow.ACTIVATION])
def test_without_the_card_the_finder_offers_no_way_that_needs_it(flow):
    questions = questions_for(flow)
    slugs = [q.slug for q in questions]
    card = CARD_QUESTIONS[flow]
    assert card in slugs
    others = [s for s in slugs if s != card]
    offered = set()
    for values in itertools.product(["yes", "no"], repeat=len(others)):
        answers = dict(zip(others, values, strict=True), **{card: "no"})
        fits, _ruled_out = recommend(flow, answers, questions)
        assert not [f.route.slug for f in fits if f.route.needs_card], answers
        offered |= {f.route.slug for f in fits}
    assert offered, "some way is offered to a reader without the card"


@pytest.mark.parametrize("flow", [Flow.BALANCE, Flow.ACTIVATION])
def test_ways_kept_as_history_are_never_recommended(flow):
    questions = questions_for(flow)
    slugs = [q.slug for q in questions]
    for values in itertools.product(["yes", "no"], repeat=len(slugs)):
        fits, _ruled_out = recommend(flow, dict(zip(slugs, values, strict=True)), questions)
        assert not [f.route.slug for f in fits if f.route.standing == "history"], values


def test_the_source_articles_hospital_and_pharmacy_ways_are_history():
    old = ActivationMethod.objects.filter(slug__in=["designated-hospital", "designated-pharmacy"])
    assert len(old) == 2
    assert {m.standing for m in old} == {"history"}
    assert all(m.standing_note_zh_hans and m.standing_note_en for m in old)
