"""Site search over the guide and the whole law, in both languages.

Chinese has no spaces between words, so matching is by substring (``icontains``), which
finds 激活 or 个人账户 without a word segmenter; space-separated words must all match.
The content is small (a few hundred rows), so candidates come from the database and are
ranked in Python: a match in a title counts ten times a match in the text.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

from articles.models import Article, Item, Paragraph, provision_label
from articles.numerals import from_chinese

from .models import ActivationMethod, Channel, Document, FAQPage, Step

MAX_QUERY_LENGTH = 100
MAX_RESULTS = 50
SNIPPET_RADIUS = 60


@dataclass
class Result:
    kind: str
    title: str
    url: str
    snippet: str
    score: int
    rank: int  # ties: FAQ pages first, then ways, documents, the law


def clean_query(raw):
    """Drop control characters (NUL and friends break some databases), fold white space,
    cut to MAX_QUERY_LENGTH. Returns (query, was_cut)."""
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch in " \t")
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH


def terms_of(query):
    return [term for term in query.split(" ") if term][:10]


def _matches(fields, terms):
    """Every term in at least one of the fields, in either language."""
    columns = [column for name in fields for column in get_translation_fields(name)]
    return reduce(
        and_, (reduce(or_, (Q(**{f"{c}__icontains": t}) for c in columns)) for t in terms)
    )


def _text(obj, name):
    # modeltranslation's descriptor gives the page's language, or the other one where that
    # is empty (MODELTRANSLATION_FALLBACK_LANGUAGES).
    return getattr(obj, name) or ""


def _count(text, terms):
    lowered = text.lower()
    return sum(lowered.count(term.lower()) for term in terms)


def snippet(text, terms):
    """A short stretch of text around the first match, every match wrapped in <mark>."""
    if not text:
        return ""
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    first = pattern.search(text)
    start = max(0, first.start() - SNIPPET_RADIUS) if first else 0
    end = min(len(text), start + 2 * SNIPPET_RADIUS + (first.end() - first.start() if first else 0))
    window = text[start:end]
    parts, last = [], 0
    for match in pattern.finditer(window):
        parts.append(escape(window[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(window[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every piece escaped above


def _best_text(obj, fields, terms):
    """The first field with a match, in the page's language first, then the other one."""
    current = get_language()
    languages = [
        current,
        *(code for code in settings.MODELTRANSLATION_LANGUAGES if code != current),
    ]
    for language in languages:
        for name in fields:
            text = getattr(obj, build_localized_fieldname(name, language)) or ""
            if _count(text, terms):
                return text
    return _text(obj, fields[0])


def _score(obj, title_field, fields, terms, query):
    title = _text(obj, title_field)
    score = 10 * _count(title, terms) + sum(_count(_text(obj, f), terms) for f in fields)
    if query.lower() in title.lower():
        score += 20
    return score


ARTICLE_NUMBER = re.compile(
    r"^(?:第\s*([零一二三四五六七八九十百千\d]+)\s*条|(?:article|art\.?)\s*(\d+))$", re.I
)


def _article_by_number(query):
    match = ARTICLE_NUMBER.match(query)
    if not match:
        return None
    raw = match.group(1) or match.group(2)
    try:
        number = int(raw) if raw.isdigit() else from_chinese(raw)
    except ValueError:
        return None
    return Article.objects.select_related("law").filter(number=number).first()


def search(query):
    terms = terms_of(query)
    if not terms:
        return []
    results = []

    for page in FAQPage.objects.published().filter(
        _matches(["question", "short_answer", "body", "caution", "steps_heading"], terms)
    ):
        fields = ["short_answer", "body", "caution"]
        results.append(
            Result(
                _("Question"),
                _text(page, "question"),
                page.get_absolute_url(),
                snippet(_best_text(page, fields, terms), terms),
                _score(page, "question", fields, terms, query),
                0,
            )
        )

    route_fields = ["summary", "how", "where"]
    public_steps = Step.objects.public().select_related("page")
    for model, kind in (
        (Channel, _("Way to check a balance")),
        (ActivationMethod, _("Way to activate a card")),
    ):
        routes = model.objects.published().prefetch_related(
            Prefetch("steps", queryset=public_steps, to_attr="public_steps")
        )
        for route in routes.filter(_matches(["name", *route_fields], terms)):
            # Send the reader to the way inside its FAQ page, where the steps are.
            url = route.get_absolute_url()
            if route.public_steps:
                url = f"{route.public_steps[0].page.get_absolute_url()}#{route.anchor}"
            results.append(
                Result(
                    kind,
                    _text(route, "name"),
                    url,
                    snippet(_best_text(route, route_fields, terms), terms),
                    _score(route, "name", route_fields, terms, query),
                    1,
                )
            )

    for document in Document.objects.filter(_matches(["name", "description"], terms)):
        results.append(
            Result(
                _("What to bring"),
                _text(document, "name"),
                document.get_absolute_url(),
                snippet(_best_text(document, ["description"], terms), terms),
                _score(document, "name", ["description"], terms, query),
                2,
            )
        )

    article = _article_by_number(query)
    if article:
        results.append(
            Result(
                _("The law"),
                provision_label(article),
                article.get_absolute_url(),
                "",
                1000,
                3,
            )
        )
    paragraphs = Paragraph.objects.select_related("article__law").filter(_matches(["text"], terms))
    for paragraph in paragraphs[:MAX_RESULTS]:
        results.append(
            Result(
                _("The law"),
                provision_label(paragraph.article, paragraph.number),
                f"{paragraph.article.get_absolute_url()}#{paragraph.anchor}",
                snippet(_best_text(paragraph, ["text"], terms), terms),
                _count(_text(paragraph, "text"), terms),
                3,
            )
        )
    items = Item.objects.select_related("paragraph__article__law").filter(_matches(["text"], terms))
    for item in items[:MAX_RESULTS]:
        article = item.paragraph.article
        results.append(
            Result(
                _("The law"),
                provision_label(article, item.paragraph.number, item.number),
                f"{article.get_absolute_url()}#{item.anchor}",
                snippet(_best_text(item, ["text"], terms), terms),
                _count(_text(item, "text"), terms),
                3,
            )
        )

    results.sort(key=lambda r: (-r.score, r.rank, r.title))
    return results
