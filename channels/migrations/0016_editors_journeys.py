"""Give the Editors group the permissions of the step-by-step journeys and their steps (and
their history), by re-running the group's own rule (channels.migrations.0005_editors_group)."""

import importlib

from django.db import migrations

editors = importlib.import_module("channels.migrations.0005_editors_group")


class Migration(migrations.Migration):
    dependencies = [("channels", "0015_journeys")]

    operations = [migrations.RunPython(editors.create_editors, migrations.RunPython.noop)]
