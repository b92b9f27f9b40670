from modeltranslation.translator import TranslationOptions, register

from .models import (
    ActivationMethod,
    Channel,
    Citation,
    Document,
    FAQPage,
    FinderQuestion,
    FinderRule,
    Step,
    Term,
)

ROUTE_FIELDS = ("name", "summary", "how", "where", "source_name")


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Channel)
class ChannelTranslation(TranslationOptions):
    fields = (*ROUTE_FIELDS, "hours")


@register(ActivationMethod)
class ActivationMethodTranslation(TranslationOptions):
    fields = ROUTE_FIELDS


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("meaning",)


@register(FAQPage)
class FAQPageTranslation(TranslationOptions):
    fields = ("question", "short_answer", "body", "caution", "steps_heading")


@register(Step)
class StepTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Citation)
class CitationTranslation(TranslationOptions):
    fields = ("note",)


@register(FinderQuestion)
class FinderQuestionTranslation(TranslationOptions):
    fields = ("text", "hint")


@register(FinderRule)
class FinderRuleTranslation(TranslationOptions):
    fields = ("reason",)
