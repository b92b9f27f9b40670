"""The content check: what an editor must fix before readers trip over it.

It lists
- internal links or #anchors that lead nowhere: every public page is rendered in both
  languages, as an anonymous reader gets it, and every internal link on it must answer 200
  and, when it has a #fragment, land on an element with that id;
- citations to a paragraph (款) or item (项) that the article does not have;
- content missing in one language: a translated field filled in one language and empty in
  the other, on anything the public can see;
- channels and activation methods past their review date;
- channels and activation methods that no published FAQ page uses.

Used by ``manage.py checkcontent`` and by the admin's content check page.
"""

from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from .models import ActivationMethod, Channel, Citation, FAQPage, Step

KINDS = {
    "link": _("Internal links or anchors that lead nowhere"),
    "citation": _("Citations to paragraphs or items that do not exist"),
    "translation": _("Content missing in one language"),
    "review": _("Items past their review date"),
    "unused": _("Channels and methods that no published FAQ page uses"),
}
CONTENT_APPS = ("articles", "channels")


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    subject: str  # what is wrong: a page address or a piece of content
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


# --- Links -----------------------------------------------------------------------------


class _LinksAndIds(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _host():
    """A host name the site answers to, for rendering pages in-process."""
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def crawl(start_paths):
    """Render every page reachable from ``start_paths`` as an anonymous reader; return
    ({path: status}, {path: ids}, [(source, target, fragment, href)])."""
    client = Client(HTTP_HOST=_host())
    skip = (settings.STATIC_URL, f"/{settings.ADMIN_PATH}")
    statuses, ids, links = {}, {}, []
    queue = deque(start_paths)
    while queue:
        path = queue.popleft()
        if path in statuses:
            continue
        # secure=True: in production every plain-http request would be a redirect.
        response = client.get(path, secure=True)
        statuses[path] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _LinksAndIds()
        parser.feed(response.content.decode())
        ids[path] = parser.ids
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:  # tel:, https://… – not ours
                continue
            target, fragment = urldefrag(href)
            target = target or path
            if not target.startswith("/") or target.startswith(skip):
                continue
            links.append((path, target, fragment, href))
            if target not in statuses:
                queue.append(target)
    return statuses, ids, links


def check_links():
    starts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            starts.append(reverse("channels:home"))
            starts += [page.get_absolute_url() for page in FAQPage.objects.published()]
    # Rendering pages switches the active language; keep the caller's.
    with translation.override(translation.get_language()):
        statuses, ids, links = crawl(starts)
    findings = set()
    for source, target, fragment, href in links:
        status = statuses.get(target)
        if status != 200:
            message = _("The link %(href)s answers %(status)s.") % {"href": href, "status": status}
        elif fragment and fragment not in ids.get(target, ()):
            message = _("The link %(href)s points at #%(fragment)s, which is not on %(page)s.") % {
                "href": href,
                "fragment": fragment,
                "page": target,
            }
        else:
            continue
        findings.add(Finding("link", source, str(message)))
    for path in starts:
        if statuses.get(path) != 200:
            message = _("The page answers %(status)s.") % {"status": statuses.get(path)}
            findings.add(Finding("link", path, str(message)))
    return sorted(findings, key=lambda f: (f.subject, f.message)), len(statuses)


# --- Citations, translations, review dates, unused channels ------------------------------


def check_citations():
    findings = []
    for citation in Citation.objects.select_related("page", "article__law"):
        for problem in citation.problems().values():
            findings.append(
                Finding("citation", describe(citation), str(problem), admin_url(citation.page))
            )
    return findings


def _public_rows(model):
    """The rows of ``model`` that readers can see: the guide's models say so through
    ``published()``; the law is public as a whole."""
    manager = model._default_manager
    return manager.published() if hasattr(manager, "published") else manager.all()


def check_translations():
    codes = [code for code, _name in settings.LANGUAGES]
    names = {code: translation.get_language_info(code)["name"] for code in codes}
    findings = []
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model not in translator.get_registered_models():
                continue
            fields = translator.get_options_for_model(model).fields
            for obj in _public_rows(model):
                for field in fields:
                    values = {
                        code: (getattr(obj, f"{field}_{code.replace('-', '_')}") or "").strip()
                        for code in codes
                    }
                    missing = [code for code in codes if not values[code]]
                    if missing and len(missing) < len(codes):
                        label = model._meta.get_field(field).verbose_name
                        message = _("“%(field)s” has no %(languages)s text.") % {
                            "field": label,
                            "languages": ", ".join(names[code] for code in missing),
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
    for model, field in ((Channel, "channel"), (ActivationMethod, "method")):
        # Without the isnull filter, the NULLs of other steps would make NOT IN match nothing.
        used = public_steps.filter(**{f"{field}__isnull": False}).values(field)
        for route in model.objects.published().exclude(pk__in=used):
            message = _("No published FAQ page lists it, so readers only find it on %(page)s.") % {
                "page": reverse("channels:overview")
            }
            findings.append(Finding("unused", describe(route), str(message), admin_url(route)))
    return findings


@dataclass
class Report:
    findings: list
    pages: int

    def by_kind(self):
        """[(key, title, [findings…]), …] in the order of KINDS, all kinds included."""
        return [
            (key, title, [finding for finding in self.findings if finding.kind == key])
            for key, title in KINDS.items()
        ]


def run(today=None, links=True):
    findings = []
    pages = 0
    if links:
        link_findings, pages = check_links()
        findings += link_findings
    findings += check_citations()
    findings += check_translations()
    findings += check_review_dates(today)
    findings += check_unused()
    return Report(findings, pages)
