"""The "Which way suits me?" finder: answers in, the ways that fit out, best first.

Which answer leads to which way is content (FinderQuestion, FinderRule), edited in admin;
this module only applies the rules: a rule that rules a way out removes it, a rule that
makes it a better fit adds its weight and its reason."""

from dataclasses import dataclass, field

from .models import ActivationMethod, Channel, FinderQuestion, FinderRule, Flow

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
    routes = ROUTES[flow].objects.published().prefetch_related("documents")
    fits = {route.pk: Fit(route) for route in routes}
    rules = [rule for question in questions for rule in question.rules.all()]
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
    ranked = sorted(fits.values(), key=lambda f: (-f.score, f.route.order, f.route.slug))
    return [f for f in ranked if not f.ruled_out_by], [f for f in ranked if f.ruled_out_by]
