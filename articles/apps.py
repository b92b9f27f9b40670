from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("The law")

    # What the site reads from its apps (see guide_site/apps.py).
    navigation_position = 20
    navigation = [("articles:list", _("The law"))]
    public_urls = ("law/", "articles.urls")
    sitemaps = "articles.sitemaps.sitemaps"
    page_anchors = "articles.anchors.page_anchors"
    fixture = (
        "law",
        [
            "articles.Law",
            "articles.Chapter",
            "articles.Article",
            "articles.Paragraph",
            "articles.Item",
        ],
    )
