"""Site search over the guide and the whole law, in both languages.

Chinese has no spaces between words, so matching is by substring (``icontains``), which
finds 激活 or 个人账户 without a word segmenter; space-separated words must all match.
The content is small (a few hundred rows), so candidates come from the database and are
ranked in Python: a match in a title counts ten times a match in the text.

Every kind of thing searched comes in ONE query, a UNION ALL of one SELECT per kind that
reads its rows into shared columns, so a search costs the same number of queries whatever
the content holds (one more for "第七十四条" or "Article 74"), compiled once per number of
terms. It reads the content tables themselves rather than a copy kept for search: nothing
to rebuild, so nothing can be stale after an edit, a revert, a fixture load or a bulk update.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.db import connections, router
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

from articles.models import Article, Item, Law, Paragraph, provision_label
from articles.numerals import from_chinese
from guide_site.languages import bcp47
from guide_site.markup import plain_text

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
    title_lang: str = ""  # set when the title is in the other language than the page's
    snippet_lang: str = ""  # the same for the snippet


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


# Where a snippet may start or end: after white space or punctuation, Chinese included.
BOUNDARY = re.compile(r"[\s,.;:!?，。；：、！？（）()“”]")
BOUNDARY_REACH = 20  # how far to look for one before cutting inside a word


def _cut_start(text, start):
    for i in range(start, max(0, start - BOUNDARY_REACH) - 1, -1):
        if i == 0 or BOUNDARY.match(text[i - 1]):
            return i
    return start


def _cut_end(text, end):
    for i in range(end, min(len(text), end + BOUNDARY_REACH) + 1):
        if i == len(text) or BOUNDARY.match(text[i]):
            return i
    return end


def snippet(text, terms):
    """A short stretch of text around the first match, cut at a word or phrase boundary,
    every match wrapped in <mark>."""
    if not text:
        return ""
    text = plain_text(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    first = pattern.search(text)
    start = _cut_start(text, max(0, first.start() - SNIPPET_RADIUS) if first else 0)
    width = 2 * SNIPPET_RADIUS + (first.end() - first.start() if first else 0)
    end = _cut_end(text, min(len(text), start + width))
    window = text[start:end].strip()
    parts, last = [], 0
    for match in pattern.finditer(window):
        parts.append(escape(window[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(window[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every piece escaped above


def _languages():
    current = get_language()
    return [current, *(code for code in settings.MODELTRANSLATION_LANGUAGES if code != current)]


def _best_text(obj, fields, terms):
    """(text, language): the first field with a match, in the page's language first, then
    the other one."""
    for language in _languages():
        for name in fields:
            text = getattr(obj, build_localized_fieldname(name, language)) or ""
            if _count(text, terms):
                return text, language
    return _in_language(obj, fields[0])


def _in_language(obj, name):
    """(text, language) of a field as the page shows it: its own language, or the other."""
    for language in _languages():
        text = getattr(obj, build_localized_fieldname(name, language)) or ""
        if text:
            return text, language
    return "", get_language()


def _other(language):
    """The lang attribute for text in ``language``: empty when it is the page's."""
    return "" if language == get_language() else bcp47(language)


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


# One query finds every kind of hit: a UNION ALL of one SELECT per kind, each reading its
# rows into the same columns (NULL where a kind has nothing to put). A hit's title field and
# the fields its snippet comes from go into hit_0 to hit_3, in both languages.
_LANGUAGES = settings.MODELTRANSLATION_LANGUAGES
_INT_COLUMNS = ["hit_kind", "hit_pk", "hit_order", "hit_article", "hit_paragraph", "hit_item"]
_COLUMNS = [
    *_INT_COLUMNS,
    "hit_slug",  # the thing's own slug; the law's for a paragraph or an item
    "hit_page",  # the first FAQ page that shows a channel or a method, if any
    *(f"hit_{n}_{code}" for n in range(4) for code in _LANGUAGES),
    *(f"hit_law_{code}" for code in _LANGUAGES),  # the law's short title
]
_NULL = {
    name: Cast(Value(None), IntegerField() if name in _INT_COLUMNS else TextField())
    for name in _COLUMNS
}
# Rows come out kind by kind, each kind in its model's own order, as separate queries gave
# them; the sort by score below keeps that order among equals.
_ORDER = ["hit_kind", "hit_order", "hit_slug", "hit_article", "hit_paragraph", "hit_item"]


@dataclass(frozen=True)
class _Kind:
    model: type
    label: str
    rank: int
    fields: tuple  # the title field, then the fields a snippet comes from


FAQ, CHANNEL, METHOD, DOCUMENT, PARAGRAPH, ITEM = range(6)
ROUTE_FIELDS = ("summary", "how", "where")
_KINDS = {
    FAQ: _Kind(FAQPage, _("Question"), 0, ("question", "short_answer", "body", "caution")),
    CHANNEL: _Kind(Channel, _("Way to check a balance"), 1, ("name", *ROUTE_FIELDS)),
    METHOD: _Kind(ActivationMethod, _("Way to activate a card"), 1, ("name", *ROUTE_FIELDS)),
    DOCUMENT: _Kind(Document, _("What to bring"), 2, ("name", "description")),
    PARAGRAPH: _Kind(Paragraph, _("The law"), 3, ("text",)),
    ITEM: _Kind(Item, _("The law"), 3, ("text",)),
}


def _texts(fields):
    return {
        f"hit_{n}_{code}": F(build_localized_fieldname(name, code))
        for n, name in enumerate(fields)
        for code in _LANGUAGES
    }


def _hits(kind, queryset, **columns):
    """One SELECT of the union: the matching rows of ``queryset`` as the shared columns."""
    select = {**_NULL, "hit_kind": Value(kind), "hit_pk": F("pk"), **columns}
    # Every column is named in both languages here: nothing for modeltranslation to rewrite.
    return queryset.rewrite(False).order_by().values(**{name: select[name] for name in _COLUMNS})


def _first(queryset, count):
    """The first ``count`` rows of ``queryset`` in its own order, as a filter a part of a
    UNION can take (SQLite refuses LIMIT in the parts, not in their subqueries)."""
    return queryset.model.objects.filter(pk__in=queryset.values("pk")[:count])


def _union(terms):
    """Every published thing and every provision of the law that matches all terms."""
    guide = {"hit_order": F("order"), "hit_slug": F("slug")}
    parts = [
        _hits(
            FAQ,
            FAQPage.objects.published().filter(
                _matches(["question", "short_answer", "body", "caution", "steps_heading"], terms)
            ),
            **guide,
            **_texts(_KINDS[FAQ].fields),
        ),
        _hits(
            DOCUMENT,
            Document.objects.filter(_matches(["name", "description"], terms)),
            **guide,
            **_texts(_KINDS[DOCUMENT].fields),
        ),
    ]
    for kind, relation in ((CHANNEL, "channel"), (METHOD, "method")):
        model = _KINDS[kind].model
        # The reader is sent to the way inside its FAQ page, where the steps are.
        first_page = (
            Step.objects.published().filter(**{relation: OuterRef("pk")}).values("page__slug")
        )
        parts.append(
            _hits(
                kind,
                model.objects.published().filter(_matches(["name", *ROUTE_FIELDS], terms)),
                **guide,
                hit_page=Subquery(first_page[:1]),
                **_texts(_KINDS[kind].fields),
            )
        )
    for kind, to_article in ((PARAGRAPH, "article__"), (ITEM, "paragraph__article__")):
        model = _KINDS[kind].model
        provisions = _first(model.objects.filter(_matches(["text"], terms)), MAX_RESULTS)
        numbers = {"hit_article": F(f"{to_article}number"), "hit_paragraph": F("number")}
        if kind == ITEM:
            numbers.update(hit_paragraph=F("paragraph__number"), hit_item=F("number"))
        law_title = {
            f"hit_law_{code}": F(build_localized_fieldname(f"{to_article}law__short_title", code))
            for code in _LANGUAGES
        }
        parts.append(
            _hits(
                kind,
                provisions,
                hit_slug=F(f"{to_article}law__slug"),
                **numbers,
                **law_title,
                **_texts(_KINDS[kind].fields),
            )
        )
    first, *others = parts
    return first.union(*others, all=True).order_by(*_ORDER)


# Building and compiling that query costs ten times more than running it, and its SQL
# depends only on how many terms there are; so it is compiled once per number of terms, with
# a placeholder for each term, and each search puts its own terms in the parameters. The
# placeholders are private-use characters, which clean_query() drops from every query.
_PLACEHOLDER = re.compile("\ue000([0-9]+)\ue000")
_plans = {}


def _plan(count):
    database = router.db_for_read(FAQPage)
    key = (database, count)
    if key not in _plans:
        queryset = _union([f"\ue000{n}\ue000" for n in range(count)])
        _plans[key] = (database, *queryset.query.get_compiler(database).as_sql())
    return _plans[key]


def _sql(terms):
    """The union's SQL and its parameters for these terms: what compiling _union(terms)
    gives, without the cost."""
    database, sql, params = _plan(len(terms))
    # As Django's icontains does: each term escaped for LIKE (inside its "%…%").
    escaped = [connections[database].ops.prep_for_like_query(term) for term in terms]
    params = [
        _PLACEHOLDER.sub(lambda match: escaped[int(match[1])], p) if isinstance(p, str) else p
        for p in params
    ]
    return database, sql, params


def _candidates(terms):
    database, sql, params = _sql(terms)
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _fields(row, fields):
    """What _texts() selected, under the model's own field names."""
    return {
        build_localized_fieldname(name, code): row[f"hit_{n}_{code}"]
        for n, name in enumerate(fields)
        for code in _LANGUAGES
    }


def _instance(kind, row, articles):
    """The model instance a row stands for, holding what its result needs, so that titles,
    the fallback to the other language, anchors and addresses all come from the models.
    ``articles`` keeps one Article (with its Law) for all its paragraphs and items."""
    if kind in (PARAGRAPH, ITEM):
        key = (row["hit_slug"], row["hit_article"])
        if key not in articles:
            short_title = {
                build_localized_fieldname("short_title", code): row[f"hit_law_{code}"]
                for code in _LANGUAGES
            }
            law = Law(slug=row["hit_slug"], **short_title)
            articles[key] = Article(number=row["hit_article"], law=law)
        text = _fields(row, ["text"])
        if kind == PARAGRAPH:
            return Paragraph(number=row["hit_paragraph"], article=articles[key], **text)
        paragraph = Paragraph(number=row["hit_paragraph"], article=articles[key])
        return Item(number=row["hit_item"], paragraph=paragraph, **text)
    model = _KINDS[kind].model
    return model(pk=row["hit_pk"], slug=row["hit_slug"], **_fields(row, _KINDS[kind].fields))


def _result(row, terms, query, articles):
    kind = row["hit_kind"]
    obj = _instance(kind, row, articles)
    label, rank = _KINDS[kind].label, _KINDS[kind].rank
    if kind in (PARAGRAPH, ITEM):
        paragraph = obj if kind == PARAGRAPH else obj.paragraph
        item_number = obj.number if kind == ITEM else None
        text, language = _best_text(obj, ["text"], terms)
        return Result(
            label,
            provision_label(paragraph.article, paragraph.number, item_number),
            f"{paragraph.article.get_absolute_url()}#{obj.anchor}",
            snippet(text, terms),
            _count(_text(obj, "text"), terms),
            rank,
            snippet_lang=_other(language),
        )
    title_field, *fields = _KINDS[kind].fields
    url = obj.get_absolute_url()
    if row["hit_page"]:
        # A channel or method: send the reader to it inside its FAQ page, where the steps are.
        url = f"{FAQPage(slug=row['hit_page']).get_absolute_url()}#{obj.anchor}"
    title, title_language = _in_language(obj, title_field)
    text, language = _best_text(obj, fields, terms)
    return Result(
        label,
        title,
        url,
        snippet(text, terms),
        _score(obj, title_field, fields, terms, query),
        rank,
        title_lang=_other(title_language),
        snippet_lang=_other(language),
    )


def search(query):
    terms = terms_of(query)
    if not terms:
        return []
    articles = {}
    results = [_result(row, terms, query, articles) for row in _candidates(terms)]
    article = _article_by_number(query)
    if article:
        law = _KINDS[PARAGRAPH]
        results.append(
            Result(law.label, provision_label(article), article.get_absolute_url(), "", 1000, 3)
        )
    results.sort(key=lambda r: (-r.score, r.rank, r.title))
    return results
