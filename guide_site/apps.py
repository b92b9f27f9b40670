from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class GuideSiteConfig(AppConfig):
    """Site-wide template tags (language switch, translation fallback), the page cache,
    health checks and error pages; no models."""

    name = "guide_site"
    verbose_name = "Site"

    def ready(self):
        from .pagecache import content_changed

        # Any saved, deleted or relinked row of the content apps makes cached pages stale;
        # the receiver checks the app, so new content models are covered without a list.
        post_save.connect(content_changed, dispatch_uid="pagecache-post-save")
        post_delete.connect(content_changed, dispatch_uid="pagecache-post-delete")
        m2m_changed.connect(content_changed, dispatch_uid="pagecache-m2m-changed")
