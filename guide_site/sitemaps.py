"""What every sitemap of the site shares: each page in each language, each entry listing its
twins with hreflang, and an x-default that lets the site pick the reader's language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    # x-default is the page's address without a language prefix (/questions/check-balance/);
    # LocaleMiddleware answers it with a redirect to the reader's language.
    x_default = True


class NamedPagesSitemap(BilingualSitemap):
    """Pages that are a URL name and nothing more (home, the law list…)."""

    def __init__(self, names):
        self.names = list(names)

    def items(self):
        return self.names

    def location(self, name):
        return reverse(name)
