"""Data migrations the content apps share (imported by their migrations, so keep what is
here working for as long as those migrations exist)."""

from django.db import models


def empty_strings(app_label):
    """A RunPython function: every NULL in an app's language columns (``name_zh_hans``,
    ``how_en``…) becomes "", as the fixtures write it and as the admin saves it
    (guide_site.admin_layout.KeepsLineEndings). Earlier saves and fixtures left some NULL,
    which made a save that changed nothing look like a change."""

    def forwards(apps, schema_editor):
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.object_name.startswith("Historical"):
                continue  # the history keeps what was saved then
            for field in model._meta.fields:
                if (
                    isinstance(field, (models.CharField, models.TextField))
                    and field.null
                    and field.name.endswith(("_zh_hans", "_en"))
                ):
                    rows = model._default_manager.filter(**{field.name: None})
                    rows.update(**{field.name: ""})

    return forwards
