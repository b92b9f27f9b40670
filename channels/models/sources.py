"""What the guide's content rests on, and how it stands today.

A ``Source`` is one thing someone read: an official notice or page, a press report, or the
source article the guide first came from (a machine-translated page of a job-recruitment
website). Channels, activation methods, FAQ pages and steps link to the sources they rest on;
readers see each kind told apart, and the content check flags content that rests on the
source article alone without saying so.

``Standing`` says whether what the source article described is still how things are:
current, changed (and what replaced it) or history (what the article said about older
cards, and what to do instead)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import SluggedModel


class Source(SluggedModel):
    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official notice or page")
        PRESS = "press", _("Press report")
        SOURCE_ARTICLE = "source_article", _("The source article")

    class Language(models.TextChoices):
        CHINESE = "zh-Hans", _("Chinese")
        ENGLISH = "en", _("English")

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        help_text=_(
            "Official: a notice or page of a government body. Press: a news report. The "
            "source article: the web article the guide first came from."
        ),
    )
    name = models.CharField(
        _("published by"),
        max_length=200,
        help_text=_(
            "The body, outlet or website that published it, e.g. Beijing Municipal Human "
            "Resources and Social Security Bureau, or Beijing Daily."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_(
            "The title exactly as published, in its own language, never translated, e.g. "
            "关于第三代社保卡，您可能关心的十件事"
        ),
    )
    title_language = models.CharField(
        _("language of the title"),
        max_length=10,
        choices=Language.choices,
        default=Language.CHINESE,
        help_text=_("The language the title is written in, e.g. Chinese."),
    )
    reference = models.CharField(
        _("document number"),
        max_length=100,
        blank=True,
        help_text=_("An official notice's number, if it has one, e.g. 京人社数据字〔2024〕133号"),
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("The date it was published, if known, e.g. 2024-10-30."),
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_(
            "Only a real, stable address that someone opened, e.g. "
            "https://rsj.beijing.gov.cn/… Leave it empty rather than guess."
        ),
    )
    checked_on = models.DateField(
        _("last read on"),
        help_text=_("The day someone last read this source, e.g. 2026-12-02."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "What readers should know about it, e.g. A repost of the Bureau's notice on "
            "another website; the Bureau's own page was not found."
        ),
    )

    class Meta(SluggedModel.Meta):
        ordering = ["order", "slug"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('channels:sources')}#{self.anchor}"

    @property
    def anchor(self):
        return f"source-{self.slug}"

    @property
    def is_source_article(self):
        return self.kind == self.Kind.SOURCE_ARTICLE


class Standing(models.TextChoices):
    CURRENT = "current", _("Current")
    CHANGED = "changed", _("Changed")
    HISTORY = "history", _("History")


class HasSources(models.Model):
    """Content that says what it rests on: the sources behind it and when someone last
    compared it with them (who did is in its edit history)."""

    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("sources"),
        help_text=_(
            "What this rests on, e.g. the Bureau's notice and a press report. The source "
            "article alone needs a caution, or the item marked as history."
        ),
    )

    class Meta:
        abstract = True

    def rests_on_source_article_alone(self, sources=None):
        """True when every source is the source article (uses prefetched sources, or
        ``sources`` given)."""
        sources = list(self.sources.all() if sources is None else sources)
        return bool(sources) and all(source.is_source_article for source in sources)


class HasStanding(HasSources):
    """Content the source article described that may no longer be how things are."""

    Standing = Standing

    standing = models.CharField(
        _("standing"),
        max_length=10,
        choices=Standing.choices,
        default=Standing.CURRENT,
        help_text=_(
            "Current: how it is today. Changed: it still exists but works differently. "
            "History: what the source article said about older cards; no longer so."
        ),
    )
    standing_note = models.TextField(
        _("standing note"),
        blank=True,
        help_text=_(
            "Changed: what replaced it. History: what to do instead. Current: a caution "
            "readers must not miss, e.g. Only the source article says so: call 12333 to "
            "confirm. Links: [text](https://…) or the address itself."
        ),
    )

    class Meta:
        abstract = True

    @property
    def is_current(self):
        return self.standing == Standing.CURRENT

    @property
    def is_history(self):
        return self.standing == Standing.HISTORY

    @property
    def has_standing_note(self):
        return bool(
            (getattr(self, "standing_note_zh_hans", "") or "").strip()
            or (getattr(self, "standing_note_en", "") or "").strip()
        )

    def clean(self):
        super().clean()
        if not self.is_current and not self.has_standing_note:
            raise ValidationError(
                {
                    "standing_note_en": _(
                        "Say what replaced it (changed) or what to do instead (history)."
                    )
                }
            )
