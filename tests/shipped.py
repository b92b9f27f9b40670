"""What the shipped fixtures hold, read from fixtures/*.json, for tests that run against the
site as `make serve` serves it (the browser tests, the real servers) and must not restate
its content: which FAQ pages there are, what they cite, what the finder asks. When an editor
changes the content, these answers change with it and the tests follow.

Tests against the test database read the database instead, or build their own data
(``tests.factories``).
"""

import json
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@cache
def records(model):
    """The fields of every record of ``model`` ("channels.faqpage"), in fixture order."""
    found = []
    for path in sorted(FIXTURES.glob("*.json")):
        found += [r["fields"] for r in json.loads(path.read_text()) if r["model"] == model]
    return found


def count(model):
    return len(records(model))


def faq_pages():
    """The published FAQ pages' slugs, in the order the site lists them."""
    pages = [r for r in records("channels.faqpage") if r.get("status", "published") == "published"]
    return [r["slug"] for r in sorted(pages, key=lambda r: (r.get("order", 0), r["slug"]))]


def faq_page(caution=False):
    """The slug of a published FAQ page with (or without) a caution box, and citations;
    any published page when none is of that kind."""
    pages = {r["slug"]: r for r in records("channels.faqpage")}
    cited = {r["page"][0] for r in records("channels.citation")}
    for slug in faq_pages():
        if bool(pages[slug].get("caution_en")) == caution and slug in cited:
            return slug
    return faq_pages()[0]


def steps(slug):
    return [r for r in records("channels.step") if r["page"] == [slug]]


def citation(slug):
    """The citation of a FAQ page that names a paragraph of the latest article: (law slug,
    the anchor it links to, e.g. "article-74-4")."""
    cited = [r for r in records("channels.citation") if r["page"] == [slug]]
    paragraphs = [r for r in cited if r.get("paragraph_number")] or cited
    chosen = max(paragraphs, key=lambda r: r["article"][1])
    law, number = chosen["article"]
    parts = [f"article-{number}"]
    for key in ("paragraph_number", "item_number"):
        if chosen.get(key):
            parts.append(str(chosen[key]))
    return law, "-".join(parts)


def law():
    """(slug, number of articles) of the first law."""
    slug = records("articles.law")[0]["slug"]
    return slug, sum(1 for r in records("articles.article") if r["law"] == [slug])


def finder_questions(flow):
    """The slugs of the questions of one finder ("balance" or "activation"), in order."""
    asked = [r for r in records("channels.finderquestion") if r["flow"] == flow]
    return [r["slug"] for r in sorted(asked, key=lambda r: (r.get("order", 0), r["slug"]))]


def item_anchor():
    """(law slug, anchor) of the first item (项) of the law, e.g. "article-30-1-4"."""
    item = records("articles.item")[0]
    law, article, paragraph = item["paragraph"]
    return law, f"article-{article}-{paragraph}-{item['number']}"


def hotline():
    """(slug, English name) of the channel the home page offers as the quick answer: the
    first published channel with a phone number."""
    channels = [
        r
        for r in records("channels.channel")
        if r.get("phone") and r.get("status", "published") == "published"
    ]
    first = min(channels, key=lambda r: (r.get("order", 0), r["slug"]))
    return first["slug"], first["name_en"]


def question(slug, language="zh_hans"):
    return next(r for r in records("channels.faqpage") if r["slug"] == slug)[f"question_{language}"]


def journey():
    """The slug of the first shipped step-by-step journey."""
    return records("channels.journey")[0]["slug"]


def counter_sheet_pages():
    """The slugs of the published FAQ pages that offer a sheet for the counter."""
    pages = {r["slug"]: r for r in records("channels.faqpage")}
    return [slug for slug in faq_pages() if pages[slug].get("counter_sheet")]
