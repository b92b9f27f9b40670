from guide_site.sitemaps import BilingualSitemap, NamedPagesSitemap

from .models import Article, Law


def law_pages():
    return NamedPagesSitemap(["articles:list"])


class LawSitemap(BilingualSitemap):
    def items(self):
        return Law.objects.all()


class ArticleSitemap(BilingualSitemap):
    def items(self):
        return Article.objects.select_related("law")


def sitemaps():
    return {"law": law_pages(), "laws": LawSitemap, "articles": ArticleSitemap}
