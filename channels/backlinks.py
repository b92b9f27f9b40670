"""The guide's "Cited by" section on an article's page (see ``articles.backlinks``): the
published FAQ pages that cite the article, each with the provisions it cites and why."""

from django.template.loader import render_to_string

from .models import Citation


def cited_by(request, article):
    citing_pages = {}
    citations = Citation.objects.published().filter(article=article)
    for citation in citations.select_related("page", "article__law"):
        citing_pages.setdefault(citation.page, []).append(citation)
    return render_to_string(
        "channels/includes/cited_by.html",
        {"citing_pages": sorted(citing_pages.items(), key=lambda kv: (kv[0].order, kv[0].slug))},
        request=request,
    )
