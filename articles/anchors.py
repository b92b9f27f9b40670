"""Every page of the law and the #anchors on it, worked out from the law itself (no page
is rendered): the content check looks editors' links up here, and
tests/guide_site/test_anchors.py checks them against the rendered pages."""

from django.urls import reverse

from .models import Article, Chapter, Item, Law, Paragraph

COMMON = {"main"}


def page_anchors():
    """{path: {anchor, …}} for the law pages in the active language, in five queries of
    plain values whatever the size of the law."""
    provisions = {}  # (law id, article number) → anchors of the article and its provisions
    for law, number in Article.objects.values_list("law", "number"):
        provisions[law, number] = {f"article-{number}"}
    for law, number, paragraph in Paragraph.objects.values_list(
        "article__law", "article__number", "number"
    ):
        provisions[law, number].add(f"article-{number}-{paragraph}")
    for law, number, paragraph, item in Item.objects.values_list(
        "paragraph__article__law", "paragraph__article__number", "paragraph__number", "number"
    ):
        provisions[law, number].add(f"article-{number}-{paragraph}-{item}")
    chapters = {}
    for law, number in Chapter.objects.values_list("law", "number"):
        chapters.setdefault(law, set()).update({f"chapter-{number}", f"chapter-{number}-heading"})
    pages = {reverse("articles:list"): set(COMMON)}
    for law, slug in Law.objects.values_list("pk", "slug"):
        whole = COMMON | {"contents-heading"} | chapters.get(law, set())
        for (of_law, number), anchors in provisions.items():
            if of_law != law:
                continue
            whole |= anchors | {f"article-{number}-heading"}
            pages[reverse("articles:article", kwargs={"slug": slug, "number": number})] = (
                COMMON | anchors
            )
        pages[reverse("articles:law", kwargs={"slug": slug})] = whole
    return pages
