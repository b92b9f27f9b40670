"""A public page rendered afresh makes as many database queries however much content and
history it holds (a query per relation, not per row), and none at all when it comes from
the page cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Chapter, Item, Law, Paragraph
from channels.models import (
    ActivationMethod,
    Channel,
    Citation,
    Document,
    FAQPage,
    FinderQuestion,
    FinderRule,
    Flow,
    Step,
    Term,
)

pytestmark = pytest.mark.django_db

PAGES = [  # (address, the status it must answer)
    ("/{lang}/", 200),
    ("/{lang}/questions/check-balance/", 200),
    ("/{lang}/questions/activate-card/", 200),
    ("/{lang}/ways/", 200),
    ("/{lang}/documents/", 200),
    ("/{lang}/law/", 200),
    ("/{lang}/law/social-insurance-law/", 200),
    ("/{lang}/law/social-insurance-law/article/4/", 200),
    ("/{lang}/law/social-insurance-law/article/74/", 200),
    ("/{lang}/law/social-insurance-law/article/98/", 200),
    ("/{lang}/questions/no-such-page/", 404),
    ("/{lang}/law/social-insurance-law/article/99/", 404),
    ("/{lang}/search/", 200),
    ("/{lang}/search/?q=", 200),
    ("/{lang}/search/?q=insurance", 200),
    ("/{lang}/search/?q=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%99%A9", 200),  # 社会保险: most of the law
    ("/{lang}/search/?q=%E6%BF%80%E6%B4%BB", 200),  # 激活
    ("/{lang}/search/?q=%E7%AC%AC%E4%B8%83%E5%8D%81%E5%9B%9B%E6%9D%A1", 200),  # 第七十四条
    ("/{lang}/search/?q=Article+74", 200),
    ("/{lang}/search/?q=nothing+matches+this", 200),
    ("/{lang}/finder/balance/", 200),
    ("/{lang}/finder/activation/", 200),
    # The extra answers are ignored until grow_content adds their questions.
    (
        "/{lang}/finder/balance/result/?card=yes&password=no&app=yes&person=no&office-hours=yes"
        "&r0-extra-balance-0=yes&r0-extra-balance-1=no&r1-extra-balance-0=yes"
        "&r1-extra-balance-1=no",
        200,
    ),
    (
        "/{lang}/finder/activation/result/?card-and-id=yes&bank=yes&doctor=no&pharmacy=yes"
        "&old-card=yes&r0-extra-activation-0=yes&r0-extra-activation-1=no"
        "&r1-extra-activation-0=yes&r1-extra-activation-1=no",
        200,
    ),
    ("/{lang}/finder/balance/result/?card=maybe", 400),  # tampered
]


def queries(client, path, status):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == status, path
    return len(captured), response


def grow_content(round=0):
    """Much more of everything: more steps of every kind, each with documents; citations;
    terms; a new chapter with seven articles, paragraphs and items, all of it found by
    search; finder questions and rules. Each ``round`` adds as much again."""
    r = f"r{round}-"
    documents = [
        Document.objects.create(
            slug=f"{r}extra-doc-{n}", name_en=f"Extra document {n}", description_en="insurance"
        )
        for n in range(4)
    ]
    for slug in ("check-balance", "activate-card"):
        page = FAQPage.objects.get(slug=slug)
        for n in range(5):
            channel = Channel.objects.create(
                slug=f"{r}{slug}-channel-{n}",
                name_en=f"Channel {n}",
                how_en="insurance 激活 社会保险",
                mode="online",
            )
            channel.documents.add(*documents)
            method = ActivationMethod.objects.create(
                slug=f"{r}{slug}-method-{n}",
                name_en=f"Method {n}",
                how_en="insurance 激活 社会保险",
            )
            method.documents.add(*documents[:2])
            base = 1000 * (round + 1)
            Step.objects.create(page=page, order=base + 100 + n, channel=channel)
            Step.objects.create(page=page, order=base + 200 + n, method=method)
            Step.objects.create(page=page, order=base + 300 + n, title_en=f"Own step {n}")
            Citation.objects.create(
                page=page,
                order=base + 100 + n,
                article=Article.objects.get(number=10 + n),
                note_en="n",
            )
            term = Term.objects.create(slug=f"{r}{slug}-term-{n}", chinese="词", meaning_en="word")
            page.terms.add(term)
    law = Law.objects.get(slug="social-insurance-law")
    chapter = Chapter.objects.create(law=law, number=13 + round, title_en="Extra")
    for number in range(99 + 7 * round, 106 + 7 * round):
        article = Article.objects.create(law=law, chapter=chapter, number=number)
        for p in range(1, 4):
            paragraph = Paragraph.objects.create(
                article=article, number=p, text_en="insurance", text_zh_hans="社会保险"
            )
            for i in range(1, 4):
                Item.objects.create(
                    paragraph=paragraph, number=i, text_en="insurance", text_zh_hans="社会保险"
                )
        Citation.objects.create(
            page=FAQPage.objects.get(slug="check-balance"),
            order=10000 + number,
            article=article,
            paragraph_number=1,
            item_number=2,
            note_en="n",
        )
    for flow, model, field in (
        (Flow.BALANCE, Channel, "channel"),
        (Flow.ACTIVATION, ActivationMethod, "method"),
    ):
        for n in range(2):
            question = FinderQuestion.objects.create(
                flow=flow,
                slug=f"{r}extra-{flow}-{n}",
                order=100 + 10 * round + n,
                text_en=f"Extra {n}?",
            )
            for order, route in enumerate(model.objects.all(), start=1):
                FinderRule.objects.create(
                    question=question,
                    order=order,
                    answer="yes" if order % 3 else "no",
                    effect="prefer" if order % 2 else "exclude",
                    reason_en=f"Extra reason {order}",
                    **{field: route},
                )


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize(("pattern", "status"), [page for page in PAGES if page[1] == 200])
def test_no_query_from_the_cache(client, pattern, status, lang):
    path = pattern.format(lang=lang)
    _fresh, response = queries(client, path, status)
    assert response["X-Page-Cache"] == "miss"
    cached, response = queries(client, path, status)
    assert response["X-Page-Cache"] == "hit"
    assert cached == 0, path


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_counts_stay_the_same_with_much_more_content(client, lang):
    """Once every kind of row is there, more rows of each kind cost no more queries."""
    statuses = {pattern.format(lang=lang): status for pattern, status in PAGES}
    grow_content(0)  # also starts a new cache generation
    # The new chapter's articles exist now.
    statuses.update({f"/{lang}/law/social-insurance-law/article/{n}/": 200 for n in (99, 104)})
    statuses[f"/{lang}/law/social-insurance-law/article/110/"] = 404
    paths = list(statuses)
    before = {path: queries(client, path, statuses[path]) for path in paths}
    grow_content(1)
    statuses[f"/{lang}/law/social-insurance-law/article/110/"] = 200
    after = {path: queries(client, path, statuses[path]) for path in paths}
    for path in paths:
        if not path.endswith("/110/"):  # a 404 before, a page now
            assert after[path][0] == before[path][0], path
    # The pages did grow, so the counts were taken on the larger content.
    law = f"/{lang}/law/social-insurance-law/"
    assert len(after[law][1].content) > len(before[law][1].content)
    faq = after[f"/{lang}/questions/check-balance/"][1].content.decode()
    assert "r1-check-balance-channel-4" in faq and "Extra document 3" in faq.replace("&#x27;", "'")
    found = after[f"/{lang}/search/?q=%E6%BF%80%E6%B4%BB"][1].content.decode()
    assert "r1-activate-card-method-4" in found and "r1-check-balance-channel-4" in found
    balance = next(path for path in paths if "extra-balance-0" in path)
    assert "Extra reason" in after[balance][1].content.decode()


def test_a_faq_page_with_a_long_history_makes_the_same_queries(client):
    """What grows with time on one page: change notes, steps and citations."""
    path = "/en/questions/check-balance/"
    before, _response = queries(client, path, 200)
    page = FAQPage.objects.get(slug="check-balance")
    for n in range(100):
        page.change_notes.create(number=100 + n, date="2026-01-01", note_en=f"Change {n}")
    channels = list(Channel.objects.all())
    for n in range(20):
        Step.objects.create(page=page, order=100 + n, channel=channels[n % len(channels)])
        Citation.objects.create(
            page=page, order=100 + n, article=Article.objects.get(number=10 + n), note_en="n"
        )
    after, response = queries(client, path, 200)
    assert after == before
    html = response.content.decode()
    assert "Change 99" in html and 'id="citation-119"' in html
