"""The "Which way suits me?" finder: answers in, the ways that fit out, best first.

Which answer leads to which way is content (FinderQuestion, FinderRule), edited in admin;
this module only applies the rules: a rule that rules a way out removes it, a rule that
makes it a better fit adds its weight and its reason.

One rule is not left to the content: a reader who answers "no" to a question that asks
whether they have the card (``FinderQuestion.asks_for_card``) is never offered a way that
needs it (``needs_card``), whatever the rules say. The content check flags rules that
would have offered one."""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import ActivationMethod, Channel, FinderQuestion, FinderRule, Flow

NEEDS_CARD = _("This way needs the card, and you do not have it with you.")
HISTORY = _("This is what the source article said about older cards; it is not a way today.")


def _built_in_reason(message):
    """A reason of the finder's own, shaped like a rule (``reason_en``, ``reason_zh_hans``)
    so that the result page shows it as it shows the editors' reasons."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[f"reason_{code.replace('-', '_')}"] = str(message)
    return SimpleNamespace(built_in=True, **texts)


ROUTES = {Flow.BALANCE: Channel, Flow.ACTIVATION: ActivationMethod}


@dataclass
class Fit:
    route: object
    score: int = 0
    reasons: list = field(default_factory=list)
    ruled_out_by: list = field(default_factory=list)


def questions_for(flow):
    """The flow's questions in order, each with its rules (``question.rules.all()``)."""
    return list(FinderQuestion.objects.filter(flow=flow).prefetch_related("rules"))


def recommend(flow, answers, questions=None):
    """(fits, ruled_out): the ways that fit, best first, and those the answers exclude.
    ``questions`` are the flow's, as ``questions_for`` gives them, when the caller has them
    already."""
    if questions is None:
        questions = questions_for(flow)
    # The ways with what to bring for each.
    routes = ROUTES[flow].objects.published().prefetch_related("documents", "sources")
    fits = {route.pk: Fit(route) for route in routes}
    rules = [rule for question in questions for rule in question.rules.all()]
    no_card = [
        q for q in questions if q.asks_for_card and answers.get(q.slug) == FinderRule.Answer.NO
    ]
    for rule in rules:
        if answers.get(rule.question.slug) != rule.answer:
            continue
        fit = fits.get(rule.channel_id or rule.method_id)
        if fit is None:  # a rule about a draft way
            continue
        if rule.effect == FinderRule.Effect.EXCLUDE:
            fit.ruled_out_by.append(rule)
        else:
            fit.score += rule.weight
            fit.reasons.append(rule)
    if no_card:
        for fit in fits.values():
            if fit.route.needs_card:
                # The editors' own reason when they wrote one; else the finder's.
                if not any(r.question in no_card for r in fit.ruled_out_by):
                    fit.ruled_out_by.append(_built_in_reason(NEEDS_CARD))
                fit.reasons = [r for r in fit.reasons if r.question not in no_card]
    for fit in fits.values():
        if fit.route.is_history:
            # A way of older cards is never offered as if it were one today.
            fit.ruled_out_by.append(_built_in_reason(HISTORY))
            fit.reasons = []
    ranked = sorted(fits.values(), key=lambda f: (-f.score, f.route.order, f.route.slug))
    return [f for f in ranked if not f.ruled_out_by], [f for f in ranked if f.ruled_out_by]
