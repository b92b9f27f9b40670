"""Small builders for test data, so that a test says only what matters to it.

Each function saves and returns one object (and what it needs: an article gets a law and a
chapter unless given one), with a slug or number no other object has, text in both
languages, and published; any model field can be given to change a default::

    hotline = factories.channel(name_en="Ring us", phone="12333")
    page = factories.faq_page(steps=[hotline, factories.method()], citations=[article])

Tests build their own small worlds with these instead of leaning on the shipped fixtures,
so an editor's change to the shipped content never fails a test of the code. The shipped
content is loaded for every test too (``tests/conftest.py``); a test that needs to see only
its own finder questions, say, removes the shipped ones inside its transaction.
"""

import datetime
import itertools

from django.db.models import Max

from articles.models import Article, Chapter, Item, Law, Paragraph
from channels.models import (
    ActivationMethod,
    ChangeNote,
    Channel,
    Citation,
    Document,
    FAQPage,
    FinderQuestion,
    FinderRule,
    Journey,
    JourneyStep,
    Source,
    Step,
    Term,
)

_serial = itertools.count(1)


def _next():
    return next(_serial)


def _next_number(queryset, field):
    return (queryset.aggregate(top=Max(field))["top"] or 0) + 1


def _both(fields, name, english, chinese):
    """Fill a translated field in each language the test did not set ("" leaves one
    empty)."""
    fields.setdefault(f"{name}_en", english)
    fields.setdefault(f"{name}_zh_hans", chinese)


def _blank(fields, *names):
    """Translated fields left empty are "" in both languages, as the admin saves them."""
    for name in names:
        for code in ("en", "zh_hans"):
            fields.setdefault(f"{name}_{code}", "")


# --- The guide ---------------------------------------------------------------------------


def source(kind=Source.Kind.OFFICIAL, **fields):
    """A source: an official notice unless ``kind`` says otherwise ("press",
    "source_article")."""
    n = _next()
    fields.setdefault("slug", f"test-source-{n}")
    fields.setdefault("order", n)
    _both(fields, "name", f"Test publisher {n}", f"测试发布者{n}")
    fields.setdefault("title", f"测试标题{n}")
    fields.setdefault("checked_on", datetime.date(2026, 12, 1))
    _blank(fields, "note")
    return Source.objects.create(kind=kind, **fields)


def document(**fields):
    n = _next()
    fields.setdefault("slug", f"test-document-{n}")
    fields.setdefault("order", n)
    _both(fields, "name", f"Test document {n}", f"测试证件{n}")
    _both(fields, "description", f"What test document {n} is.", f"测试证件{n}的说明。")
    return Document.objects.create(**fields)


def _route(model, kind, documents, fields, sources=()):
    n = _next()
    fields.setdefault("slug", f"test-{kind}-{n}")
    fields.setdefault("order", 1000 + n)
    _both(fields, "name", f"Test {kind} {n}", f"测试{kind}{n}")
    _both(fields, "summary", f"Who test {kind} {n} suits.", f"测试{kind}{n}适合谁。")
    _both(fields, "how", f"How test {kind} {n} works.", f"测试{kind}{n}怎么用。")
    _both(fields, "where", f"Where test {kind} {n} is.", f"测试{kind}{n}在哪里。")
    _blank(
        fields,
        "source_name",
        "standing_note",
        *(["hours", "shows_note"] if model is Channel else []),
    )
    route = model.objects.create(**fields)
    if documents:
        route.documents.add(*documents)
    route.sources.add(*sources)
    return route


def channel(*, documents=(), sources=(), **fields):
    """A balance-inquiry channel (online unless ``mode`` says otherwise); ``sources`` are
    what it rests on."""
    fields.setdefault("mode", Channel.Mode.ONLINE)
    return _route(Channel, "channel", documents, fields, sources)


def method(*, documents=(), sources=(), **fields):
    """An activation method."""
    return _route(ActivationMethod, "method", documents, fields, sources)


def term(**fields):
    n = _next()
    fields.setdefault("slug", f"test-term-{n}")
    fields.setdefault("chinese", f"术语{n}")
    fields.setdefault("pinyin", f"shuyu {n}")
    _both(fields, "meaning", f"test term {n}", f"测试术语{n}")
    return Term.objects.create(**fields)


def faq_page(*, steps=(), citations=(), terms=(), change_notes=1, sources=(), **fields):
    """A FAQ page. ``steps`` are channels, methods or step titles (str), in order;
    ``citations`` are articles or (article, paragraph) or (article, paragraph, item);
    ``change_notes`` how many dated notes it has (the first, "First published.")."""
    n = _next()
    fields.setdefault("slug", f"test-question-{n}")
    fields.setdefault("order", 1000 + n)
    _both(fields, "question", f"Test question {n}?", f"测试问题{n}？")
    _both(fields, "short_answer", f"The short answer to question {n}.", f"问题{n}的简短回答。")
    _both(fields, "steps_heading", f"Ways for question {n}", f"问题{n}的办法")
    _blank(fields, "body", "caution", "standing_note")
    page = FAQPage.objects.create(**fields)
    page.sources.add(*sources)
    for entry in steps:
        if isinstance(entry, Channel):
            step(page, channel=entry)
        elif isinstance(entry, ActivationMethod):
            step(page, method=entry)
        else:
            step(page, title_en=entry, title_zh_hans=entry)
    for entry in citations:
        article, *numbers = entry if isinstance(entry, tuple) else (entry,)
        citation(page, article, *numbers)
    page.terms.add(*terms)
    for number in range(1, change_notes + 1):
        note = ("First published.", "首次发布。") if number == 1 else (f"Change {number}.", "")
        change_note(page, note_en=note[0], note_zh_hans=note[1] or f"修改{number}。")
    return page


def step(page, **fields):
    """One of a page's steps: give ``channel`` or ``method``, or a title of its own."""
    fields.setdefault("order", _next_number(page.steps, "order"))
    if not fields.get("channel") and not fields.get("method"):
        _both(fields, "title", f"Step {fields['order']}", f"第{fields['order']}步")
    _blank(fields, "title", "text")
    return Step.objects.create(page=page, **fields)


def journey(*, steps=(), **fields):
    """A step-by-step journey. ``steps`` are dicts of JourneyStep fields (a ``page``, an
    ``anchor``, ``joins_previous``, ``if_wrong``…), numbered in order, each titled."""
    n = _next()
    fields.setdefault("slug", f"test-journey-{n}")
    fields.setdefault("order", 1000 + n)
    _both(fields, "title", f"Test journey {n}", f"测试流程{n}")
    _blank(fields, "intro")
    found = Journey.objects.create(**fields)
    for entry in steps:
        journey_step(found, **entry)
    return found


def journey_step(journey, **fields):
    fields.setdefault("order", _next_number(journey.steps, "order"))
    _both(fields, "title", f"Journey step {fields['order']}", f"流程第{fields['order']}步")
    _blank(fields, "text")
    return JourneyStep.objects.create(journey=journey, **fields)


def citation(page, article=None, paragraph_number=None, item_number=None, **fields):
    fields.setdefault("order", _next_number(page.citations, "order"))
    _both(fields, "note", "Why it applies.", "为什么适用。")
    return Citation.objects.create(
        page=page,
        article=article or _new_article(),
        paragraph_number=paragraph_number,
        item_number=item_number,
        **fields,
    )


def change_note(page, **fields):
    fields.setdefault("number", _next_number(page.change_notes, "number"))
    fields.setdefault("date", datetime.date(2026, 1, 15))
    _both(fields, "note", f"Change {fields['number']}.", f"修改{fields['number']}。")
    return ChangeNote.objects.create(page=page, **fields)


def finder_question(flow, **fields):
    """A yes/no question of the balance or activation finder (its slug is its name in the
    result page's query string)."""
    n = _next()
    fields.setdefault("slug", f"q{n}")
    fields.setdefault("order", n)
    _both(fields, "text", f"Question {n}?", f"问题{n}？")
    return FinderQuestion.objects.create(flow=flow, **fields)


def finder_rule(question, route, answer, effect, weight=1, **fields):
    """What ``answer`` to ``question`` does to ``route`` (a channel or a method): rule it
    out ("exclude") or make it a better fit by ``weight`` ("prefer")."""
    fields.setdefault("order", _next_number(question.rules, "order"))
    _both(fields, "reason", f"Because of {question.slug}={answer}.", f"因为{question.slug}。")
    kind = "channel" if isinstance(route, Channel) else "method"
    return FinderRule.objects.create(
        question=question, answer=answer, effect=effect, weight=weight, **{kind: route}, **fields
    )


# --- The law -----------------------------------------------------------------------------


def law(**fields):
    n = _next()
    fields.setdefault("slug", f"test-law-{n}")
    _both(fields, "title", f"Test Law {n} of the People's Republic", f"测试法{n}")
    _both(fields, "short_title", f"Test Law {n}", f"测试法{n}")
    fields.setdefault("adopted_on", datetime.date(2010, 10, 28))
    fields.setdefault("in_force_on", datetime.date(2011, 7, 1))
    _both(fields, "source_name", "Test source", "测试来源")
    return Law.objects.create(**fields)


def chapter(law=None, **fields):
    law = law or _new_law()
    fields.setdefault("number", _next_number(law.chapters, "number"))
    _both(fields, "title", f"Chapter title {fields['number']}", f"第{fields['number']}章标题")
    return Chapter.objects.create(law=law, **fields)


def article(law=None, *, chapter=None, paragraphs=2, items=(), texts=(), **fields):
    """An article with ``paragraphs`` paragraphs; ``items`` gives the number of items of
    each paragraph in turn, e.g. ``items=(3,)``: three items in the first paragraph;
    ``texts`` the (Chinese, English) text of each paragraph in turn."""
    if chapter is None:
        law = law or _new_law()
        chapter = law.chapters.last() or _new_chapter(law)
    law = chapter.law
    fields.setdefault("number", _next_number(law.articles, "number"))
    created = Article.objects.create(law=law, chapter=chapter, **fields)
    for p in range(1, paragraphs + 1):
        chinese, english = (
            texts[p - 1]
            if p <= len(texts)
            else (f"第{created.number}条第{p}款。", f"Article {created.number} paragraph {p}.")
        )
        paragraph = Paragraph.objects.create(
            article=created, number=p, text_zh_hans=chinese, text_en=english
        )
        for i in range(1, (items[p - 1] if p <= len(items) else 0) + 1):
            Item.objects.create(
                paragraph=paragraph, number=i, text_en=f"item {i};", text_zh_hans=f"第{i}项；"
            )
    return created


# For the builders above whose arguments share a builder's name.


def _new_law():
    return law()


def _new_chapter(of_law):
    return chapter(of_law)


def _new_article():
    return article()
