"""FAQ pages: a question, its short answer, the steps (channels, activation methods or
steps of the page's own), the law the answer rests on, and the page's public history."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Item, Paragraph, provision_label
from guide_site.models import numbered_within

from .base import Publishable, SluggedModel, published_condition
from .content import ActivationMethod, Channel, Term
from .redirects import KeepsOldSlugs
from .sources import HasSources, HasStanding


class FAQPage(KeepsOldSlugs, HasStanding, Publishable, SluggedModel):
    redirect_kind = "faq"

    question = models.CharField(
        _("question"),
        max_length=200,
        help_text=_("As a reader would ask it, e.g. How do I activate my social security card?"),
    )
    short_answer = models.TextField(
        _("short answer"),
        help_text=_(
            "The answer in two or three sentences; it is shown first and in search. Links: "
            "[text](https://…) or the address itself."
        ),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Anything the reader should know after the short answer. A blank line starts "
            "a new paragraph; lines starting with “- ” make a list; links: [text](https://…) "
            "or the address itself."
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
    checked_on = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_(
            "The day someone compared this page with its sources, e.g. 2026-12-02. Readers "
            "see it as “Last checked”; who checked is in the page's history."
        ),
    )
    counter_sheet = models.BooleanField(
        _("ends at a counter"),
        default=False,
        help_text=_(
            "Tick when the reader finishes at a counter (a bank, a service hall): the page "
            "then offers a sheet to print and show there, e.g. for activating the card."
        ),
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

    def get_counter_sheet_url(self):
        return reverse("channels:counter_sheet", kwargs={"slug": self.slug})

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

    @property
    def history_steps(self):
        """Steps showing a way marked as history: shown apart, never among today's ways
        (uses the prefetched steps)."""
        return [step for step in self.steps.all() if step.route and step.route.is_history]

    @property
    def legal_basis(self):
        """The citations the answer rests on (uses the prefetched citations)."""
        return [c for c in self.citations.all() if not c.cited_by_source_article]

    @property
    def also_cited(self):
        """Articles the source article cites that are not why the answer holds."""
        return [c for c in self.citations.all() if c.cited_by_source_article]

    def add_change_note(self, note_zh_hans="", note_en="", date=None):
        """A major edit: a new dated note that readers see as "Last updated"."""
        number = (self.change_notes.aggregate(models.Max("number"))["number__max"] or 0) + 1
        return self.change_notes.create(
            number=number,
            date=date or timezone.localdate(),
            note_zh_hans=note_zh_hans,
            note_en=note_en,
        )


class PageRowQuerySet(models.QuerySet):
    """Rows that belong to a FAQ page (steps, citations, change notes): public when their
    page is, and, for a step that shows a channel or a method, when that is published too."""

    def published(self):
        rows = self.filter(published_condition("page__"))
        for name in getattr(self.model, "route_fields", ()):
            rows = rows.filter(models.Q(**{name: None}) | published_condition(f"{name}__"))
        return rows

    def visible(self, preview=False):
        return self.all() if preview else self.published()


def page_rows(related_name, number_name, number_help):
    """The base of a FAQ page's numbered rows."""
    return numbered_within(
        FAQPage,
        "page",
        related_name=related_name,
        parent_label=_("FAQ page"),
        number_name=number_name,
        number_label=_("number") if number_name == "number" else _("order"),
        number_help=number_help,
        queryset=PageRowQuerySet,
    )


ChangeNoteBase = page_rows(
    "change_notes", "number", _("Counts the page's notes from 1, the first version, e.g. 3.")
)


class ChangeNote(ChangeNoteBase):
    """A dated line in a FAQ page's public history: what changed, in a sentence. Written
    for major edits only; a minor edit (a typo, a better word) leaves the date alone."""

    date = models.DateField(
        _("date"), help_text=_("The day the change was published, e.g. 2026-11-27.")
    )
    # blank: a note in one language is accepted everywhere (the page shows it with a note
    # that it is not yet translated); clean() asks for at least one. Were the Chinese note
    # required, as the admin makes a required field's first language, a page whose newest
    # note is English only would refuse every later save of its form.
    note = models.CharField(
        _("change note"),
        max_length=300,
        blank=True,
        help_text=_("What changed, for readers, e.g. Added the Alipay and WeChat channel."),
    )

    class Meta(ChangeNoteBase.Meta):
        ordering = ["page", "-number"]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self):
        return f"{self.page} – {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return f"{self.page.get_absolute_url()}#page-history"

    def clean(self):
        if not (self.note_zh_hans or self.note_en):
            raise ValidationError({"note_zh_hans": _("Write the note in at least one language.")})


StepBase = page_rows("steps", "order", _("1 for the first step"))


class Step(HasSources, StepBase):
    """One entry in a FAQ page's ordered list: a channel, an activation method, or a step
    written for that page alone."""

    route_fields = ("channel", "method")

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
        _("text"),
        blank=True,
        help_text=_(
            "Leave empty to use the channel's or method's summary. Links: [text](https://…) "
            "or the address itself."
        ),
    )

    class Meta(StepBase.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            *StepBase.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(channel__isnull=True) | models.Q(method__isnull=True),
                name="step_channel_or_method",
                violation_error_message=_("A step is a channel or a method, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.page} – {self.order}"

    def get_absolute_url(self):
        return f"{self.page.get_absolute_url()}#{self.anchor}"

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


CitationBase = page_rows("citations", "order", _("1 for the first citation"))


class Citation(CitationBase):
    """A FAQ page's legal basis: an article, optionally one paragraph or item of it."""

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
        help_text=_(
            "e.g. You may check your contribution and benefit records free of charge. For an "
            "article the source article cites: what the article is about."
        ),
    )
    cited_by_source_article = models.BooleanField(
        _("cited by the source article only"),
        default=False,
        help_text=_(
            "Tick for an article the source article cites that is not why the answer holds, "
            "e.g. Article 5. It is shown apart, under “Also cited by the source article”."
        ),
    )

    class Meta(CitationBase.Meta):
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            *CitationBase.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(item_number__isnull=True)
                | models.Q(paragraph_number__isnull=False),
                name="citation_item_needs_paragraph",
                violation_error_message=_("An item can only be cited together with its paragraph."),
            ),
        ]

    def __str__(self):
        return f"{self.page} → {self.anchor}"

    def get_absolute_url(self):
        return f"{self.page.get_absolute_url()}#citation-{self.order}"

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

    @staticmethod
    def provisions_of(articles):
        """{article id: {paragraph number: {item numbers}}} for the articles given (ids or a
        queryset of them), in two queries: what ``problems()`` checks against."""
        found = {}
        for article, number in Paragraph.objects.filter(article__in=articles).values_list(
            "article", "number"
        ):
            found.setdefault(article, {})[number] = set()
        for article, paragraph, number in Item.objects.filter(
            paragraph__article__in=articles
        ).values_list("paragraph__article", "paragraph__number", "number"):
            found[article][paragraph].add(number)
        return found

    def problems(self, provisions=None):
        """What is wrong with the cited place, as messages keyed by field; empty if it exists.
        Used by the admin form and by the content check (which passes ``provisions_of``
        for all citations at once)."""
        if self.article_id is None or not self.paragraph_number:
            return {}
        if provisions is None:
            provisions = self.provisions_of([self.article_id])
        paragraphs = provisions.get(self.article_id, {})
        if self.paragraph_number not in paragraphs:
            return {
                "paragraph_number": _(
                    "%(article)s has %(count)s paragraph(s); there is no paragraph %(number)s."
                )
                % {
                    "article": self.article,
                    "count": len(paragraphs),
                    "number": self.paragraph_number,
                }
            }
        if self.item_number and self.item_number not in paragraphs[self.paragraph_number]:
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
