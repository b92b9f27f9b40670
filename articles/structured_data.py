"""schema.org ``Legislation`` for the whole law and for each article, as JSON-LD.

The identifier is the law's official Chinese title (and, for an article, the Chinese way of
citing it, e.g. 中华人民共和国社会保险法第七十四条): it is the same in every language and
does not depend on this site's addresses.

What schema.org asks for, property by property:

- ``legislationLegalForce``: in force once ``in_force_on`` has come.
- ``legislationDate`` (adopted), ``legislationDateOfApplicability`` (in force from),
  ``legislationDateVersion`` (the amendment the text shows).
- The amendment itself: schema.org states a change from the changing act's side
  (``legislationAmends``, a kind of ``legislationChanges``), so the law's text, a
  consolidated version, ``legislationConsolidates`` the act as adopted and an amending act
  dated ``amended_on`` that amends it. (The amending decision is named in the law's own
  header; the site keeps only its date, so the object carries only that.)
- ``legislationLegalValue`` belongs to a ``LegislationObject``, the text as published: the
  page's ``encoding``. The Chinese is the official text, copied unchanged from the official
  database (``isBasedOn``): ``OfficialLegalValue``. The English is this site's own
  translation and has no legal force: ``UnofficialLegalValue``. No text here is
  ``AuthoritativeLegalValue``: that is for the official publication itself."""

from django.utils import timezone

from guide_site.structured_data import SCHEMA, language_tag, website

from .citations import cite
from .models import is_chinese


def _absolute(request, path):
    return request.build_absolute_uri(path)


def legal_value():
    """The standing of the text on this page (see the module docstring)."""
    return f"{SCHEMA}/" + ("OfficialLegalValue" if is_chinese() else "UnofficialLegalValue")


def _encoding(url):
    return {
        "@type": "LegislationObject",
        "contentUrl": url,
        "encodingFormat": "text/html",
        "inLanguage": language_tag(),
        "legislationLegalValue": legal_value(),
    }


def _common(law, url, law_url):
    """What the law and each of its articles share: dates, force, jurisdiction, language,
    the amendment, and the text on this page."""
    in_force = law.in_force_on <= timezone.localdate()
    data = {
        "legislationJurisdiction": "CN",
        "legislationDate": law.adopted_on.isoformat(),
        "legislationDateOfApplicability": law.in_force_on.isoformat(),
        "legislationLegalForce": f"{SCHEMA}/{'InForce' if in_force else 'NotInForce'}",
        "inLanguage": language_tag(),
        "encoding": _encoding(url),
    }
    if law.source_url and is_chinese():
        data["isBasedOn"] = law.source_url
    if law.amended_on:
        data["legislationDateVersion"] = law.amended_on.isoformat()
        data["legislationConsolidates"] = [
            {
                "@type": "Legislation",
                "legislationIdentifier": law_identifier(law),
                "legislationDate": law.adopted_on.isoformat(),
            },
            {
                "@type": "Legislation",
                "legislationDate": law.amended_on.isoformat(),
                "legislationAmends": {"@id": law_url},
            },
        ]
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
    url = _absolute(request, law.get_absolute_url())
    return {
        "@context": SCHEMA,
        **law_reference(request, law),
        "alternateName": law.short_title,
        "isPartOf": website(request),
        **_common(law, url, url),
    }


def _citations(article):
    citation = cite(article.law, article.number)
    return [citation.zh, citation.en]


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
        # How to cite it, as the page shows: in Chinese and in English.
        "alternateName": _citations(article),
        "isPartOf": law_reference(request, law),
        "sameAs": _absolute(request, article.get_law_url()),
        **_common(law, url, _absolute(request, law.get_absolute_url())),
    }
