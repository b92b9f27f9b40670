"""Give the Editors group the permissions of the search models: synonyms and best bets (and
their history), and the searches that found nothing.

It re-runs the group's rule as the last migration that did (0010), so the group keeps
exactly what those migrations describe."""

import importlib

from django.db import migrations

editors = importlib.import_module("channels.migrations.0010_editors_review_shipped_changes")


class Migration(migrations.Migration):
    dependencies = [("channels", "0017_search_synonyms_best_bets_misses")]

    operations = [migrations.RunPython(editors.create_editors, migrations.RunPython.noop)]
