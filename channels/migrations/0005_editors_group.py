"""The "Editors" group: exactly what content work needs, nothing about accounts.

Editors may add, change, delete and view every content model of the law (articles) and the
guide (channels), see the edit history of each and revert to an old version (the history
models' view and change permissions; see SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS),
and run the content check. They get nothing on users, groups, permissions, sessions, content
types or the admin log.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
CONTENT_APPS = ("articles", "channels")


def editor_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    wanted = []
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            name = model._meta.model_name
            if name.startswith("historical"):
                actions = ("view", "change")
            else:
                actions = ("add", "change", "delete", "view")
            wanted += [(app_label, f"{action}_{name}") for action in actions]
    wanted.append(("channels", "check_content"))
    found = []
    for app_label, codename in wanted:
        found.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return found


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make them now so
    # that the group can be given them in this migration.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(editor_permissions(apps))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_edit_history"),
        ("channels", "0004_edit_history"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
