from django.apps import AppConfig


class GuideSiteConfig(AppConfig):
    """Site-wide template tags (language switch, translation fallback); no models."""

    name = "guide_site"
    verbose_name = "Site"
