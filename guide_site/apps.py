from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class GuideSiteConfig(AppConfig):
    """Site-wide plumbing: the page cache, rate limits, security, logs, health checks, error
    pages and the template tags every page uses. It knows the other apps only through what
    their configs declare (``guide_site.contentapps``)."""

    name = "guide_site"
    verbose_name = _("Site")

    def ready(self):
        from .pagecache import content_changed

        # Any saved, deleted or relinked row of content makes cached pages stale; the
        # receiver asks contentapps which models are content, so new ones need no list here.
        post_save.connect(content_changed, dispatch_uid="pagecache-post-save")
        post_delete.connect(content_changed, dispatch_uid="pagecache-post-delete")
        m2m_changed.connect(content_changed, dispatch_uid="pagecache-m2m-changed")
