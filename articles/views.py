from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from guide_site.flatfetch import fetch_flat
from guide_site.pagecache import public_page

from .models import Article, Law
from .structured_data import article_legislation, legislation


def _public_citations():
    citation = Article._meta.get_field("citations").related_model
    return citation.objects.public().select_related("page")


MAX_NUMBER = 32767  # articles are numbered in a PositiveSmallIntegerField


def _crumbs(*pairs):
    return [{"name": name, "url": url} for name, url in pairs]


def _one(rows):
    if not rows:
        raise Http404
    return rows[0]


@public_page
def law_list(request):
    return render(
        request,
        "articles/law_list.html",
        {"laws": Law.objects.all(), "crumbs": _crumbs((_("The law"), None))},
    )


@public_page
def law_detail(request, slug):
    # One query for the whole tree, law to item, whatever the size of the law.
    law = _one(fetch_flat(Law.objects.filter(slug=slug), "chapters__articles__paragraphs__items"))
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
    # Two queries: the article and its neighbours (to know whether there are any) with their
    # law, chapter, paragraphs and items; then the public pages that cite it.
    articles = fetch_flat(
        Article.objects.filter(law__slug=slug, number__in=[number - 1, number, number + 1]),
        "law",
        "chapter",
        "paragraphs__items",
    )
    numbers = {article.number: article for article in articles}
    if number not in numbers:
        raise Http404
    article = numbers[number]
    law = article.law
    article.chapter.law = law
    # Backlinks from whatever cites this article, through the reverse relation: the law
    # does not import the guide, it asks the citing model for its public rows.
    citing_pages = {}
    for citation in _public_citations().filter(article=article):
        citation.article = article
        citing_pages.setdefault(citation.page, []).append(citation)
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
            "citing_pages": sorted(citing_pages.items(), key=lambda kv: (kv[0].order, kv[0].slug)),
            "crumbs": crumbs,
            "structured_data": [article_legislation(request, article)],
        },
    )
