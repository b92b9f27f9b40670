"""Give the Editors group the permissions of the models added since it was created: the
finder's questions and rules (and their history) and readers' feedback.

It re-runs the group's own rule (channels.migrations.0005_editors_group), so the group
always has exactly what that migration describes for every content model."""

import importlib

from django.db import migrations

editors = importlib.import_module("channels.migrations.0005_editors_group")


class Migration(migrations.Migration):
    dependencies = [("channels", "0007_finder_history")]

    operations = [migrations.RunPython(editors.create_editors, migrations.RunPython.noop)]
