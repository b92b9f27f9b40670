from modeltranslation.translator import TranslationOptions, register

from guide_site.history import record_history

from .models import Article, Chapter, Item, Law, Paragraph


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


# Every edit of the law's text is recorded; see guide_site/history.py for why it is
# registered here.
for model in (Law, Chapter, Article, Paragraph, Item):
    record_history(model)
