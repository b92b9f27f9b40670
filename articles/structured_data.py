"""schema.org ``Legislation`` for the whole law and for each article, as JSON-LD.

The identifier is the law's official Chinese title (and, for an article, the Chinese way of
citing it, e.g. 中华人民共和国社会保险法第七十四条): it is the same in every language and
does not depend on this site's addresses. The page language decides ``inLanguage`` and
whether the text is authoritative (Chinese) or our unofficial translation (English)."""

from django.utils import timezone

from guide_site.structured_data import SCHEMA, language_tag, website

from .models import is_chinese


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _common(law):
    """What the law and each of its articles share: dates, force, jurisdiction, language."""
    in_force = law.in_force_on <= timezone.localdate()
    data = {
        "legislationJurisdiction": "CN",
        "legislationDate": law.adopted_on.isoformat(),
        "legislationLegalForce": f"{SCHEMA}/{'InForce' if in_force else 'NotInForce'}",
        "legislationLegalValue": f"{SCHEMA}/"
        + ("AuthoritativeLegalValue" if is_chinese() else "UnofficialLegalValue"),
        "inLanguage": language_tag(),
    }
    if law.amended_on:
        data["legislationDateVersion"] = law.amended_on.isoformat()
    return data


def law_identifier(law):
    return law.title_zh_hans


def article_identifier(article):
    return f"{law_identifier(article.law)}{article.label_zh}"


def law_reference(request, law):
    url = _absolute(request, law.get_absolute_url())
    return {
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": law.title,
        "legislationIdentifier": law_identifier(law),
    }


def legislation(request, law):
    """The whole law, as published on this site."""
    return {
        "@context": SCHEMA,
        **law_reference(request, law),
        "alternateName": law.short_title,
        "isPartOf": website(request),
        **_common(law),
    }


def article_legislation(request, article):
    """One article, on its own page; it is part of the law and the same provision as its
    anchor in the whole law."""
    law = article.law
    url = _absolute(request, article.get_absolute_url())
    return {
        "@context": SCHEMA,
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": f"{law.short_title} {article.label}",
        "legislationIdentifier": article_identifier(article),
        "isPartOf": law_reference(request, law),
        "sameAs": _absolute(request, article.get_law_url()),
        **_common(law),
    }
