"""The one list of page types that the browser, accessibility and validity tests walk.

Each entry is one kind of page a reader meets; a new kind of page (the channel finder,
search, the feedback form…) is covered by every check once it has a line here. Paths are
given without the language prefix: every page type is checked in both languages. The pages
are those of the shipped content (``tests.shipped`` reads which there are), as `make serve`
serves it.
"""

from dataclasses import dataclass

from tests import shipped

LANGUAGES = ("zh-hans", "en")
# The normal pages and the large-text mode (长辈版, guide_site/largetext.py) under /large/.
MODES = ("normal", "large")


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # after /<language>/
    status: int = 200

    def url(self, base, language, mode="normal"):
        prefix = "/large" if mode == "large" else ""
        return f"{base}{prefix}/{language}/{self.path}"

    def __str__(self):
        return self.name


LAW, ARTICLES = shipped.law()
FAQ = shipped.faq_page(caution=False)
FAQ_CAUTION = shipped.faq_page(caution=True)
# The FAQ page's first citation of a paragraph: its article has a "Cited by" section.
CITED_LAW, CITED_ANCHOR = shipped.citation(FAQ)
CITED_ARTICLE = int(CITED_ANCHOR.split("-")[1])
# An item (项) of the law: the deepest anchor.
ITEM_LAW, ITEM_ANCHOR = shipped.item_anchor()
# Every question of the balance finder answered, yes and no in turn.
FINDER_ANSWERS = "&".join(
    f"{slug}={('yes', 'no')[n % 2]}" for n, slug in enumerate(shipped.finder_questions("balance"))
)
FIRST_ACTIVATION_QUESTION = shipped.finder_questions("activation")[0]
JOURNEY = shipped.journey()
COUNTER_SHEET_FAQS = shipped.counter_sheet_pages()
COUNTER_SHEET_FAQ = COUNTER_SHEET_FAQS[0]

PAGE_TYPES = [
    PageType("home", ""),
    PageType("faq", f"questions/{FAQ}/"),
    # The same template with a caution box and no Chinese-terms table in Chinese.
    PageType("faq-caution", f"questions/{FAQ_CAUTION}/"),
    PageType("journey", f"step-by-step/{JOURNEY}/"),
    PageType("counter-sheet", f"questions/{COUNTER_SHEET_FAQ}/counter-sheet/"),
    PageType("ways", "ways/"),
    PageType("documents", "documents/"),
    PageType("sources", "sources/"),
    PageType("law-list", "law/"),
    PageType("law", f"law/{LAW}/"),
    PageType("article", f"law/{CITED_LAW}/article/{CITED_ARTICLE}/"),
    PageType("not-found", f"law/{LAW}/article/{ARTICLES + 1}/", status=404),
    PageType("finder", "finder/balance/"),
    PageType("finder-result", f"finder/balance/result/?{FINDER_ANSWERS}"),
    # A tampered query string: the questions again with an error summary.
    PageType(
        "finder-errors", f"finder/activation/result/?{FIRST_ACTIVATION_QUESTION}=maybe", status=400
    ),
    PageType("search", "search/?q=%E6%BF%80%E6%B4%BB"),  # 激活 (activate)
    PageType("search-empty", "search/"),
    PageType("feedback-problem", "feedback/problem/?page=/en/"),
    PageType("feedback-thanks", "feedback/thanks/?page=/en/"),
]

# Every page type in every language, for pytest.mark.parametrize.
PAGES_BY_LANGUAGE = [(page_type, language) for page_type in PAGE_TYPES for language in LANGUAGES]
PAGE_IDS = [f"{page_type.name}-{language}" for page_type, language in PAGES_BY_LANGUAGE]

# The same in both text sizes, for the accessibility tests.
PAGES_BY_MODE = [(t, language, mode) for mode in MODES for t, language in PAGES_BY_LANGUAGE]
PAGE_MODE_IDS = [f"{t.name}-{language}-{mode}" for t, language, mode in PAGES_BY_MODE]
