"""Model shapes the content apps share, and the record of what fixtures/ last said
(``FixtureRecord``, see guide_site/fixtures.py).

``numbered_within`` is the one definition of a row numbered 1, 2, 3… inside a parent: a
law's chapters and articles, an article's paragraphs (款), a paragraph's items (项), a FAQ
page's steps, citations and change notes, a finder question's rules. Each gets the foreign
key to its parent, the number field (≥ 1, checked by a validator and by the database), one
number per parent (a unique constraint), the parent-then-number ordering, and a natural key
of the parent's natural key plus the number, so fixtures need no database ids.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberedRowManager(models.Manager):
    def get_by_natural_key(self, *key):
        *parent_key, number = key
        parent_name, number_name = self.model.numbered_by
        parent_model = self.model._meta.get_field(parent_name).related_model
        parent = parent_model._default_manager.get_by_natural_key(*parent_key)
        return self.get(**{parent_name: parent, number_name: number})


def numbered_within(
    parent,
    parent_name,
    *,
    related_name,
    parent_label,
    number_name="number",
    number_label,
    number_help,
    queryset=models.QuerySet,
):
    """An abstract base for rows numbered from 1 within ``parent`` (a model or "app.Model").

        class Paragraph(numbered_within(Article, "article", related_name="paragraphs", …)):
            text = models.TextField(…)

    A subclass that needs more constraints extends ``Meta.constraints``:
    ``class Meta(Base.Meta): constraints = [*Base.Meta.constraints, …]``. ``queryset`` gives
    the default manager more methods (the guide's ``published()``)."""

    def natural_key(self):
        return getattr(self, parent_name).natural_key() + (getattr(self, number_name),)

    def natural_key_from_fields(cls, fields):
        """The natural key of a fixture record, read from its fields without the database
        (the parent is written by its natural key)."""
        return (*fields[parent_name], fields[number_name])

    label = parent if isinstance(parent, str) else parent._meta.label
    natural_key.dependencies = [label.lower()]

    meta = type(
        "Meta",
        (),
        {
            "abstract": True,
            "ordering": [parent_name, number_name],
            "constraints": [
                models.UniqueConstraint(
                    fields=[parent_name, number_name],
                    name=f"%(app_label)s_%(class)s_unique_{number_name}",
                ),
                models.CheckConstraint(
                    condition=models.Q(**{f"{number_name}__gte": 1}),
                    name=f"%(app_label)s_%(class)s_{number_name}_gte_1",
                ),
            ],
        },
    )
    attrs = {
        "__module__": __name__,
        "__qualname__": f"NumberedWithin{parent_name.title()}",
        parent_name: models.ForeignKey(
            parent, on_delete=models.CASCADE, related_name=related_name, verbose_name=parent_label
        ),
        number_name: models.PositiveSmallIntegerField(
            number_label, validators=[MinValueValidator(1)], help_text=number_help
        ),
        "numbered_by": (parent_name, number_name),
        "objects": NumberedRowManager.from_queryset(queryset)(),
        "natural_key": natural_key,
        "natural_key_from_fields": classmethod(natural_key_from_fields),
        "Meta": meta,
    }
    return type(f"NumberedWithin{parent_name.title()}", (models.Model,), attrs)


class FixtureRecord(models.Model):
    """What ``fixtures/`` said about one record when it was last loaded (the *base* of a
    three-way comparison), and a newer shipped version waiting for an editor's review when
    the release and an editor both changed the record. See ``guide_site/fixtures.py``."""

    model = models.CharField(_("content type"), max_length=100)
    key = models.CharField(_("natural key"), max_length=300)
    base = models.JSONField(_("last loaded version"), null=True, blank=True)
    pending = models.JSONField(_("shipped version to review"), null=True, blank=True)
    pending_since = models.DateTimeField(_("waiting since"), null=True, blank=True)

    class Meta:
        ordering = ["model", "key"]
        verbose_name = _("shipped content change")
        verbose_name_plural = _("shipped content changes")
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="unique_fixture_record"),
        ]

    def __str__(self):
        return f"{self.model} {self.key}"
