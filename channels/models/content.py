"""The guide's building blocks: the documents people bring, the ways to check a balance
(channels) and to activate a card (activation methods), and the Chinese terms shown to
English readers."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import Publishable, PublishableQuerySet, SluggedModel
from .redirects import KeepsOldSlugs
from .sources import HasStanding


class Document(KeepsOldSlugs, SluggedModel):
    """Something a person brings or needs: a card, an ID, a password."""

    redirect_kind = "document"

    name = models.CharField(
        _("name"), max_length=120, help_text=_("e.g. 社会保障卡 / Social security card")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "One or two sentences, e.g. The card itself, not a copy. Links: "
            "[text](https://…) or the address itself."
        ),
    )

    class Meta(SluggedModel.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('channels:documents')}#{self.anchor}"


class RouteQuerySet(PublishableQuerySet):
    def due_for_review(self, today=None):
        """Items whose review date has passed: someone must check them with the source."""
        return self.filter(review_by__lt=today or timezone.localdate())


class Route(KeepsOldSlugs, HasStanding, Publishable, SluggedModel):
    """What a balance-inquiry channel and an activation method have in common: besides what
    the reader does, how it stands today and what it rests on (``HasStanding``)."""

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
            "What the reader does, in plain steps, e.g. Dial 12333 and choose the social "
            "security card menu. A blank line starts a new paragraph; lines starting with "
            "“- ” make a list; links: [text](https://…) or the address itself."
        ),
    )
    where = models.TextField(
        _("where or how to reach it"),
        blank=True,
        help_text=_(
            "e.g. Any bank outlet that issues Beijing social security cards. Links: "
            "[text](https://…) or the address itself."
        ),
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
    needs_card = models.BooleanField(
        _("needs the card"),
        default=False,
        help_text=_(
            "Tick when the reader must have the physical card (or read its number from it), "
            "e.g. at a bank counter. The finder never offers it to someone without the card."
        ),
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

    objects = RouteQuerySet.as_manager()

    class Meta(SluggedModel.Meta):
        abstract = True

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('channels:overview')}#{self.anchor}"

    @property
    def is_due_for_review(self):
        return self.review_by is not None and self.review_by < timezone.localdate()


class Shows(models.TextChoices):
    """What a balance-inquiry channel shows the reader. "The balance" usually means the
    medical insurance personal account (money that can be spent on care); pension and other
    contributions are records, and the card's bank side is a bank account."""

    MEDICAL_ACCOUNT = "medical_account", _("Medical insurance personal account")
    CONTRIBUTIONS = "contributions", _("Contribution records")
    BANK_ACCOUNT = "bank_account", _("Bank account")


def validate_shows(value):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_('A list of what it shows, e.g. ["medical_account"].'))
    unknown = sorted(set(value) - set(Shows.values))
    if unknown:
        raise ValidationError(
            _("Not something a channel can show: %(values)s. Choose from %(choices)s.")
            % {"values": ", ".join(unknown), "choices": ", ".join(Shows.values)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each one only once."))


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

    Shows = Shows
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
    shows = models.JSONField(
        _("what it shows"),
        default=list,
        blank=True,
        validators=[validate_shows],
        help_text=_(
            "Which accounts or records the reader sees this way; leave empty when not known."
        ),
    )
    shows_note = models.CharField(
        _("note on what it shows"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Reports name its services in general, not the balance in particular."),
    )

    class Meta(Route.Meta):
        verbose_name = _("balance-inquiry channel")
        verbose_name_plural = _("balance-inquiry channels")

    @property
    def shows_labels(self):
        """What it shows, as labels in the active language, in the choices' order; empty
        when not known."""
        return [label for value, label in Shows.choices if value in (self.shows or [])]

    @property
    def tel(self):
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class ActivationMethod(Route):
    """A way to activate a social security card."""

    redirect_kind = "method"

    class Meta(Route.Meta):
        verbose_name = _("activation method")
        verbose_name_plural = _("activation methods")


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
