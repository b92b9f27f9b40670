"""Editors review the shipped content changes that wait for them (guide_site.FixtureRecord:
a release changed a record an editor had changed too). They may view them and decide
(change); records of that kind are written by loadcontent only, so no add or delete.

It re-runs the group's own rule (channels.migrations.0005_editors_group) and adds these;
a later migration that re-runs the rule should re-run this one's ``create_editors``."""

import importlib

from django.db import migrations

editors = importlib.import_module("channels.migrations.0005_editors_group")

REVIEW = [("guide_site", "view_fixturerecord"), ("guide_site", "change_fixturerecord")]


def create_editors(apps, schema_editor):
    editors.create_editors(apps, schema_editor)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name=editors.GROUP)
    for app_label, codename in REVIEW:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("channels", "0009_numbered_rows_share_one_base"),
        ("guide_site", "0001_fixture_records"),
    ]

    operations = [migrations.RunPython(create_editors, migrations.RunPython.noop)]
