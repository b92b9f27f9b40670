from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from guide_site.admin_layout import side_by_side

from .models import ActivationMethod, Channel, Citation, Document, FAQPage, Step, Term

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
