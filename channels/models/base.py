"""What the guide's content models share: a slug that names them in links and fixtures,
and the one rule that says what the public may see."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentQuerySet(models.QuerySet):
    """``published()`` is the one question every public list, the sitemap, search and the
    content check ask. Content without a status of its own (documents, terms) is always
    public; models with one override it, through ``Publishable.published_condition``."""

    def published(self):
        return self.all()

    def visible(self, preview=False):
        """What a request may see: everything for a staff preview, else ``published()``."""
        return self.all() if preview else self.published()


class SlugQuerySet(ContentQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


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

    objects = SlugQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def natural_key_from_fields(cls, fields):
        return (fields["slug"],)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def published_condition(relation=""):
    """The rule itself, for a model with a status or through a relation (``"page__"``): the
    one place that says what "published" means."""
    return models.Q(**{f"{relation}status": Status.PUBLISHED})


class PublishableQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(published_condition())


class Publishable(models.Model):
    Status = Status

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
        help_text=_("Drafts are hidden from the public; staff can preview them."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_draft(self):
        return self.status != Status.PUBLISHED
