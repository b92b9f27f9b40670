"""What editors teach search: words that mean the same (synonyms), pages pinned to the top
for a query (best bets), and the searches that found nothing (so they know what to teach).

Synonyms and best bets are content: they live in the fixtures, have an edit history, and a
save changes search results at once (the content generation; see ``channels.searchindex``).
Searches that found nothing are not content: a count per day and query, nothing else."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .base import SluggedModel
from .pages import FAQPage

# One word or phrase per line, or several on a line separated by commas or 、.
WORD_SEPARATORS = re.compile(r"[\n,，、;；]+")


def split_words(text):
    return [word.strip() for word in WORD_SEPARATORS.split(text or "") if word.strip()]


class Synonym(SluggedModel):
    """Words readers use for the same thing: 社保卡 = 社会保障卡, hukou = household register.
    A search for any of them also finds the others."""

    words = models.TextField(
        _("words"),
        help_text=_(
            "Two or more words or phrases that mean the same, one per line or separated by "
            "commas, in either language, e.g. 户口本, 户口簿 or hukou, household register."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("For editors only: why, e.g. Readers write 户口本; the site says 户口簿."),
    )

    class Meta(SluggedModel.Meta):
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return " = ".join(split_words(self.words))

    def get_absolute_url(self):
        words = split_words(self.words)
        query = f"?{urlencode({'q': words[0]})}" if words else ""
        return f"{reverse('channels:search')}{query}"

    def clean(self):
        if len(split_words(self.words)) < 2:
            raise ValidationError({"words": _("Give at least two words that mean the same.")})


class BestBet(SluggedModel):
    """A page pinned to the top of the results for what readers type, e.g. 余额 → the
    balance page. It comes first whatever else matches."""

    queries = models.TextField(
        _("searches"),
        help_text=_(
            "What readers type, one per line or separated by commas, in either language; case, "
            "spaces and punctuation do not matter, e.g. 余额, 查余额, balance."
        ),
    )
    page = models.ForeignKey(
        FAQPage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="best_bets",
        verbose_name=_("FAQ page"),
        help_text=_("The page to show first, e.g. How do I check my balance?"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article of the law"),
        help_text=_("Or an article of the law to show first, e.g. 第七十四条."),
    )
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        blank=True,
        help_text=_(
            "Optional: a place on that page, e.g. method-bank-outlet, or article-74-4 on an "
            "article."
        ),
    )

    class Meta(SluggedModel.Meta):
        verbose_name = _("best bet")
        verbose_name_plural = _("best bets")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(page__isnull=False, article__isnull=True)
                    | models.Q(page__isnull=True, article__isnull=False)
                ),
                name="best_bet_one_target",
                violation_error_message=_("Choose a FAQ page or an article, not both."),
            ),
        ]

    def __str__(self):
        return f"{', '.join(split_words(self.queries))} → {self.target}"

    @property
    def target(self):
        return self.page or self.article

    def get_absolute_url(self):
        target = self.target
        url = target.get_absolute_url() if target else reverse("channels:search")
        return f"{url}#{self.anchor}" if self.anchor else url

    def clean(self):
        if not split_words(self.queries):
            raise ValidationError({"queries": _("Give at least one search.")})
        if bool(self.page_id) == bool(self.article_id):
            raise ValidationError(_("Choose a FAQ page or an article, not both."))


# What must never be kept of a search: anything that may be an ID card, phone or account
# number (a run of 5 or more digits, with or without spaces or dashes), or an e-mail address.
PERSONAL = re.compile(r"\S+@\S+|\d[\d\s-]{3,}\d[xX]?")
MISS_LENGTH = 60  # characters kept of a query
MISSES_PER_DAY = 2000  # new queries recorded a day at most: a flood cannot fill the table


def scrub(query):
    """The query as it may be kept: personal-looking numbers replaced by #, cut short."""
    text = unicodedata.normalize("NFKC", query)
    text = PERSONAL.sub("#", text)
    return " ".join(text.split())[:MISS_LENGTH]


class SearchMissQuerySet(models.QuerySet):
    def record(self, query, language, day=None):
        """Count a search that found nothing: the query text only (scrubbed), per day."""
        text = scrub(query)
        if not text.strip("# "):
            return
        day = day or timezone.localdate()
        updated = self.filter(day=day, language=language, query=text).update(count=F("count") + 1)
        if updated or self.filter(day=day).count() >= MISSES_PER_DAY:
            return
        self.get_or_create(day=day, language=language, query=text)


class SearchMiss(models.Model):
    """How often a search found nothing, by day and page language. No IP address, no
    cookie, nothing about who searched."""

    day = models.DateField(_("day"), db_index=True)
    language = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("search"), max_length=MISS_LENGTH)
    count = models.PositiveIntegerField(_("times"), default=1)

    objects = SearchMissQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-count", "query"]
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        constraints = [
            models.UniqueConstraint(fields=["day", "language", "query"], name="unique_miss"),
        ]

    def __str__(self):
        return self.query

    def get_absolute_url(self):
        return f"{reverse('channels:search')}?{urlencode({'q': self.query})}"
