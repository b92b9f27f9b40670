import csv
import datetime

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from guide_site.admin_layout import (
    ContentAdmin,
    HistoryAdmin,
    KeepsLineEndings,
    changed_fields,
    side_by_side,
)

from . import contentcheck
from .models import (
    ActivationMethod,
    BestBet,
    ChangeNote,
    Channel,
    Citation,
    Document,
    FAQPage,
    Feedback,
    FinderQuestion,
    FinderRule,
    Journey,
    JourneyStep,
    SearchMiss,
    Shows,
    SlugRedirect,
    Source,
    Standing,
    Step,
    Synonym,
    Term,
)

STANDING_FIELDSET = (
    _("How it stands today and what it rests on"),
    {
        "fields": (
            "standing",
            *side_by_side("standing_note"),
            "sources",
            ("checked_on", "review_by"),
        ),
        "description": _(
            "Readers see each source with its kind, and “Last checked” with the date: "
            "set it when you have compared the text with the sources (your name is kept "
            "in the history)."
        ),
    },
)
SOURCE_FIELDSET = (
    _("Old source fields (replaced by the sources above)"),
    {
        "classes": ("collapse",),
        "fields": (*side_by_side("source_name"), "source_url", "source_is_official"),
    },
)


class StandingFilter(admin.SimpleListFilter):
    """Content whose standing or sources need a look."""

    title = _("standing")
    parameter_name = "standing"

    def lookups(self, request, model_admin):
        return [
            *Standing.choices,
            ("article-only", _("Rests on the source article alone")),
            ("no-source", _("No source")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in Standing.values:
            return queryset.filter(standing=value)
        if value == "article-only":
            others = queryset.model.sources.through.objects.exclude(
                source__kind=Source.Kind.SOURCE_ARTICLE
            )
            field = queryset.model._meta.model_name
            return (
                queryset.filter(sources__kind=Source.Kind.SOURCE_ARTICLE)
                .exclude(pk__in=others.values(field))
                .distinct()
            )
        if value == "no-source":
            return queryset.filter(sources=None)
        return queryset


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ("title", "kind", "name", "published_on", "checked_on", "link", "use_count")
    list_filter = ("kind",)
    search_fields = ("title", "name", "reference", "note", "slug", "url")
    prepopulated_fields = {"slug": ("name_en",)}
    date_hierarchy = "checked_on"
    fields = (
        "kind",
        *side_by_side("name"),
        ("title", "title_language"),
        "reference",
        "published_on",
        "url",
        "checked_on",
        *side_by_side("note"),
        "slug",
        "order",
    )

    def get_queryset(self, request):
        # The uses are counted in the list's one query; distinct counts, as the four joins
        # would multiply each other.
        return (
            super()
            .get_queryset(request)
            .annotate(
                uses=Count("channels", distinct=True)
                + Count("activationmethods", distinct=True)
                + Count("faqpages", distinct=True)
                + Count("steps", distinct=True)
            )
        )

    @admin.display(description=_("address"))
    def link(self, source):
        if not source.url:
            return "—"
        return format_html('<a href="{}" rel="noreferrer">{}</a>', source.url, _("open"))

    @admin.display(description=_("used by"), ordering="uses")
    def use_count(self, source):
        return source.uses


class ShowsField(forms.MultipleChoiceField):
    """``Channel.shows`` (a JSON list) as tick boxes; none ticked means "not known"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        for name in ("encoder", "decoder", "max_length", "empty_value"):
            kwargs.pop(name, None)
        kwargs["choices"] = Shows.choices
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value or []

    def has_changed(self, initial, data):
        return sorted(initial or []) != sorted(data or [])


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Past its review date")),
            ("soon", _("Due within 30 days")),
            ("none", _("No review date")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.due_for_review(today)
        if self.value() == "soon":
            return queryset.filter(
                review_by__gte=today, review_by__lte=today + datetime.timedelta(days=30)
            )
        if self.value() == "none":
            return queryset.filter(review_by__isnull=True)
        return queryset


@admin.register(Document)
class DocumentAdmin(ContentAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name", "description", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    fields = (*side_by_side("name", "description"), "slug", "order")


class RouteAdmin(ContentAdmin):
    list_display = (
        "name",
        "status",
        "standing",
        "needs_card",
        "slug",
        "order",
        "checked_on",
        "review_by",
        "review_flag",
    )
    list_editable = ("order",)
    list_filter = ("status", StandingFilter, ReviewFilter, "needs_card")
    search_fields = ("name", "summary", "how", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("documents", "sources")

    @admin.display(description=_("review"), ordering="review_by")
    def review_flag(self, route):
        if route.is_due_for_review:
            return format_html('<strong class="errornote">{}</strong>', _("Past review date"))
        if route.review_by is None:
            return _("No review date")
        return ""


@admin.register(Channel)
class ChannelAdmin(RouteAdmin):
    list_display = (
        "name",
        "status",
        "standing",
        "mode",
        "phone",
        "slug",
        "order",
        "checked_on",
        "review_by",
        "review_flag",
    )
    list_filter = ("status", StandingFilter, "mode", ReviewFilter, "needs_card")
    fieldsets = (
        (
            None,
            {"fields": (*side_by_side("name"), "slug", "status", "mode", "order")},
        ),
        (_("What the reader reads"), {"fields": side_by_side("summary", "how", "where")}),
        (
            _("What it shows"),
            {"fields": ("shows", *side_by_side("shows_note"))},
        ),
        (
            _("Contact and documents"),
            {"fields": ("phone", *side_by_side("hours"), "documents", "needs_card")},
        ),
        STANDING_FIELDSET,
        SOURCE_FIELDSET,
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "shows":
            kwargs["form_class"] = ShowsField
            kwargs["required"] = False
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(ActivationMethod)
class ActivationMethodAdmin(RouteAdmin):
    fieldsets = (
        (None, {"fields": (*side_by_side("name"), "slug", "status", "order")}),
        (
            _("What the reader reads"),
            {"fields": (*side_by_side("summary", "how", "where"), "documents", "needs_card")},
        ),
        STANDING_FIELDSET,
        SOURCE_FIELDSET,
    )


@admin.register(Term)
class TermAdmin(ContentAdmin):
    list_display = ("chinese", "pinyin", "meaning", "order")
    search_fields = ("chinese", "pinyin", "meaning")
    prepopulated_fields = {"slug": ("pinyin",)}
    fields = ("chinese", "pinyin", *side_by_side("meaning"), "slug", "order")


# Steps and citations are stacked, a few fields to a line, rather than tabular: with both
# languages of each text a table is far wider than an admin on a 900 px screen.
class StepInline(KeepsLineEndings, TranslationStackedInline):
    model = Step
    extra = 0
    fields = ("order", "channel", "method", *side_by_side("title", "text"), "sources")
    autocomplete_fields = ("channel", "method", "sources")


class CitationInline(KeepsLineEndings, TranslationStackedInline):
    model = Citation
    extra = 0
    fields = (
        "order",
        "article",
        ("paragraph_number", "item_number"),
        *side_by_side("note"),
        "cited_by_source_article",
    )
    autocomplete_fields = ("article",)


class ChangeNoteInline(KeepsLineEndings, TranslationStackedInline):
    """The page's public history. New notes come from a major edit (the fields under "This
    edit"), so here editors only correct a note's wording or date, or remove one."""

    model = ChangeNote
    extra = 0
    fields = (("number", "date"), *side_by_side("note"))
    readonly_fields = ("number",)

    def has_add_permission(self, request, obj=None):
        return False


class FAQPageForm(forms.ModelForm):
    """The FAQ page form, with what the editor says about this edit. The choice is not
    stored on the page: a major edit adds a dated change note, a minor one adds nothing."""

    MINOR, MAJOR = "minor", "major"

    change_kind = forms.ChoiceField(
        label=_("Kind of edit"),
        choices=[
            (MINOR, _("Minor: a typo or wording; readers see no new date")),
            (MAJOR, _("Major: readers should know; a new “Last updated” date and note")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    change_note_zh_hans = forms.CharField(
        label=_("Change note [zh-hans]"),
        max_length=300,
        required=False,
        help_text=_("For a major edit, e.g. 增加了支付宝和微信查询方式。"),
    )
    change_note_en = forms.CharField(
        label=_("Change note [en]"),
        max_length=300,
        required=False,
        help_text=_("For a major edit, e.g. Added the Alipay and WeChat channel."),
    )

    # The version being restored, when this form restores one (see FAQPageAdmin): that is
    # an edit of its own kind, and the page says so itself.
    restoring = None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.restoring is not None:
            return cleaned
        kind = cleaned.get("change_kind")
        if not kind:
            self.add_error("change_kind", _("Say whether this is a minor or a major edit."))
        elif kind == self.MAJOR and not (
            cleaned.get("change_note_zh_hans") or cleaned.get("change_note_en")
        ):
            self.add_error(
                "change_note_en",
                _("A major edit needs a change note that tells readers what changed."),
            )
        return cleaned


def _in_each_language(message, **values):
    """{"note_zh_hans": …, "note_en": …} for a message the interface translates; dates in
    ``values`` are written as each language writes them."""
    notes = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            filled = {
                name: date_format(value) if isinstance(value, datetime.date) else value
                for name, value in values.items()
            }
            notes[f"note_{code.replace('-', '_')}"] = (
                str(message) % filled if values else str(message)
            )
    return notes


FIRST_PUBLISHED = _("First published.")
RESTORED = _("Restored the version of %(date)s: changes made since then are withdrawn.")


def _count(model):
    """How many rows of ``model`` belong to the page, as a subquery."""
    rows = model.objects.filter(page=OuterRef("pk")).order_by().values("page")
    return Coalesce(Subquery(rows.annotate(total=Count("pk")).values("total")), 0)


@admin.register(FAQPage)
class FAQPageAdmin(ContentAdmin):
    form = FAQPageForm
    list_display = (
        "question",
        "status",
        "standing",
        "checked_on",
        "slug",
        "order",
        "last_updated",
        "step_count",
        "citation_count",
    )
    list_editable = ("order",)
    list_filter = ("status", StandingFilter)
    search_fields = ("question", "short_answer", "body", "slug")
    prepopulated_fields = {"slug": ("question_en",)}
    filter_horizontal = ("terms", "sources")
    inlines = [StepInline, CitationInline, ChangeNoteInline]
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
        (_("More"), {"fields": (*side_by_side("body", "caution"), "terms", "counter_sheet")}),
        (
            _("How it stands today and what it rests on"),
            {
                "fields": ("standing", *side_by_side("standing_note"), "sources", "checked_on"),
                "description": STANDING_FIELDSET[1]["description"],
            },
        ),
    )
    edit_fieldset = (
        _("This edit"),
        {
            "fields": ("change_kind", ("change_note_zh_hans", "change_note_en")),
            "description": _(
                "A major edit changes what a reader should do or know; its note is shown "
                "on the page with today’s date. Fixing a typo is a minor edit."
            ),
        },
    )

    def get_fieldsets(self, request, obj=None):
        if obj is None or getattr(request, "restoring", None):
            # A new page is "First published" when it is published; restoring a version
            # writes its own change note.
            return self.fieldsets
        return (*self.fieldsets, self.edit_fieldset)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring an old version, in one step: the form asks nothing about the kind of
        edit, and the page tells readers what happened (see save_model)."""
        history = FAQPage.history.model
        request.restoring = get_object_or_404(history, id=object_id, history_id=version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.restoring = getattr(request, "restoring", None)
        return form

    def save_model(self, request, obj, form, change):
        restoring = getattr(request, "restoring", None)
        if restoring is not None:
            # The form started from the old version, so compare with how the page reads now.
            now = obj.history.first()
            if now and not now.diff_against(restoring).changes and not changed_fields(form):
                return  # it reads like that already
            obj._history_user = request.user
            obj._change_reason = f"restored the version of {restoring.history_date:%Y-%m-%d}"
            obj.save()
            if not obj.is_draft:
                when = timezone.localtime(restoring.history_date).date()
                obj.add_change_note(**_in_each_language(RESTORED, date=when))
            return
        data = form.cleaned_data
        major = change and data.get("change_kind") == FAQPageForm.MAJOR
        notes = {
            "note_zh_hans": data.get("change_note_zh_hans", ""),
            "note_en": data.get("change_note_en", ""),
        }
        if major:
            # The history's change reason column is short; the full note is in ChangeNote.
            obj._change_reason = (notes["note_en"] or notes["note_zh_hans"])[:100]
        elif change:
            obj._change_reason = "minor edit"
        super().save_model(request, obj, form, change)
        if major:
            obj.add_change_note(**notes)
        elif not obj.is_draft and not obj.change_notes.exists():
            obj.add_change_note(**_in_each_language(FIRST_PUBLISHED))

    def get_queryset(self, request):
        # Counted in the list's one query rather than a query per row and column; the
        # subqueries keep the two counts from multiplying each other.
        return (
            super()
            .get_queryset(request)
            .annotate(
                last_updated_on=Max("change_notes__date"),
                step_total=_count(Step),
                citation_total=_count(Citation),
            )
        )

    @admin.display(description=_("last updated"), ordering="last_updated_on")
    def last_updated(self, page):
        return page.last_updated_on or "—"

    @admin.display(description=_("steps"), ordering="step_total")
    def step_count(self, page):
        return page.step_total

    @admin.display(description=_("citations"), ordering="citation_total")
    def citation_count(self, page):
        return page.citation_total

    def get_urls(self):
        # The content check spans the whole site; it lives here because an admin page
        # needs a home, and FAQ pages are what it protects.
        check = path(
            "content-check/",
            self.admin_site.admin_view(self.content_check_view),
            name="channels_content_check",
        )
        return [check, *super().get_urls()]

    def content_check_view(self, request):
        if not request.user.has_perm("channels.check_content"):
            raise PermissionDenied
        report = contentcheck.run()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Content check"),
            "report": report,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/channels/content_check.html", context)


class JourneyStepInline(KeepsLineEndings, TranslationStackedInline):
    model = JourneyStep
    extra = 0
    fields = (
        ("order", "joins_previous", "if_wrong"),
        *side_by_side("title", "text"),
        ("page", "anchor"),
    )
    autocomplete_fields = ("page",)


@admin.register(Journey)
class JourneyAdmin(ContentAdmin):
    """A step-by-step journey and its steps, in order; each step links to the FAQ page (and
    #anchor) that explains it. The content check makes sure every link lands."""

    list_display = ("title", "status", "slug", "order", "step_count")
    list_filter = ("status",)
    list_editable = ("order",)
    search_fields = ("title", "intro", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    fields = (*side_by_side("title", "intro"), "slug", "status", "order")
    inlines = [JourneyStepInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(step_total=Count("steps"))

    @admin.display(description=_("steps"), ordering="step_total")
    def step_count(self, journey):
        return journey.step_total


class FinderRuleInline(KeepsLineEndings, TranslationStackedInline):
    model = FinderRule
    extra = 0
    fields = (
        ("order", "answer", "effect", "weight"),
        "channel",
        "method",
        *side_by_side("reason"),
    )
    autocomplete_fields = ("channel", "method")


@admin.register(FinderQuestion)
class FinderQuestionAdmin(ContentAdmin):
    list_display = ("text", "flow", "slug", "order", "rule_count")
    list_filter = ("flow",)
    list_editable = ("order",)
    search_fields = ("text", "hint", "slug")
    fields = ("flow", *side_by_side("text", "hint"), "asks_for_card", "slug", "order")
    inlines = [FinderRuleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rule_total=Count("rules"))

    @admin.display(description=_("rules"), ordering="rule_total")
    def rule_count(self, question):
        return question.rule_total


PERIODS = {"week": (TruncWeek, _("week")), "month": (TruncMonth, _("month"))}


def feedback_counts(queryset, period="week"):
    """Rows of {"period", "path", "yes", "no", one count per reason, "no_reason",
    "problems"}: readers' answers counted per page and per week or month, newest first.
    One query (a GROUP BY), however much feedback there is."""
    trunc, _label = PERIODS[period]
    no = Q(kind=Feedback.Kind.USEFUL, useful=False)
    counts = {
        "yes": Count("pk", filter=Q(kind=Feedback.Kind.USEFUL, useful=True)),
        "no": Count("pk", filter=no),
        **{
            f"reason_{value}": Count("pk", filter=no & Q(reason=value))
            for value in Feedback.Reason.values
        },
        "no_reason": Count("pk", filter=no & Q(reason="")),
        "problems": Count("pk", filter=Q(kind=Feedback.Kind.PROBLEM)),
    }
    return (
        queryset.annotate(period=trunc("created_at"))
        .values("period", "path")
        .annotate(**counts)
        .order_by("-period", "path")
    )


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "kind",
        "path",
        "language",
        "useful",
        "reason",
        "short_text",
        "handled",
    )
    list_filter = ("handled", "kind", "useful", "reason", "language", "created_at", "path")
    search_fields = ("path", "doing", "wrong", "comment")
    date_hierarchy = "created_at"
    readonly_fields = (
        "kind",
        "path",
        "language",
        "useful",
        "reason",
        "comment",
        "doing",
        "wrong",
        "created_at",
    )
    fields = (*readonly_fields, "handled")
    actions = ["mark_handled", "export_csv"]
    change_list_template = "admin/channels/feedback/change_list.html"

    def has_add_permission(self, request):
        return False  # feedback comes from readers only

    @admin.display(description=_("what they wrote"))
    def short_text(self, feedback):
        text = feedback.wrong or feedback.comment
        return (text[:80] + "…") if len(text) > 80 else text

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
            [
                "received",
                "kind",
                "page",
                "language",
                "useful",
                "doing",
                "wrong",
                "handled",
                "reason",
                "comment",
            ]
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
                    item.reason,
                    _csv_safe(item.comment),
                ]
            )
        return response

    def get_urls(self):
        summary = path(
            "summary/",
            self.admin_site.admin_view(self.summary_view),
            name="channels_feedback_summary",
        )
        return [summary, *super().get_urls()]

    def summary_view(self, request):
        """Counts by page and reason, per week or month (``?period=month``); ``?path=`` and
        ``?language=`` narrow it to one page or language."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        period = request.GET.get("period")
        period = period if period in PERIODS else "week"
        rows = Feedback.objects.all()
        chosen_path = request.GET.get("path", "")
        if chosen_path:
            rows = rows.filter(path=chosen_path)
        language = request.GET.get("language", "")
        if language in dict(settings.LANGUAGES):
            rows = rows.filter(language=language)
        else:
            language = ""
        counts = list(feedback_counts(rows, period))
        reasons = [(f"reason_{value}", label) for value, label in Feedback.Reason.choices]
        for row in counts:
            row["reason_counts"] = [row[key] for key, _label in reasons]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Feedback by page and reason"),
            "opts": self.model._meta,
            "rows": counts,
            "reasons": [label for _key, label in reasons],
            "period": period,
            "periods": [(key, label) for key, (_trunc, label) in PERIODS.items()],
            "chosen_path": chosen_path,
            "language": language,
            "languages": settings.LANGUAGES,
        }
        return TemplateResponse(request, "admin/channels/feedback_summary.html", context)


def _csv_safe(text):
    """Readers' text must not become a spreadsheet formula when staff open the export."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(SlugRedirect)
class SlugRedirectAdmin(HistoryAdmin):
    list_display = ("old_slug", "new_slug", "kind", "target")
    list_filter = ("kind",)
    search_fields = ("old_slug", "new_slug")
    fields = ("kind", "old_slug", "new_slug")

    @admin.display(description=_("leads to"))
    def target(self, redirect):
        url = redirect.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)


# --- Search: what editors teach it, and what readers did not find ----------------------


@admin.register(Synonym)
class SynonymAdmin(HistoryAdmin):
    list_display = ("__str__", "note", "order")
    search_fields = ("words", "note", "slug")
    prepopulated_fields = {"slug": ("words",)}
    fields = ("words", "note", "slug", "order")


@admin.register(BestBet)
class BestBetAdmin(HistoryAdmin):
    list_display = ("queries", "page", "article", "anchor", "order")
    list_filter = ("page",)
    search_fields = ("queries", "slug")
    autocomplete_fields = ("article",)
    prepopulated_fields = {"slug": ("queries",)}
    fields = ("queries", "page", "article", "anchor", "slug", "order")


@admin.register(SearchMiss)
class SearchMissAdmin(admin.ModelAdmin):
    """Searches that found nothing, counted per day: what readers type that the site does
    not know yet, to answer with a synonym or a best bet. Nothing about who searched."""

    list_display = ("query", "count", "language", "day", "try_it")
    list_filter = ("language", "day")
    search_fields = ("query",)
    date_hierarchy = "day"
    readonly_fields = ("day", "language", "query", "count")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False  # written by searches only

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("search again"))
    def try_it(self, miss):
        with translation.override(miss.language):
            url = miss.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, _("search"))
