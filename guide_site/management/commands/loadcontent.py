"""Load the site's content from ``fixtures/`` in one transaction.

Usage:
    python manage.py loadcontent                  # fixtures/law.json, then fixtures/guide.json
    python manage.py loadcontent path/to/a.json   # only the files named

It does what ``loaddata law guide`` does (natural keys, so loading twice changes nothing),
and also validates every record as the admin would. When a record is broken — a reference to
something that does not exist, a value a field refuses, a citation to a paragraph the
article lacks — it stops with a message naming the file, the record and the problem, and
the database is left exactly as it was. Each record it adds or changes gets a version in the
edit history (reason "loadcontent"), so the admin can go back to what the fixtures said.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from guide_site import contentapps
from guide_site.history import record_loaded


def describe(record):
    """A short, human way to name a fixture record: its slug, or its identifying fields."""
    fields = record.get("fields", {})
    if "slug" in fields:
        return f"slug {fields['slug']!r}"
    keys = [
        k
        for k in ("law", "article", "paragraph", "page", "chapter", "number", "order")
        if k in fields
    ]
    return ", ".join(f"{k}={json.dumps(fields[k], ensure_ascii=False)}" for k in keys) or "?"


class Command(BaseCommand):
    help = "Load fixtures/law.json and fixtures/guide.json, checking every record."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path)

    def handle(self, *args, paths, **options):
        fixture_dir = Path(settings.FIXTURE_DIRS[0])
        paths = paths or [fixture_dir / f"{name}.json" for name in contentapps.fixtures()]
        total = 0
        with transaction.atomic():
            loaded = []
            for path in paths:
                total += self._load(path, loaded)
            record_loaded(loaded, reason="loadcontent")
        self.stdout.write(f"Loaded {total} records from {len(paths)} file(s).")

    def _load(self, path, loaded):
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: cannot read it as JSON: {error}") from error
        if not isinstance(records, list):
            raise CommandError(f"{path}: a fixture is a JSON list of records.")
        for index, record in enumerate(records, start=1):
            where = f"{path.name}, record {index} ({record.get('model', '?')}, {describe(record)})"
            try:
                for wrapped in serializers.deserialize("python", [record]):
                    wrapped.object.full_clean(validate_unique=False, validate_constraints=False)
                    wrapped.save()
                    loaded.append(wrapped.object)
            except ValidationError as error:
                problems = "; ".join(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
                raise CommandError(f"{where}: {problems}") from error
            except (DeserializationError, ObjectDoesNotExist, DatabaseError, LookupError) as error:
                raise CommandError(f"{where}: {error}") from error
        return len(records)
