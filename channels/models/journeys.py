"""Step by step: a journey through several FAQ pages, from getting the card to checking the
balance, in numbered steps (GOV.UK's step-by-step pattern). Each step says what to do and
links to the FAQ page, or the #anchor on it, that explains how. Steps that can be done in
either order, or instead of one another, are grouped and say so; the last steps may form an
"If something goes wrong" section."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guide_site.models import numbered_within

from .base import Publishable, SluggedModel, published_condition
from .pages import FAQPage


class Journey(Publishable, SluggedModel):
    title = models.CharField(
        _("title"),
        max_length=160,
        help_text=_("e.g. Step by step: from getting the card to checking the balance"),
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "One or two sentences on who it is for, e.g. Everything you do with a new card, "
            "in order. Links: [text](https://…) or the address itself."
        ),
    )

    class Meta(SluggedModel.Meta):
        verbose_name = _("step-by-step journey")
        verbose_name_plural = _("step-by-step journeys")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("channels:journey", kwargs={"slug": self.slug})

    def sections(self):
        """``(groups, if_wrong)`` from the (prefetched) steps: ``groups`` is the numbered
        list, each group ``{"number", "joined", "steps"}`` where ``joined`` is "" for a
        step on its own, "either" or "or"; ``if_wrong`` the steps of "If something goes
        wrong". Each step gets its ``number`` too (the number of its group)."""
        groups, if_wrong = [], []
        for step in self.steps.all():
            if step.if_wrong:
                step.number = None
                if_wrong.append(step)
                continue
            if step.joins_previous and groups:
                group = groups[-1]
                group["joined"] = group["joined"] or step.joins_previous
            else:
                group = {"number": len(groups) + 1, "joined": "", "steps": []}
                groups.append(group)
            step.number = group["number"]
            group["steps"].append(step)
        return groups, if_wrong


class JourneyStepQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_condition("journey__"))

    def visible(self, preview=False):
        return self.all() if preview else self.published()


JourneyStepBase = numbered_within(
    Journey,
    "journey",
    related_name="steps",
    parent_label=_("step-by-step journey"),
    number_name="order",
    number_label=_("order"),
    number_help=_("1 for the first step; the steps of “If something goes wrong” come last."),
    queryset=JourneyStepQuerySet,
)


class JourneyStep(JourneyStepBase):
    class Joins(models.TextChoices):
        NO = "", _("No: a step of its own")
        EITHER = "either", _("Yes: the two can be done in either order")
        OR = "or", _("Yes: do one or the other")

    title = models.CharField(
        _("title"), max_length=160, help_text=_("What the reader does, e.g. Check the balance")
    )
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "A sentence or two, e.g. Call 12333 or use one of the other ways. Links: "
            "[text](https://…) or the address itself."
        ),
    )
    page = models.ForeignKey(
        FAQPage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journey_steps",
        verbose_name=_("FAQ page"),
        help_text=_("The page that explains this step, e.g. How do I check the balance…?"),
    )
    anchor = models.CharField(
        _("place on the page"),
        max_length=80,
        blank=True,
        validators=[
            RegexValidator(r"^[a-z0-9-]+$", _("An anchor without the #, e.g. method-bank-outlet."))
        ],
        help_text=_(
            "Optional: the #anchor of the part of the page, without the #, e.g. "
            "method-bank-outlet. The content check makes sure it is on the page."
        ),
    )
    joins_previous = models.CharField(
        _("grouped with the step before"),
        max_length=10,
        choices=Joins.choices,
        blank=True,
        default="",
        help_text=_(
            "Steps grouped together share a number, and the page says they can be done in "
            "either order, or that one is done instead of the other."
        ),
    )
    if_wrong = models.BooleanField(
        _("if something goes wrong"),
        default=False,
        help_text=_("Tick for steps in the “If something goes wrong” section, e.g. Lost card."),
    )

    class Meta(JourneyStepBase.Meta):
        verbose_name = _("journey step")
        verbose_name_plural = _("journey steps")
        constraints = [
            *JourneyStepBase.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(anchor="") | models.Q(page__isnull=False),
                name="journeystep_anchor_needs_page",
                violation_error_message=_("An anchor needs the page it is on."),
            ),
        ]

    def __str__(self):
        return f"{self.journey} – {self.order}"

    def get_absolute_url(self):
        return f"{self.journey.get_absolute_url()}#{self.dom_id}"

    current = False  # marked by the view on the pages the step leads to

    @property
    def dom_id(self):
        return f"step-{self.order}"

    def link(self):
        """Where the step's link leads: the page, at the anchor when there is one."""
        if self.page is None:
            return ""
        url = self.page.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url
