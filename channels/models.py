"""The service guide: the ways to check a balance (channels), the ways to activate a card
(activation methods), the documents people bring, and the FAQ pages that put them together
and cite the law. The guide points at the law; the law never points back."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, provision_label


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

    def visible(self, preview=False):
        """What a request may see: everything for a staff preview, else ``published()``."""
        return self if preview else self.published()


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


class KeepsOldSlugs(models.Model):
    """Content with an address of its own: when an editor changes the slug, the old one is
    written down as a ``SlugRedirect`` so that links to it keep working, for good.

    ``save()`` does it rather than a signal, because fixtures load with raw saves that skip
    ``save()``: the redirects they carry are loaded as records of their own."""

    redirect_kind = None  # a SlugRedirect.Kind; set by each concrete model

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        old_slug = None
        if self.pk is not None:
            old_slug = (
                type(self)._base_manager.filter(pk=self.pk).values_list("slug", flat=True).first()
            )
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_slug and old_slug != self.slug:
                SlugRedirect.objects.record_rename(self.redirect_kind, old_slug, self.slug)
            elif old_slug is None:
                # A new item that takes a slug that once redirected: the live item wins.
                SlugRedirect.objects.filter(kind=self.redirect_kind, old_slug=self.slug).delete()


class Document(KeepsOldSlugs, SluggedModel):
    """Something a person brings or needs: a card, an ID, a password."""

    redirect_kind = "document"

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

    @property
    def is_draft(self):
        return self.status != self.Status.PUBLISHED


class RouteQuerySet(PublishableQuerySet):
    def due_for_review(self, today=None):
        """Items whose review date has passed: someone must check them with the source."""
        return self.filter(review_by__lt=today or timezone.localdate())


class RouteManager(SlugManager.from_queryset(RouteQuerySet)):
    pass


class Route(KeepsOldSlugs, Publishable, SluggedModel):
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
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "The day by which someone must check this with the source again, e.g. 2027-11-27. "
            "Past this day it is flagged in the admin and by the content check."
        ),
    )

    objects = RouteManager()

    class Meta(SluggedModel.Meta):
        abstract = True

    def __str__(self):
        return self.name

    @property
    def is_due_for_review(self):
        return self.review_by is not None and self.review_by < timezone.localdate()


class Channel(Route):
    """A way to check the personal-account balance."""

    redirect_kind = "channel"

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

    redirect_kind = "method"

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


class FAQPage(KeepsOldSlugs, Publishable, SluggedModel):
    redirect_kind = "faq"

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
        permissions = [("check_content", _("Can run the content check"))]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("channels:faq", kwargs={"slug": self.slug})

    @property
    def finder_flow(self):
        """The finder that helps choose between this page's steps, if any (uses the
        prefetched steps)."""
        steps = list(self.steps.all())
        if any(step.channel_id for step in steps):
            return "balance"
        if any(step.method_id for step in steps):
            return "activation"
        return None

    def add_change_note(self, note_zh_hans="", note_en="", date=None):
        """A major edit: a new dated note that readers see as "Last updated"."""
        number = (self.change_notes.aggregate(models.Max("number"))["number__max"] or 0) + 1
        return self.change_notes.create(
            number=number,
            date=date or timezone.localdate(),
            note_zh_hans=note_zh_hans,
            note_en=note_en,
        )


class ChangeNoteManager(models.Manager):
    def get_by_natural_key(self, page_slug, number):
        return self.get(page__slug=page_slug, number=number)


class ChangeNote(models.Model):
    """A dated line in a FAQ page's public history: what changed, in a sentence. Written
    for major edits only; a minor edit (a typo, a better word) leaves the date alone."""

    page = models.ForeignKey(
        FAQPage, on_delete=models.CASCADE, related_name="change_notes", verbose_name=_("FAQ page")
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        validators=[MinValueValidator(1)],
        help_text=_("Counts the page's notes from 1, the first version, e.g. 3."),
    )
    date = models.DateField(
        _("date"), help_text=_("The day the change was published, e.g. 2026-11-27.")
    )
    note = models.CharField(
        _("change note"),
        max_length=300,
        help_text=_("What changed, for readers, e.g. Added the Alipay and WeChat channel."),
    )

    objects = ChangeNoteManager()

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="unique_change_note_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="change_note_number_gte_1"
            ),
        ]

    def __str__(self):
        return f"{self.page} – {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return f"{self.page.get_absolute_url()}#page-history"

    def natural_key(self):
        return self.page.natural_key() + (self.number,)

    natural_key.dependencies = ["channels.faqpage"]


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
        return provision_label(self.article, self.paragraph_number, self.item_number)

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


class Flow(models.TextChoices):
    BALANCE = "balance", _("Checking a balance")
    ACTIVATION = "activation", _("Activating a card")


class FinderQuestion(SluggedModel):
    """A yes/no question of the "Which way suits me?" finder. Its slug is the name of the
    answer in the result page's query string, e.g. ?card=yes."""

    flow = models.CharField(
        _("finder"),
        max_length=20,
        choices=Flow.choices,
        help_text=_("Which finder asks it, e.g. Checking a balance."),
    )
    text = models.CharField(
        _("question"),
        max_length=200,
        help_text=_("A yes/no question, e.g. Do you have your social security card with you?"),
    )
    hint = models.CharField(
        _("hint"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the question, e.g. The card itself, not a photo of it."),
    )

    class Meta(SluggedModel.Meta):
        ordering = ["flow", "order", "slug"]
        verbose_name = _("finder question")
        verbose_name_plural = _("finder questions")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("channels:finder", kwargs={"flow": self.flow})


class FinderRuleManager(models.Manager):
    def get_by_natural_key(self, question_slug, order):
        return self.get(question__slug=question_slug, order=order)


class FinderRule(models.Model):
    """What one answer means for one way: it rules the way out, or makes it a better fit."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    class Effect(models.TextChoices):
        EXCLUDE = "exclude", _("rules it out")
        PREFER = "prefer", _("makes it a better fit")

    question = models.ForeignKey(
        FinderQuestion, on_delete=models.CASCADE, related_name="rules", verbose_name=_("question")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), validators=[MinValueValidator(1)], help_text=_("1 for the first rule")
    )
    answer = models.CharField(
        _("when the answer is"), max_length=3, choices=Answer.choices, help_text=_("e.g. No")
    )
    effect = models.CharField(
        _("effect"),
        max_length=10,
        choices=Effect.choices,
        help_text=_("e.g. rules it out, for the website when the reader has no password"),
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="finder_rules",
        verbose_name=_("channel"),
        help_text=_("For the balance finder: the channel this rule is about."),
    )
    method = models.ForeignKey(
        ActivationMethod,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="finder_rules",
        verbose_name=_("activation method"),
        help_text=_("For the activation finder: the method this rule is about."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How much better a fit, for 'makes it a better fit': 1 a little, 3 a lot."),
    )
    reason = models.CharField(
        _("reason shown to the reader"),
        max_length=240,
        help_text=_("e.g. You can check in a minute on your phone."),
    )

    objects = FinderRuleManager()

    class Meta:
        ordering = ["question", "order"]
        verbose_name = _("finder rule")
        verbose_name_plural = _("finder rules")
        constraints = [
            models.UniqueConstraint(fields=["question", "order"], name="unique_finder_rule_order"),
            models.CheckConstraint(
                condition=(
                    models.Q(channel__isnull=False, method__isnull=True)
                    | models.Q(channel__isnull=True, method__isnull=False)
                ),
                name="finder_rule_channel_xor_method",
                violation_error_message=_("A rule is about one channel or one method."),
            ),
        ]

    def __str__(self):
        return f"{self.question.slug}={self.answer}: {self.get_effect_display()} {self.route}"

    def natural_key(self):
        return self.question.natural_key() + (self.order,)

    natural_key.dependencies = [
        "channels.finderquestion",
        "channels.channel",
        "channels.activationmethod",
    ]

    @property
    def route(self):
        return self.channel or self.method

    def clean(self):
        flow = self.question.flow if self.question_id else None
        if flow == Flow.BALANCE and self.method_id:
            raise ValidationError({"method": _("The balance finder's rules are about channels.")})
        if flow == Flow.ACTIVATION and self.channel_id:
            raise ValidationError(
                {"channel": _("The activation finder's rules are about methods.")}
            )


class Feedback(models.Model):
    """What a reader told us about a page: useful or not, or a problem report."""

    class Kind(models.TextChoices):
        USEFUL = "useful", _("Is this page useful?")
        PROBLEM = "problem", _("Problem report")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    path = models.CharField(
        _("page"), max_length=300, help_text=_("e.g. /en/questions/check-balance/")
    )
    language = models.CharField(_("language"), max_length=10)
    useful = models.BooleanField(_("useful"), null=True, blank=True)
    doing = models.TextField(_("what they were doing"), blank=True)
    wrong = models.TextField(_("what went wrong"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [models.Index(fields=["path", "language"])]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.path}"

    def get_absolute_url(self):
        return self.path


class SlugRedirectQuerySet(models.QuerySet):
    def target(self, kind, slug):
        """The slug that an old slug now leads to, or None."""
        return self.filter(kind=kind, old_slug=slug).values_list("new_slug", flat=True).first()

    def record_rename(self, kind, old_slug, new_slug):
        """Write down a rename so that the old slug keeps leading somewhere.

        Chains are collapsed as they are written (a→b then b→c leaves a→c and b→c), so a
        redirect is always one hop to a live slug; a slug that comes back into use stops
        being a redirect, so a rename back and forth never makes a loop."""
        rows = self.filter(kind=kind)
        rows.filter(old_slug=new_slug).delete()
        rows.filter(new_slug=old_slug).update(new_slug=new_slug)
        rows.update_or_create(kind=kind, old_slug=old_slug, defaults={"new_slug": new_slug})

    def old_slugs(self):
        """{(kind, current slug): [old slugs…]}, for pages that keep old #anchors alive."""
        found = {}
        for kind, old, new in self.values_list("kind", "old_slug", "new_slug"):
            found.setdefault((kind, new), []).append(old)
        return found

    def get_by_natural_key(self, kind, old_slug):
        return self.get(kind=kind, old_slug=old_slug)


class SlugRedirect(models.Model):
    """An old slug and the slug it became. Written when an editor renames a FAQ page,
    channel, method or document; read when an address is not found."""

    class Kind(models.TextChoices):
        FAQ = "faq", _("FAQ page")
        CHANNEL = "channel", _("balance-inquiry channel")
        METHOD = "method", _("activation method")
        DOCUMENT = "document", _("document")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, help_text=_("e.g. FAQ page")
    )
    old_slug = models.SlugField(
        _("old slug"), max_length=80, help_text=_("The slug links still use, e.g. balance.")
    )
    new_slug = models.SlugField(
        _("new slug"), max_length=80, help_text=_("The slug it became, e.g. check-balance.")
    )

    objects = SlugRedirectQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "old_slug"]
        verbose_name = _("slug redirect")
        verbose_name_plural = _("slug redirects")
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_slug"], name="unique_old_slug"),
            models.CheckConstraint(
                condition=~models.Q(old_slug=models.F("new_slug")),
                name="slug_redirect_not_to_itself",
                violation_error_message=_("A slug cannot redirect to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.old_slug} → {self.new_slug}"

    def get_absolute_url(self):
        if self.kind == self.Kind.FAQ:
            return reverse("channels:faq", kwargs={"slug": self.new_slug})
        if self.kind == self.Kind.DOCUMENT:
            return f"{reverse('channels:documents')}#document-{self.new_slug}"
        return f"{reverse('channels:overview')}#{self.kind}-{self.new_slug}"

    def natural_key(self):
        return (self.kind, self.old_slug)
