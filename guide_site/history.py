"""Edit history for content models, shared by the apps.

django-simple-history records every save: who, when, and each field's value, so the admin
can show what changed field by field and restore any version. Each app calls
``record_history`` from its ``translation.py``, after modeltranslation has added the
per-language columns (``name_zh_hans``, ``name_en``…): a ``history = HistoricalRecords()``
on the model would be built before those columns exist and would miss them. The
language-less column (``name``) only echoes one of the languages, so it is left out.
"""

from collections import defaultdict

import simple_history
from modeltranslation.translator import translator


def record_history(model, **options):
    translated = model in translator.get_registered_models()
    fields = translator.get_options_for_model(model).fields if translated else ()
    simple_history.register(model, excluded_fields=list(fields), **options)


def record_loaded(objects, reason):
    """Give each object just written by a fixture load a version in its edit history.

    Fixtures load with raw saves, which django-simple-history does not record; without
    this, the first admin edit of a loaded page would have no earlier version to go back
    to. A version is only added when the object has none yet or its latest one differs,
    so loading the same fixtures again adds nothing."""
    by_model = defaultdict(list)
    for obj in objects:
        if hasattr(obj._meta, "simple_history_manager_attribute"):
            by_model[type(obj)].append(obj)
    for model, objs in by_model.items():
        manager = getattr(model, model._meta.simple_history_manager_attribute)
        names = [field.attname for field in manager.model.tracked_fields]
        pk_name = model._meta.pk.attname
        latest = {}
        records = manager.filter(**{f"{pk_name}__in": [obj.pk for obj in objs]}).order_by(
            pk_name, "-history_date", "-history_id"
        )
        for record in records.values(*names):
            latest.setdefault(record[pk_name], record)
        new, changed = [], []
        for obj in objs:
            current = {name: getattr(obj, name) for name in names}
            if obj.pk not in latest:
                new.append(obj)
            elif latest[obj.pk] != current:
                changed.append(obj)
        for batch, update in ((new, False), (changed, True)):
            if batch:
                manager.bulk_history_create(batch, update=update, default_change_reason=reason)
