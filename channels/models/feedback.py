"""What readers tell us about a page: "Is this page useful?" (and, after "No", why) and
problem reports. Whatever a reader typed is scrubbed of personal data before it is stored
(``channels.scrub``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..scrub import scrub


class Feedback(models.Model):
    """What a reader told us about a page: useful or not, or a problem report."""

    class Kind(models.TextChoices):
        USEFUL = "useful", _("Is this page useful?")
        PROBLEM = "problem", _("Problem report")

    class Reason(models.TextChoices):
        CANT_FIND = "cant_find", _("I can’t find the information I need")
        HARD = "hard", _("It is hard to understand")
        WRONG = "wrong", _("The information is wrong or out of date")
        OTHER = "other", _("Something else")

    # The fields a reader types into: scrubbed on every save.
    FREE_TEXT = ("doing", "wrong", "comment")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    path = models.CharField(
        _("page"), max_length=300, help_text=_("e.g. /en/questions/check-balance/")
    )
    language = models.CharField(_("language"), max_length=10)
    useful = models.BooleanField(_("useful"), null=True, blank=True)
    reason = models.CharField(
        _("why not useful"), max_length=20, choices=Reason.choices, blank=True
    )
    comment = models.TextField(_("more about why"), blank=True)
    doing = models.TextField(_("what they were doing"), blank=True)
    wrong = models.TextField(_("what went wrong"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [models.Index(fields=["path", "language"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason="") | models.Q(useful=False),
                name="feedback_reason_only_when_not_useful",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.path}"

    def save(self, *args, **kwargs):
        # Here rather than in the forms, so no way of saving feedback can skip it.
        for name in self.FREE_TEXT:
            setattr(self, name, scrub(getattr(self, name)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.path
