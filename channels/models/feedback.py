"""What readers tell us about a page: "Is this page useful?" and problem reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
