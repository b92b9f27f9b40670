from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from guide_site.pagecache import public_page

from . import backlinks
from .models import Article, Chapter, Law, Paragraph
from .structured_data import article_legislation, legislation

MAX_NUMBER = 32767  # articles are numbered in a PositiveSmallIntegerField


def _crumbs(*pairs):
    return [{"name": name, "url": url} for name, url in pairs]


def _paragraphs():
    return Prefetch("paragraphs", queryset=Paragraph.objects.prefetch_related("items"))


@public_page
def law_list(request):
    return render(
        request,
        "articles/law_list.html",
        {"laws": Law.objects.all(), "crumbs": _crumbs((_("The law"), None))},
    )


@public_page
def law_detail(request, slug):
    # A query per level (law, chapters, articles, paragraphs, items), whatever the law holds.
    law = get_object_or_404(
        Law.objects.prefetch_related(
            Prefetch(
                "chapters",
                queryset=Chapter.objects.prefetch_related(
                    Prefetch("articles", queryset=Article.objects.prefetch_related(_paragraphs()))
                ),
            )
        ),
        slug=slug,
    )
    crumbs = _crumbs((_("The law"), reverse("articles:list")), (law.short_title, None))
    return render(
        request,
        "articles/law_detail.html",
        {
            "law": law,
            "chapters": law.chapters.all(),
            "crumbs": crumbs,
            "structured_data": [legislation(request, law)],
        },
    )


@public_page
def article_detail(request, slug, number):
    if number > MAX_NUMBER:  # a number the database column cannot even hold
        raise Http404
    # The article and its neighbours (to know whether there are any), with their law,
    # chapter, paragraphs and items.
    articles = (
        Article.objects.filter(law__slug=slug, number__in=[number - 1, number, number + 1])
        .select_related("law", "chapter")
        .prefetch_related(_paragraphs())
    )
    numbers = {article.number: article for article in articles}
    if number not in numbers:
        raise Http404
    article = numbers[number]
    law = article.law
    crumbs = _crumbs(
        (_("The law"), reverse("articles:list")),
        (law.short_title, law.get_absolute_url()),
        (article.label, None),
    )
    return render(
        request,
        "articles/article_detail.html",
        {
            "law": law,
            "article": article,
            "chapter": article.chapter,
            "previous_number": number - 1 if number - 1 in numbers else None,
            "next_number": number + 1 if number + 1 in numbers else None,
            "backlinks": backlinks.for_article(request, article),
            "crumbs": crumbs,
            "structured_data": [article_legislation(request, article)],
        },
    )
