from modeltranslation.translator import TranslationOptions, register

from .models import Chapter, Item, Law, Paragraph


@register(Law)
class LawTranslation(TranslationOptions):
    fields = ("title", "short_title", "source_name")


@register(Chapter)
class ChapterTranslation(TranslationOptions):
    fields = ("title",)


@register(Paragraph)
class ParagraphTranslation(TranslationOptions):
    fields = ("text",)


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ("text",)
