"""Admin pieces shared by the apps: each translated field's two languages on one line, text
that keeps its line endings as the editor's browser did not, and the base classes that add
the edit history."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import ForeignKey
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin


def side_by_side(*names):
    """``("name", "how")`` → ``(("name_zh_hans", "name_en"), ("how_zh_hans", "how_en"))``:
    Django's admin puts the fields of an inner tuple on one line, so editors see the Chinese
    and the English of each field next to each other."""
    codes = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
    return tuple(tuple(f"{name}_{code}" for code in codes) for name in names)


class PlainText(forms.CharField):
    """A textarea's text with the line endings the content has (``\n``). Browsers send
    every line of a textarea ending in ``\r\n``: without this, a save that changes
    nothing would rewrite every multi-line text, show as a change in the history and as
    noise in a ``dumpcontent`` diff."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class KeepsLineEndings:
    """For model admins and inlines: text fields use ``PlainText``, and an empty text is
    stored as "" as the fixtures have it. (modeltranslation makes every language column
    nullable, so Django's form would store None: a save that changed nothing else would
    turn each empty field from "" into None, in the history and in a ``dumpcontent`` diff.)"""

    formfield_overrides = {
        models.TextField: {"form_class": PlainText, "empty_value": ""},
        models.CharField: {"empty_value": ""},
    }


class HistoryAdmin(KeepsLineEndings, SimpleHistoryAdmin):
    """The edit history of every record: who changed what, field by field, with a button
    to restore any version (django-simple-history)."""

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history 3.13 calls select_related() with no field names for a model without
        # foreign keys, which Django 6.1 deprecates: only ask for related rows that exist.
        records = history_manager.filter(**{pk_name: object_id}).select_related("history_user")
        if any(isinstance(f, ForeignKey) for f in history_manager.model.tracked_fields):
            records = records._select_related_history_tracked_objs()
        return records

    def history_view(self, request, object_id, extra_context=None):
        # The history names each editor with a link to their account; editors may not
        # open accounts, so for them the name stays plain text (the link's URL name does
        # not exist, and {% url … as %} then gives nothing).
        if not request.user.has_perm("auth.change_user"):
            extra_context = {**(extra_context or {}), "admin_user_view": "admin:no-link"}
        return super().history_view(request, object_id, extra_context)


class ContentAdmin(HistoryAdmin, TranslationAdmin):
    """The admin for translated content: both languages on one form (modeltranslation) and
    the edit history with a field-by-field list of changes and a revert button. The history
    admin comes first so that its history views win."""

    def save_model(self, request, obj, form, change):
        if change and not changed_fields(form):
            return  # nothing changed: no save, so no empty version in the history
        super().save_model(request, obj, form, change)


def changed_fields(form):
    """The model fields a submitted form changed (not the form's own extra fields)."""
    names = {field.name for field in form.instance._meta.get_fields()}
    return [name for name in form.changed_data if name in names]
