"""Edit history for content models, shared by the apps.

django-simple-history records every save: who, when, and each field's value, so the admin
can show what changed field by field and restore any version. Each app calls
``record_history`` from its ``translation.py``, after modeltranslation has added the
per-language columns (``name_zh_hans``, ``name_en``…): a ``history = HistoricalRecords()``
on the model would be built before those columns exist and would miss them. The
language-less column (``name``) only echoes one of the languages, so it is left out.
"""

import simple_history
from modeltranslation.translator import translator


def record_history(model, **options):
    translated = model in translator.get_registered_models()
    fields = translator.get_options_for_model(model).fields if translated else ()
    simple_history.register(model, excluded_fields=list(fields), **options)


def record_loaded(objects, reason, user=None):
    """Give each object just written from a fixture (added or changed by ``loadcontent``) a
    version in its edit history, with the reason and, when someone asked for it, the user.

    Fixtures load with raw saves, which django-simple-history does not record; without
    this, the first admin edit of a loaded page would have no earlier version to go back
    to. The version is written by saving the object once more, the way an admin save writes
    one, so that it holds the many-to-many links too (``bulk_history_create`` leaves them
    out, and the next edit would then seem to have changed them)."""
    for obj in objects:
        if not hasattr(obj._meta, "simple_history_manager_attribute"):
            continue
        obj._change_reason = reason
        obj._history_user = user
        try:
            obj.save()
        finally:
            del obj._change_reason, obj._history_user
