from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import contentapps, health, views
from .pagecache import public_page

# The admin is not language-prefixed and lives where the environment says
# (DJANGO_ADMIN_PATH), so its address is not the first thing a scanner tries.
# robots.txt and the sitemap are for crawlers, at the addresses crawlers look for.
urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    # Both kept by the page cache like any public page: the sitemap costs a query per page.
    path("robots.txt", public_page(views.robots_txt, any_language=True), name="robots"),
    path(
        "sitemap.xml",
        public_page(sitemap, any_language=True),
        {"sitemaps": contentapps.sitemaps()},
        name="sitemap",
    ),
    # For load balancers: no language, no trailing slash, never cached.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

# Every public page carries its language in the URL (/zh-hans/…, /en/…); `/` is sent to
# the reader's language by LocaleMiddleware. Each app brings its own pages.
urlpatterns += i18n_patterns(
    *(path(prefix, include(module)) for prefix, module in contentapps.url_includes()),
    prefix_default_language=True,
)

handler400 = "guide_site.views.bad_request"
handler404 = "guide_site.views.page_not_found"
handler500 = "guide_site.views.server_error"
