"""The service guide: the ways to check a balance (channels), the ways to activate a card
(activation methods), the documents people bring, and the FAQ pages that put them together
and cite the law. The guide points at the law; the law never points back."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article, is_chinese
from articles.numerals import to_chinese


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublishableQuerySet(models.QuerySet):
    """The one place that says what the public may see. Views, search, the sitemap and
    feeds all go through ``published()``."""

    @staticmethod
    def published_condition(relation=""):
        """The rule itself, for this model or through a relation (``"page__"``)."""
        return models.Q(**{f"{relation}status": Publishable.Status.PUBLISHED})

    def published(self):
        return self.filter(self.published_condition())


class PublishableManager(SlugManager.from_queryset(PublishableQuerySet)):
    pass


class SluggedModel(models.Model):
    """Content that lives in fixtures and is found by its slug."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Lower-case words joined by hyphens, used in links, e.g. hotline-12333."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first, e.g. 10, 20, 30.")
    )

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def natural_key(self):
        return (self.slug,)


class Document(SluggedModel):
    """Something a person brings or needs: a card, an ID, a password."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("e.g. 社会保障卡 / Social security card")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences, e.g. The card itself, not a copy."),
    )

    class Meta(SluggedModel.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('channels:documents')}#{self.anchor}"

    @property
    def anchor(self):
        return f"document-{self.slug}"


class Publishable(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
        help_text=_("Drafts are hidden from the public; staff can preview them."),
    )

    objects = PublishableManager()

    class Meta:
        abstract = True


class Route(Publishable, SluggedModel):
    """What a balance-inquiry channel and an activation method have in common."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("Short and plain, e.g. Call the 12333 hotline.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=240,
        help_text=_("One sentence on who it suits, e.g. Quickest if you have a phone to hand."),
    )
    how = models.TextField(
        _("how it works"),
        help_text=_(
            "What the reader does, in plain steps. A blank line starts a new paragraph, "
            "e.g. Dial 12333 and choose the social security card menu."
        ),
    )
    where = models.TextField(
        _("where or how to reach it"),
        blank=True,
        help_text=_("e.g. Any bank outlet that issues Beijing social security cards."),
    )
    documents = models.ManyToManyField(
        Document,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("what to bring"),
        help_text=_("The documents the reader needs, e.g. social security card and ID card."),
    )
    source_name = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who says so, e.g. Beijing Municipal Human Resources and Social Security Bureau."
        ),
    )
    source_url = models.URLField(
        _("source address"), blank=True, help_text=_("e.g. https://rsj.beijing.gov.cn/")
    )
    source_is_official = models.BooleanField(
        _("source is official"),
        default=False,
        help_text=_("Tick only when the source is an official body, not a web article."),
    )
    checked_on = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_("The day someone last confirmed this with the source, e.g. 2026-11-27."),
    )

    class Meta(SluggedModel.Meta):
        abstract = True

    def __str__(self):
        return self.name


class Channel(Route):
    """A way to check the personal-account balance."""

    class Mode(models.TextChoices):
        PHONE = "phone", _("By phone")
        ONLINE = "online", _("Online")
        APP = "app", _("In an app")
        IN_PERSON = "in_person", _("In person")

    mode = models.CharField(
        _("how it is used"),
        max_length=20,
        choices=Mode.choices,
        help_text=_("e.g. By phone for the 12333 hotline."),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\+?[0-9][0-9 -]*$", _("Digits only, e.g. 12333."))],
        help_text=_("A number readers can tap, digits only, e.g. 12333."),
    )
    hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Working days during office hours."),
    )

    class Meta(Route.Meta):
        verbose_name = _("balance-inquiry channel")
        verbose_name_plural = _("balance-inquiry channels")

    def get_absolute_url(self):
        return f"{reverse('channels:overview')}#{self.anchor}"

    @property
    def anchor(self):
        return f"channel-{self.slug}"

    @property
    def tel(self):
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class ActivationMethod(Route):
    """A way to activate a social security card."""

    class Meta(Route.Meta):
        verbose_name = _("activation method")
        verbose_name_plural = _("activation methods")

    def get_absolute_url(self):
        return f"{reverse('channels:overview')}#{self.anchor}"

    @property
    def anchor(self):
        return f"method-{self.slug}"


class Term(SluggedModel):
    """A Chinese word a reader may have to show at a counter or hear on a phone menu."""

    chinese = models.CharField(
        _("Chinese"), max_length=60, help_text=_("Written in Chinese characters, e.g. 激活")
    )
    pinyin = models.CharField(_("pinyin"), max_length=120, blank=True, help_text=_("e.g. jīhuó"))
    meaning = models.CharField(
        _("meaning"), max_length=200, help_text=_("What it means, e.g. to activate (a card)")
    )

    class Meta(SluggedModel.Meta):
        verbose_name = _("Chinese term")
        verbose_name_plural = _("Chinese terms")

    def __str__(self):
        return self.chinese


class FAQPage(Publishable, SluggedModel):
    question = models.CharField(
        _("question"),
        max_length=200,
        help_text=_("As a reader would ask it, e.g. How do I activate my social security card?"),
    )
    short_answer = models.TextField(
        _("short answer"),
        help_text=_("The answer in two or three sentences; it is shown first and in search."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Anything the reader should know after the short answer. A blank line starts "
            "a new paragraph."
        ),
    )
    caution = models.TextField(
        _("caution"),
        blank=True,
        help_text=_(
            "A rule the reader must not miss, and how sure we are of it, e.g. the half-year "
            "activation rule and how to confirm it."
        ),
    )
    steps_heading = models.CharField(
        _("heading for the steps"),
        max_length=120,
        help_text=_("e.g. Five ways to check your balance"),
    )
    terms = models.ManyToManyField(
        Term,
        blank=True,
        related_name="pages",
        verbose_name=_("Chinese terms"),
        help_text=_("Words shown to English readers in Chinese, e.g. 激活 and 社保卡."),
    )

    class Meta(SluggedModel.Meta):
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("channels:faq", kwargs={"slug": self.slug})


class PageRowQuerySet(models.QuerySet):
    def public(self):
        """Rows the public may see: on a published page, pointing at published content."""
        # Joins rather than subqueries: every FAQ page view asks this, and a subquery per
        # relation costs more to build than to run.
        published = PublishableQuerySet.published_condition
        rows = self.filter(published("page__"))
        if self.model is Step:
            rows = rows.filter(
                models.Q(channel=None) | published("channel__"),
                models.Q(method=None) | published("method__"),
            )
        return rows


class PageRowManager(models.Manager.from_queryset(PageRowQuerySet)):
    def get_by_natural_key(self, page_slug, order):
        return self.get(page__slug=page_slug, order=order)


class Step(models.Model):
    """One entry in a FAQ page's ordered list: a channel, an activation method, or a step
    written for that page alone."""

    page = models.ForeignKey(
        FAQPage, on_delete=models.CASCADE, related_name="steps", verbose_name=_("FAQ page")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), validators=[MinValueValidator(1)], help_text=_("1 for the first step")
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("channel"),
        help_text=_("Pick a channel, or a method, or write the step below."),
    )
    method = models.ForeignKey(
        ActivationMethod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("activation method"),
    )
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the channel's or method's name."),
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("Leave empty to use the channel's or method's summary.")
    )

    objects = PageRowManager()

    class Meta:
        ordering = ["page", "order"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.UniqueConstraint(fields=["page", "order"], name="unique_step_order"),
            models.CheckConstraint(
                condition=models.Q(channel__isnull=True) | models.Q(method__isnull=True),
                name="step_channel_or_method",
                violation_error_message=_("A step is a channel or a method, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.page} – {self.order}"

    def natural_key(self):
        return self.page.natural_key() + (self.order,)

    natural_key.dependencies = ["channels.faqpage", "channels.channel", "channels.activationmethod"]

    @property
    def route(self):
        return self.channel or self.method

    @property
    def heading_source(self):
        """Where the step's title comes from: its own, or its channel's or method's name."""
        return self if (self.title_zh_hans or self.title_en) else self.route

    @property
    def text_source(self):
        return self if (self.text_zh_hans or self.text_en) else self.route

    @property
    def anchor(self):
        return self.route.anchor if self.route else f"step-{self.order}"

    def clean(self):
        if not self.route and not self.title:
            raise ValidationError(_("Pick a channel or a method, or give the step a title."))


class Citation(models.Model):
    """A FAQ page's legal basis: an article, optionally one paragraph or item of it."""

    page = models.ForeignKey(
        FAQPage, on_delete=models.CASCADE, related_name="citations", verbose_name=_("FAQ page")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), validators=[MinValueValidator(1)], help_text=_("1 for the first citation")
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.PROTECT,
        related_name="citations",
        verbose_name=_("article"),
        help_text=_("e.g. Social Insurance Law Article 74"),
    )
    paragraph_number = models.PositiveSmallIntegerField(
        _("paragraph (款)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty to cite the whole article; e.g. 4 for its fourth paragraph."),
    )
    item_number = models.PositiveSmallIntegerField(
        _("item (项)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Only with a paragraph; e.g. 2 for item （二）."),
    )
    note = models.CharField(
        _("why it applies"),
        max_length=300,
        help_text=_("e.g. You may check your contribution and benefit records free of charge."),
    )

    objects = PageRowManager()

    class Meta:
        ordering = ["page", "order"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(fields=["page", "order"], name="unique_citation_order"),
            models.CheckConstraint(
                condition=models.Q(item_number__isnull=True)
                | models.Q(paragraph_number__isnull=False),
                name="citation_item_needs_paragraph",
                violation_error_message=_("An item can only be cited together with its paragraph."),
            ),
        ]

    def __str__(self):
        return f"{self.page} → {self.anchor}"

    def natural_key(self):
        return self.page.natural_key() + (self.order,)

    natural_key.dependencies = ["channels.faqpage", "articles.article"]

    @property
    def anchor(self):
        parts = [self.article.anchor]
        if self.paragraph_number:
            parts.append(str(self.paragraph_number))
            if self.item_number:
                parts.append(str(self.item_number))
        return "-".join(parts)

    def get_law_url(self):
        return f"{self.article.law.get_absolute_url()}#{self.anchor}"

    @property
    def label(self):
        """How a lawyer writes the citation: 《社会保险法》第七十四条第四款 / Social Insurance
        Law, Article 74, paragraph 4."""
        law = self.article.law.short_title
        if is_chinese():
            text = f"《{law}》第{to_chinese(self.article.number)}条"
            if self.paragraph_number:
                text += f"第{to_chinese(self.paragraph_number)}款"
                if self.item_number:
                    text += f"第{to_chinese(self.item_number)}项"
            return text
        text = _("%(law)s, Article %(number)s") % {"law": law, "number": self.article.number}
        if self.paragraph_number:
            text += _(", paragraph %(number)s") % {"number": self.paragraph_number}
            if self.item_number:
                text += _(", item %(number)s") % {"number": self.item_number}
        return text

    def problems(self):
        """What is wrong with the cited place, as messages keyed by field; empty if it exists.
        Used by the admin form and by the content check."""
        if self.article_id is None or not self.paragraph_number:
            return {}
        paragraph = self.article.paragraphs.filter(number=self.paragraph_number).first()
        if paragraph is None:
            count = self.article.paragraphs.count()
            return {
                "paragraph_number": _(
                    "%(article)s has %(count)s paragraph(s); there is no paragraph %(number)s."
                )
                % {"article": self.article, "count": count, "number": self.paragraph_number}
            }
        if self.item_number and not paragraph.items.filter(number=self.item_number).exists():
            return {
                "item_number": _("Paragraph %(paragraph)s of %(article)s has no item %(number)s.")
                % {
                    "paragraph": self.paragraph_number,
                    "article": self.article,
                    "number": self.item_number,
                }
            }
        return {}

    def clean(self):
        problems = self.problems()
        if problems:
            raise ValidationError(problems)
