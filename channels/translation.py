from modeltranslation.translator import TranslationOptions, register

from guide_site.history import record_history

from .models import (
    ActivationMethod,
    BestBet,
    ChangeNote,
    Channel,
    Citation,
    Document,
    FAQPage,
    FinderQuestion,
    FinderRule,
    Journey,
    JourneyStep,
    SlugRedirect,
    Source,
    Step,
    Synonym,
    Term,
)

ROUTE_FIELDS = ("name", "summary", "how", "where", "source_name", "standing_note")


@register(Source)
class SourceTranslation(TranslationOptions):
    # The title is not translated: readers see it as it was published.
    fields = ("name", "note")


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Channel)
class ChannelTranslation(TranslationOptions):
    fields = (*ROUTE_FIELDS, "hours", "shows_note")


@register(ActivationMethod)
class ActivationMethodTranslation(TranslationOptions):
    fields = ROUTE_FIELDS


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("meaning",)


@register(FAQPage)
class FAQPageTranslation(TranslationOptions):
    fields = ("question", "short_answer", "body", "caution", "steps_heading", "standing_note")


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


@register(Journey)
class JourneyTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(JourneyStep)
class JourneyStepTranslation(TranslationOptions):
    fields = ("title", "text")


@register(ChangeNote)
class ChangeNoteTranslation(TranslationOptions):
    fields = ("note",)


# Every edit is recorded; see guide_site/history.py for why it is registered here.
record_history(Source)
record_history(Document)
record_history(Channel, m2m_fields=["documents", "sources"])
record_history(ActivationMethod, m2m_fields=["documents", "sources"])
record_history(Term)
record_history(FAQPage, m2m_fields=["terms", "sources"])
record_history(Step, m2m_fields=["sources"])
record_history(Citation)
record_history(ChangeNote)
record_history(SlugRedirect)
record_history(FinderQuestion)
record_history(FinderRule)
record_history(Synonym)
record_history(BestBet)
record_history(Journey)
record_history(JourneyStep)
