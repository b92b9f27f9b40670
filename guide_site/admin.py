"""The admin for shipped content changes that wait for an editor: a release's fixtures
changed a record that an editor had changed too, so ``loadcontent`` kept the editor's
version and set the release's aside (see guide_site/fixtures.py)."""

from django.apps import apps
from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import fixtures
from .models import FixtureRecord

admin.site.site_header = _("Beijing social security card guide: editing")
admin.site.site_title = _("Guide editing")
admin.site.index_title = _("Content")


class WaitingFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("Waiting for review")), ("no", _("Nothing to review"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pending__isnull=False)
        if self.value() == "no":
            return queryset.filter(pending__isnull=True)
        return queryset


@admin.register(FixtureRecord)
class FixtureRecordAdmin(admin.ModelAdmin):
    list_display = ("record", "kind", "waiting", "pending_since")
    list_filter = (WaitingFilter, "model")
    search_fields = ("key",)
    readonly_fields = ("record", "kind", "pending_since", "differences")
    fields = readonly_fields
    actions = ["take_shipped", "keep_current"]

    def has_add_permission(self, request):
        return False  # written by loadcontent only

    @admin.display(description=_("record"), ordering="key")
    def record(self, obj):
        return obj.key.strip("[]").replace('"', "")

    @admin.display(description=_("kind"), ordering="model")
    def kind(self, obj):
        try:
            return apps.get_model(obj.model)._meta.verbose_name
        except LookupError:
            return obj.model

    @admin.display(description=_("waiting for review"), boolean=True)
    def waiting(self, obj):
        return obj.pending is not None

    @admin.display(description=_("differences"))
    def differences(self, obj):
        if obj.pending is None:
            return _("Nothing waits for review: the database has the shipped version.")
        current = fixtures.pending_current(obj)
        if current is None:
            return _("An editor deleted this record; the release ships it changed.")
        names = sorted(
            n for n in set(current) | set(obj.pending) if current.get(n) != obj.pending.get(n)
        )
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            ((name, current.get(name), obj.pending.get(name)) for name in names),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th>"
            "<th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("field"),
            _("in the database (kept)"),
            _("in the release"),
            rows,
        )

    @admin.action(description=_("Take the shipped version (replaces the database's)"))
    def take_shipped(self, request, queryset):
        done = 0
        for record in queryset.filter(pending__isnull=False):
            fixtures.apply_pending(record, request.user)
            done += 1
        self.message_user(
            request, _("%(count)s record(s) now have the shipped version.") % {"count": done}
        )

    @admin.action(description=_("Keep the database's version"))
    def keep_current(self, request, queryset):
        done = 0
        for record in queryset.filter(pending__isnull=False):
            fixtures.keep_current(record)
            done += 1
        self.message_user(
            request,
            _("%(count)s record(s) keep the database's version.") % {"count": done},
            messages.SUCCESS,
        )
