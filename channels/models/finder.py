"""The "Which way suits me?" finder: yes/no questions, and what each answer means for each
way (rule it out, or make it a better fit). The rules are content editors keep."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guide_site.models import numbered_within

from .base import SluggedModel
from .content import ActivationMethod, Channel


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
    asks_for_card = models.BooleanField(
        _("asks whether the reader has the card"),
        default=False,
        help_text=_(
            "Tick when “No” means the reader does not have the card with them, e.g. "
            "Do you have your social security card with you? Ways that need the card are "
            "then never offered."
        ),
    )

    class Meta(SluggedModel.Meta):
        ordering = ["flow", "order", "slug"]
        verbose_name = _("finder question")
        verbose_name_plural = _("finder questions")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("channels:finder", kwargs={"flow": self.flow})


FinderRuleBase = numbered_within(
    FinderQuestion,
    "question",
    related_name="rules",
    parent_label=_("question"),
    number_name="order",
    number_label=_("order"),
    number_help=_("1 for the first rule"),
)


class FinderRule(FinderRuleBase):
    """What one answer means for one way: it rules the way out, or makes it a better fit."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    class Effect(models.TextChoices):
        EXCLUDE = "exclude", _("rules it out")
        PREFER = "prefer", _("makes it a better fit")

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

    class Meta(FinderRuleBase.Meta):
        verbose_name = _("finder rule")
        verbose_name_plural = _("finder rules")
        constraints = [
            *FinderRuleBase.Meta.constraints,
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

    def get_absolute_url(self):
        return self.question.get_absolute_url()

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
