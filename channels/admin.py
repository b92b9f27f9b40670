import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from guide_site.admin_layout import side_by_side

from .models import (
    ActivationMethod,
    Channel,
    Citation,
    Document,
    FAQPage,
    Feedback,
    FinderQuestion,
    FinderRule,
    Step,
    Term,
)

SOURCE_FIELDSET = (
    _("Source and review"),
    {
        "classes": ("collapse",),
        "fields": (
            *side_by_side("source_name"),
            "source_url",
            "source_is_official",
            "checked_on",
        ),
    },
)


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name", "description", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    fields = (*side_by_side("name", "description"), "slug", "order")


class RouteAdmin(TranslationAdmin):
    list_display = ("name", "status", "slug", "order", "checked_on", "source_is_official")
    list_editable = ("order",)
    list_filter = ("status", "source_is_official")
    search_fields = ("name", "summary", "how", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("documents",)


@admin.register(Channel)
class ChannelAdmin(RouteAdmin):
    list_display = (
        "name",
        "status",
        "mode",
        "phone",
        "slug",
        "order",
        "checked_on",
        "source_is_official",
    )
    list_filter = ("status", "mode", "source_is_official")
    fieldsets = (
        (
            None,
            {"fields": (*side_by_side("name"), "slug", "status", "mode", "order")},
        ),
        (_("What the reader reads"), {"fields": side_by_side("summary", "how", "where")}),
        (
            _("Contact and documents"),
            {"fields": ("phone", *side_by_side("hours"), "documents")},
        ),
        SOURCE_FIELDSET,
    )


@admin.register(ActivationMethod)
class ActivationMethodAdmin(RouteAdmin):
    fieldsets = (
        (None, {"fields": (*side_by_side("name"), "slug", "status", "order")}),
        (
            _("What the reader reads"),
            {"fields": (*side_by_side("summary", "how", "where"), "documents")},
        ),
        SOURCE_FIELDSET,
    )


@admin.register(Term)
class TermAdmin(TranslationAdmin):
    list_display = ("chinese", "pinyin", "meaning", "order")
    search_fields = ("chinese", "pinyin", "meaning")
    prepopulated_fields = {"slug": ("pinyin",)}
    fields = ("chinese", "pinyin", *side_by_side("meaning"), "slug", "order")


class StepInline(TranslationTabularInline):
    model = Step
    extra = 0
    fields = ("order", "channel", "method", "title", "text")
    autocomplete_fields = ("channel", "method")


class CitationInline(TranslationTabularInline):
    model = Citation
    extra = 0
    fields = ("order", "article", "paragraph_number", "item_number", "note")
    autocomplete_fields = ("article",)


@admin.register(FAQPage)
class FAQPageAdmin(TranslationAdmin):
    list_display = ("question", "status", "slug", "order", "step_count", "citation_count")
    list_editable = ("order",)
    list_filter = ("status",)
    search_fields = ("question", "short_answer", "body", "slug")
    prepopulated_fields = {"slug": ("question_en",)}
    filter_horizontal = ("terms",)
    inlines = [StepInline, CitationInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    *side_by_side("question"),
                    "slug",
                    "status",
                    "order",
                    *side_by_side("short_answer", "steps_heading"),
                )
            },
        ),
        (_("More"), {"fields": (*side_by_side("body", "caution"), "terms")}),
    )

    @admin.display(description=_("steps"))
    def step_count(self, page):
        return page.steps.count()

    @admin.display(description=_("citations"))
    def citation_count(self, page):
        return page.citations.count()


class FinderRuleInline(TranslationTabularInline):
    model = FinderRule
    extra = 0
    fields = ("order", "answer", "effect", "channel", "method", "weight", "reason")
    autocomplete_fields = ("channel", "method")


@admin.register(FinderQuestion)
class FinderQuestionAdmin(TranslationAdmin):
    list_display = ("text", "flow", "slug", "order", "rule_count")
    list_filter = ("flow",)
    list_editable = ("order",)
    search_fields = ("text", "hint", "slug")
    fields = ("flow", *side_by_side("text", "hint"), "slug", "order")
    inlines = [FinderRuleInline]

    @admin.display(description=_("rules"))
    def rule_count(self, question):
        return question.rules.count()


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "path", "language", "useful", "short_wrong", "handled")
    list_filter = ("handled", "kind", "language", "created_at", "path")
    search_fields = ("path", "doing", "wrong")
    date_hierarchy = "created_at"
    readonly_fields = ("kind", "path", "language", "useful", "doing", "wrong", "created_at")
    fields = (*readonly_fields, "handled")
    actions = ["mark_handled", "export_csv"]

    def has_add_permission(self, request):
        return False  # feedback comes from readers only

    @admin.display(description=_("what went wrong"))
    def short_wrong(self, feedback):
        return (feedback.wrong[:80] + "…") if len(feedback.wrong) > 80 else feedback.wrong

    @admin.action(description=_("Mark selected feedback as handled"))
    def mark_handled(self, request, queryset):
        count = queryset.update(handled=True)
        self.message_user(request, _("%(count)s marked as handled.") % {"count": count})

    @admin.action(description=_("Export selected feedback as CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="feedback-{stamp}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the Chinese as UTF-8
        writer = csv.writer(response)
        writer.writerow(
            ["received", "kind", "page", "language", "useful", "doing", "wrong", "handled"]
        )
        for item in queryset.order_by("created_at"):
            writer.writerow(
                [
                    timezone.localtime(item.created_at).isoformat(timespec="seconds"),
                    item.kind,
                    item.path,
                    item.language,
                    "" if item.useful is None else ("yes" if item.useful else "no"),
                    _csv_safe(item.doing),
                    _csv_safe(item.wrong),
                    "yes" if item.handled else "no",
                ]
            )
        return response


def _csv_safe(text):
    """Readers' text must not become a spreadsheet formula when staff open the export."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
