"""A public page rendered afresh makes as many database queries however much content and
history it holds (a query per relation, not per row), and none at all when it comes from
the page cache."""

import re

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
    Journey,
    Step,
    Term,
)
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = [  # (address, the status it must answer)
    ("/{lang}/", 200),
    ("/{lang}/questions/q-balance/", 200),
    ("/{lang}/questions/q-activation/", 200),
    ("/{lang}/step-by-step/q-journey/", 200),
    ("/{lang}/questions/q-activation/counter-sheet/", 200),
    ("/{lang}/ways/", 200),
    ("/{lang}/documents/", 200),
    ("/{lang}/law/", 200),
    ("/{lang}/law/q-law/", 200),
    ("/{lang}/law/q-law/article/1/", 200),  # cited
    ("/{lang}/law/q-law/article/2/", 200),
    ("/{lang}/law/q-law/article/3/", 200),
    ("/{lang}/questions/no-such-page/", 404),
    ("/{lang}/law/q-law/article/99/", 404),
    ("/{lang}/search/", 200),
    ("/{lang}/search/?q=", 200),
    ("/{lang}/search/?q=insurance", 200),
    ("/{lang}/search/?q=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%99%A9", 200),  # 社会保险: most of the law
    ("/{lang}/search/?q=%E6%BF%80%E6%B4%BB", 200),  # 激活
    ("/{lang}/search/?q=%E7%AC%AC%E4%B8%89%E6%9D%A1", 200),  # 第三条
    ("/{lang}/search/?q=Article+3", 200),
    ("/{lang}/search/?q=nothing+matches+this", 200),
    ("/{lang}/finder/balance/", 200),
    ("/{lang}/finder/activation/", 200),
    # Every question answered; the extra answers are ignored until grow_content adds their
    # questions.
    ("/{lang}/finder/balance/result/?{balance}", 200),
    ("/{lang}/finder/activation/result/?{activation}", 200),
    ("/{lang}/finder/balance/result/?{tampered}", 400),
]


@pytest.fixture(autouse=True)
def content():
    """Pages with one row of every kind, and a small law of three articles, to grow."""
    law = Law.objects.create(
        slug="q-law",
        short_title_en="Q Law",
        short_title_zh_hans="Q法",
        title_en="Q Law",
        title_zh_hans="Q法",
        adopted_on="2010-10-28",
        in_force_on="2011-07-01",
    )
    chapter = Chapter.objects.create(law=law, number=1, title_en="One")
    for number in (1, 2, 3):
        article = Article.objects.create(law=law, chapter=chapter, number=number)
        paragraph = Paragraph.objects.create(article=article, number=1, text_en="insurance")
        Item.objects.create(paragraph=paragraph, number=1, text_en="insurance")
    for slug, route in (("q-balance", factories.channel), ("q-activation", factories.method)):
        factories.faq_page(
            slug=slug,
            steps=[route(documents=[factories.document()]), "Own step"],
            citations=[(Article.objects.get(law=law, number=1), 1, 1)],
            terms=[factories.term()],
        )
    FAQPage.objects.filter(slug="q-activation").update(counter_sheet=True)
    factories.journey(
        slug="q-journey",
        steps=[
            {"page": FAQPage.objects.get(slug="q-balance"), "anchor": "ways"},
            {"page": FAQPage.objects.get(slug="q-activation"), "joins_previous": "either"},
            {"page": FAQPage.objects.get(slug="q-balance"), "if_wrong": True},
        ],
    )


def finder_answers(flow, extra=()):
    answers = [f"{q.slug}=yes" for q in FinderQuestion.objects.filter(flow=flow)]
    return "&".join([*answers, *extra])


def pages(lang):
    """{address: status} of PAGES in `lang`, the finder's answers filled in."""
    extra = {
        flow: [f"r{r}-extra-{flow}-{n}={'yes' if n else 'no'}" for r in (0, 1) for n in (0, 1)]
        for flow in ("balance", "activation")
    }
    values = {
        "lang": lang,
        "balance": finder_answers("balance", extra["balance"]),
        "activation": finder_answers("activation", extra["activation"]),
        "tampered": finder_answers("balance").replace("=yes", "=maybe", 1),
    }
    return {pattern.format(**values): status for pattern, status in PAGES}


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
    for slug in ("q-balance", "q-activation"):
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
                article=Article.objects.get(law__slug="q-law", number=1 + n % 3),
                note_en="n",
            )
            term = Term.objects.create(slug=f"{r}{slug}-term-{n}", chinese="词", meaning_en="word")
            page.terms.add(term)
    law = Law.objects.get(slug="q-law")
    chapter = Chapter.objects.create(law=law, number=2 + round, title_en="Extra")
    for number in range(4 + 7 * round, 11 + 7 * round):
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
            page=FAQPage.objects.get(slug="q-balance"),
            order=10000 + number,
            article=article,
            paragraph_number=1,
            item_number=2,
            note_en="n",
        )
    # More journeys through the same pages, and more steps in the first.
    pages = list(FAQPage.objects.filter(slug__in=["q-balance", "q-activation"]))
    first = Journey.objects.get(slug="q-journey")
    for n in range(6):
        factories.journey_step(first, page=pages[n % 2], joins_previous="or" if n % 3 else "")
    factories.journey(slug=f"{r}journey", steps=[{"page": page} for page in pages * 3])
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
@pytest.mark.parametrize("index", [n for n, page in enumerate(PAGES) if page[1] == 200])
def test_no_query_from_the_cache(client, index, lang):
    path, status = list(pages(lang).items())[index]
    _fresh, response = queries(client, path, status)
    assert response["X-Page-Cache"] == "miss"
    cached, response = queries(client, path, status)
    assert response["X-Page-Cache"] == "hit"
    assert cached == 0, path


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_counts_stay_the_same_with_much_more_content(client, lang):
    """Once every kind of row is there, more rows of each kind cost no more queries."""
    statuses = pages(lang)
    # A search that finds nothing is counted for editors: an insert the first time that
    # day, an update after. Both rounds below then count the update.
    queries(client, f"/{lang}/search/?q=nothing+matches+this", 200)
    grow_content(0)  # also starts a new cache generation
    # The new chapter's articles exist now.
    statuses.update({f"/{lang}/law/q-law/article/{n}/": 200 for n in (4, 9)})
    statuses[f"/{lang}/law/q-law/article/15/"] = 404
    paths = list(statuses)
    before = {path: queries(client, path, statuses[path]) for path in paths}
    grow_content(1)
    statuses[f"/{lang}/law/q-law/article/15/"] = 200
    after = {path: queries(client, path, statuses[path]) for path in paths}
    for path in paths:
        if not path.endswith("/15/"):  # a 404 before, a page now
            assert after[path][0] == before[path][0], path
    # The pages did grow, so the counts were taken on the larger content.
    law = f"/{lang}/law/q-law/"
    assert len(after[law][1].content) > len(before[law][1].content)
    faq = after[f"/{lang}/questions/q-balance/"][1].content.decode()
    assert "r1-q-balance-channel-4" in faq and "Extra document 3" in faq.replace("&#x27;", "'")
    # Search found what was added: twenty more ways say 激活 (the page shows the best 20).
    search = f"/{lang}/search/?q=%E6%BF%80%E6%B4%BB"
    found = [
        int(re.search(r"(?:找到)?(\d+)(?: results|条)", pages[1].content.decode())[1])
        for pages in (before[search], after[search])
    ]
    assert found[1] == found[0] + 20, found
    balance = next(path for path in paths if "extra-balance-0" in path)
    assert "Extra reason" in after[balance][1].content.decode()


def test_a_faq_page_with_a_long_history_makes_the_same_queries(client):
    """What grows with time on one page: change notes, steps and citations."""
    path = "/en/questions/q-balance/"
    before, _response = queries(client, path, 200)
    page = FAQPage.objects.get(slug="q-balance")
    for n in range(100):
        page.change_notes.create(number=100 + n, date="2026-01-01", note_en=f"Change {n}")
    channels = list(Channel.objects.all())
    for n in range(20):
        Step.objects.create(page=page, order=100 + n, channel=channels[n % len(channels)])
        Citation.objects.create(
            page=page,
            order=100 + n,
            article=Article.objects.get(law__slug="q-law", number=1),
            note_en="n",
        )
    after, response = queries(client, path, 200)
    assert after == before
    html = response.content.decode()
    assert "Change 99" in html and 'id="citation-119"' in html
