"""Old slugs that keep working: when an editor renames a FAQ page, channel, method or
document, the old slug is written down and leads to the new one, for good."""

from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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

    @classmethod
    def natural_key_from_fields(cls, fields):
        return (fields["kind"], fields["old_slug"])


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

    @property
    def anchor(self):
        return f"{self.redirect_kind}-{self.slug}"
