"""schema.org ``FAQPage`` for a FAQ page, as JSON-LD: the page's question, its short answer,
and the law the answer rests on. Each URL points at the anchor on the page where the thing
stands (#question, #short-answer), so a search result can link straight to it."""

from guide_site.markup import plain_text
from guide_site.structured_data import SCHEMA, language_tag


def faq_page(request, page):
    url = request.build_absolute_uri(page.get_absolute_url())
    answer = {
        "@type": "Answer",
        "url": f"{url}#short-answer",
        "text": plain_text(page.short_answer),
    }
    citations = [
        {
            "@type": "Legislation",
            "@id": request.build_absolute_uri(citation.get_law_url()),
            "name": citation.label,
        }
        for citation in page.citations.all()
    ]
    if citations:
        answer["citation"] = citations
    return {
        "@context": SCHEMA,
        "@type": "FAQPage",
        "@id": url,
        "url": url,
        "name": page.question,
        "inLanguage": language_tag(),
        "mainEntity": [
            {
                "@type": "Question",
                "@id": f"{url}#question",
                "url": f"{url}#question",
                "name": page.question,
                "acceptedAnswer": answer,
            }
        ],
    }
