"""The content check: what an editor must fix before readers trip over it.

It lists
- links in editors' texts that lead nowhere: to a page that does not exist, or to an
  #anchor that is not on it;
- citations to a paragraph (款) or item (项) that the article does not have;
- content missing in one language: a translated field filled in one language and empty in
  the other, on anything the public can see;
- channels and activation methods past their review date;
- channels and activation methods that no published FAQ page uses;
- shipped content changes waiting for an editor's review (see guide_site/fixtures.py);
- channels, methods and FAQ pages that rest on the source article alone and say nothing of
  it: neither marked as changed or history nor carrying a caution (a standing note, or a
  FAQ page's caution), as if the web article were an official notice;
- finder rules that make a way needing the card a better fit for a reader without it.

It works from the content alone and renders no page: which pages exist and which #anchors
each has comes from the apps (``guide_site.contentapps.page_anchors``, checked against the
rendered pages by the test suite), so it answers in well under a second however much
content there is, with a number of queries that does not grow with it. Every message is
written in one language, the one active when it runs.

Used by ``manage.py checkcontent`` and by the admin's content check page.
"""

from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Model, TextField
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from guide_site import contentapps
from guide_site.languages import LANGUAGE_NAMES
from guide_site.markup import links
from guide_site.models import FixtureRecord

from .models import (
    ActivationMethod,
    Channel,
    Citation,
    FAQPage,
    FinderRule,
    JourneyStep,
    Step,
)

KINDS = {
    "link": _("Links in the text that lead nowhere"),
    "citation": _("Citations to paragraphs or items that do not exist"),
    "translation": _("Content missing in one language"),
    "review": _("Items past their review date"),
    "unused": _("Channels and methods that no published FAQ page uses"),
    "shipped": _("Shipped content changes waiting for review"),
    "sourcing": _("Content that rests on the source article alone, without a caution"),
    "card": _("Finder rules that offer a way needing the card to readers without one"),
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    subject: str  # what is wrong: a piece of content
    message: str
    admin_url: str = ""  # where an editor fixes it, when there is such a place


def admin_url(obj):
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:  # e.g. a change note, edited inside its FAQ page
        page = getattr(obj, "page", None)
        return admin_url(page) if isinstance(page, Model) else ""


def describe(obj):
    return f"{obj._meta.verbose_name}: {obj}"


def _public_rows(model):
    """The rows of ``model`` that readers can see: the guide's models say so through
    ``published()``; the law is public as a whole."""
    manager = model._default_manager
    rows = manager.published() if hasattr(manager, "published") else manager.all()
    # What the findings' descriptions name (a step's page, an item's paragraph, article and
    # law, a rule's question and channel), fetched with the rows: no query per finding.
    paths = _related_paths(model)
    return rows.select_related(*paths) if paths else rows


def _related_paths(model, prefix="", depth=3):
    paths = []
    for f in model._meta.fields:
        if f.is_relation and f.many_to_one and depth:
            path = f"{prefix}{f.name}"
            paths += [path, *_related_paths(f.related_model, f"{path}__", depth - 1)]
    return paths


def _translated_models():
    for model in contentapps.content_models():
        if model in translator.get_registered_models():
            yield model, translator.get_options_for_model(model).fields


def _codes():
    return [code for code, _name in settings.LANGUAGES]


def _column(name, code):
    return f"{name}_{code.replace('-', '_')}"


# --- Links in editors' texts -------------------------------------------------------------


def check_links():
    """Every internal link in a published text must lead to a page that exists, and its
    #fragment to an anchor on that page."""
    pages = {}
    for code in _codes():
        with translation.override(code):
            pages[code] = contentapps.page_anchors()
    findings = []
    for model, names in _translated_models():
        if model._meta.app_label != "channels":
            continue  # the law's text is quoted as it is, without markup or links
        texts = [name for name in names if isinstance(model._meta.get_field(name), TextField)]
        if not texts:
            continue
        for obj in _public_rows(model):
            for name in texts:
                for code in _codes():
                    for href in links(getattr(obj, _column(name, code)) or ""):
                        problem = _link_problem(href, pages)
                        if problem:
                            label = model._meta.get_field(name).verbose_name
                            findings.append(
                                Finding(
                                    "link",
                                    f"{describe(obj)} ({label}, {LANGUAGE_NAMES[code]})",
                                    str(problem),
                                    admin_url(obj),
                                )
                            )
    return findings + check_journey_links(pages)


def check_journey_links(pages):
    """Each step of a published journey leads to a published FAQ page, and its #anchor is
    on that page (in every language)."""
    findings = []
    steps = JourneyStep.objects.published().filter(page__isnull=False)
    for step in steps.select_related("journey", "page"):
        for code in _codes():
            with translation.override(code):
                href = step.link()
            problem = _link_problem(href, pages)
            if problem:
                findings.append(
                    Finding(
                        "link",
                        f"{describe(step)} ({LANGUAGE_NAMES[code]})",
                        str(problem),
                        admin_url(step.journey),
                    )
                )
    return findings


def _link_problem(href, pages):
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # another site, a phone number: not ours to check
    path, fragment = urldefrag(href)
    path = urlsplit(path).path
    if path.startswith(settings.STATIC_URL):
        return None
    language = get_language_from_path(path)
    anchors = pages.get(language, {}).get(path) if language else None
    if anchors is None:
        return _("The link %(href)s leads to no page of this site.") % {"href": href}
    if fragment and fragment not in anchors:
        return _("The link %(href)s points at #%(fragment)s, which is not on that page.") % {
            "href": href,
            "fragment": fragment,
        }
    return None


# --- Citations, translations, review dates, unused channels, shipped changes -------------


def check_citations():
    provisions = Citation.provisions_of(Citation.objects.values("article"))
    findings = []
    for citation in Citation.objects.select_related("page", "article__law"):
        for problem in citation.problems(provisions).values():
            findings.append(
                Finding("citation", describe(citation), str(problem), admin_url(citation.page))
            )
    return findings


def check_translations():
    codes = _codes()
    findings = []
    for model, names in _translated_models():
        for obj in _public_rows(model):
            for name in names:
                values = {code: (getattr(obj, _column(name, code)) or "").strip() for code in codes}
                missing = [code for code in codes if not values[code]]
                if missing and len(missing) < len(codes):
                    label = model._meta.get_field(name).verbose_name
                    message = _("“%(field)s” has no %(languages)s text.") % {
                        "field": label,
                        "languages": ", ".join(str(LANGUAGE_NAMES[code]) for code in missing),
                    }
                    findings.append(
                        Finding("translation", describe(obj), str(message), admin_url(obj))
                    )
    return findings


def check_review_dates(today=None):
    today = today or timezone.localdate()
    findings = []
    for model in (Channel, ActivationMethod):
        for route in model.objects.published().due_for_review(today):
            message = _("Its review date, %(date)s, has passed: check it with the source.") % {
                "date": route.review_by.isoformat()
            }
            findings.append(Finding("review", describe(route), str(message), admin_url(route)))
    return findings


def check_unused():
    public_steps = Step.objects.published()
    findings = []
    for model, name in ((Channel, "channel"), (ActivationMethod, "method")):
        # Without the isnull filter, the NULLs of other steps would make NOT IN match nothing.
        used = public_steps.filter(**{f"{name}__isnull": False}).values(name)
        for route in model.objects.published().exclude(pk__in=used):
            message = _("No published FAQ page lists it, so readers only find it on %(page)s.") % {
                "page": reverse("channels:overview")
            }
            findings.append(Finding("unused", describe(route), str(message), admin_url(route)))
    return findings


def check_shipped():
    findings = []
    for record in FixtureRecord.objects.filter(pending__isnull=False):
        try:
            kind = apps.get_model(record.model)._meta.verbose_name
        except LookupError:
            kind = record.model
        message = _("A release changed it and so did an editor: choose which version stays.")
        url = reverse("admin:guide_site_fixturerecord_change", args=[record.pk])
        findings.append(Finding("shipped", f"{kind}: {record.key}", str(message), url))
    return findings


def _has_caution(obj):
    """A caution: the item is marked as changed or history (which needs a note saying what
    replaced it or what to do instead), or carries a standing note, or, for a FAQ page, a
    caution of its own."""
    if not obj.is_current or obj.has_standing_note:
        return True
    return any(
        (getattr(obj, _column("caution", code), "") or "").strip()
        for code in _codes()
        if hasattr(obj, _column("caution", code))
    )


def check_sourcing():
    findings = []
    for model in (Channel, ActivationMethod, FAQPage):
        for obj in model.objects.published().prefetch_related("sources"):
            if obj.rests_on_source_article_alone() and not _has_caution(obj):
                message = _(
                    "Its only source is the source article, a web article: mark it as "
                    "changed or history, or write a standing note telling readers how to "
                    "confirm it (call 12333 or ask at the counter), or add a better source."
                )
                findings.append(Finding("sourcing", describe(obj), str(message), admin_url(obj)))
    return findings


def check_card_rules():
    """ "No" to a question about the card must never make a way that needs it a better fit
    (the finder rules such a way out anyway; the rule is contradictory content)."""
    rules = (
        FinderRule.objects.filter(
            question__asks_for_card=True,
            answer=FinderRule.Answer.NO,
            effect=FinderRule.Effect.PREFER,
        )
        .filter(models.Q(channel__needs_card=True) | models.Q(method__needs_card=True))
        .select_related("question", "channel", "method")
    )
    findings = []
    for rule in rules:
        message = _("“No” to “%(question)s” makes %(way)s a better fit, but it needs the card.") % {
            "question": rule.question,
            "way": rule.route,
        }
        findings.append(Finding("card", describe(rule), str(message), admin_url(rule.question)))
    return findings


@dataclass
class Report:
    findings: list
    checked_at: object = field(default_factory=timezone.now)

    def by_kind(self):
        """[(key, title, [findings…]), …] in the order of KINDS, all kinds included."""
        return [
            (key, title, [finding for finding in self.findings if finding.kind == key])
            for key, title in KINDS.items()
        ]


def run(today=None):
    findings = []
    checks = (
        check_links,
        check_citations,
        check_translations,
        check_unused,
        check_shipped,
        check_sourcing,
        check_card_rules,
    )
    for check in checks:
        findings += check()
    findings += check_review_dates(today)
    return Report(findings)
