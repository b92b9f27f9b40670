from guide_site.sitemaps import BilingualSitemap, NamedPagesSitemap

from .models import FAQPage, Journey


def guide_pages():
    return NamedPagesSitemap(
        ["channels:home", "channels:overview", "channels:documents", "channels:sources"]
    )


class FAQPageSitemap(BilingualSitemap):
    def items(self):
        # The same rule as the pages themselves: drafts are not public.
        return FAQPage.objects.published()


class JourneySitemap(BilingualSitemap):
    def items(self):
        return Journey.objects.published()


def sitemaps():
    return {"guide": guide_pages(), "questions": FAQPageSitemap, "journeys": JourneySitemap}
