"""The Editors group again as 0005 and 0010 describe it. 0015 and 0016 re-ran 0005's rule
alone, which gives the group the new models but takes away the review of shipped content
changes that 0010 added (guide_site.FixtureRecord): an editor got a 403 there. A later
migration that re-runs the group's rule should re-run 0010's ``create_editors``."""

import importlib

from django.db import migrations

editors = importlib.import_module("channels.migrations.0010_editors_review_shipped_changes")


class Migration(migrations.Migration):
    dependencies = [("channels", "0016_journeys")]

    operations = [migrations.RunPython(editors.create_editors, migrations.RunPython.noop)]
