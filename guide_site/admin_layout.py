"""Admin pieces shared by the apps: each translated field's two languages on one line, and
the base class that adds the edit history."""

from django.conf import settings
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin


def side_by_side(*names):
    """``("name", "how")`` → ``(("name_zh_hans", "name_en"), ("how_zh_hans", "how_en"))``:
    Django's admin puts the fields of an inner tuple on one line, so editors see the Chinese
    and the English of each field next to each other."""
    codes = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
    return tuple(tuple(f"{name}_{code}" for code in codes) for name in names)


class ContentAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """The admin for translated content: both languages on one form (modeltranslation) and
    the edit history with a field-by-field list of changes and a revert button
    (django-simple-history). SimpleHistoryAdmin comes first so its history views win."""
