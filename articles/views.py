from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Article, Law, Paragraph
from .structured_data import article_legislation, legislation


def _public_citations():
    citation = Article._meta.get_field("citations").related_model
    return citation.objects.public().select_related("page")


def _crumbs(*pairs):
    return [{"name": name, "url": url} for name, url in pairs]


def law_list(request):
    return render(
        request,
        "articles/law_list.html",
        {"laws": Law.objects.all(), "crumbs": _crumbs((_("The law"), None))},
    )


def law_detail(request, slug):
    law = get_object_or_404(Law, slug=slug)
    # Four flat queries whatever the size of the law: chapters, articles, paragraphs, items.
    paragraphs = Paragraph.objects.select_related("article").prefetch_related("items")
    articles = Article.objects.prefetch_related(Prefetch("paragraphs", queryset=paragraphs))
    chapters = law.chapters.prefetch_related(Prefetch("articles", queryset=articles))
    crumbs = _crumbs((_("The law"), reverse("articles:list")), (law.short_title, None))
    return render(
        request,
        "articles/law_detail.html",
        {
            "law": law,
            "chapters": chapters,
            "crumbs": crumbs,
            "structured_data": [legislation(request, law)],
        },
    )


def article_detail(request, slug, number):
    article = get_object_or_404(
        Article.objects.select_related("law", "chapter").prefetch_related(
            Prefetch("paragraphs", queryset=Paragraph.objects.prefetch_related("items")),
            # Backlinks from whatever cites this article, through the reverse relation: the
            # law does not import the guide, it asks the citing model for its public rows.
            Prefetch("citations", queryset=_public_citations()),
        ),
        law__slug=slug,
        number=number,
    )
    law = article.law
    neighbours = set(
        law.articles.filter(number__in=[number - 1, number + 1]).values_list("number", flat=True)
    )
    citing_pages = {}
    for citation in article.citations.all():
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
            "previous_number": number - 1 if number - 1 in neighbours else None,
            "next_number": number + 1 if number + 1 in neighbours else None,
            "citing_pages": sorted(citing_pages.items(), key=lambda kv: (kv[0].order, kv[0].slug)),
            "crumbs": crumbs,
            "structured_data": [article_legislation(request, article)],
        },
    )
