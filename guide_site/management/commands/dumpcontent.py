"""Write the database's content back to ``fixtures/`` so a content change can be reviewed
as a diff.

Usage:
    python manage.py dumpcontent              # rewrites fixtures/law.json and fixtures/guide.json
    python manage.py dumpcontent --output DIR # writes them to DIR instead

The files use natural keys (no database ids), list records in a stable order, and keep
only the per-language columns of translated fields (``name_zh_hans``, ``name_en``), so
loading them and dumping again gives the same bytes.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from modeltranslation.translator import NotRegistered, translator

from guide_site import contentapps

# Which models go in which fixture, in loading order, comes from the apps (their configs'
# ``fixture``; see guide_site.contentapps). Only those models are written: the edit history
# (the Historical* models) stays in the database, and a content diff shows content, not who
# clicked Save.


def fields_to_dump(model):
    """Every field except the id and the language-less twin of a translated field."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    names = []
    for field in model._meta.get_fields():
        if field.auto_created or field.primary_key:
            continue
        if not (field.concrete or field.many_to_many):
            continue
        if field.name in translated:
            continue
        names.append(field.name)
    return names


def serialize_fixture(labels):
    records = []
    for label in labels:
        model = apps.get_model(label)
        records.extend(
            serializers.serialize(
                "python",
                model._default_manager.order_by(*model._meta.ordering, "pk"),
                fields=fields_to_dump(model),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
        )
    return json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n"


class Command(BaseCommand):
    help = "Write the content back to fixtures/ (natural keys, stable order, readable JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=Path(settings.FIXTURE_DIRS[0]))

    def handle(self, *args, output, **options):
        output.mkdir(parents=True, exist_ok=True)
        for name, labels in contentapps.fixtures().items():
            path = output / f"{name}.json"
            path.write_text(serialize_fixture(labels), encoding="utf-8")
            self.stdout.write(f"Wrote {path}")
