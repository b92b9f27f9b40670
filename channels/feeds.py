"""The guide's change notes as an Atom feed, one per language (/<language>/updates/feed/):
each entry is one dated note of a published FAQ page, newest first. Built with Django's
syndication framework; the page cache keeps it like any public page."""

import datetime
import uuid

from django.contrib.syndication.views import Feed
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from guide_site import largetext
from guide_site.languages import bcp47
from guide_site.markup import plain_text

from .models import ChangeNote

FEED_LENGTH = 50


def _translated(obj, field):
    """The field in the page's language, or the other language's where it is empty (the
    pages show that with a note; a feed reader has no place for one)."""
    language = get_language().replace("-", "_")
    other = "en" if language.startswith("zh") else "zh_hans"
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{other}", "")


class ChangeNotesFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        # One feed per language: the large-text address of it is the same feed.
        if largetext.is_large(request):
            return HttpResponsePermanentRedirect(largetext.normal_path(request))
        return super().__call__(request, *args, **kwargs)

    @property
    def language(self):  # read by the syndication framework as a plain attribute
        return bcp47(get_language())

    def title(self):
        return gettext("Beijing social security card guide: updates")

    def subtitle(self):
        return gettext("What changed in the guide's answers, newest first.")

    def link(self):
        return reverse("channels:home")

    def feed_url(self):
        return reverse("channels:feed")

    def items(self):
        return (
            ChangeNote.objects.published()
            .select_related("page")
            .order_by("-date", "-number", "page__slug")[:FEED_LENGTH]
        )

    def item_title(self, note):
        return _translated(note.page, "question")

    def item_description(self, note):
        return plain_text(_translated(note, "note"))

    def item_link(self, note):
        return reverse("channels:faq", kwargs={"slug": note.page.slug}) + "#page-history"

    def item_guid(self, note):
        # The same for a note whatever its page is renamed to or its text corrected to, and
        # its own in each language's feed. (The feed object serves every request: nothing
        # of one request may be kept on it.)
        name = f"change-note/{note.page_id}/{note.number}/{get_language()}"
        return uuid.uuid5(uuid.NAMESPACE_URL, name).urn

    item_guid_is_permalink = False

    def _datetime(self, note):
        return timezone.make_aware(datetime.datetime.combine(note.date, datetime.time()))

    def item_pubdate(self, note):
        return self._datetime(note)

    def item_updateddate(self, note):
        return self._datetime(note)
