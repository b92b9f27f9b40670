from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from guide_site.admin_layout import ContentAdmin, HistoryAdmin, KeepsLineEndings, side_by_side

from .models import Article, Chapter, Item, Law, Paragraph
from .references import parse_reference


class ChapterInline(KeepsLineEndings, TranslationTabularInline):
    model = Chapter
    extra = 0
    fields = ("number", "title")


@admin.register(Law)
class LawAdmin(ContentAdmin):
    list_display = ("short_title", "title", "slug", "amended_on", "in_force_on")
    search_fields = ("title", "short_title", "slug")
    prepopulated_fields = {"slug": ("short_title_en",)}
    inlines = [ChapterInline]
    fields = (
        *side_by_side("title", "short_title"),
        "slug",
        ("adopted_on", "amended_on", "in_force_on"),
        *side_by_side("source_name"),
        "source_url",
    )


@admin.register(Chapter)
class ChapterAdmin(ContentAdmin):
    list_display = ("__str__", "law", "number", "article_count")
    list_filter = ("law",)
    search_fields = ("title",)
    ordering = ("law", "number")
    fields = ("law", "number", *side_by_side("title"))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, chapter):
        return chapter.article_total


class ParagraphInline(KeepsLineEndings, TranslationStackedInline):
    model = Paragraph
    extra = 0
    fields = ("number", *side_by_side("text"))
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ("number", "__str__", "chapter", "law")
    list_display_links = ("number", "__str__")
    list_filter = ("law", "chapter")
    search_fields = ("paragraphs__text_zh_hans", "paragraphs__text_en")
    ordering = ("law", "number")
    list_select_related = ("law", "chapter")
    inlines = [ParagraphInline]

    def get_search_results(self, request, queryset, search_term):
        """An article is found by its number as people write it: "4", "第四条", "Article 4",
        "Art. 4(1)", or the label the choice list shows (《社会保险法》第四条); otherwise by
        its text (the citation form's article choice searches here)."""
        reference = parse_reference(search_term, allow_bare=True)
        if reference is not None:
            return queryset.filter(number=reference.article), False
        return super().get_search_results(request, queryset, search_term)


class ItemInline(KeepsLineEndings, TranslationTabularInline):
    model = Item
    extra = 0
    fields = ("number", "text")


@admin.register(Paragraph)
class ParagraphAdmin(ContentAdmin):
    list_display = ("__str__", "article", "number")
    list_filter = ("article__law",)
    search_fields = ("text_zh_hans", "text_en")
    list_select_related = ("article__law",)
    ordering = ("article__law", "article__number", "number")
    inlines = [ItemInline]
    fields = ("article", "number", *side_by_side("text"))


@admin.register(Item)
class ItemAdmin(ContentAdmin):
    list_display = ("__str__", "paragraph", "number")
    search_fields = ("text_zh_hans", "text_en")
    list_select_related = ("paragraph__article__law",)
    ordering = ("paragraph__article__number", "paragraph__number", "number")
    fields = ("paragraph", "number", *side_by_side("text"))
