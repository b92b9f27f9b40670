"""Every public page of the guide and the #anchors on it, worked out from the content alone
(no page is rendered): the content check looks editors' links up here. The templates are
what puts these ids on the pages; tests/guide_site/test_links.py renders every page and
checks that each anchor listed here is there."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import get_language

from .models import (
    ActivationMethod,
    Channel,
    Document,
    FAQPage,
    Journey,
    JourneyStep,
    SlugRedirect,
    Source,
    Step,
)

COMMON = {"main"}


def _old(old_slugs, item):
    """The anchors a renamed channel, method or document keeps from its old slugs."""
    kind = item.redirect_kind
    return {f"{kind}-{slug}" for slug in old_slugs.get((kind, item.slug), [])}


def page_anchors():
    """{path: {anchor, …}} for every public page of the guide in the active language."""
    chinese = get_language().startswith("zh")
    old_slugs = SlugRedirect.objects.old_slugs()
    journeys = Journey.objects.published().prefetch_related(
        Prefetch("steps", queryset=JourneyStep.objects.only("journey", "order", "if_wrong", "page"))
    )
    home = COMMON | {"quickest", "questions", "finders", "more"}
    in_journeys = set()
    pages = {}
    for journey in journeys:
        home.add("step-by-step")
        steps = list(journey.steps.all())
        anchors = COMMON | {"title"} | {step.dom_id for step in steps}
        if any(step.if_wrong for step in steps):
            anchors.add("if-something-goes-wrong")
        pages[journey.get_absolute_url()] = anchors
        in_journeys |= {step.page_id for step in steps if step.page_id}
    pages |= {
        reverse("channels:home"): home,
        reverse("channels:search"): set(COMMON),
    }
    ways = set(COMMON) | {"balance", "activation"}
    for model, heading in ((Channel, "details"), (ActivationMethod, "heading")):
        for route in model.objects.published():
            ways |= {route.anchor, f"{route.anchor}-{heading}"} | _old(old_slugs, route)
            if route.is_history:
                ways.add("balance-history" if model is Channel else "activation-history")
    pages[reverse("channels:overview")] = ways
    documents = set(COMMON)
    for document in Document.objects.published():
        documents |= {document.anchor} | _old(old_slugs, document)
    pages[reverse("channels:documents")] = documents
    pages[reverse("channels:sources")] = (
        set(COMMON)
        | {f"kind-{kind}" for kind in Source.objects.values_list("kind", flat=True)}
        | {source.anchor for source in Source.objects.all()}
    )
    steps = Step.objects.published().select_related("channel", "method")
    faq_pages = FAQPage.objects.published().prefetch_related(
        "citations", "change_notes", "terms", Prefetch("steps", queryset=steps)
    )
    for page in faq_pages:
        anchors = COMMON | {"question", "short-answer", "ways", "legal-basis", "what-it-rests-on"}
        if page.pk in in_journeys:
            anchors.add("part-of")
        if page.history_steps:
            anchors.add("history")
        if page.also_cited:
            anchors.add("also-cited")
        if page.caution_zh_hans or page.caution_en:
            anchors.add("caution")
        if page.body_zh_hans or page.body_en:
            anchors.add("more")
        if not chinese and page.terms.all():
            anchors.add("chinese-terms")
        if page.change_notes.all():
            anchors.add("page-history")
        anchors |= {f"citation-{citation.order}" for citation in page.citations.all()}
        for step in page.steps.all():
            anchors.add(step.anchor)
            if step.route:
                anchors |= _old(old_slugs, step.route)
        url = page.get_absolute_url()
        pages[url] = anchors
        pages[reverse("channels:faq_updates", kwargs={"slug": page.slug})] = set(COMMON)
        if page.counter_sheet:
            pages[page.get_counter_sheet_url()] = COMMON | {"title"}
        # An old address of the page leads to it (a redirect), anchors and all.
        for old in old_slugs.get(("faq", page.slug), []):
            pages[reverse("channels:faq", kwargs={"slug": old})] = anchors
    for flow in ("balance", "activation"):
        pages[reverse("channels:finder", kwargs={"flow": flow})] = set(COMMON)
    return pages
