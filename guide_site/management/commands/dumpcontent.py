"""Write the database's content back to ``fixtures/`` so a content change can be reviewed
as a diff.

Usage:
    python manage.py dumpcontent              # rewrites fixtures/law.json and fixtures/guide.json
    python manage.py dumpcontent --output DIR # writes them to DIR instead

The files use natural keys (no database ids), list records in a stable order, and keep
only the per-language columns of translated fields (``name_zh_hans``, ``name_en``), so
loading them and dumping again gives the same bytes. Which models go in which file comes
from the apps (their configs' ``fixture``; see guide_site/contentapps.py). The edit history
stays in the database: a content diff shows content, not who clicked Save.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from guide_site import contentapps
from guide_site.fixtures import serialize_fixture


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
