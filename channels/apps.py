from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "channels"
    verbose_name = _("The guide")

    # What the site reads from its apps (see guide_site/apps.py).
    navigation_position = 10
    navigation = [
        ("channels:overview", _("Ways to do it")),
        ("channels:documents", _("What to bring")),
    ]
    public_urls = ("", "channels.urls")
    sitemaps = "channels.sitemaps.sitemaps"
    page_anchors = "channels.anchors.page_anchors"
    fixture = (
        "guide",
        [
            "channels.Source",
            "channels.Document",
            "channels.Channel",
            "channels.ActivationMethod",
            "channels.Term",
            "channels.FAQPage",
            "channels.ChangeNote",
            "channels.Step",
            "channels.Citation",
            "channels.Journey",
            "channels.JourneyStep",
            "channels.FinderQuestion",
            "channels.FinderRule",
            "channels.SlugRedirect",
            "channels.Synonym",
            "channels.BestBet",
        ],
    )

    def ready(self):
        from articles import backlinks

        from .backlinks import cited_by

        # The guide cites the law; article pages list the pages that cite them.
        backlinks.register(cited_by)
